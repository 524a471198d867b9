"""Wagtail admin screens for the partnership (organisations, teams, people,
invitations) and the taxonomy snippets."""

from __future__ import annotations

from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.models import AbuseType, Invitation, Organisation, Principle, Profile, Team, ThemeTag


class OrganisationViewSet(ModelViewSet):
    name = "organisations"
    model = Organisation
    icon = "site"
    list_display = ["name", "type"]
    list_filter = ["type"]
    search_fields = ["name"]
    copy_view_enabled = False


class TeamViewSet(ModelViewSet):
    name = "teams"
    model = Team
    icon = "group"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    copy_view_enabled = False


class PersonViewSet(ModelViewSet):
    """Profiles are made when a person joins (or an administrator adds a user), so
    this screen edits them; accounts are switched off in Users, never deleted."""

    name = "people"
    model = Profile
    icon = "user"
    menu_label = "People"
    list_display = ["user", "organisation", "team", "job_title"]
    list_filter = ["organisation", "registration_body"]
    search_fields = ["job_title", "user__email", "user__first_name", "user__last_name"]
    copy_view_enabled = False


class InvitationViewSet(ModelViewSet):
    name = "invitations"
    model = Invitation
    icon = "mail"
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["email"]
    form_fields = ["email", "organisation", "team", "role", "expires_at"]
    copy_view_enabled = False


class PartnershipViewSetGroup(ModelViewSetGroup):
    menu_label = "Partnership"
    menu_icon = "site"
    menu_order = 250
    items = (OrganisationViewSet, TeamViewSet, PersonViewSet, InvitationViewSet)


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "pick"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order"]
    copy_view_enabled = False


class AbuseTypeViewSet(SnippetViewSet):
    model = AbuseType
    icon = "warning"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order"]
    copy_view_enabled = False


class ThemeViewSet(SnippetViewSet):
    model = ThemeTag
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 260
    items = (PrincipleViewSet, AbuseTypeViewSet, ThemeViewSet)
