"""The partnership: organisations, their teams and email domains, each person's
profile, and invitations to join."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from learning.accounts.free_mail import normalise_domain, validate_not_free_mail_domain
from learning.models.privacy import DEFAULT_RETENTION_YEARS, RETENTION_YEARS_VALIDATORS
from learning.roles import Role


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS_TRUST = "nhs_trust", "NHS trust"
    ICB = "icb", "Integrated care board"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    CARE_PROVIDER = "care_provider", "Care provider"
    OTHER = "other", "Other"


class Organisation(index.Indexed, ClusterableModel):
    name = models.CharField(max_length=150, unique=True)
    type = models.CharField(max_length=30, choices=OrganisationType.choices)
    retention_years = models.PositiveSmallIntegerField(
        "retention period (years)",
        default=DEFAULT_RETENTION_YEARS,
        validators=RETENTION_YEARS_VALIDATORS,
        help_text="How long a leaver's records are kept after their account is "
        "deactivated. Then their reflective text, comments and feedback comments are "
        "erased and their name removed; the counts in reports stay. A shorter period "
        "applies at the next nightly run, which erases everyone it makes due.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("type"),
        FieldPanel("retention_years"),
        InlinePanel(
            "domains",
            heading="Email domains",
            label="Domain",
            help_text="Staff with an address on one of these domains may sign up and join.",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


domain_validator = RegexValidator(
    r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    "Enter a domain such as northmoor.gov.uk, without the @ or any spaces.",
)


class OrganisationDomain(Orderable):
    """A domain whose addresses may sign up and join the organisation. Never a public
    email service: anyone can have an address there (learning.accounts.free_mail)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[domain_validator, validate_not_free_mail_domain],
        help_text="A domain only your organisation uses, not a public one such as gmail.com.",
    )

    class Meta(Orderable.Meta):
        verbose_name = "email domain"

    def __str__(self) -> str:
        return self.domain

    def clean_fields(self, exclude=None) -> None:
        # Normalised before the validators run, so "NorthMoor.gov.uk." is accepted as
        # northmoor.gov.uk and "GMAIL.COM." is refused as the public service it is.
        self.domain = normalise_domain(self.domain)
        super().clean_fields(exclude=exclude)


class Team(index.Indexed, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=150)

    panels = [FieldPanel("organisation"), FieldPanel("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class RegistrationBody(models.TextChoices):
    SOCIAL_WORK_ENGLAND = "swe", "Social Work England"
    NMC = "nmc", "Nursing and Midwifery Council"
    HCPC = "hcpc", "Health and Care Professions Council"
    GMC = "gmc", "General Medical Council"
    OTHER = "other", "Other"


# Bodies whose CPD period ends on a date of the person's own: the NMC's three-year
# revalidation period and the HCPC's two-year registration cycle, with their length in
# years. (Social Work England's registration year always ends on 30 November.)
RENEWAL_PERIOD_YEARS: dict[str, int] = {RegistrationBody.NMC: 3, RegistrationBody.HCPC: 2}
RENEWAL_DATE_NAMES: dict[str, str] = {
    RegistrationBody.NMC: "NMC revalidation date",
    RegistrationBody.HCPC: "HCPC renewal date",
}


def _years_from(day: date, years: int) -> date:
    """The same calendar day `years` later (or earlier, for negative years); 28 February
    for a 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def validate_registration_renewal_date(body: str, value: date | None, today: date) -> None:
    """A next revalidation or renewal date is within the body's period ahead (3 years for
    the NMC, 2 for the HCPC) and not more than a year past; other bodies take none."""
    if value is None:
        return
    if body not in RENEWAL_PERIOD_YEARS:
        raise ValidationError(
            "Only NMC and HCPC registrations use a revalidation or renewal date: leave it empty",
            code="not_used",
        )
    years, name = RENEWAL_PERIOD_YEARS[body], RENEWAL_DATE_NAMES[body]
    if value > _years_from(today, years):
        raise ValidationError(
            f"Your {name} must be no more than {years} years from today",
            code="too_far_ahead",
        )
    if value < _years_from(today, -1):
        raise ValidationError(
            f"Your {name} must be no more than a year ago: enter your next one",
            code="too_far_back",
        )


class Profile(index.Indexed, models.Model):
    """Where a person works and who supervises them. Supervision is a relation between
    people, not teams: a practice supervisor may sit in another team."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="profiles", null=True, blank=True
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, related_name="profiles", null=True, blank=True
    )
    job_title = models.CharField(max_length=150, blank=True)
    registration_body = models.CharField(
        "professional registration body",
        max_length=10,
        choices=RegistrationBody.choices,
        blank=True,
    )
    registration_number = models.CharField(max_length=40, blank=True)
    registration_renewal_date = models.DateField(
        "next revalidation or renewal date",
        null=True,
        blank=True,
        help_text=(
            "NMC: your revalidation date. HCPC: the date your registration is next due "
            "for renewal. The hub counts CPD over the period that ends on it; without it, "
            "it counts the last three years (NMC) or two years (HCPC)."
        ),
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="supervisees", blank=True
    )
    receives_digests = models.BooleanField(
        "email me reminders",
        default=True,
        help_text="A weekly email when required learning falls due, and a team digest "
        "for supervisors.",
    )
    emails_supervision_activity = models.BooleanField(
        "email me when a supervisor responds",
        default=True,
        help_text="An email when a supervisor comments on, reviews, marks as discussed "
        "or signs off an entry you shared. You still see these on the hub.",
    )

    panels = [
        FieldPanel("user", read_only=True),
        FieldPanel("organisation"),
        FieldPanel("team"),
        FieldPanel("job_title"),
        FieldPanel("registration_body"),
        FieldPanel("registration_number"),
        FieldPanel("registration_renewal_date"),
        FieldPanel("supervisors"),
    ]
    search_fields = [
        index.SearchField("job_title"),
        index.RelatedFields(
            "user",
            [
                index.SearchField("email"),
                index.SearchField("first_name"),
                index.SearchField("last_name"),
            ],
        ),
    ]

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.team_id and self.team.organisation_id != self.organisation_id:
            errors["team"] = "Choose a team in this person's organisation."
        if self.registration_number and not self.registration_body:
            errors["registration_body"] = "Say which body the registration number is with."
        try:
            validate_registration_renewal_date(
                self.registration_body, self.registration_renewal_date, timezone.localdate()
            )
        except ValidationError as error:
            errors["registration_renewal_date"] = error.messages[0]
        if errors:
            raise ValidationError(errors)


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


