"""The person-name detector: titled, cued, untitled and declared names, and safe near-misses."""

from __future__ import annotations

import time

import pytest

from learning.anonymisation import names
from learning.anonymisation.kinds import Finding, Kind


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; this shadows a fixture that needs the database.
    yield


def _covers(findings: list[Finding], text: str, identifier: str) -> bool:
    start = text.index(identifier)
    end = start + len(identifier)
    return any(f.kind is Kind.PERSON_NAME and f.start < end and f.end > start for f in findings)


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # Titles, old and new, in any case.
        ("The letter went to Mrs Hill on Monday.", "Hill"),
        ("NOTES ON MR PETER GRAYSON", "PETER GRAYSON"),
        ("MR AND MRS ATHERTON asked for a review.", "ATHERTON"),
        ("Sergeant Aldous took the call.", "Aldous"),
        ("It was DC Marchetti who interviewed him.", "Marchetti"),
        ("Imam Rahimi visited the ward.", "Rahimi"),
        ("A letter from Councillor Pemberton arrived.", "Pemberton"),
        ("Sister Philomena ran the lunch club.", "Philomena"),
        ("Reverend Gareth Pugh spoke to the panel.", "Gareth Pugh"),
        # Family forms of address and relationships.
        ("Uncle Desmond kept the bank card.", "Desmond"),
        ("Nana Dot came every Sunday.", "Dot"),
        ("Her grandson, Lewis, moved in.", "Lewis"),
        ("Adult T's younger brother Kieran was his carer.", "Kieran"),
        ("a family friend named Hollie stayed over", "Hollie"),
        # Nicknames.
        ("Nicknamed Sparky by his workmates, he rarely used his own name.", "Sparky"),
        ("The regulars knew him as 'Curly'.", "Curly"),
        ("staff called her Princess Di on the ward", "Princess"),
        # Untitled full names, in any case and with hyphens and apostrophes.
        ("The visit to Gillian Marsden was cancelled.", "Gillian Marsden"),
        ("home visit: marjorie fenwick was in bed", "marjorie fenwick"),
        ("REFERRAL FOR BARBARA KNOWLES", "BARBARA KNOWLES"),
        ("Agencies knew Declan O'Rourke well.", "Declan O'Rourke"),
        ("A letter to Harriet Lloyd-Evans was returned.", "Harriet Lloyd-Evans"),
        # Neither word in the gazetteer nor in the dictionary, mid-sentence.
        ("The concern about Zuleikha Ghafoorzai was closed.", "Zuleikha Ghafoorzai"),
        # A pseudonym that is a real-looking full name is flagged even when declared.
        ("In this review she is called Beatrice Holroyd.", "Beatrice Holroyd"),
        # Case-note voice: relationships without a possessive, filed names, families.
        ("Daughter Kelly states SU not eating.", "Kelly"),
        ("Neighbour (Brenda) holds key.", "Brenda"),
        ("Home visit - nephew Ravi interpreting.", "Ravi"),
        ("Pt settled; partner Dean present.", "Dean"),
        ("Spoke with sister, Maureen, by phone.", "Maureen"),
        ("DAUGHTER KELLY AWARE OF PLAN", "KELLY"),
        ("SMITH, Joan - seen at home", "SMITH, Joan"),
        ("Visit completed - PATEL, RAVI rec'd meds", "PATEL, RAVI"),
        ("Concerns about the D'Souza family raised by school.", "D'Souza"),
        ("The Kowalski household were not home.", "Kowalski"),
        ("Linked file: Farzana Begum (sister) also open.", "Farzana Begum"),
        ("NOK = wife Brenda; not to be told.", "Brenda"),
        ("Discharge letter for pt O'Halloran rec'd.", "O'Halloran"),
        ("Messages from a contact saved as 'Big K' on his phone.", "Big K"),
        # Case notes typed in lower case.
        ("hv - mrs o'keefe not in, card left", "o'keefe"),
        ("tc w/ mr nowak re rent arrears", "nowak"),
        ("son (liam doherty) has lpa", "liam doherty"),
        ('staff at the cafe call pt "Smudge"', "Smudge"),
    ],
)
def test_finds_names(text, identifier):
    assert _covers(names.find(text), text, identifier)


