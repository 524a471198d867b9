"""The anonymisation guard's detector: what it must catch and what it must leave alone."""

import itertools

import pytest

from learning.anonymisation import Finding, Kind, find_identifiers


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; shadow tests/conftest.py's cache-clearing fixture so this module
    # also runs with `-p no:django`, where no Django settings are configured.
    yield


IDENTIFYING = [
    # Titled names
    ("title-full-name", "Mrs Joan Smith was visited at home.", Kind.PERSON_NAME, "Mrs Joan Smith"),
    ("title-surname", "The GP wrote to Mr Patel twice.", Kind.PERSON_NAME, "Mr Patel"),
    ("title-with-dot", "Dr. Anita Rao reviewed the care plan.", Kind.PERSON_NAME, "Dr. Anita Rao"),
    ("apostrophe", "Miss O'Brien declined the offer.", Kind.PERSON_NAME, "Miss O'Brien"),
    ("hyphenated", "Ms Smith-Jones lived alone.", Kind.PERSON_NAME, "Ms Smith-Jones"),
    ("mc-surname", "Mx McDonald asked for an advocate.", Kind.PERSON_NAME, "Mx McDonald"),
    ("initial-then-surname", "Mr H Khan attended.", Kind.PERSON_NAME, "Mr H Khan"),
    ("dotted-initial-surname", "Prof J. Okafor gave evidence.", Kind.PERSON_NAME, "Prof J. Okafor"),
    ("double-space", "Mrs  Joan  Smith said", Kind.PERSON_NAME, "Mrs  Joan  Smith"),
    ("rev", "Rev Thomas Hughes visited weekly.", Kind.PERSON_NAME, "Rev Thomas Hughes"),
    ("dame", "Dame Olive Hart was the neighbour.", Kind.PERSON_NAME, "Dame Olive Hart"),
    ("surname-also-a-word", "Mrs Hill was discharged.", Kind.PERSON_NAME, "Mrs Hill"),
    ("first-name-also-a-month", "a woman named June Ward", Kind.PERSON_NAME, "June Ward"),
    ("name-stops-at-agency", "Mr Evans Safeguarding Adults Board", Kind.PERSON_NAME, "Mr Evans"),
    ("caps-title-surname", "Visit to MRS SMITH cancelled.", Kind.PERSON_NAME, "MRS SMITH"),
    ("caps-full-name", "REFERRAL: MR JOHN PATEL", Kind.PERSON_NAME, "MR JOHN PATEL"),
    ("caps-short-surname", "MR JOHN LI was discharged.", Kind.PERSON_NAME, "MR JOHN LI"),
    ("caps-initial-surname", "Seen by DR A OKAFOR.", Kind.PERSON_NAME, "DR A OKAFOR"),
    ("caps-apostrophe", "MISS O'BRIEN declined.", Kind.PERSON_NAME, "MISS O'BRIEN"),
    ("caps-name-after-title", "Mrs JOAN SMITH attended.", Kind.PERSON_NAME, "Mrs JOAN SMITH"),
    # Untitled names after a cue
    ("named", "a woman named Joan Smith", Kind.PERSON_NAME, "Joan Smith"),
    ("called", "a man called Peter Jones", Kind.PERSON_NAME, "Peter Jones"),
    ("relative-comma", "Her son, David Brown, was her carer.", Kind.PERSON_NAME, "David Brown"),
    ("relative-no-comma", "his daughter Sarah Lee visited", Kind.PERSON_NAME, "Sarah Lee"),
    ("known-as", "she was known as Maggie Thompson", Kind.PERSON_NAME, "Maggie Thompson"),
    # NHS numbers (valid modulus 11)
    ("nhs-spaced", "NHS number 943 476 5870 on file", Kind.NHS_NUMBER, "943 476 5870"),
    ("nhs-compact", "NHS no. 9434765870.", Kind.NHS_NUMBER, "9434765870"),
    ("nhs-hyphen", "ref 943-476-5870", Kind.NHS_NUMBER, "943-476-5870"),
    ("nhs-other", "patient 401 023 2137", Kind.NHS_NUMBER, "401 023 2137"),
    # National Insurance numbers
    ("nino-compact", "NI number AB123456C", Kind.NI_NUMBER, "AB123456C"),
    ("nino-spaced", "NINO: JG 10 37 68 A", Kind.NI_NUMBER, "JG 10 37 68 A"),
    ("nino-suffix-d", "her NI is NP654321D.", Kind.NI_NUMBER, "NP654321D"),
    # Postcodes
    ("postcode-sw1a", "London SW1A 1AA", Kind.POSTCODE, "SW1A 1AA"),
    ("postcode-m1", "Manchester M1 1AE", Kind.POSTCODE, "M1 1AE"),
    ("postcode-b33", "Birmingham B33 8TH.", Kind.POSTCODE, "B33 8TH"),
    ("postcode-cr2", "Croydon CR2 6XH", Kind.POSTCODE, "CR2 6XH"),
    ("postcode-dn55", "DN55 1PT", Kind.POSTCODE, "DN55 1PT"),
    ("postcode-no-space", "postcode EC1A1BB", Kind.POSTCODE, "EC1A1BB"),
    ("postcode-lower", "Leeds ls1 4ap", Kind.POSTCODE, "ls1 4ap"),
    ("postcode-mixed", "Leeds Ls1 4AP.", Kind.POSTCODE, "Ls1 4AP"),
    ("postcode-lower-no-space", "at sw1a1aa", Kind.POSTCODE, "sw1a1aa"),
    ("postcode-upper-ordinal-like", "Sheffield S42 2ND", Kind.POSTCODE, "S42 2ND"),
    # Phone numbers
    ("mobile", "call 07700 900123 after 5pm", Kind.PHONE_NUMBER, "07700 900123"),
    ("london", "tel 020 7946 0018", Kind.PHONE_NUMBER, "020 7946 0018"),
    ("international", "on +44 20 7946 0018.", Kind.PHONE_NUMBER, "+44 20 7946 0018"),
    ("bracketed", "ring (0161) 496 0000 today", Kind.PHONE_NUMBER, "(0161) 496 0000"),
    # Email
    ("email", "email joan.smith@example.org.", Kind.EMAIL, "joan.smith@example.org"),
    ("email-plus", "<j+care@mail.example.co.uk>", Kind.EMAIL, "j+care@mail.example.co.uk"),
    # Dates of birth
    ("born", "She was born 3 March 1948 in Leeds.", Kind.DATE_OF_BIRTH, "3 March 1948"),
    ("born-on", "born on 3rd March 1948", Kind.DATE_OF_BIRTH, "3rd March 1948"),
    ("dob-slash", "DOB 03/03/1948", Kind.DATE_OF_BIRTH, "03/03/1948"),
    ("dob-dotted", "D.O.B.: 3.3.48", Kind.DATE_OF_BIRTH, "3.3.48"),
    ("dob-iso", "date of birth 1948-03-03", Kind.DATE_OF_BIRTH, "1948-03-03"),
    ("dob-is", "Her date of birth is 12 Jan 1950.", Kind.DATE_OF_BIRTH, "12 Jan 1950"),
    ("dob-lower-month-hyphens", "dob 3-Mar-1948", Kind.DATE_OF_BIRTH, "3-Mar-1948"),
    ("dob-month-short-year", "DOB: 3-Mar-48", Kind.DATE_OF_BIRTH, "3-Mar-48"),
    ("dob-dotted-cue-short-year", "D.O.B. 3/3/48", Kind.DATE_OF_BIRTH, "3/3/48"),
    ("dob-colon-ordinal", "date of birth: 3rd March 1948", Kind.DATE_OF_BIRTH, "3rd March 1948"),
    ("born-on-hyphens", "born on 03-03-1948", Kind.DATE_OF_BIRTH, "03-03-1948"),
    ("born-on-the", "born on the 3rd of March 1948", Kind.DATE_OF_BIRTH, "3rd of March 1948"),
    ("dob-spaces", "DoB 03 03 1948", Kind.DATE_OF_BIRTH, "03 03 1948"),
    # Street addresses
    ("avenue", "lived at 14 Acacia Avenue", Kind.STREET_ADDRESS, "14 Acacia Avenue"),
    ("letter-suffix", "221B Baker Street", Kind.STREET_ADDRESS, "221B Baker Street"),
    ("flat", "Flat 3, 12 High Road, Leeds", Kind.STREET_ADDRESS, "Flat 3, 12 High Road"),
    ("lane", "moved to 7 Mill Lane.", Kind.STREET_ADDRESS, "7 Mill Lane"),
    ("saint", "at 9 St Mary's Road", Kind.STREET_ADDRESS, "9 St Mary's Road"),
]

