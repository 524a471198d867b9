"""The date detector: dates of birth, exact dates of events, and the dates that are safe."""

from __future__ import annotations

import pytest

from learning.anonymisation import dates
from learning.anonymisation.kinds import Kind


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The detector is pure; this shadows a fixture that needs the database.
    yield


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("born on 3rd March 1948", "3rd March 1948"),
        ("She was born 3 March 1948 in Leeds.", "3 March 1948"),
        ("DOB 03/03/1948", "03/03/1948"),
        ("D.O.B.: 3.3.48", "3.3.48"),
        ("dob 3-Mar-48", "3-Mar-48"),
        ("DoB 03 03 1948", "03 03 1948"),
        ("date of birth 1948-03-03", "1948-03-03"),
        ("born on the 3rd of March 1948", "3rd of March 1948"),
        ("BORN 17 MAY 1936 was printed on the order of service", "17 MAY 1936"),
        ("The GP recorded her date of birth as 4/5/1950.", "4/5/1950"),
        ("She was born in Hull on 2 May 1939.", "2 May 1939"),
        ("Her birthday, 3 April 1941, was kept on the ward.", "3 April 1941"),
        ("his date of birth, September 9th, 1967, so", "September 9th, 1967"),
        ("the notes had 12/6/58 but the GP a different date of birth", "12/6/58"),
        ("I was born on Christmas Eve 1940", "Christmas Eve 1940"),
        # Case-note shorthand.
        ("SU DOB 3/4/41, lives alone", "3/4/41"),
        ("d.o.b 03.04.41", "03.04.41"),
        ("Mrs T (b. 3.4.41) seen", "3.4.41"),
    ],
)
def test_dates_of_birth(text: str, identifier: str) -> None:
    findings = dates.find(text)
    assert [(f.kind, f.text) for f in findings] == [(Kind.DATE_OF_BIRTH, identifier)]


@pytest.mark.parametrize(
    ("text", "identifier", "suggestion"),
    [
        ("He died on 4th January 2022 at home.", "4th January 2022", "January 2022"),
        ("Mrs B was taken to A&E on 05/06/2021 after a fall.", "05/06/2021", "June 2021"),
        ("On 12 March 2020 she moved into the care home.", "12 March 2020", "March 2020"),
        ("The funeral took place on 3 June 2021.", "3 June 2021", "June 2021"),
        ("The inquest concluded on 21 September 2022.", "21 September 2022", "September 2022"),
        ("He was reported missing on 2 Feb 2019.", "2 Feb 2019", "February 2019"),
        ("Adult D was discharged on 17.08.2021 alone.", "17.08.2021", "August 2021"),
        ("14 March 2021: carers found her on the floor.", "14 March 2021", "March 2021"),
        ("CHRONOLOGY \u2013 07/06/21: ambulance called", "07/06/21", "June 2021"),
        (
            "It was 2023-05-19 before anyone noticed she had stopped eating.",
            "2023-05-19",
            "May 2023",
        ),
        ("The GP last saw him on 16 Nov 2022.", "16 Nov 2022", "November 2022"),
        # Case-note shorthand: abbreviated cues, two-digit years, the person as "SU"/"pt".
        ("dod 12/1/23", "12/1/23", "January 2023"),
        ("adm 3/4/22 via ED", "3/4/22", "April 2022"),
        ("D/C'd 4.5.22 to home, POC x4", "4.5.22", "May 2022"),
        ("found 12/01/23 on floor by TM", "12/01/23", "January 2023"),
        ("adm 3 Apr 22", "3 Apr 22", "April 2022"),
        ("12/01/23 \u2013 SU rang duty, distressed", "12/01/23", "January 2023"),
    ],
)
def test_event_dates_suggest_month_and_year(text: str, identifier: str, suggestion: str) -> None:
    findings = dates.find(text)
    assert [(f.kind, f.text, f.suggestion) for f in findings] == [
        (Kind.EVENT_DATE, identifier, suggestion)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The board met on 4 May 2022 to agree the recommendations.",
        "The report was published on 1 December 2023.",
        "The Care Act 2014 came into force on 1 April 2015.",
        "Training was delivered on 12 October 2022 to 40 staff.",
        "The Mental Capacity Act 2005 received Royal Assent on 7 April 2005.",
        "The strategy meeting on 03/03/2021 agreed actions.",
        "Section 42 enquiry opened 3 March 2024.",
        "The consultation closes on 30 November 2023.",
        "Minutes of the Executive Group, 21.11.2022, item 5.",
        "She was born in 1948 and died in 2021.",
        "He died in March 2022.",
        "She was born on 3 March 20 years before the review.",
        "Her date of birth is in March.",
        "Paragraph 14.17 and version 4.2.1 apply; ISBN 978-1-914261-07-7.",
        "The deadline for responses is 31 March 2024.",
        "SAB mtg 3 Apr 22 agreed actions.",
        "Sch A1 training 3/4/22 for ward staff.",
    ],
)
def test_safe(text: str) -> None:
    assert dates.find(text) == []


def test_impossible_dates_are_ignored() -> None:
    assert dates.find("He died on 31/13/2021, the notes say.") == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("She was born on the third of April 1941.", "the third of April 1941"),
        ("born on the twenty-first of May 1950", "the twenty-first of May 1950"),
        ("born the twenty first of May, 1950", "the twenty first of May, 1950"),
        ("DOB: the thirty-first of December 1939", "the thirty-first of December 1939"),
        ("born on April the third, 1941", "April the third, 1941"),
        ("born on 3rd April nineteen forty-one", "3rd April nineteen forty-one"),
        (
            "born on the fifth of May, nineteen hundred and five",
            "the fifth of May, nineteen hundred and five",
        ),
    ],
)
def test_spelt_dates_of_birth(text: str, identifier: str) -> None:
    findings = dates.find(text)
    assert [(f.kind, f.text) for f in findings] == [(Kind.DATE_OF_BIRTH, identifier)]


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("He died on the twenty-first of May 2021.", "May 2021"),
        ("She was admitted on the twelfth of June twenty twenty-two.", "June 2022"),
        ("He fell on the first of March two thousand and nine.", "March 2009"),
        ("The funeral was on the nineteenth of July 2023.", "July 2023"),
    ],
)
def test_spelt_event_dates(text: str, suggestion: str) -> None:
    findings = dates.find(text)
    assert [(f.kind, f.suggestion) for f in findings] == [(Kind.EVENT_DATE, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "The board met on the third of April 2023.",
        "The report was published on the first of December 2023.",
        "He died in the second world war, in May 1941.",
        "She was born on the thirty-second of May 1950.",
        "He was born in the spring of nineteen forty-one.",
        "It was the first of many meetings in May 2022.",
    ],
)
def test_spelt_safe(text: str) -> None:
    assert dates.find(text) == []
