#!/usr/bin/env python
"""Django's command-line utility for the Safeguarding Learning Hub."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from learning.environment import ConfigurationError

    try:
        # Load settings now: Django would otherwise hide the one-line reason behind
        # its own traceback, or swallow it and fail later with another.
        settings.INSTALLED_APPS  # noqa: B018
    except ConfigurationError as error:
        error.exit()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