SAFE = [
    ("principle-protection", "Protection: support and representation for those in greatest need."),
    ("principle-empowerment", "Empowerment is the first of the six principles."),
    ("care-act", "Under the Care Act 2014 the duty is clear."),
    ("s42", "A s.42 enquiry was opened."),
    ("section-44", "Section 44 requires a SAR in these circumstances."),
    ("section-subsection", "See section 42(2) of the Act."),
    ("year", "In 2019 the board changed its approach."),
    ("years-list", "Reviews in 2014, 2015 and 2016 showed a pattern."),
    ("policy-number", "Follow policy POL-2023-117 for escalation."),
    ("case-ref", "Case reference CR-2023-00417 was closed."),
    ("initial-h", "Mr H lived alone."),
    ("initial-h-sentence-end", "Staff spoke to Mr H. The next day he was admitted."),
    ("adult-a", "Adult A was known to services."),
    ("adult-b", "Adult B and her carer"),
    ("initial-s", "Ms S declined support."),
    ("initial-dot", "Mrs J. was admitted to hospital."),
    ("mr-x", "Mr X had a history of falls."),
    ("sab", "The Safeguarding Adults Board published the review."),
    ("mca", "The Mental Capacity Act 2005 applies."),
    ("msp", "Making Safeguarding Personal puts the person at the centre."),
    ("asc", "She called Adult Social Care for advice."),
    ("called-police", "The neighbour called Police Scotland."),
    ("lord-justice", "As Lord Justice Munby asked, what good is it making someone safer"),
    ("briefing", "This is a 7 minute briefing."),
    ("working-days", "Respond within 10 working days."),
    ("level-3", "Level 3 training is mandatory."),
    ("meeting-date", "On 3 March 2021 the team met."),
    ("meeting-date-numeric", "The strategy meeting on 03/03/2021 agreed actions."),
    ("born-year-only", "She was born in 1948."),
    ("percentage", "The audit showed 90% compliance."),
    ("short-phone", "Dial 0770 090 for the switchboard."),
    ("emergency-numbers", "Call 999 or 111."),
    ("outward-code", "Services in the M1 area"),
    ("enquiries", "There were 42 enquiries last year."),
    ("days", "The review took 3 days."),
    ("crown-court", "Under section 14 Crown Court rules"),
    ("bad-nhs-checksum", "Reference 9434765871 was logged."),
    ("bad-nino-prefix", "Code GB123456A is an administrative number."),
    ("bad-nino-letter", "Code QQ123456C is a specimen."),
    ("bad-nino-suffix", "Code AB123456E is malformed."),
    ("lowercase-s42", "Escalated to s42 2nd stage review."),
    ("court-of-protection", "The Court of Protection made an order."),
    ("email-word", "Use the shared email inbox at the hub."),
    ("six-principles", "Prevention, Proportionality, Partnership and Accountability."),
    ("street-named-after-a-lady", "She walked along Lady Margaret Road."),
    ("street-named-after-a-lord", "The office is on Lord Street."),
    ("agency-relative", "her carer, Bluebird Care, attended"),
    ("section-42-with-date", "Section 42 enquiry opened 3 March 2024."),
    ("msp-acronym", "MSP was applied throughout."),
    ("msp-caps-heading", "MAKING SAFEGUARDING PERSONAL"),
    ("caps-initial", "MR H lived alone."),
    ("caps-initial-dot", "MRS J. was admitted."),
    ("caps-adult-a", "ADULT A was known to services."),
    ("two-letter-initials", "Mrs AB and Mr CD attended the meeting."),
    ("caps-agency-after-title", "MS TEAMS meeting with the GP."),
    ("caps-society", "Leaflets from the MS SOCIETY were left."),
    ("caps-street-after-title", "The office is on LORD STREET."),
    ("caps-judge", "LORD JUSTICE MUNBY asked the question."),
    ("lowercase-ordinal-floor", "Ward b1 1st floor is closed."),
    ("lowercase-time", "The m25 2pm slot was missed."),
    ("lower-title-abbreviation", "the dr appointment and the ms clinic"),
    ("born-years-ago", "She was born on 3 March 20 years before the review."),
    ("dob-without-year", "Her date of birth is in March."),
    ("meeting-date-hyphenated", "The panel met on 3-Mar-2024."),
]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(text, kind, expected, id=case_id)
        for case_id, text, kind, expected in IDENTIFYING
    ],
)
def test_identifier_is_found(text: str, kind: Kind, expected: str) -> None:
    findings = find_identifiers(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, expected)]


