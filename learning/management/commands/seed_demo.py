"""Load the demo partnership and content. Idempotent: a second run changes nothing."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from wagtail import hooks

from learning.demo.editorial import seed_editorial_demo
from learning.demo.learning_activity import seed_learning_activity
from learning.demo.partnership import seed_partnership
from learning.demo.sign_ins import demo_sign_in_text
from learning.editorial import ensure_editorial_workflow
from learning.site_setup import ensure_site_pages


@contextmanager
def _quietly() -> Iterator[None]:
    """Seeding publishes dozens of pages through the review workflow: Wagtail would log
    each step and email the demo moderators, burying the sign-ins a newcomer needs.
    The demo addresses are not real, so those emails go nowhere."""
    wagtail_log = logging.getLogger("wagtail")
    level = wagtail_log.level
    wagtail_log.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        wagtail_log.setLevel(level)


class Command(BaseCommand):
    help = "Load demo organisations, users for every role and demo learning content."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help=(
                "Seed even though DJANGO_DEBUG is off, for a demonstration server. Never on "
                "a real deployment: the demo users have a published password and TOTP key."
            ),
        )
        parser.add_argument(
            "--no-sign-ins",
            action="store_true",
            help="Do not print the demo sign-ins (`make run` prints them after the server starts).",
        )

    def handle(self, *args, **options) -> None:
        # Privileged demo accounts with a known password and second factor would be a
        # way in to a real deployment.
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with "
                "DJANGO_DEBUG=1 (or --allow-without-debug on a demonstration server)."
            )
        with _quietly():
            self._seed()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        if not settings.DEBUG:
            self.stdout.write("Sign-in details are printed only when DJANGO_DEBUG=1.")
        elif not options["no_sign_ins"]:
            self.stdout.write(demo_sign_in_text())

    def _seed(self) -> None:
        home = ensure_site_pages()
        seeded = seed_partnership()
        # Before the content: demo pages are submitted by the demo SAB editor and
        # approved by the demo SAB manager through the SAB review workflow.
        ensure_editorial_workflow()
        # Content apps add their demo content through this hook, so learning/ never
        # imports them.
        for seeder in hooks.get_hooks("register_demo_content"):
            seeder(home=home)
        # After the content: one page overdue for review and one change awaiting approval.
        seed_editorial_demo()
        # After the content too: required learning of demo pages, and staff who did it.
        staff = seed_learning_activity(
            demo_users={person.local_part: user for person, user in seeded}
        )
        # After the staff: content apps add what the demo staff did with their content
        # (knowledge-check attempts) through this hook. The staff are passed only on the
        # run that made them, so a second run adds nothing.
        for seeder in hooks.get_hooks("register_demo_activity"):
            seeder(people=staff)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
