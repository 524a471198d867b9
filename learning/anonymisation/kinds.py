"""What the anonymisation guard can find, and how each kind is described to editors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    PERSON_NAME = "person_name"
    NHS_NUMBER = "nhs_number"
    NI_NUMBER = "ni_number"
    POSTCODE = "postcode"
    PHONE_NUMBER = "phone_number"
    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    STREET_ADDRESS = "street_address"
    BANK_DETAILS = "bank_details"
    PLACE = "place"
    EVENT_DATE = "event_date"
    VEHICLE_REGISTRATION = "vehicle_registration"
    SOCIAL_MEDIA_HANDLE = "social_media_handle"
    RECORD_ID = "record_id"
    QUASI_IDENTIFIER = "quasi_identifier"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def strong(self) -> bool:
        """Whether no override may cover it: the text itself must change."""
        return self in STRONG_KINDS

    @property
    def advice(self) -> str:
        """What an editor should do instead, in general terms."""
        return _ADVICE[self]


_LABELS = {
    Kind.PERSON_NAME: "person name",
    Kind.NHS_NUMBER: "NHS number",
    Kind.NI_NUMBER: "National Insurance number",
    Kind.POSTCODE: "postcode",
    Kind.PHONE_NUMBER: "phone number",
    Kind.EMAIL: "email address",
    Kind.DATE_OF_BIRTH: "date of birth",
    Kind.STREET_ADDRESS: "street address",
    Kind.BANK_DETAILS: "bank details",
    Kind.PLACE: "named place",
    Kind.EVENT_DATE: "exact date of an event",
    Kind.VEHICLE_REGISTRATION: "vehicle registration",
    Kind.SOCIAL_MEDIA_HANDLE: "social media name",
    Kind.RECORD_ID: "case or hospital record number",
    Kind.QUASI_IDENTIFIER: "details that identify together",
}

# The identifiers that point at one person on their own. Publishing any of them is never
# safe, so the guard offers no override for them (learning.publishing_guard.services).
STRONG_KINDS = frozenset(
    {
        Kind.NHS_NUMBER,
        Kind.NI_NUMBER,
        Kind.DATE_OF_BIRTH,
        Kind.PHONE_NUMBER,
        Kind.EMAIL,
        Kind.BANK_DETAILS,
        Kind.STREET_ADDRESS,
        Kind.POSTCODE,
    }
)

_ADVICE = {
    Kind.PERSON_NAME: (
        "Use the pseudonym or initials the review uses, or a role such as “her son”. If "
        "the family chose this name, add it under “Names used on purpose”."
    ),
    Kind.NHS_NUMBER: "Remove it.",
    Kind.NI_NUMBER: "Remove it.",
    Kind.POSTCODE: "Remove it, or name the county instead.",
    Kind.PHONE_NUMBER: "Remove it.",
    Kind.EMAIL: "Remove it.",
    Kind.DATE_OF_BIRTH: "Remove it, or give an age band such as “in their eighties”.",
    Kind.STREET_ADDRESS: (
        "Remove it, or describe the setting, such as “a terraced house in the town”."
    ),
    Kind.BANK_DETAILS: "Remove them.",
    Kind.PLACE: (
        "Describe the kind of place instead of naming it, such as “a nursing home in the "
        "county” or “a hospital ward”."
    ),
    Kind.EVENT_DATE: "Give the month and year only.",
    Kind.VEHICLE_REGISTRATION: "Remove it.",
    Kind.SOCIAL_MEDIA_HANDLE: "Remove it, or say which service it was on.",
    Kind.RECORD_ID: "Remove it.",
    Kind.QUASI_IDENTIFIER: (
        "Give an age band such as “in their eighties”, or name a wider area instead of the place."
    ),
}


@dataclass(frozen=True)
class Finding:
    """A possible identifier: its kind, its text, and where it sits in the scanned text.
    ``suggestion`` is a concrete rewording where the detector can offer one (an age band
    for an exact age, the month and year for an exact date)."""

    kind: Kind
    text: str
    start: int
    end: int
    suggestion: str = ""

    @property
    def label(self) -> str:
        return self.kind.label