# How long an emailed invitation link works; the email says so.
INVITATION_LIFETIME = timedelta(days=14)


def _invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class InvitationConfirmation(models.TextChoices):
    """Whether a site administrator had to vouch for the invited address. An address on
    a public email service (Gmail and the like) proves nothing about where its owner
    works, so an organisation lead's invitation to one waits for an administrator."""

    NOT_NEEDED = "not_needed", "Not needed"
    AWAITING = "awaiting", "Awaiting confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


class Invitation(models.Model):
    """An invitation to join the hub, sent by an organisation lead or administrator.
    The token is the only secret: it travels in the emailed link."""

    email = models.EmailField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(
        max_length=40, choices=Role.invitable_choices(), default=Role.PRACTITIONER.value
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # A revoked invitation's link stops working; the row stays as a record it was sent.
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    sent_at = models.DateTimeField("last sent", null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    confirmation = models.CharField(
        "administrator's confirmation",
        max_length=20,
        choices=InvitationConfirmation.choices,
        default=InvitationConfirmation.NOT_NEEDED,
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="confirmed or declined by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        "confirmed or declined at", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            (
                "confirm_invitation",
                "Can confirm or decline an invitation to a personal (public email) address",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    def clean(self) -> None:
        # Sign-up compares addresses in lower case, as the accounts are stored.
        self.email = (self.email or "").strip().lower()
        errors: dict[str, str] = {}
        if (
            self.team_id
            and self.organisation_id
            and self.team.organisation_id != self.organisation_id
        ):
            errors["team"] = "Choose a team in the invitation's organisation."
        if self.pk is None and self.expires_at and self.expires_at <= timezone.now():
            errors["expires_at"] = "An invitation must expire in the future."
        if (
            self.pk is None
            and self.email
            and get_user_model().objects.filter(email__iexact=self.email).exists()
        ):
            errors["email"] = "Someone with this email address already has an account."
        if errors:
            raise ValidationError(errors)

    @property
    def is_usable(self) -> bool:
        """Can the emailed link still be used to join? Never before an administrator has
        confirmed an invitation that needs it (no link was sent, but the token exists),
        nor once it has been withdrawn."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.confirmation
            in (InvitationConfirmation.NOT_NEEDED, InvitationConfirmation.CONFIRMED)
        )

    @property
    def is_awaiting_confirmation(self) -> bool:
        return self.accepted_at is None and self.confirmation == InvitationConfirmation.AWAITING

    @property
    def status(self) -> str:
        """One word for lists: joined, withdrawn, awaiting, declined, waiting (sent,
        unused) or expired."""
        if self.accepted_at is not None:
            return "joined"
        if self.revoked_at is not None:
            return "withdrawn"
        if self.confirmation == InvitationConfirmation.AWAITING:
            return "awaiting"
        if self.confirmation == InvitationConfirmation.DECLINED:
            return "declined"
        return "waiting" if self.is_usable else "expired"
