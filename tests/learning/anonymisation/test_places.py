"""The place detector: each rule, and the safe text that looks like it."""

from __future__ import annotations

import pytest

from learning.anonymisation import places
from learning.anonymisation.kinds import Kind


def _found(text: str) -> set[tuple[Kind, str]]:
    return {(finding.kind, finding.text) for finding in places.find(text)}


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        # Postcodes, in any case, with or without the space.
        ("London SW1A 1AA", Kind.POSTCODE, "SW1A 1AA"),
        ("Leeds ls1 4ap", Kind.POSTCODE, "ls1 4ap"),
        ("at sw1a1aa", Kind.POSTCODE, "sw1a1aa"),
        ("Sheffield S42 2ND", Kind.POSTCODE, "S42 2ND"),
        # Numbered addresses and flats.
        ("lived at 14 Acacia Avenue", Kind.STREET_ADDRESS, "14 Acacia Avenue"),
        ("221B Baker Street", Kind.STREET_ADDRESS, "221B Baker Street"),
        ("police attended 46a Station Parade", Kind.STREET_ADDRESS, "46a Station Parade"),
        ("Flat 3, 12 High Road, Leeds", Kind.STREET_ADDRESS, "Flat 3, 12 High Road"),
        ("Flat 12B, Beechwood Court, a block", Kind.STREET_ADDRESS, "Flat 12B, Beechwood Court"),
        (
            "Apartment 5, Wharfside House, Canal",
            Kind.STREET_ADDRESS,
            "Apartment 5, Wharfside House",
        ),
        ("she shared 3 The Paddocks with him", Kind.STREET_ADDRESS, "3 The Paddocks"),
        ("letters went to 118 moor lane", Kind.STREET_ADDRESS, "118 moor lane"),
        ("ADDRESS: 5 KESTREL COURT, HOLLINBROOK", Kind.STREET_ADDRESS, "5 KESTREL COURT"),
        # Care settings, named in any case, with or without a town.
        ("moved into Larkfield House Care Home", Kind.PLACE, "Larkfield House Care Home"),
        ("staff at the Beeches Nursing Home, Thornleigh", Kind.PLACE, "Beeches Nursing Home"),
        ("she wanted out of brookvale care home", Kind.PLACE, "brookvale care home"),
        ("the report on ST HILDA'S NURSING HOME", Kind.PLACE, "ST HILDA'S NURSING HOME"),
        ("evicted from St Brendan's Hostel", Kind.PLACE, "St Brendan's Hostel"),
        ("He lived at Oakridge Court, a supported living scheme", Kind.PLACE, "Oakridge Court"),
        ("placed at the Anchorage, a direct-access hostel", Kind.PLACE, "Anchorage"),
        ("She attended Woodhouse Day Centre weekly.", Kind.PLACE, "Woodhouse Day Centre"),
        # Surgeries and health centres.
        ("registered with Moorside Surgery in Hollinbrook", Kind.PLACE, "Moorside Surgery"),
        ("at Castlegate Medical Centre, Sowerford", Kind.PLACE, "Castlegate Medical Centre"),
        ("booked at the Kingsmead Practice", Kind.PLACE, "Kingsmead Practice"),
        ("she had been with oakfield surgery for years", Kind.PLACE, "oakfield surgery"),
        # Wards, named or numbered.
        ("admitted to Ward 7 at Harrowfield General", Kind.PLACE, "Ward 7 at Harrowfield General"),
        ("notes from Ward C4 describe", Kind.PLACE, "Ward C4"),
        ("On Kestrel Ward he was nursed", Kind.PLACE, "Kestrel Ward"),
        ("the staff on larch ward were kind", Kind.PLACE, "larch ward"),
        ("the ward manager of the Rowan Unit agreed", Kind.PLACE, "Rowan Unit"),
        # House names.
        ("She lived alone at Honeysuckle Cottage.", Kind.PLACE, "Honeysuckle Cottage"),
        ("a bungalow called Fairview", Kind.PLACE, "Fairview"),
        ("a detached house named Sandholme", Kind.PLACE, "Sandholme"),
        ("the property, known locally as Hilltop Barn,", Kind.PLACE, "Hilltop Barn"),
        ("The fire service attended The Old Forge twice.", Kind.PLACE, "The Old Forge"),
        ("He moved into The Laurels with her.", Kind.PLACE, "The Laurels"),
        ('letters addressed to "the gables"', Kind.PLACE, "the gables"),
        ("entry at Windyridge, the family farmhouse", Kind.PLACE, "Windyridge"),
        ("The home at Orchard End was cold.", Kind.PLACE, "Orchard End"),
        ("found on the floor at MEADOW VIEW", Kind.PLACE, "MEADOW VIEW"),
        # Streets without a house number.
        ("She lived on Larchwood Avenue with her son.", Kind.PLACE, "Larchwood Avenue"),
        ("a flat off Kingfisher Way", Kind.PLACE, "Kingfisher Way"),
        ("he rented a room on wellington crescent", Kind.PLACE, "wellington crescent"),
        ("the launderette on Gladstone Parade", Kind.PLACE, "Gladstone Parade"),
        ("Adult R's address (Hollybush Drive, Sowerford)", Kind.PLACE, "Hollybush Drive"),
        ("He lived alone on Harrow Road.", Kind.PLACE, "Harrow Road"),
        ("She lived on the Brackenwood estate.", Kind.PLACE, "Brackenwood estate"),
    ],
)
def test_finds_places(text: str, kind: Kind, identifier: str) -> None:
    assert (kind, identifier) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        # Organisations and courts.
        "Leeds Teaching Hospitals NHS Trust contributed a chronology.",
        "West Yorkshire Police and Yorkshire Ambulance Service attended.",
        "Skills for Care publishes a framework.",
        "The Court of Protection was never asked.",
        "The Crown Court sentenced the carer.",
        "The Care Quality Commission rated the provider.",
        "The Department of Health and Social Care updated the guidance.",
        "Women's Aid offered support.",
        "Staff from Turning Point provided support.",
        "The Forced Marriage Unit can be contacted for advice.",
        "later from the Marie Curie hospice at home service",
        "Practitioners from the Care Home Support Team visited monthly.",
        "The House of Commons Health and Social Care Committee took evidence.",
        "Open House sessions gave families a chance to meet the team.",
        "Meetings were held at Leeds Civic Hall.",
        "Clare's Law, the Domestic Violence Disclosure Scheme, was not used.",
        # Generic settings.
        "She moved into a care home after a fall.",
        "The acute hospital discharged him late at night.",
        "Ward staff recorded fluid intake inconsistently.",
        "He was moved from the stroke ward to a rehabilitation unit.",
        "Reception staff at the GP surgery did not know.",
        "The Day Centre closed during the pandemic.",
        "He was placed in a Wakefield care home.",
        "She was recovering from hip surgery.",
        "The Intensive Care Unit discharged him.",
        # Large places.
        "The board covers West Yorkshire and Greater Manchester.",
        "Across the North East, concerns rose.",
        "She grew up in Kent and moved to Leeds.",
        # Idioms and street-like words.
        "The road to recovery was long.",
        "A way forward was agreed.",
        "Every avenue was explored.",
        "a trip down memory lane",
        "back to square one",
        "The Street Triage team was not on shift.",
        "The office is on Lord Street.",
        # Numbers that are not addresses, and ordinals that are not postcodes.
        "section 14 Crown Court",
        "Ward b1 1st floor is closed.",
        "Services in the M1 area",
        "In 2022 Leeds City Council commissioned the review.",
    ],
)
def test_leaves_safe_text_alone(text: str) -> None:
    assert _found(text) == set()


