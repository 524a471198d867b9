"""Wagtail admin screens for the partnership (organisations, teams, people,
invitations), single sign-on, and the taxonomy snippets."""

from __future__ import annotations

from collections import Counter

import django_filters
from allauth.socialaccount.models import SocialApp
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.forms.models import modelform_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.accounts import invitation_admin, membership
from learning.accounts.admin_users import audit_person_opened
from learning.accounts.mfa import PROVIDER_ENFORCES_MFA_SETTING
from learning.audit.receivers import account_changes_as_one_entry
from learning.models import AbuseType, Invitation, Organisation, Principle, Profile, Team, ThemeTag
from learning.roles import Role


class RefusingProtectedDeleteView(DeleteView):
    """Wagtail's delete view, refusing with a message that says why, rather than a 500
    or a bare "permission denied", to delete something that other records still point
    to with on_delete=PROTECT (an organisation that still has teams or people).

    Wagtail's own check goes by its reference index and answers "Sorry, you do not have
    permission"; the index also misses rows changed without their save signals (queryset
    updates, data migrations), and then the delete itself fails. So the database's own
    rules are asked first, as the delete would ask them."""

    def form_valid(self, form):
        try:
            Collector(using=router.db_for_write(self.model)).collect([self.object])
            return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            messages.error(self.request, deletion_refusal(self.object, error))
            if self.edit_url_name:
                return redirect(reverse(self.edit_url_name, args=(quote(self.object.pk),)))
            return redirect(reverse(self.index_url_name))


def deletion_refusal(instance: object, error: ProtectedError | RestrictedError) -> str:
    """What to tell the administrator: which records still refer to `instance`, counted
    by kind ("3 people, 1 team")."""
    blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    counts: Counter[tuple[str, str]] = Counter(
        (str(row._meta.verbose_name), str(row._meta.verbose_name_plural)) for row in blocking
    )
    listed = ", ".join(
        f"{count} {singular if count == 1 else plural}"
        for (singular, plural), count in counts.items()
    )
    return (
        f"“{instance}” was not deleted, because other records still refer to it"
        f"{': ' + listed if listed else ''}. Move them elsewhere or delete them first."
    )


class HubModelViewSet(ModelViewSet):
    """The hub's admin screens search the database's own rows with a plain "contains"
    on their search_fields (Wagtail's fallback when search_backend_name is empty), so
    related fields (user__email) and parts of words are found. Through the search
    backend, fields named on the view must be indexed on the model under that exact name,
    and the SQLite backend failed on a search limited to a field ("no such column"),
    so People, Organisations and Teams answered every search with a 500."""

    search_backend_name = None


class OrganisationViewSet(HubModelViewSet):
    name = "organisations"
    model = Organisation
    icon = "site"
    list_display = ["name", "type"]
    list_filter = ["type"]
    search_fields = ["name"]
    copy_view_enabled = False
    delete_view_class = RefusingProtectedDeleteView


class TeamViewSet(HubModelViewSet):
    name = "teams"
    model = Team
    icon = "group"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    copy_view_enabled = False
    delete_view_class = RefusingProtectedDeleteView


PEOPLE_ARE_NOT_ADDED_HERE = (
    "People are added by sending them an invitation (Partnership, then Invitations) or "
    "by adding a user (Settings, then Users), which gives them a profile to edit here."
)


class _NobodyAddsPolicy(ModelPermissionPolicy):
    """Model permissions without "add", for superusers too: a profile belongs to an
    account, and is made with it, so there is nothing to add one from."""

    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


