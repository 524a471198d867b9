"""Details that identify together: an exact age with a rare condition or a small place."""

from __future__ import annotations

import pytest

from learning.anonymisation import quasi
from learning.anonymisation.kinds import Kind


@pytest.mark.parametrize(
    ("text", "age", "band"),
    [
        # An exact age with a rare condition.
        (
            "Aged 34 and living with Wilson's disease, he relied on his mother.",
            "Aged 34",
            "in his thirties",
        ),
        ("a 26-year-old man with Prader-Willi syndrome", "26-year-old", "in his twenties"),
        (
            "He was 48 years old and had Creutzfeldt-Jakob disease.",
            "48 years old",
            "in his forties",
        ),
        ("A woman aged 61 with progressive supranuclear palsy", "aged 61", "in her sixties"),
        (
            "the 57-year-old had CADASIL, a rare inherited condition",
            "57-year-old",
            "in their fifties",
        ),
        ("She was twenty-nine, had fragile X syndrome", "twenty-nine", "in her twenties"),
        ("He was 34 and had Huntington's disease.", "34", "in his thirties"),
        ("an 80-year-old with a rare form of leukaemia", "80-year-old", "in their eighties"),
        ("at the age of 47 she was diagnosed with Batten disease", "age of 47", "in her forties"),
        # Common conditions that are rare at the age given.
        ("Aged 51, she had young onset dementia.", "Aged 51", "in her fifties"),
        ("a 72-year-old with Down's syndrome", "72-year-old", "in their seventies"),
        # An exact age with a small place.
        ("A 97-year-old woman in the village of Little Aldbury", "97-year-old", "in her nineties"),
        ("The 103-year-old man from Netherwick", "103-year-old", "over 95"),
        ("he was aged 88 and living in the hamlet of Cowley Bottom", "aged 88", "in his eighties"),
        ("a 91-year-old in Hebworth", "91-year-old", "in their nineties"),
        (
            "At 92, and living in the village of Aldwick Green, she was isolated.",
            "At 92",
            "in her nineties",
        ),
        ("A woman, 91, from the village of Heptonstall.", "91", "in her nineties"),
        ("Mr B (90) lived near Skelby.", "90", "in his nineties"),
        ("She was 19 and lived at Honeysuckle Cottage.", "19", "in her teens"),
    ],
)
def test_exact_age_with_a_narrowing_detail(text: str, age: str, band: str) -> None:
    (finding,) = quasi.find(text)
    assert finding.kind is Kind.QUASI_IDENTIFIER
    assert (finding.text, finding.suggestion) == (age, band)
    assert text[finding.start : finding.end] == age


@pytest.mark.parametrize(
    "text",
    [
        # An exact age alone, or with a large place or a common condition.
        "A 79-year-old man lived alone.",
        "She was aged 88 and lived alone in Leeds.",
        "A man aged 64 with Parkinson's disease was discharged.",
        "She was 85 and had dementia.",
        "Adult F, 72, had diabetes and lived in West Yorkshire.",
        "a 30-year-old with cystic fibrosis",
        # Approximate ages with a rare condition or small place.
        "She was in her eighties and had motor neurone disease.",
        "Most adults aged over 65 in Hebworth lived alone.",
        "Adults aged 18 to 64 with Huntington's disease need support.",
        "People aged 75 and over in the village of Thornby were surveyed.",
        "Young adults (18-25) with Rett syndrome move to adult services.",
        "The average age of residents in Kirkhaven was 87.",
        "about 40 years old, with Huntington's disease",
        # Rare conditions with no age at all.
        "Creutzfeldt-Jakob disease is rare, and staff had never seen it.",
        # Ages next to organisations, months and languages rather than towns.
        "Aged 45, he was known to Adult Social Care.",
        "She was 60 in March and had no family.",
    ],
)
def test_leaves_safe_text_alone(text: str) -> None:
    assert quasi.find(text) == []


@pytest.mark.parametrize(
    ("age", "pronoun", "band"),
    [
        (97, "her", "in her nineties"),
        (20, "his", "in his twenties"),
        (13, "their", "in their teens"),
        (100, "her", "over 95"),
        (9, "his", "a child"),
    ],
)
def test_age_bands(age: int, pronoun: str, band: str) -> None:
    assert quasi.age_band(age, pronoun) == band


# --- Case-note voice ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "age", "band"),
    [
        ("96yo lady, Hartwell village, lives alone", "96yo", "in her nineties"),
        ("SU 93 yo, village of Elmhurst, no family", "93 yo", "in their nineties"),
        ("27 y/o male with Huntington's disease", "27 y/o", "in his twenties"),
        ("34yrs, dx motor neurone disease, POC up", "34yrs", "in their thirties"),
        ("Mrs K 96F, lives in Little Hadham", "96F", "in her nineties"),
        ("84M, CJD suspected, referred to neuro", "84M", "in his eighties"),
        ("SU (91) Ashcombe village, Huntington's", "91", "in their nineties"),
        # Apposition after shorthand, and y/o at the start of a line.
        ("su, 34, dx Huntington's chorea", "34", "in their thirties"),
        ("pt, 81, progeria noted", "81", "in their eighties"),
        ("27 y/o with MND, lives with parents", "27 y/o", "in their twenties"),
        # Rarity said in words rather than a listed condition.
        ("Mr K, 77, one of very few in the UK with it", "77", "in his seventies"),
        ("aged 40 and one of only three known cases", "aged 40", "in their forties"),
        ("a handful of people share her diagnosis; aged 52", "aged 52", "in her fifties"),
        ("SU, 45, the only known case locally", "45", "in their forties"),
        ("27 y/o, very rare presentation", "27 y/o", "in their twenties"),
    ],
)
def test_case_note_ages(text: str, age: str, band: str) -> None:
    findings = quasi.find(text)
    assert [(f.text, f.suggestion) for f in findings] == [(age, band)]


@pytest.mark.parametrize(
    "text",
    [
        "for 27 yrs worked at the mill; lives in Much Wenlock",
        "known to services 12 yrs ago; MND",
        "£96M contract awarded in Much Wenlock",
        "SU 84yo, lives in Leeds, diabetes",
        "worked 27 yrs with the council; very rare",
        "Aged 40, she very rarely goes out.",
        "pt, 81, lives in Leeds with her daughter",
        "The village hall used for the MDT; SU 88yo",
    ],
)
def test_case_note_safe_ages(text: str) -> None:
    assert quasi.find(text) == []


def test_ages_in_one_sentence_share_its_condition() -> None:
    text = "aged 40 and aged 41 with Huntington's disease"
    assert [f.text for f in quasi.find(text)] == ["aged 40", "aged 41"]
