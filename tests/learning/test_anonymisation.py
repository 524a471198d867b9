"""The anonymisation guard's detector as a whole: its public entry point, how findings
from the detectors are combined, and declared names. What each detector catches is
measured against the corpus (test_anonymisation_corpus.py) and tested rule by rule in
tests/learning/anonymisation/."""

import itertools

import pytest

from learning.anonymisation import NOT_CHECKED, STRONG_KINDS, Finding, Kind, find_identifiers
from learning.anonymisation.declared import parse_declared_names
from learning.anonymisation.normalise import plain
from tests.learning.anonymisation_corpus import measure as _measure


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; shadow tests/conftest.py's cache-clearing fixture so this module
    # also runs with `-p no:django`, where no Django settings are configured.
    yield


CORPUS_TEXTS = [e.text for e in _measure.load("identifying") + _measure.load("safe")]


def test_empty_string() -> None:
    assert find_identifiers("") == []


def test_offsets_point_at_matched_text_across_the_corpus() -> None:
    for text in CORPUS_TEXTS:
        for finding in find_identifiers(text):
            assert text[finding.start : finding.end] == finding.text, text


def test_findings_never_overlap_across_the_corpus() -> None:
    for text in CORPUS_TEXTS:
        for before, after in itertools.pairwise(find_identifiers(text)):
            assert before.end <= after.start, text


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
    labels = [kind.label for kind in Kind]
    assert len(set(labels)) == len(labels)
    assert all(label and label == label.strip() for label in labels)
    assert all(kind.advice.endswith(".") for kind in Kind)


def test_strong_identifiers_are_the_ones_the_issue_names() -> None:
    assert {
        Kind.NHS_NUMBER,
        Kind.NI_NUMBER,
        Kind.DATE_OF_BIRTH,
        Kind.PHONE_NUMBER,
        Kind.EMAIL,
        Kind.BANK_DETAILS,
        Kind.STREET_ADDRESS,
        Kind.POSTCODE,
    } == STRONG_KINDS
    assert Kind.NHS_NUMBER.strong and not Kind.PERSON_NAME.strong


def test_the_limits_are_stated() -> None:
    assert len(NOT_CHECKED) >= 3


def test_a_declared_name_is_not_a_finding_but_others_are() -> None:
    text = "Mrs Joan Smith spoke to Mr Patel."
    assert [f.text for f in find_identifiers(text)] == ["Mrs Joan Smith", "Mr Patel"]
    assert [f.text for f in find_identifiers(text, declared_names=["Joan Smith"])] == ["Mr Patel"]


def test_declaring_a_name_does_not_hide_other_kinds() -> None:
    text = "Joan Smith, NHS number 943 476 5870."
    kinds = [f.kind for f in find_identifiers(text, declared_names=["943 476 5870"])]
    assert Kind.NHS_NUMBER in kinds


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Adult C", ["Adult C"]),
        ("Joan (a name chosen with her family)\nAdult C", ["Joan", "Adult C"]),
        ("Sam, not his real name", ["Sam"]),
        ("  “Kath” \n\n", ["Kath"]),
        ("Adult D - the adult at the centre of the review", ["Adult D"]),
        ("", []),
        (None, []),
    ],
)
def test_declared_names_are_read_one_per_line(field, names) -> None:
    assert parse_declared_names(field) == names


def test_finding_is_immutable() -> None:
    finding = Finding(Kind.POSTCODE, "M1 1AE", 0, 6)
    with pytest.raises(AttributeError):
        finding.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        # Pasted from a word processor: no-break spaces and hyphens look like plain ones.
        ("ref 943\u00a0476\u00a05870 on file", Kind.NHS_NUMBER, "943\u00a0476\u00a05870"),
        ("ref 943\u2011476\u20115870", Kind.NHS_NUMBER, "943\u2011476\u20115870"),
        ("Joan\u00a0Smith visited", Kind.PERSON_NAME, "Joan\u00a0Smith"),
        ("Mrs\u202fSmith", Kind.PERSON_NAME, "Mrs\u202fSmith"),
        # Invisible characters typed to split an identifier.
        ("ref 943\u200b476\u200b5870", Kind.NHS_NUMBER, "943\u200b476\u200b5870"),
        ("Mrs Jo\u200ban Smith came", Kind.PERSON_NAME, "Mrs Jo\u200ban Smith"),
        ("NI AB\u00ad123456C", Kind.NI_NUMBER, "AB\u00ad123456C"),
        # Direction marks and combining accents show nothing.
        ("ref 943\u200f 476\u200f 5870", Kind.NHS_NUMBER, "943\u200f 476\u200f 5870"),
        ("Mrs \u200eSmith came", Kind.PERSON_NAME, "Mrs \u200eSmith"),
        ("ref 9\u03014\u03013 476 5870", Kind.NHS_NUMBER, "9\u03014\u03013 476 5870"),
        # Letters of other scripts drawn like Latin ones, and full-width digits.
        ("Mrs \u0405mith came", Kind.PERSON_NAME, "Mrs \u0405mith"),
        ("ref \uff19\uff14\uff13 476 5870", Kind.NHS_NUMBER, "\uff19\uff14\uff13 476 5870"),
        # A line break inside a paragraph reads as a space.
        ("a letter to Mrs\nSmith", Kind.PERSON_NAME, "Mrs\nSmith"),
        ("near TN39\n4PQ", Kind.POSTCODE, "TN39\n4PQ"),
    ],
)
def test_look_alike_characters_do_not_hide_an_identifier(text, kind, found) -> None:
    findings = find_identifiers(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]
    # Reported as written, so the editor can find the same characters in the field.
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_text_shown_backwards_by_a_direction_override_is_read_as_shown() -> None:
    # Stored as "htimS nhoJ" inside a right-to-left override, displayed as "John Smith".
    text = "Referred by \u202ehtimS nhoJ\u202c in March."
    findings = find_identifiers(text)
    assert [f.kind for f in findings] == [Kind.PERSON_NAME]
    assert findings[0].text == "htimS nhoJ"  # the characters as stored, for the editor
    assert find_identifiers("postcode \u202eQP4 93NT\u202c")[0].kind is Kind.POSTCODE


def test_a_blank_line_still_separates_paragraphs() -> None:
    assert find_identifiers("She asked Mrs\n\nSmith said no") == []


def test_plain_text_is_read_as_it_is() -> None:
    readable = plain("Mrs Smith")
    assert readable.text == "Mrs Smith" and readable.origin is None
    assert readable.span(4, 9) == (4, 9)


def test_the_map_back_skips_invisible_characters() -> None:
    readable = plain("a\u200bb\u00a0c")
    assert readable.text == "ab c"
    assert readable.span(1, 4) == (2, 5)


def test_names_declared_separately_do_not_combine_into_a_full_name() -> None:
    text = "Joan Smith moved in with Mrs Joan in 2019."
    found = find_identifiers(text, declared_names=["Joan", "Smith"])
    assert [f.text for f in found] == ["Joan Smith"]
    assert find_identifiers("Auntie Joan visited.", declared_names=["Auntie Joan"]) == []
