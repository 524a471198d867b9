"""The shared vocabulary: the six safeguarding principles, the types of abuse and
neglect, and free theme tags. Principles and abuse types are seeded by migration and
editable as snippets; themes are created as editors tag content."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Principle(index.Indexed, models.Model):
    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    i_statement = models.TextField(
        "“I” statement", help_text="What the principle means, in the words of the adult."
    )
    meaning = models.TextField(
        "what it means in practice", help_text="A short paragraph for practitioners."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("i_statement"),
        FieldPanel("meaning"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("meaning")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("principle_detail", kwargs={"slug": self.slug})


class AbuseType(index.Indexed, models.Model):
    """A type of abuse or neglect named in the Care and Support Statutory Guidance."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "type of abuse or neglect"
        verbose_name_plural = "types of abuse and neglect"

    def __str__(self) -> str:
        return self.name


class ThemeTag(TagBase):
    """A free theme tag (professional curiosity, hoarding, mental capacity, ...), kept
    apart from other tags so that theme filters list only themes."""

    free_tagging = True

    class Meta:
        verbose_name = "theme"
        verbose_name_plural = "themes"
        ordering = ["name"]
