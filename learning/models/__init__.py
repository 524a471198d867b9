"""The platform's models, one module per concern."""

from learning.models.organisations import (
    Invitation,
    Organisation,
    OrganisationDomain,
    OrganisationType,
    Profile,
    RegistrationBody,
    Team,
)
from learning.models.site_pages import HomePage, InformationPage
from learning.models.taxonomy import AbuseType, Principle, ThemeTag
from learning.models.users import User

__all__ = [
    "AbuseType",
    "HomePage",
    "InformationPage",
    "Invitation",
    "Organisation",
    "OrganisationDomain",
    "OrganisationType",
    "Principle",
    "Profile",
    "RegistrationBody",
    "Team",
    "ThemeTag",
    "User",
]