class PersonCreateView(CreateView):
    """Refuses with a message: the form has no account to attach a profile to (its user
    field is read-only), so saving one could only fail."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        messages.error(request, PEOPLE_ARE_NOT_ADDED_HERE)
        return redirect(self.index_url_name)


def _roles_of(profile: Profile) -> str:
    # From the prefetched groups: no query per row.
    roles = {str(role) for role in Role}
    return ", ".join(sorted(g.name for g in profile.user.groups.all() if g.name in roles)) or "None"


def _active_of(profile: Profile) -> str:
    return "Active" if profile.user.is_active else "Inactive"


class PersonFilterSet(WagtailFilterSet):
    """Filters for the People listing. Everyone is listed by default, inactive people
    too: an administrator looks someone up to reactivate them or to see where a leaver
    was, and a default that hid them would make them look deleted. The "Active" filter
    narrows the list, and the column shows each person's state."""

    role = django_filters.ModelChoiceFilter(
        field_name="user__groups",
        label="Role",
        queryset=Group.objects.filter(name__in=[str(role) for role in Role]).order_by("name"),
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.order_by("name"), label="Organisation"
    )
    team = django_filters.ModelChoiceFilter(
        queryset=Team.objects.select_related("organisation").order_by("organisation__name", "name"),
        label="Team",
    )
    active = django_filters.BooleanFilter(
        field_name="user__is_active", label="Active", widget=BooleanRadioSelect
    )

    class Meta:
        model = Profile
        fields = ["registration_body"]


class PersonIndexView(IndexView):
    def get_base_queryset(self):
        # Name, role, organisation, team and state of each row in a fixed number of
        # queries, however many people are listed.
        return (
            super()
            .get_base_queryset()
            .select_related("user", "organisation", "team")
            .prefetch_related("user__groups")
        )


class PersonEditView(EditView):
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # The template renders after this returns, so the entry is written first.
        response = super().get(request, *args, **kwargs)
        audit_person_opened(request, self.object.user)
        return response

    def form_invalid(self, form) -> HttpResponse:
        # The form shown again with its errors shows the person's details again too.
        audit_person_opened(self.request, self.object.user)
        return super().form_invalid(form)

    def save_instance(self) -> Profile:
        # Saving the supervisors removes the old and adds the new in two steps: one
        # audit entry says both (learning.audit.receivers). Called inside the view's
        # transaction, so an entry that cannot be written undoes the save.
        with account_changes_as_one_entry():
            return super().save_instance()


class PersonViewSet(HubModelViewSet):
    """Profiles are made when a person joins (or an administrator adds a user), so
    this screen edits them and adds none; accounts are switched off in Users, never
    deleted."""

    name = "people"
    model = Profile
    icon = "user"
    menu_label = "People"
    list_display = [
        "user",
        Column("email", label="Email", accessor="user.email"),
        Column("role", label="Role", accessor=_roles_of),
        "organisation",
        "team",
        Column("active", label="Active", accessor=_active_of),
    ]
    filterset_class = PersonFilterSet
    search_fields = ["job_title", "user__email", "user__first_name", "user__last_name"]
    copy_view_enabled = False
    index_view_class = PersonIndexView
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    delete_view_class = RefusingProtectedDeleteView

    @property
    def permission_policy(self) -> ModelPermissionPolicy:
        # Hides every "Add" button for people, and refuses the add view to anyone.
        return _NobodyAddsPolicy(self.model)


class InvitationCreateView(CreateView):
    """Sends the invitation exactly as the organisation lead's invitation page does,
    so the invitee gets the emailed link that is the only way to use it."""

    success_message = "Invitation sent to %(object)s."
    awaiting_message = "Invitation for %(object)s saved. It will be sent once confirmed."

    def form_valid(self, form):
        # The form asks invitation_conflict first; this catches one made in between.
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)

    def save_instance(self) -> Invitation:
        data = self.form.cleaned_data
        return membership.invitation_create(
            invited_by=self.request.user,
            email=data["email"],
            organisation=data["organisation"],
            team=data["team"],
            role=Role(data["role"]),
            accept_url_base=self.request.build_absolute_uri("/"),
            # Ticking the box confirms an invitation to a personal address.
            personal_address_checked=data.get("personal_address_checked", False),
        )

    def get_success_message(self, instance: Invitation) -> str:
        message = (
            self.awaiting_message if instance.is_awaiting_confirmation else self.success_message
        )
        return membership.confirmation_message(instance, message % {"object": instance.email})


