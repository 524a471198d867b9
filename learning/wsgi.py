"""WSGI entry point: `gunicorn learning.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from learning.environment import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")

try:
    application = get_wsgi_application()
except ConfigurationError as error:
    error.exit()
