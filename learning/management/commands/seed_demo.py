"""Load the demo partnership and content. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail import hooks

from learning.demo.editorial import seed_editorial_demo
from learning.demo.learning_activity import seed_learning_activity
from learning.demo.partnership import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_partnership
from learning.editorial import ensure_editorial_workflow
from learning.site_setup import ensure_site_pages


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

    def handle(self, *args, **options) -> None:
        # Privileged demo accounts with a known password and second factor would be a
        # way in to a real deployment.
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with "
                "DJANGO_DEBUG=1 (or --allow-without-debug on a demonstration server)."
            )
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
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        if not settings.DEBUG:
            self.stdout.write("Sign-in details are printed only when DJANGO_DEBUG=1.")
            return
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})")
        for person, user in seeded:
            self.stdout.write(f"  {person.role.value:<20} {user.email}")
        self.stdout.write(
            "Organisation lead, SAB editor, SAB manager and administrator also need a code "
            f"from an authenticator app set up with the key {DEMO_TOTP_SECRET}.\n"
        )
