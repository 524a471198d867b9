"""ASGI entry point: `gunicorn learning.asgi`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")

application = get_asgi_application()
