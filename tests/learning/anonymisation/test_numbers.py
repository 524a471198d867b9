"""The number detectors: each rule, and the safe text that looks like it."""

from __future__ import annotations

import pytest

from learning.anonymisation import numbers
from learning.anonymisation.kinds import Kind


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; this shadows a fixture that needs the database.
    yield


def _found(text: str) -> set[tuple[Kind, str]]:
    return {(finding.kind, finding.text) for finding in numbers.find(text)}


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        # NHS numbers: a valid check digit anywhere, any ten digits after a cue.
        ("patient 401 023 2137 seen", Kind.NHS_NUMBER, "401 023 2137"),
        ("ref 943-476-5870", Kind.NHS_NUMBER, "943-476-5870"),
        ("His NHS number is 123 456 7890.", Kind.NHS_NUMBER, "123 456 7890"),
        # NI numbers, issued prefix or not, spaced or not, with or without the letter.
        ("NI number AB123456C", Kind.NI_NUMBER, "AB123456C"),
        ("a specimen QQ 12 34 56 C", Kind.NI_NUMBER, "QQ 12 34 56 C"),
        ("NINO: GB123456", Kind.NI_NUMBER, "GB123456"),
        ("national insurance no ab 12 34 56 c", Kind.NI_NUMBER, "ab 12 34 56 c"),
        # Emails, unless the mailbox is a role.
        ("email d.lawson72@example.com today", Kind.EMAIL, "d.lawson72@example.com"),
        ("<j+care@mail.example.co.uk>", Kind.EMAIL, "j+care@mail.example.co.uk"),
        # Personal phones: mobiles and geographic numbers, however written.
        ("her daughter's mobile, 07911 123456, was on file", Kind.PHONE_NUMBER, "07911 123456"),
        ("gave his number as 0113-496-0123.", Kind.PHONE_NUMBER, "0113-496-0123"),
        ("Contact: +447700900123", Kind.PHONE_NUMBER, "+447700900123"),
        ("texts from 0044 7700 900 207", Kind.PHONE_NUMBER, "0044 7700 900 207"),
        ("ring (0161) 496 0000 today", Kind.PHONE_NUMBER, "(0161) 496 0000"),
        ("from +44 (0)1632 960712", Kind.PHONE_NUMBER, "+44 (0)1632 960712"),
        # Social media names.
        ("She followed @bobbyj on Twitter.", Kind.SOCIAL_MEDIA_HANDLE, "@bobbyj"),
        ("Snapchat: kayleigh_xo", Kind.SOCIAL_MEDIA_HANDLE, "kayleigh_xo"),
        ("he went by jay.the.builder online", Kind.SOCIAL_MEDIA_HANDLE, "jay.the.builder"),
        ("His TikTok username was pearlybaker.", Kind.SOCIAL_MEDIA_HANDLE, "pearlybaker"),
        ("known on Facebook as Gaz Thompson, who", Kind.SOCIAL_MEDIA_HANDLE, "Gaz Thompson"),
        ('used Messenger under the profile name "Nan Pat"', Kind.SOCIAL_MEDIA_HANDLE, "Nan Pat"),
        ("his gaming handle, xXDarkWolfXx, was", Kind.SOCIAL_MEDIA_HANDLE, "xXDarkWolfXx"),
        # Vehicle registrations: every plate style; dateless and lower case after a cue.
        ("A red Fiesta (reg KX65 TYU) was seen.", Kind.VEHICLE_REGISTRATION, "KX65 TYU"),
        ("A lorry, G123 HJK, was parked.", Kind.VEHICLE_REGISTRATION, "G123 HJK"),
        ("a 1972 Triumph, JNP 48L, restored", Kind.VEHICLE_REGISTRATION, "JNP 48L"),
        ("registration number ab12cde", Kind.VEHICLE_REGISTRATION, "ab12cde"),
        ("the vehicle registration ABC 123.", Kind.VEHICLE_REGISTRATION, "ABC 123"),
        # Bank details.
        ("sort code 08-90-12 and account 12345678", Kind.BANK_DETAILS, "08-90-12"),
        ("sort code 08-90-12 and account 12345678", Kind.BANK_DETAILS, "12345678"),
        ("Account no. 03927718 was emptied", Kind.BANK_DETAILS, "03927718"),
        ("Son gave acct no. 80241163 for the refund", Kind.BANK_DETAILS, "80241163"),
        ("Statement: A/C No.: 55120947, joint", Kind.BANK_DETAILS, "55120947"),
        ("paid into 60-83-71 each week", Kind.BANK_DETAILS, "60-83-71"),
        ("sort code 56 00 91, held by the son", Kind.BANK_DETAILS, "56 00 91"),
        ("IBAN GB47 BARC 2004 5571 3820 66", Kind.BANK_DETAILS, "GB47 BARC 2004 5571 3820 66"),
        # Record numbers: shapes, and ids after a system's or record's name.
        ("hospital number RTH 1234567 on notes", Kind.RECORD_ID, "RTH 1234567"),
        ("PNC ID 21/308741K showed", Kind.RECORD_ID, "21/308741K"),
        ("the probation CRN X413726", Kind.RECORD_ID, "X413726"),
        ("Her MRN: 12345678", Kind.RECORD_ID, "12345678"),
        ("Mosaic number 1234567 held the notes", Kind.RECORD_ID, "1234567"),
        ("The client ID was 556677.", Kind.RECORD_ID, "556677"),
        ("Crime number 14/123456/21 was given.", Kind.RECORD_ID, "14/123456/21"),
        ("Hospital no. H0927365 was used", Kind.RECORD_ID, "H0927365"),
        ("the trust's RiO number, 10084732, was", Kind.RECORD_ID, "10084732"),
        ("Case reference CR-2023-00417 was closed.", Kind.RECORD_ID, "CR-2023-00417"),
        # Case-note shorthand: platform abbreviations, a quoted profile after a label.
        ('SU on FB \u2013 profile "Kaz Marie Leeds"', Kind.SOCIAL_MEDIA_HANDLE, "Kaz Marie Leeds"),
        ("IG acct 'bev w 72' per DIL", Kind.SOCIAL_MEDIA_HANDLE, "bev w 72"),
        ('pt on Insta (page "Sal J")', Kind.SOCIAL_MEDIA_HANDLE, "Sal J"),
        ("veh reg A1 MCX seen o/s", Kind.VEHICLE_REGISTRATION, "A1 MCX"),
    ],
)
def test_finds(text: str, kind: Kind, identifier: str) -> None:
    assert (kind, identifier) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reference 9434765871 was logged.",  # NHS-shaped, fails the check digit, no cue
        "Code AB123456E is malformed.",
        # Public numbers: helplines, non-geographic ranges, short codes, an organisation.
        "Call the contact centre on 0300 123 4567.",
        "Ring Samaritans on 116 123, NHS 111 or 999; police non-emergency 101.",
        "The helpline is free on 0808 2000 247 or 0800 555 111.",
        "The Forced Marriage Unit can be contacted on 020 7008 0151.",
        "The council switchboard is 0161 234 5000.",
        "Dial 0770 090 for the switchboard.",
        # Social media mentioned in prose.
        "The adult used Facebook to keep in touch with her sister.",
        "He was on Facebook as often as he could.",
        "She spoke on WhatsApp and Instagram every day.",
        "He sold items on Facebook Marketplace.",
        "The team met @ 3pm.",
        "The tracker title was @SUM(B2:B9) and =@IF(A1>0) in column C.",
        "Email the board at safeguarding.adults@example.gov.uk for copies.",
        "Visit www.example.gov.uk for the report.",
        # References, laws, versions, codes.
        "See SAR 2023/01 and the MCA 2005 code.",
        "Follow policy POL-2023-117 and procedure SP-014.",
        "ISBN 978-1-914261-07-7",
        "Template v3.1 replaces v2.7; version 2.3.1 is draft.",
        "Section 42(2) and s.44 of the Care Act 2014.",
        "NICE guideline NG189 and Home Office Circular 005/2021.",
        "The CQC registration was renewed in 2020.",
        "The review used the Mosaic system and LAS to gather records.",
        "Case 3 and case 4 showed similar themes.",
        "Use form ASC 123 for referrals on the M62 or A1.",
        # Law and clinical references shaped like plates.
        "DoLS auth under Sch A1 MCA 2005 expired; Sch A1 MCA applies.",
        "Reg 4 MCA and Part 4 CHC; see para A1 POC review.",
        "Contacted via FB (SU). FB msgs to SU from dtr.",
        # Statistics, money, times, dates that look like sort codes.
        "The meeting on 03-03-2021 agreed actions; DOB shown as 03-03-48.",
        "He had £3.40 in his current account and a bill of £612.",
        "The account showed a surplus of £9,870.",
        "Calls were booked for 07:30 and 12:00; found at 0630 hrs.",
        "Of 1,203 responses, 87.5% agreed.",
    ],
)
def test_safe(text: str) -> None:
    assert numbers.find(text) == []