@pytest.mark.parametrize(
    "text",
    [
        "Mr H and Mrs AB attended with Adult C.",
        "MRS J. was admitted; ADULT A was known to services.",
        "She had Alzheimer's disease and later Parkinson's.",
        "He was seen at St George's before moving to Milton Keynes.",
        "Staff from Marie Curie and Sue Ryder supported the family.",
        "The Herbert Protocol and Clare's Law were not used.",
        "Her carer, Bluebird Care, visited twice a day.",
        "She called Adult Social Care and then Trading Standards.",
        "The Nurse Practitioner and the Ward Manager met the family.",
        "The Sister in charge rang the on-call Matron.",
        "Lord Justice Munby asked what good it is making someone safer.",
        "Sir Robert Francis QC chaired the inquiry.",
        "Research by Tom Kitwood shaped dementia care.",
        "London Borough of Hillingdon v Neary is often cited.",
        "Grace periods and Will forms were discussed.",
        "The team met in Cheshire West and in Greater Manchester.",
        # Names that the text declares as pseudonyms.
        "Rosa (not her real name) lived alone; her daughter Rosa Mae was not involved.",
        "In this review he is referred to as Ned, a name chosen with his sister.",
        "Her son Ned, as we have called him, visited weekly.",
        "tc from gp re appt, nfa, tbc next week",
        # Case-note shorthand and relationships with no name after them.
        "SU transferred to acute hosp, meds and obs reviewed.",
        "Daughter states SU not eating. Son aware. Partner present.",
        "Neighbour (no name given) holds key; carer (agency) attended.",
        "Partner Agencies met; Carer Assessment booked; Partner Org informed.",
        "NEIGHBOUR, ALBION PLACE: door left open.",
        "NOTE, Grace period applies - ACTION, Mum to call back.",
        "Troubled Families programme; the Royal Family; a foster family.",
        "Pt Transport booked; SU Flat 3 visited; Client Services rang; the patient refused.",
        "Seen by the Safeguarding Team (partner agency) and Contact Centre (friend) rang.",
        "mr h seen; ms smith and dr patel not involved; pt may miss the bus.",
        "son (not present); wife (aged seventy); called pt back; call SU Monday.",
    ],
)
def test_safe_text_has_no_names(text):
    found = [f for f in names.find(text) if f.kind is Kind.PERSON_NAME]
    if "Rosa Mae" in text:
        # "Rosa Mae" reads as a full name, so only the declared first name passes.
        assert {f.text for f in found} == {"Rosa Mae"}
    else:
        assert found == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Margaret Holroyd", True),
        ("Mrs Margaret Holroyd", True),
        ("joan smith", True),
        ("Adult C", False),
        ("Mr H", False),
        ("Joan", False),
        ("Sam", False),
        ("Baby K", False),
        ("", False),
    ],
)
def test_looks_like_full_name(name, expected):
    assert names.looks_like_full_name(name) is expected


def test_declared_names_are_dropped_but_others_kept():
    text = "Auntie Joan visited; her son Dean did not."
    findings = names.drop_declared(names.find(text), ["Joan (a name chosen with her family)"])
    assert [f.text for f in findings] == ["Dean"]


def test_declared_names_ignore_case_and_accents():
    text = "Her daughter, Zoë, visited."
    assert names.drop_declared(names.find(text), ["zoe"]) == []


def test_scanning_ten_thousand_words_is_quick():
    paragraph = (
        "The review found that Adult A's daughter, Kelly, raised concerns with the GP "
        "under the Care Act 2014, and the Safeguarding Adults Board agreed actions with "
        "the Mental Capacity Act 2005 Code of Practice in mind. joan smith rang twice. "
    )
    text = paragraph * (10_000 // len(paragraph.split()) + 1)
    names.find(text)  # load the word lists
    started = time.perf_counter()
    names.find(text)
    # Generous for a shared CI machine; the guard's own benchmark sets the real budget.
    assert time.perf_counter() - started < 0.1


# --- Names written with initials --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The referral was made by J. Smith on Monday.", "J. Smith"),
        ("Seen by J Smith today.", "J Smith"),
        ("Letters signed J.R. Patel went unanswered.", "J.R. Patel"),
        ("Letters signed J. R. Patel went unanswered.", "J. R. Patel"),
        ("Her neighbour, K. O'Brien, called the police.", "K. O'Brien"),
        ("Then J. Patel arrived with the keys.", "J. Patel"),
        ("Joan S. Smith lived alone.", "Joan S. Smith"),
        ("Joan S Smith lived alone.", "Joan S Smith"),
    ],
)
def test_finds_names_written_with_initials(text, expected):
    assert expected in {f.text for f in names.find(text) if f.kind is Kind.PERSON_NAME}


@pytest.mark.parametrize(
    "text",
    [
        "Mr H said he was fine; Adult A agreed and Mrs J. attended.",
        "J.P. (SW) and R.K. (DN) attended; Mr O wants to stay at home.",
        "Staff spoke to Mr H. The next day he was admitted.",
        "The report of Adult A Smith's case is not a real thing; nor is Child B. Jones.",
        "Plan B Green was agreed; Section A Khan is not a clause; Vitamin D Patel neither.",
        "A Baker visited; I Patel is not how anyone writes.",
        "Funding came from J.P. Morgan.",
        "see s.42 enquiry and section 14 of the Act",
    ],
)
def test_initials_without_a_name_are_safe(text):
    assert [f for f in names.find(text) if f.kind is Kind.PERSON_NAME] == []


