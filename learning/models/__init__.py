"""The platform's models, one module per concern."""

from learning.models.anonymisation import AnonymisationOverride
from learning.models.audit import AuditAction, AuditEntry, AuditEntryIsAppendOnly
from learning.models.content_version import ContentVersion
from learning.models.learning_page import (
    CompletionMethod,
    LearningPage,
    LearningPageTheme,
    names_used_field,
)
from learning.models.notifications import Notification, NotificationKind
from learning.models.organisations import (
    RENEWAL_PERIOD_YEARS,
    Invitation,
    InvitationConfirmation,
    Organisation,
    OrganisationDomain,
    OrganisationType,
    Profile,
    RegistrationBody,
    Team,
    validate_registration_renewal_date,
)
from learning.models.personal_version import PersonalVersion
from learning.models.privacy import (
    DEFAULT_RETENTION_YEARS,
    AccessExport,
    AccessExportStatus,
    PrivacySettings,
)
from learning.models.records import (
    Completion,
    CompletionHow,
    CPDType,
    ExternalCPD,
    Feedback,
    TeamSession,
    WillChangePractice,
)
from learning.models.reflections import (
    EntryComment,
    EntryShare,
    EntryStatus,
    EntryStructure,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    ReviewStatus,
)
from learning.models.required_learning import (
    DigestKind,
    DigestSent,
    DueFrom,
    Exemption,
    PracticeImpact,
    RefreshRule,
    ReportSettings,
    Requirement,
    RequirementAssignment,
    UsedInPractice,
)
from learning.models.search_synonyms import SearchSynonym
from learning.models.site_pages import HomePage, InformationPage
from learning.models.taxonomy import AbuseType, Principle, ThemeTag
from learning.models.users import User

__all__ = [
    "DEFAULT_RETENTION_YEARS",
    "RENEWAL_PERIOD_YEARS",
    "AbuseType",
    "AccessExport",
    "AccessExportStatus",
    "AnonymisationOverride",
    "AuditAction",
    "AuditEntry",
    "AuditEntryIsAppendOnly",
    "CPDType",
    "Completion",
    "CompletionHow",
    "CompletionMethod",
    "ContentVersion",
    "DigestKind",
    "DigestSent",
    "DueFrom",
    "EntryComment",
    "EntryShare",
    "EntryStatus",
    "EntryStructure",
    "Exemption",
    "ExternalCPD",
    "Feedback",
    "HomePage",
    "InformationPage",
    "Invitation",
    "InvitationConfirmation",
    "LearningPage",
    "LearningPageTheme",
    "Notification",
    "NotificationKind",
    "Organisation",
    "OrganisationDomain",
    "OrganisationType",
    "PersonalVersion",
    "PracticeImpact",
    "Principle",
    "PrivacySettings",
    "Profile",
    "ReflectiveEntry",
    "ReflectiveEntryVersion",
    "RefreshRule",
    "RegistrationBody",
    "ReportSettings",
    "Requirement",
    "RequirementAssignment",
    "ReviewStatus",
    "SearchSynonym",
    "Team",
    "TeamSession",
    "ThemeTag",
    "UsedInPractice",
    "User",
    "WillChangePractice",
    "names_used_field",
    "validate_registration_renewal_date",
]