def test_place_findings_carry_no_suggestion() -> None:
    findings = places.find("She moved into Larkfield House Care Home.")
    assert findings and all(f.suggestion == "" for f in findings)


def test_shouted_text_is_reported_as_written() -> None:
    text = "ST HILDA'S NURSING HOME"
    (finding,) = [f for f in places.find(text) if f.kind is Kind.PLACE]
    assert text[finding.start : finding.end] == finding.text == text


@pytest.mark.parametrize(
    ("name", "large"),
    [("Leeds", True), ("west yorkshire", True), ("the north east", False), ("Hebworth", False)],
)
def test_large_places(name: str, large: bool) -> None:
    assert places.is_large_place(name) is large


# --- Case-note voice ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # Lower-case practices after a cue, with the district in brackets.
        ("letter rec'd from fernhill surgery (bramley) re meds", "fernhill surgery (bramley)"),
        ("rec'd from eastfield medical centre - bloods ok", "eastfield medical centre"),
        ("fax from holmbrook surgery re review", "holmbrook surgery"),
        # A quoted house name where an address goes.
        ('SU lives at "Fellside", key safe at rear', "Fellside"),
        ("address: \u201cWindrush\u201d - side gate", "Windrush"),
        # A boat that is someone's home.
        ("pt lives on the boat, the Silver Heron, moored by lock", "Silver Heron"),
        ("SU on narrowboat Kingfisher Dawn near the wharf", "Kingfisher Dawn"),
        ('HFSV at "Moorcroft", SU\'s farmhouse - smoke alarm off', "Moorcroft"),
        ("no answer at Highfold (cottage by the beck) for 3 days", "Highfold"),
        ("SU found wandering on Kiln Brow at night", "Kiln Brow"),
    ],
)
def test_finds_case_note_places(text: str, identifier: str) -> None:
    assert (Kind.PLACE, identifier) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Long road ahead for SU re rehab.",
        "Long road to recovery; POC to continue.",
        "Rocky road since D/C - TM aware.",
        "12/03 - Slow road back to independence.",
        "pt recovering from hip surgery (elective), D/C plan agreed",
        "recovering from knee surgery, HV booked",
        "The adult asked to be called 'Pearl' in the report.",
        "Boat trip on the canal enjoyed; SU in good spirits.",
        'SU attended session at "Making It Real" group',
    ],
)
def test_leaves_case_note_safe_text_alone(text: str) -> None:
    assert places.find(text) == []