# --- Round 5: cue binding, dated names, English-word names, speed ---------------------------


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # A pseudonym cue declares only the name next to it.
        ("Adult C (a pseudonym) lived with her son Dean.", "Dean"),
        ("Joan (a pseudonym) was visited by Kevin Barraclough and PC Whitlock.", "PC Whitlock"),
        ("In this review, her son Dean was known to police.", "Dean"),
        ("Throughout the review her son Dean used her bank card.", "Dean"),
        # A year in brackets does not make a full name a citation.
        ("SAR: Joan Smith (2022)", "Joan Smith"),
        ("Joan Smith (1941-2022) lived alone.", "Joan Smith"),
        ("The SAR for Kevin Barraclough (2021) found gaps.", "Kevin Barraclough"),
        # Given name and surname that are both English words.
        ("The visit by John Smith was brief.", "John Smith"),
        ("David Green rang the duty team.", "David Green"),
        ("She was seen by Margaret Hall and Mark Brown.", "Margaret Hall"),
        ("She was seen by Margaret Hall and Mark Brown.", "Mark Brown"),
        ("seen with john smith today", "john smith"),
        ("david green rang re meds", "david green"),
    ],
)
def test_round5_names_found(text: str, identifier: str) -> None:
    assert _covers(names.find(text), text, identifier)


@pytest.mark.parametrize(
    "text",
    [
        "Referred to in this review as Ruby, she was a young woman.",
        "Here we call her Amira, a pseudonym, to protect her identity.",
        "Preston-Shoot (2017) argues for a whole-system approach.",
        "Michael Preston-Shoot (2017) analysed national SARs.",
        "Andrew Lansley introduced the bill.",
        "Dame Philippa Russell chaired the group.",
        "A Good Samaritan called the ambulance.",
        "Will Young and May Hill are not names here; nor is Victoria Park.",
        "i saw him on friday and peter said he was fine",
    ],
)
def test_round5_safe(text: str) -> None:
    assert [f.text for f in names.find(text)] == []


@pytest.mark.parametrize(
    ("name", "looks_real"),
    [
        ("John Smith", True),
        ("David Green", True),
        ("Margaret Hall", True),
        ("Mark Brown", True),
        ("Adult C", False),
        ("Mr H", False),
        ("Sam", False),
        ("Will Power", False),
    ],
)
def test_looks_like_full_name_with_english_words(name: str, looks_real: bool) -> None:
    assert names.looks_like_full_name(name) is looks_real


@pytest.mark.parametrize(
    "text", ["She met 'Joan Smith' there.", "Use 'Graham Whitlock' as the adult's name."]
)
def test_a_full_name_in_straight_single_quotes_is_found(text: str) -> None:
    # An opening quote is not an apostrophe inside a name ("O'Brien").
    assert [f.text for f in names.find(text)] in (["Joan Smith"], ["Graham Whitlock"])


# --- Round 6: shouted full names, multi-word titles, nicknames by cue ---------------------


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("KEY LEARNING: WHY DID NOBODY ASK DAVID HARRIS WHAT HE WANTED", "DAVID HARRIS"),
        ("KEY LEARNING: WHY DID NOBODY ASK JOHN SMITH WHAT HE WANTED", "JOHN SMITH"),
        ("Detective Sergeant Okafor attended.", "Detective Sergeant Okafor"),
        ("Detective Constable Marsh took the statement.", "Marsh"),
        ("Detective Inspector Brannigan reviewed it.", "Brannigan"),
        ("Police Constable Brennan arrived.", "Police Constable Brennan"),
        ("Staff Nurse Adeyemi recorded it.", "Staff Nurse Adeyemi"),
        ("Charge Nurse Whitfield noted the bruising.", "Whitfield"),
        ("Ward Sister Mulholland said so.", "Mulholland"),
        ("Station Officer Pritchard confirmed it.", "Pritchard"),
        ("Watch Manager Kendrick attended.", "Kendrick"),
        ("Probation Officer Lindqvist wrote.", "Lindqvist"),
        ("Senior Social Worker Thackeray visited.", "Thackeray"),
        ('He went by the street name "K-Dog" locally.', "K-Dog"),
        ("He went by Tiny.", "Tiny"),
        ("She liked to be called Bex.", "Bex"),
        ("He came to be known as Smiler.", "Smiler"),
        ("Sully, a nickname from school, was used by everyone.", "Sully"),
        ("Known locally as 'Smiler' (his street name) he sold drugs.", "Smiler"),
        ("His nickname was Ginger.", "Ginger"),
        ('"Big Dave" visited the flat twice.', "Big Dave"),
        ('"Little Man" threatened him.', "Little Man"),
        ('"K-Dog" was seen at the flat.', "K-Dog"),
        ("'Lucy' arrived at noon.", "Lucy"),
    ],
)
def test_round6_names_found(text: str, identifier: str) -> None:
    assert _covers(names.find(text), text, identifier)


@pytest.mark.parametrize(
    "text",
    [
        "The Detective Inspector on call was told.",
        "The Watch Manager said the flat was safe.",
        "A Staff Nurse and a Ward Sister were on shift.",
        "BUSES TO THE HOSPITAL IN CARLISLE WERE INFREQUENT.",
        "OVER 18 MONTHS THE TEAM MADE MORE THAN 300 VISITS.",
        '"Think Family" was launched in 2019.',
        '"Think Family" said nothing new.',
        'Her report "Hidden Harm" said that.',
        "'Safe Space' was launched in 2019.",
        "'Care Act' said so.",
        'The "Making Safeguarding Personal" approach was used.',
    ],
)
def test_round6_safe_near_misses(text: str) -> None:
    assert names.find(text) == []
