from django.core.management.base import BaseCommand

from learning.site_setup import ensure_site_pages


class Command(BaseCommand):
    help = "Create the home page, accessibility statement and privacy notice if missing."

    def handle(self, *args, **options) -> None:
        home = ensure_site_pages()
        self.stdout.write(self.style.SUCCESS(f"Site ready: home page “{home.title}”."))