# --- Abbreviated street types, house numbers in words, "number 14 on ..." --------------------


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("She lived at 14 Acacia Av. with her son.", "14 Acacia Av"),
        ("14 Acacia Av", "14 Acacia Av"),
        ("He moved to 22 Mill Rd. last year.", "22 Mill Rd"),
        ("at 3 Church Ln", "3 Church Ln"),
        ("at 7 Park Cres. since May", "7 Park Cres"),
        ("lived at 14 St. John's Road", "14 St. John's Road"),
        ("Flat 2, 14 St. Mary's Ave.", "Flat 2, 14 St. Mary's Ave"),
        ("lived at number 14 on Acacia Avenue", "number 14 on Acacia Avenue"),
        ("No. 14 Acacia Avenue was empty", "No. 14 Acacia Avenue"),
        ("number twenty-one, Mill Lane", "number twenty-one, Mill Lane"),
        ("fourteen Acacia Avenue", "fourteen Acacia Avenue"),
        ("She moved to Fourteen Acacia Avenue, Hastings", "Fourteen Acacia Avenue"),
    ],
)
def test_finds_addresses_written_other_ways(text: str, identifier: str) -> None:
    assert (Kind.STREET_ADDRESS, identifier) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "see s.42 enquiry and page 14 St. Albans",
        "She was aged 14 St. Helens then.",
        "The hearing was in No. 4 Crown Court.",
        "two Mill Lane flats were empty",
        "St. George's Hospital and St. Thomas' were both mentioned.",
    ],
)
def test_near_miss_addresses_are_not_street_addresses(text: str) -> None:
    assert not any(kind is Kind.STREET_ADDRESS for kind, _ in _found(text))


# --- A house number before a named building or row ----------------------------------------


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("She lived at 2 Wharfside Cottages with her son.", "2 Wharfside Cottages"),
        ("He moved to 12 Kingsley Park Terrace in May.", "12 Kingsley Park Terrace"),
        ("Her address was 2, The Paddocks, near the church.", "2, The Paddocks"),
        ("He lived at 4 Barnack House until 2019.", "4 Barnack House"),
        ("She visited 2 Manor Farm Cottages daily.", "2 Manor Farm Cottages"),
        ("Flat 3, 4 Barnack House", "Flat 3, 4 Barnack House"),
    ],
)
def test_numbered_buildings_are_street_addresses(text: str, identifier: str) -> None:
    found = _found(text)
    assert (Kind.STREET_ADDRESS, identifier) in found
    # The name inside the address is not also an overridable place.
    assert not any(kind is Kind.PLACE for kind, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The hearing was at 2 Crown Court.",
        "Our office is on Level 4 Quarry House.",
        "The meeting was in Room 4 Quarry House.",
        "under section 4 Mental Health Act",
        "there are 3 Care Homes in the area",
    ],
)
def test_numbers_that_are_not_house_numbers(text: str) -> None:
    assert not any(kind is Kind.STREET_ADDRESS for kind, _ in _found(text))


