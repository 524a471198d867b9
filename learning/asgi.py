"""ASGI entry point: `gunicorn learning.asgi`."""

import os

from django.core.asgi import get_asgi_application

from learning.environment import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")

try:
    application = get_asgi_application()
except ConfigurationError as error:
    error.exit()