class InvitationViewSet(HubModelViewSet):
    name = "invitations"
    model = Invitation
    icon = "mail"
    list_display = [
        "email",
        "organisation",
        "role",
        # Status includes the administrator's confirmation (awaiting, declined), so that
        # column would repeat it; the confirmation filter stays.
        Column("status", label="Status", accessor=invitation_admin.invitation_status_label),
        "sent_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["confirmation", "organisation", "role"]
    search_fields = ["email"]
    index_view_class = invitation_admin.InvitationIndexView
    add_view_class = InvitationCreateView
    delete_view_class = RefusingProtectedDeleteView
    # Shows who confirmed or declined an invitation and when; never the token, which
    # is the invitee's secret.
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "organisation",
        "team",
        "role",
        "invited_by",
        "created_at",
        "sent_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "confirmation",
        "decided_by",
        "decided_at",
        "accepted_at",
        "accepted_by",
    ]
    # A new invitation lasts the 14 days its email promises; an administrator may
    # extend or shorten one that has been sent.
    form_fields = ["email", "organisation", "team", "role"]
    edit_form_fields = ["organisation", "team", "role", "expires_at"]
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        # The address is fixed once sent: the emailed link is the proof of it.
        return modelform_factory(
            self.model,
            form=forms.ModelForm if for_update else invitation_admin.InvitationAdminForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.edit_form_fields if for_update else self.form_fields,
        )

    def get_urlpatterns(self):
        # Confirming or declining an invitation to a personal address.
        return [
            *super().get_urlpatterns(),
            path(
                "review/<int:pk>/",
                invitation_admin.InvitationReviewView.as_view(),
                name="review",
            ),
            path(
                "resend/<int:pk>/",
                invitation_admin.InvitationActionView.as_view(action="resend"),
                name="resend",
            ),
            path(
                "withdraw/<int:pk>/",
                invitation_admin.InvitationActionView.as_view(action="withdraw"),
                name="withdraw",
            ),
        ]


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

    enforces_mfa = forms.BooleanField(
        label="This identity provider always asks for a second factor",
        required=False,
        help_text=(
            "Tick only if the identity provider's own policy requires multi-factor "
            "authentication for every sign-in to this hub (for Entra ID, a Conditional "
            "Access policy). Then leads, editors, managers and administrators who sign "
            "in through it are not asked for a code from their authenticator app here."
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
        saved = self.instance.settings or {}
        self.initial.setdefault("server_url", saved.get("server_url"))
        self.initial.setdefault("enforces_mfa", bool(saved.get(PROVIDER_ENFORCES_MFA_SETTING)))

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"] or self.instance.secret

    def clean_server_url(self) -> str:
        url = self.cleaned_data["server_url"]
        # Checked when the address is new or changed, so a provider that is briefly
        # down does not stop an administrator renaming it (learning.accounts.sso_check).
        if url != (self.instance.settings or {}).get("server_url"):
            from learning.accounts.sso_check import discovery_problem

            if problem := discovery_problem(url):
                raise forms.ValidationError(problem)
        return url

    def save(self, commit: bool = True) -> SocialApp:
        app = super().save(commit=False)
        app.provider = "openid_connect"
        app.settings = {
            **(app.settings or {}),
            "server_url": self.cleaned_data["server_url"],
            PROVIDER_ENFORCES_MFA_SETTING: self.cleaned_data["enforces_mfa"],
        }
        if commit:
            app.save()
        return app


class IdentityProviderViewSet(HubModelViewSet):
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
    delete_view_class = RefusingProtectedDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("provider_id"),
            FieldPanel("server_url"),
            FieldPanel("client_id"),
            FieldPanel("secret"),
            FieldPanel("enforces_mfa"),
        ],
        base_form_class=IdentityProviderForm,
    )


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "pick"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order"]
    # Searched as HubModelViewSet searches, so part of a word finds the row too.
    search_fields = ["name", "i_statement", "meaning"]
    search_backend_name = None
    copy_view_enabled = False


class AbuseTypeViewSet(SnippetViewSet):
    model = AbuseType
    icon = "warning"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order"]
    search_fields = ["name", "description"]
    search_backend_name = None
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
