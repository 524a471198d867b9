"""A person's own data: my-data/ (the subject access download)."""

from __future__ import annotations

urlpatterns: list = []