def test_spans_point_at_the_text() -> None:
    text = "Snapchat: kayleigh_xo and mobile 07700 900123, sort code 12-34-56"
    for finding in numbers.find(text):
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    ["Financial abuse case_study", "SAR_report_2023_final", "SAR_Adult_D_report", "notes_v2"],
)
def test_words_joined_by_underscores_are_file_names_not_handles(text: str) -> None:
    # Document titles are often made from file names; these would block publishing.
    assert numbers.find(text) == []


@pytest.mark.parametrize("handle", ["Captain_Rob_UK", "kyzer_2k", "Rob_Smith", "joan_smith_41"])
def test_an_underscored_word_with_a_name_or_code_in_it_is_a_handle(handle: str) -> None:
    assert [(f.kind, f.text) for f in numbers.find(f"messaged {handle} again")] == [
        (Kind.SOCIAL_MEDIA_HANDLE, handle)
    ]


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        # NHS numbers with dots or slashes: valid anywhere, any ten digits after "NHS".
        ("The letter gave 401.023.2137 as the number.", Kind.NHS_NUMBER, "401.023.2137"),
        ("His NHS number is 485.777.3456.", Kind.NHS_NUMBER, "485.777.3456"),
        ("NHS: 485/777/3456", Kind.NHS_NUMBER, "485/777/3456"),
        ("NHS 485 777 3456 on the wristband", Kind.NHS_NUMBER, "485 777 3456"),
        # NI numbers with dashes or dots between the pairs.
        ("NI number AB-12-34-56-C.", Kind.NI_NUMBER, "AB-12-34-56-C"),
        ("nino ab.12.34.56.c", Kind.NI_NUMBER, "ab.12.34.56.c"),
        # A real prefix that is also a word, in capitals.
        ("NI AS 12 34 56 C", Kind.NI_NUMBER, "AS 12 34 56 C"),
        # Disguised emails.
        (
            "Email joan [at] example [dot] org for details.",
            Kind.EMAIL,
            "joan [at] example [dot] org",
        ),
        ("write to joan(at)example.org", Kind.EMAIL, "joan(at)example.org"),
        ("joan @ example.org", Kind.EMAIL, "joan @ example.org"),
        ("joan@example dot co dot uk", Kind.EMAIL, "joan@example dot co dot uk"),
        ("Her email is joan at example dot org.", Kind.EMAIL, "joan at example dot org"),
        ("e-mail: joan dot s at example.com", Kind.EMAIL, "joan dot s at example.com"),
    ],
)
def test_finds_disguised_forms(text: str, kind: Kind, identifier: str) -> None:
    assert (kind, identifier) in _found(text)