# --- Wards: roles after a ward number, and the hospital after a ward ----------------------


@pytest.mark.parametrize(
    "text", ["The ward 7 nurse said she was settled.", "ward 12 staff were told", "ward 3 round"]
)
def test_a_role_after_a_lower_case_ward_number_is_safe(text: str) -> None:
    assert _found(text) == set()


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # A capitalised ward number names the ward, whoever works there.
        ("the Ward 7 team met", "Ward 7"),
        ("She was on Ward 7 at the Conquest Hospital.", "Ward 7 at the Conquest Hospital"),
        ("Primrose Ward at the Conquest Hospital", "Primrose Ward at the Conquest Hospital"),
        ("SW visit Ward 4B, Pennington Infirmary: pt", "Ward 4B, Pennington Infirmary"),
        ("bed 12, Ward 19 St Aldhelm's Hospital, 04:10", "Ward 19 St Aldhelm's Hospital"),
        ("Ward C4 of Eastwick Royal Infirmary", "Ward C4 of Eastwick Royal Infirmary"),
    ],
)
def test_ward_findings_include_the_hospital(text: str, identifier: str) -> None:
    assert (Kind.PLACE, identifier) in _found(text)


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # A unit or ward named by its function, with the named hospital it is in.
        (
            "admitted to the Acute Medical Unit at Royal Preston.",
            "Acute Medical Unit at Royal Preston",
        ),
        ("on the Stroke Unit at Leeds General Infirmary", "Stroke Unit at Leeds General Infirmary"),
        ("moved to the Coronary Care Unit of St James's.", "Coronary Care Unit of St James's"),
        ("in the Stroke Unit at Airedale General.", "Stroke Unit at Airedale General"),
        ("the Renal Unit at Dewsbury Hospital", "Renal Unit at Dewsbury Hospital"),
        ("the stroke unit at Leeds General Infirmary", "stroke unit at Leeds General Infirmary"),
        (
            "Acute Medical Unit, Royal Preston Hospital",
            "Acute Medical Unit, Royal Preston Hospital",
        ),
        ("THE STROKE WARD AT ROYAL PRESTON", "STROKE WARD AT ROYAL PRESTON"),
        (
            "the Stroke Ward at St James's University Hospital",
            "Stroke Ward at St James's University Hospital",
        ),
    ],
)
def test_a_unit_named_by_its_function_is_placed_by_its_hospital(text: str, identifier: str) -> None:
    assert _found(text) == {(Kind.PLACE, identifier)}


@pytest.mark.parametrize(
    "text",
    [
        # The unit with no hospital, the hospital with no unit, or a hospital any town has.
        "She went to the Acute Medical Unit.",
        "He was moved to the Stroke Unit in Leeds.",
        "Royal Preston Hospital was busy.",
        "the Stroke Unit at the General Hospital",
        "the unit at Royal Preston",
        "the Business Unit of Royal Mail",
        "the Policy Unit at Royal College of Nursing",
        # Police and agency units are teams named by what they do.
        "IDENTIFYING DETAILS WITHHELD. THE DOG UNIT ATTENDED.",
        "The Dog Unit attended.",
        "THE FIREARMS UNIT and the Roads Policing Unit attended",
        "the Public Protection Unit and the Domestic Abuse Unit",
        "referred to the MASH Unit, then the Custody Unit",
        "the CID Unit and the Vulnerability Unit",
        "the Safeguarding Hub Unit",
        "the Dog Unit at Royal Preston",
    ],
)
def test_units_without_a_hospital_or_named_by_a_team_are_safe(text: str) -> None:
    assert _found(text) == set()


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("lives at LS1  4AP now", "LS1  4AP"),
        ("lives at LS1\t4AP now", "LS1\t4AP"),
        ("lives at LS1\u00a04AP now", "LS1\u00a04AP"),
        ("Postcode: SW1A  1AA", "SW1A  1AA"),
    ],
)
def test_postcodes_with_a_wide_gap(text: str, identifier: str) -> None:
    assert _found(text) == {(Kind.POSTCODE, identifier)}


def test_three_spaces_do_not_join_a_postcode() -> None:
    assert _found("grid LS1   4AP") == set()