@pytest.mark.parametrize("text", [pytest.param(text, id=case_id) for case_id, text in SAFE])
def test_safe_text_has_no_findings(text: str) -> None:
    assert find_identifiers(text) == []


def test_case_counts_meet_the_brief() -> None:
    assert len(IDENTIFYING) >= 40
    assert len(SAFE) >= 40


def test_empty_string() -> None:
    assert find_identifiers("") == []


@pytest.mark.parametrize(
    "text", [pytest.param(text, id=case_id) for case_id, text, _, _ in IDENTIFYING]
)
def test_offsets_point_at_matched_text(text: str) -> None:
    for finding in find_identifiers(text):
        assert text[finding.start : finding.end] == finding.text


PARAGRAPH = (
    "Mrs Joan Smith (DOB 03/03/1948, NHS number 943 476 5870) lived at 14 Acacia Avenue, "
    "Leeds LS1 4AP. Her son, David Brown, could be reached on 07700 900123 or at "
    "david.brown@example.com. Her NI number was AB 12 34 56 C. The Safeguarding Adults Board "
    "commissioned a review under Section 44 of the Care Act 2014."
)


def test_several_findings_in_one_paragraph() -> None:
    findings = find_identifiers(PARAGRAPH)
    assert [(f.kind, f.text) for f in findings] == [
        (Kind.PERSON_NAME, "Mrs Joan Smith"),
        (Kind.DATE_OF_BIRTH, "03/03/1948"),
        (Kind.NHS_NUMBER, "943 476 5870"),
        (Kind.STREET_ADDRESS, "14 Acacia Avenue"),
        (Kind.POSTCODE, "LS1 4AP"),
        (Kind.PERSON_NAME, "David Brown"),
        (Kind.PHONE_NUMBER, "07700 900123"),
        (Kind.EMAIL, "david.brown@example.com"),
        (Kind.NI_NUMBER, "AB 12 34 56 C"),
    ]
    for finding in findings:
        assert PARAGRAPH[finding.start : finding.end] == finding.text


def test_results_are_sorted_and_do_not_overlap() -> None:
    findings = find_identifiers(PARAGRAPH)
    starts = [f.start for f in findings]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start


def test_longer_match_wins_an_overlap() -> None:
    # The digits of a date of birth must be reported once, as the date, not also as a phone.
    text = "DOB: 01-02-1950"
    assert [(f.kind, f.text) for f in find_identifiers(text)] == [
        (Kind.DATE_OF_BIRTH, "01-02-1950")
    ]


def test_labels_are_human_readable() -> None:
    finding = Finding(Kind.NHS_NUMBER, "943 476 5870", 0, 12)
    assert finding.label == "NHS number"
    assert {kind.label for kind in Kind} == {
        "person name",
        "NHS number",
        "National Insurance number",
        "postcode",
        "phone number",
        "email address",
        "date of birth",
        "street address",
    }


def test_finding_is_immutable() -> None:
    finding = Finding(Kind.POSTCODE, "M1 1AE", 0, 6)
    with pytest.raises(AttributeError):
        finding.start = 1  # type: ignore[misc]
