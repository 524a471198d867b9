"""Django's development server (with static files), which can print the demo sign-ins
under its own banner, so that after `make run` they are the last thing on screen."""

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticFilesRunserver,
)
from django.core.management.base import CommandParser

from learning.demo.sign_ins import demo_sign_in_text


class Command(StaticFilesRunserver):
    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--demo-sign-ins",
            action="store_true",
            help="After starting, print the demo users' sign-ins (DJANGO_DEBUG=1 only).",
        )

    def handle(self, *args, **options) -> None:
        self.demo_sign_ins = options["demo_sign_ins"] and settings.DEBUG
        super().handle(*args, **options)

    def on_bind(self, server_port: int) -> None:
        super().on_bind(server_port)
        if self.demo_sign_ins:
            self.stdout.write(demo_sign_in_text())