def test_a_label_before_a_record_number_is_not_an_ni_prefix() -> None:
    # "ID" can never start an NI number; the number is the system's record id.
    for text in ("Mosaic ID 884422", "Her Mosaic ID 884422 was recorded."):
        assert _found(text) == {(Kind.RECORD_ID, "884422")}


@pytest.mark.parametrize(
    "text",
    [
        "The letter gave 485.777.3456 as the number.",  # check digit fails, no cue
        "Ring NHS 111 or see version 1.2.3456.",
        "It was known as 12 34 56 in the ledger.",
        "ref no 123456 on file",
        "Email him at work or at home.",
        "She emailed her sister at home.",
        "He was at example.org for years.",
        "Email the board [at] safeguarding [dot] org",
        "Email info [at] example [dot] org.uk for copies.",
        "Contact us at www.example.org.",
        "We met at 3pm @ the office (at the back).",
    ],
)
def test_disguise_near_misses_are_safe(text: str) -> None:
    assert numbers.find(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Follow the board on Twitter @NorthantsSAB for updates.",
        "Follow us on X at @LeedsSafeguarding.",
        "The board's account, @northantsadults, posted the report.",
        "The council replied from @LeedsCouncil the same day.",
        "NHS England (@NHSEngland) published the guidance.",
    ],
)
def test_an_organisations_own_handle_is_public(text: str) -> None:
    assert numbers.find(text) == []


@pytest.mark.parametrize(
    "text",
    ["She posted as @joanie_s on Instagram.", "Her TikTok username is sabrina_x."],
)
def test_a_personal_handle_is_still_found(text: str) -> None:
    assert {kind for kind, _ in _found(text)} == {Kind.SOCIAL_MEDIA_HANDLE}
