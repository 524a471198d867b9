from django.core.management.base import BaseCommand

from learning.editorial import ensure_editorial_workflow
from learning.site_setup import ensure_site_pages


class Command(BaseCommand):
    help = (
        "Create the home page, accessibility statement, privacy notice and editorial "
        "workflow if missing."
    )

    def handle(self, *args, **options) -> None:
        home = ensure_site_pages()
        workflow = ensure_editorial_workflow()
        self.stdout.write(
            self.style.SUCCESS(
                f"Site ready: home page “{home.title}”, editorial workflow “{workflow.name}”."
            )
        )
