"""Forms for joining the hub and inviting colleagues."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest

from learning.accounts import free_mail, membership
from learning.forms_ids import IdModelChoiceField
from learning.models import Organisation, Team, User
from learning.roles import Role

NOT_A_MEMBER_MESSAGE = (
    "You can only join with a work email address from one of the partnership's "
    "organisations. If yours is not recognised, ask your organisation's safeguarding "
    "lead for an invitation."
)
PERSONAL_ADDRESS_MESSAGE = (
    "You cannot join with a personal email address, such as a Gmail or Outlook.com one. "
    "Use your work email address, or ask your organisation's safeguarding lead for an "
    "invitation."
)
PERSONAL_ADDRESS_CHECK_LABEL = "I have checked this personal address belongs to the invitee"
PERSONAL_ADDRESS_CHECK_HELP = (
    "Needed only for an address on a public email service, such as Gmail or Outlook.com. "
    "Anyone can open one, so make sure the address is really the invitee's before it is sent."
)
PERSONAL_ADDRESS_CHECK_REQUIRED = (
    "This is a personal address on a public email service: tick the box to confirm you "
    "have checked it belongs to the person you are inviting"
)


def personal_address_check_field() -> forms.BooleanField:
    """The box an administrator ticks to vouch for a personal address they invite."""
    return forms.BooleanField(
        label=PERSONAL_ADDRESS_CHECK_LABEL, required=False, help_text=PERSONAL_ADDRESS_CHECK_HELP
    )


def require_personal_address_check(form: forms.Form) -> None:
    """An administrator inviting a personal address must say they checked it; the
    invitation is then confirmed by that act (membership.invitation_create)."""
    email = form.cleaned_data.get("email")
    if (
        email
        and "personal_address_checked" in form.fields
        and free_mail.is_free_mail_address(email)
        and not form.cleaned_data.get("personal_address_checked")
    ):
        form.add_error("personal_address_checked", PERSONAL_ADDRESS_CHECK_REQUIRED)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, open only to invitees and registered email domains."""

    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    job_title = forms.CharField(
        max_length=150, label="Job title", required=False, help_text="For example, social worker."
    )

    field_order = ["first_name", "last_name", "email", "job_title", "password1", "password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # allauth builds this form without the request; its middleware keeps it in context.
        request = context.request
        token = request.session.get(membership.INVITATION_SESSION_KEY) if request else None
        self.invitation = membership.usable_invitation(token)
        if self.invitation is not None:
            self.fields["email"].initial = self.invitation.email

    def clean_email(self) -> str:
        email = super().clean_email()
        if self.invitation is not None:
            if email != self.invitation.email:
                raise forms.ValidationError(
                    f"Use the address your invitation was sent to: {self.invitation.email}"
                )
        elif free_mail.is_free_mail_address(email):
            raise forms.ValidationError(PERSONAL_ADDRESS_MESSAGE)
        elif membership.organisation_for_email(email) is None:
            raise forms.ValidationError(NOT_A_MEMBER_MESSAGE)
        return email

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        invitation = self.invitation
        membership.member_join(
            user=user,
            organisation=(
                invitation.organisation
                if invitation
                else membership.organisation_for_email(user.email)
            ),
            team=invitation.team if invitation else None,
            role=Role(invitation.role) if invitation else Role.PRACTITIONER,
            job_title=self.cleaned_data.get("job_title", ""),
            invitation=invitation,
        )
        request.session.pop(membership.INVITATION_SESSION_KEY, None)


class InvitationChoicesForm(forms.Form):
    """Where an invitation puts the invitee: an organisation the person inviting may
    invite into, optionally one of its teams, and a role a lead may grant. The single
    invitation form and the bulk one (learning.organisation.forms) both start here."""

    organisation = IdModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the organisation to invite them to",
            "invalid_choice": "Choose an organisation you may invite people to",
        },
    )
    team = IdModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="No team",
        help_text="Optional.",
        error_messages={"invalid_choice": "Choose a team in the chosen organisation"},
    )
    role = forms.ChoiceField(
        choices=Role.invitable_choices(),
        initial=Role.PRACTITIONER.value,
        error_messages={
            "required": "Choose a role",
            "invalid_choice": "Choose one of the roles listed",
        },
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["team"].queryset = Team.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]

    def clean(self) -> dict:
        data = super().clean()
        team, organisation = data.get("team"), data.get("organisation")
        if team and organisation and team.organisation_id != organisation.pk:
            self.add_error("team", "Choose a team in the chosen organisation.")
        return data


class InvitationForm(InvitationChoicesForm):
    email = forms.EmailField(
        label="Work email address",
        help_text=(
            "An invitation to a personal address, such as a Gmail or Outlook.com one, is "
            "sent only after a site administrator has confirmed it."
        ),
    )

    # The address first, then where it goes (the inherited fields would come first).
    field_order = ["email", "organisation", "team", "role"]

    def __init__(
        self,
        *args,
        organisations: QuerySet[Organisation],
        can_confirm: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        if can_confirm:
            # Someone who may confirm invitations to personal addresses does so as
            # they send one, by ticking this box.
            self.fields["personal_address_checked"] = personal_address_check_field()
            self.fields["email"].help_text = ""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an account.")
        return email

    def clean(self) -> dict:
        data = super().clean()
        require_personal_address_check(self)
        return data
