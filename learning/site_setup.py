"""The pages every hub needs, demo or not: the home page, the accessibility statement
and the privacy notice. Run by `manage.py setup_site` and by `seed_demo`."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from learning import site_text
from learning.models import HomePage, InformationPage

# (slug, title, body, whether the hub's privacy details follow the body)
INFORMATION_PAGES = (
    (
        "accessibility-statement",
        "Accessibility statement",
        site_text.ACCESSIBILITY_STATEMENT,
        False,
    ),
    ("privacy-notice", "Privacy notice", site_text.PRIVACY_NOTICE, True),
)


def _publish(page: Page) -> None:
    page.save_revision().publish()


@transaction.atomic
def ensure_site_pages() -> HomePage:
    """Idempotent: creates what is missing and never overwrites an editor's changes."""
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations leave a placeholder "Welcome" page at the top of the tree.
        for placeholder in root.get_children().filter(slug="home"):
            placeholder.delete()
        home = HomePage(title="Safeguarding Learning Hub", slug="home", intro=site_text.HOME_INTRO)
        root.add_child(instance=home)
        _publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "Safeguarding Learning Hub",
            "root_page": home,
        },
    )
    for slug, title, body, shows_privacy_details in INFORMATION_PAGES:
        if not home.get_children().filter(slug=slug).exists():
            page = InformationPage(
                title=title, slug=slug, body=body, shows_privacy_details=shows_privacy_details
            )
            home.add_child(instance=page)
            _publish(page)
    return home
