"""Words practitioners type that the content spells another way (SAR for Safeguarding
Adults Review). The board keeps the list as a snippet; search expands a query with it."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel


class SearchSynonym(models.Model):
    term = models.CharField(
        max_length=100,
        unique=True,
        help_text="What people type, for example SAR or DoLS. Case does not matter.",
    )
    also_search_for = models.TextField(
        max_length=1000,
        help_text="What the hub also looks for, one phrase per line, for example "
        "Safeguarding Adults Review.",
    )

    panels = [FieldPanel("term"), FieldPanel("also_search_for")]

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        self.term = " ".join((self.term or "").split())
        lines = [" ".join(line.split()) for line in (self.also_search_for or "").splitlines()]
        self.also_search_for = "\n".join(line for line in lines if line)

    @property
    def phrases(self) -> list[str]:
        return [line for line in self.also_search_for.splitlines() if line.strip()]
