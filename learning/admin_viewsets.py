"""Wagtail admin screens for the partnership (organisations, teams, people,
invitations), single sign-on, and the taxonomy snippets."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from django import forms
from django.core.validators import validate_slug
from django.forms.models import modelform_factory
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.accounts import membership
from learning.models import AbuseType, Invitation, Organisation, Principle, Profile, Team, ThemeTag
from learning.roles import Role


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


class InvitationCreateView(CreateView):
    """Sends the invitation exactly as the organisation lead's invitation page does,
    so the invitee gets the emailed link that is the only way to use it."""

    success_message = "Invitation sent to %(object)s."

    def save_instance(self) -> Invitation:
        data = self.form.cleaned_data
        return membership.invitation_create(
            invited_by=self.request.user,
            email=data["email"],
            organisation=data["organisation"],
            team=data["team"],
            role=Role(data["role"]),
            accept_url_base=self.request.build_absolute_uri("/"),
        )

    def get_success_message(self, instance: Invitation) -> str:
        return self.success_message % {"object": instance.email}


class InvitationViewSet(ModelViewSet):
    name = "invitations"
    model = Invitation
    icon = "mail"
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["email"]
    add_view_class = InvitationCreateView
    # A new invitation lasts the 14 days its email promises; an administrator may
    # extend or shorten one that has been sent.
    form_fields = ["email", "organisation", "team", "role"]
    edit_form_fields = ["organisation", "team", "role", "expires_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        # The address is fixed once sent: the emailed link is the proof of it.
        return modelform_factory(
            self.model,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.edit_form_fields if for_update else self.form_fields,
        )


class PartnershipViewSetGroup(ModelViewSetGroup):
    menu_label = "Partnership"
    menu_icon = "site"
    menu_order = 250
    items = (OrganisationViewSet, TeamViewSet, PersonViewSet, InvitationViewSet)


class IdentityProviderForm(WagtailAdminModelForm):
    """An OpenID Connect identity provider (allauth's SocialApp with the openid_connect
    provider), with its discovery address as a field of its own rather than JSON."""

    server_url = forms.URLField(
        label="Server URL",
        assume_scheme="https",
        help_text=(
            "The issuer address. For Microsoft Entra ID: "
            "https://login.microsoftonline.com/<directory (tenant) ID>/v2.0"
        ),
    )

    class Meta:
        model = SocialApp
        fields = ["name", "provider_id", "client_id", "secret"]
        labels = {"provider_id": "Provider ID", "client_id": "Client ID", "secret": "Client secret"}
        help_texts = {
            "name": "Shown on the sign-in button, for example “Northmoor Council staff”.",
            "provider_id": (
                "Letters, numbers and hyphens, for example “northmoor-entra”. Register "
                "https://<this site>/accounts/oidc/<provider ID>/login/callback/ as the "
                "redirect URI with the identity provider."
            ),
            "client_id": "The application (client) ID the identity provider gave you.",
            "secret": "When editing, leave blank to keep the current secret.",
        }
        # The secret is never sent back to the browser once saved.
        widgets = {"secret": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider_id"].required = True
        self.fields["provider_id"].validators.append(validate_slug)
        self.fields["secret"].required = self.instance.pk is None
        self.initial.setdefault("server_url", (self.instance.settings or {}).get("server_url"))

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"] or self.instance.secret

    def save(self, commit: bool = True) -> SocialApp:
        app = super().save(commit=False)
        app.provider = "openid_connect"
        app.settings = {**(app.settings or {}), "server_url": self.cleaned_data["server_url"]}
        if commit:
            app.save()
        return app


class IdentityProviderViewSet(ModelViewSet):
    """Single sign-on with an organisation's identity provider, for site administrators
    (allauth reads these alongside any provider configured in settings)."""

    name = "identity-providers"
    model = SocialApp
    icon = "key"
    menu_label = "Single sign-on"
    add_to_settings_menu = True
    list_display = ["name", "provider_id", "client_id"]
    search_fields = ["name", "provider_id"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("provider_id"),
            FieldPanel("server_url"),
            FieldPanel("client_id"),
            FieldPanel("secret"),
        ],
        base_form_class=IdentityProviderForm,
    )


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
