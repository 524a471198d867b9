"""The site shell: the home page and plain information pages."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="What the hub is, for visitors who have not signed in.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        # Imported here: these modules import the models package this module is part of.
        from learning.next_steps import next_steps_for
        from learning.personal_cache.values import personal_value
        from learning.search import home_page_lists
        from learning.shared_cache.values import shared_value

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        if user.is_authenticated:
            # Built from the person's own records, roles and content only: kept until
            # one of those changes or the day turns (learning.personal_cache).
            context["next_steps"] = personal_value(
                "home:next-steps", user, lambda: next_steps_for(user)
            )
        # The same lists for every visitor, built once per content version; each
        # person's marks on the cards are added as the cards are drawn.
        context.update(shared_value("home:lists", home_page_lists))
        return context


class InformationPage(Page):
    """Accessibility statement, privacy notice and other plain pages."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    shows_privacy_details = models.BooleanField(
        "show the hub's privacy details",
        default=False,
        help_text="After the text: what the hub holds, who can see it, how long each "
        "organisation keeps it and how to ask for a copy or erasure, always as currently "
        "configured.",
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("shows_privacy_details")]

    parent_page_types = ["learning.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.shows_privacy_details:
            # Imported here: learning.privacy.notice imports this models package.
            from learning.privacy.notice import privacy_details

            context["privacy"] = privacy_details()
        return context
