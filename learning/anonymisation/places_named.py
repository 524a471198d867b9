"""Named settings, streets, house names and boats: places found by their last word
("Care Home", "Surgery", "Ward", "Cottage", "Avenue") or by a cue ("a bungalow called ...",
'lives at "Fellside"', "..., a nursing home")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.places_words import (
    CAPITALISED_WORD,
    PLACE_NAME_WORD,
    house_words,
    is_large_place,
    norm,
    openers,
    word_list,
)

# Each last word belongs to a class that says how much else it needs to be a named place.
_HEADS = {
    # Care settings: a name before any of these is enough.
    "care": (
        "care home",
        "nursing home",
        "residential home",
        "rest home",
        "retirement home",
        "care centre",
        "nursing centre",
        "care village",
        "retirement village",
        "hospice",
        "hostel",
        "night shelter",
        "supported living scheme",
        "supported living",
        "extra care scheme",
        "housing scheme",
        "day centre",
        "resource centre",
        "residential care",
        "nursing care",
    ),
    "medical": (
        "surgery",
        "medical centre",
        "health centre",
        "medical practice",
        "family practice",
        "group practice",
        "health practice",
        "medical group",
    ),
    "practice": ("practice",),
    # A named housing estate narrows an address to a few streets.
    "estate": ("estate",),
    "ward": ("ward",),
    "unit": ("unit",),
    # House names that are houses whatever surrounds them.
    "house": (
        "cottage",
        "cottages",
        "farmhouse",
        "farm",
        "barn",
        "bungalow",
        "lodge",
        "manor",
        "grange",
        "hall",
        "rectory",
        "vicarage",
        "croft",
    ),
    "street": (
        "street",
        "road",
        "avenue",
        "lane",
        "close",
        "drive",
        "crescent",
        "terrace",
        "grove",
        "mews",
        "parade",
        "row",
        "boulevard",
    ),
    # Words that name offices, courts and parks as often as homes: they need a cue.
    "weak": (
        "house",
        "court",
        "view",
        "end",
        "gardens",
        "place",
        "park",
        "bank",
        "heights",
        "mansions",
        "tower",
        "towers",
        "wharf",
        "hill",
        "green",
        "gate",
        "rise",
        "villa",
        "mill",
        "way",
        "walk",
        "square",
        "fold",
        "garth",
        "brow",
        "wynd",
        "loke",
        "chase",
    ),
}
_HEAD_CLASS = {head: cls for cls, heads in _HEADS.items() for head in heads}
# Only these may follow a name written in lower case ("of brookvale care home").
_LOWER_HEAD_CLASSES = frozenset({"care", "medical", "ward", "street", "estate"})
# The word that must come straight before a lower-case name, by class: "recovering from
# hip surgery" is an operation, "registered with oakfield surgery" a practice.
_LOWER_CUES = {
    "care": frozenset({"of", "to", "from", "at", "in", "into", "with", "left"}),
    "medical": frozenset({"with", "at", "from"}),
    "ward": frozenset({"on", "to", "from", "at", "onto", "off"}),
    "street": frozenset({"on", "off", "in", "at", "to", "from", "along", "near", "onto", "into"}),
    "estate": frozenset(),
}
# Words before a name that place someone there ("lived at", "off", "the junction of").
_PLACE_CUES = frozenset(
    {
        "at",
        "to",
        "into",
        "from",
        "in",
        "near",
        "on",
        "off",
        "outside",
        "behind",
        "opposite",
        "onto",
        "along",
        "of",
        "and",
        "past",
        "beside",
    }
)
_TOKEN_RE = re.compile(r"St\.|[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z][A-Za-z'\u2019]*)*")
_DWELLING = (
    r"(?:house|home|bungalow|cottage|farmhouse|farm|flat|chapel|barn|property|caravan|"
    r"narrowboat|boat|maisonette|bedsit|lodge|villa|mansion|residence|smallholding|hostel|"
    r"hospice|(?:living|housing|care)[ ]+(?:scheme|project)|refuge|shelter|unit|ward|surgery|"
    r"practice|centre|residential)"
)
_ADJECTIVE = r"(?!(?:of|who|which|with|in|at|from|for|to|and|was|is)\b)[A-Za-z'\u2019-]+"
# What follows a name that says it is a home or setting: ", a supported living scheme".
# A role after the noun ("a care home manager") makes the name a person's.
_APPOSITIVE_RE = re.compile(
    rf"(?:,[ ]+(?:a|an|the|their|his|her)[ ]+|[ ]+\((?:(?:a|an|the)[ ]+)?)"
    rf"(?:{_ADJECTIVE}[ ]+){{0,4}}?"
    rf"{_DWELLING}\b(?!['\u2019])(?![ ]+(?:manager|staff|carer|worker|owner|provider|team|"
    r"nurse|sister|matron|resident|residents|patient|tenant|assistant|officer|lead|visit|"
    r"visits|visitor|receptionist|doctor)\b)",
    re.IGNORECASE,
)
# Where an appositive may start: found with a quick literal scan, then checked in full.
_APPOSITIVE_START_RE = re.compile(
    rf",[ ]+(?:an?|the|their|his|her)[ ]|\((?:an?[ ]|the[ ]|(?={_DWELLING}\b))", re.IGNORECASE
)
_CAP_NAME = PLACE_NAME_WORD
_CALLED_BEFORE_RE = re.compile(
    rf"\b(?:{_DWELLING}|street|road|estate|narrowboat|boat),?[ ]+(?:(?:is|was)[ ]+)?\Z",
    re.IGNORECASE,
)
_NAME_AFTER_RE = re.compile(rf"[ ]+[\"\u201c']?(?P<name>{_CAP_NAME}(?:[ ]+{_CAP_NAME}){{0,3}})")
_CALLED_RE = re.compile(r"(?:call|nam)ed\b|known(?:[ ]+locally)?[ ]+as\b")
# 'lives at "Brackenrigg"', 'address: "Tanglewood"': a quoted name where an address goes.
_QUOTED_HOME_RE = re.compile(
    r"\b(?:(?:lives|lived|living|live|resides|resided|residing|staying|stays|stayed|moved|"
    r"moving|returned|discharged|d/c|dc'?d|visited|visit|hv|home)[ ]+(?:at|to)|"
    r"address(?:[ ]+is)?:?)[ ]+[\"\u201c'\u2018]"
    rf"(?P<name>{_CAP_NAME}(?:[ ]+{_CAP_NAME}){{0,3}})[\"\u201d'\u2019]"
    # After a bare "at", only a one-word name: 'at "Making It Real"' is an event.
    r"|\b(?:at|to|from|outside)[ ]+[\"\u201c](?P<word>[A-Z][a-z]{3,})[\"\u201d](?![ ]+[a-z])",
    re.IGNORECASE,
)
# A named boat that is someone's home: "the boat, the Morning Star, moored ...".
_BOAT_RE = re.compile(
    r"\b(?P<boat>narrow[ -]?boat|house[ -]?boat|barge|boat|cruiser|yacht)s?,?[ ]+"
    r"(?:(?:called|named|known[ ]+as)[ ]+)?[\"\u201c']?(?P<name>(?:[Tt]he[ ]+)?"
    rf"{_CAP_NAME}(?:[ ]+{_CAP_NAME}){{0,3}})",
)
_BOAT_HOME_RE = re.compile(
    r"\b(?:moored|mooring|moorings|berth|berthed|marina|lives|living|lived)\b", re.I
)


@cache
def _the_house_re() -> re.Pattern[str]:
    """ "The Willows", "the Old Forge": a house name made of "The" and a house word."""
    words = _trie_pattern(sorted(house_words()))
    return re.compile(rf"the[ ]+(?:(?P<old>old[ ]+)(?P<oldword>[a-z]+)|(?P<word>{words}))\b")


_WARD_NUMBER_RE = re.compile(r"[ ]+(?:[A-Z]\d{1,2}|\d{1,3}[A-Z]?)\b(?!\.\d|%)")
# "the ward 7 nurse": a role after a ward number in lower case describes the person's job.
_ROLE_AFTER_RE = re.compile(
    r"[ ]+(?:nurses?|staff|teams?|managers?|sisters?|matrons?|doctors?|consultants?|"
    r"clerks?|receptionists?|coordinators?|hcas?|sws?|social[ ]+workers?|round|rounds)\b",
    re.IGNORECASE,
)
# The hospital a ward is in belongs in the same finding: "Ward 7 at the Conquest Hospital",
# "Ward 4B, Pennington Infirmary".
_HOSPITAL_AFTER_RE = re.compile(
    rf"(?:,[ ]+|[ ]+(?:(?:at|of|in)[ ]+)?)(?:the[ ]+)?(?:{PLACE_NAME_WORD}[ ]+){{1,3}}"
    r"(?:Hospital|Infirmary|General|Royal|Hospice)\b"
)
# A hospital named after a ward or unit named by what it treats: "the Stroke Unit at Leeds
# General Infirmary", "the Acute Medical Unit of Royal Preston", "Coronary Care Unit, St
# James's". The unit alone is in every hospital; with its hospital it places a patient.
_HOSPITAL_WORD = CAPITALISED_WORD
_NAMED_HOSPITAL_RE = re.compile(
    # Shouted text reaches here softened to "Stroke Ward At Royal Preston".
    rf"(?:,[ ]+|[ ]+(?i:at|of|in)[ ]+)(?:(?i:the)[ ]+)?(?P<hospital>"
    rf"Royal[ ]+(?!(?:College|Colleges|Mail|Society|Courts?|Navy|Air|Marines|Borough|Academy|"
    rf"Institute|Institution|Association|Household|Family|British|Legion|Charter)\b)"
    rf"(?:{_HOSPITAL_WORD}[ ]+){{0,2}}{_HOSPITAL_WORD}"
    rf"|St\b\.?[ ]+{_HOSPITAL_WORD}"
    rf"|(?:{_HOSPITAL_WORD}[ ]+){{1,3}}(?:Hospital|Infirmary|General)\b)"
    rf"(?:[ ]+(?:{_HOSPITAL_WORD}[ ]+){{0,2}}(?:Hospital|Infirmary))?\b"
)
# Words a hospital's name shares with every hospital: not enough to name one.
_HOSPITAL_GENERIC = frozenset(
    {"royal", "general", "hospital", "infirmary", "university", "teaching", "district",
     "county", "community", "city", "st", "st.", "the", "memorial", "cottage", "children's"}
)  # fmt: skip
# What follows a setting's name when it is a service, not a building ("the Marie Curie
# hospice at home service", "the Care Home Support Team").
_SERVICE_AFTER_RE = re.compile(
    r"[ ]+(?:at[ ]+home|services?|teams?|trust|partnership|network|association|federation|"
    r"forum|providers?|support|liaison|in[ ]+reach|in-reach|guidance|policy|policies|"
    r"procedures?|protocol|framework|standards?|toolkit|model|pathway|review|reviews|"
    r"briefing|programme|strategy|group|board|panel|meeting|manager|lead|coordinator)\b",
    re.IGNORECASE,
)
_OF_AFTER_RE = re.compile(r"[ ]+of\b")
_OFFICE_RE = re.compile(r"\b(?:office|offices|headquarters|HQ|based|premises)\b")
_FAMOUS_STREETS = frozenset({"downing", "harley", "fleet", "wall"})
_NAME_ONLY_PLURALS = frozenset((
    "willows", "beeches", "limes", "laurels", "elms", "poplars", "pines", "firs", "cedars",
    "hollies", "larches", "sycamores", "chestnuts", "hawthorns", "rowans", "birches", "hazels",
    "junipers", "maples", "myrtles", "lilacs", "magnolias", "yews", "alders", "gables",
))  # fmt: skip
_PERSON_CUES = frozenset({"named", "called", "mr", "mrs", "ms", "miss", "dr"})
# "from hip surgery" is an operation; "letter from oakfield surgery" is a practice.
_SENT_FROM_RE = re.compile(
    r"\b(?:letter|letters|rec'?d|received|fax|faxed|e-?mail|emailed|call|called|phoned|tel|"
    r"referral|referred|report|correspondence|summary|info|information|update|feedback|"
    r"request|notification|contact|note|notes)[ ]+from[ ]+\Z",
    re.IGNORECASE,
)
_DISTRICT_RE = re.compile(r"[ ]+\([A-Za-z][A-Za-z' -]{1,30}\)")
# Idioms that use a street word: "long road ahead", "a way forward".
_IDIOM_AFTER_RE = re.compile(r"[ ]+(?:ahead|to[ ]+recovery|forward|back[ ]+to)\b", re.IGNORECASE)
_SENTENCE_OPEN_RE = re.compile(
    r"(?:\A|[.!?;:\n][ ]*|[ ][-\u2013\u2014][ ]+|^\d\d?/\d\d?[ ]+-[ ]+)[\"'(]?\Z"
)


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() and (not token.isupper() or token in {"St", "St."})


_OPENING = frozenset("(\"\u201c'\u2018[")


def _words_before(text: str, end: int, gap: bool = True) -> Iterator[tuple[int, str]]:
    """Up to six words, with their starts, running up to ``end`` with single spaces between.
    ``gap`` says whether a space comes before ``end`` (a head) or not (a comma). Words are
    read lazily: most callers stop after one or two."""
    pos = end
    for _ in range(6):
        if gap:
            if pos < 2 or text[pos - 1] != " ":
                break
            pos -= 1
        gap = True
        space = text.rfind(" ", max(0, pos - 40), pos)
        if space == -1 and pos > 40:
            break
        token = text[space + 1 : pos]
        # A name may open a bracket or a quotation: "(Hollybush Drive, Sowerford)".
        opened = token[:1] in _OPENING
        if opened:
            token = token[1:]
        if not token or not _TOKEN_RE.fullmatch(token):
            break
        yield pos - len(token), token
        if opened:
            break
        pos = space + 1


def _previous_word(text: str, start: int) -> str:
    chunk = text[max(0, start - 30) : start].split()
    return chunk[-1].lower() if chunk else ""


def _name_before(text: str, end: int, cls: str, head_lower: bool) -> tuple[int, list[str]]:
    """The words of the name that ends at ``end``, read leftwards, and where it starts."""
    kept: list[str] = []
    start = end
    lower_mode = False
    generic = word_list("places_generic_words.txt")
    for word_start, token in _words_before(text, end):
        if len(kept) == 4 or norm(token) in openers():
            break
        if _is_capitalised(token) and not lower_mode:
            pass
        elif (
            token.islower()
            and head_lower
            and not (kept and not lower_mode)
            and norm(token) not in generic
        ):
            lower_mode = True
        else:
            break
        kept.insert(0, token)
        start = word_start
    if lower_mode and (len(kept) > 2 or _previous_word(text, start) not in _LOWER_CUES[cls]):
        return start, []
    return start, kept


def _specific(words: list[str], towns: bool = True) -> list[str]:
    """The words that are neither descriptive nor (when ``towns``) a large place."""
    generic = word_list("places_generic_words.txt")
    return [w for w in words if norm(w) not in generic and not (towns and is_large_place(w))]


def _is_generic(words: list[str]) -> bool:
    return is_large_place(" ".join(words)) or not _specific(words)


def _trie_pattern(words: list[str]) -> str:
    """One pattern for many words, sharing their prefixes: Python's regex engine tries an
    alternation branch by branch, so "c(?:are home|ottage)" beats "care home|cottage"."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = f"(?:{body})?"
        return body

    return emit(tree)


_HEAD_RE = re.compile(_trie_pattern(sorted(_HEAD_CLASS)) + r"\b")


def _heads(lowered: str) -> list[tuple[int, int, str]]:
    """Every head in the (lower-cased) text, longest first ("medical practice")."""
    return [
        (m.start(), m.end(), _HEAD_CLASS[m.group()])
        for m in _HEAD_RE.finditer(lowered)
        if m.start() == 0 or not lowered[m.start() - 1].isalnum()
    ]


def setting_findings(text: str, lowered: str) -> list[Finding]:
    found = []
    for head_start, head_end, cls in _heads(lowered):
        if cls in {"ward", "unit"}:
            number = _WARD_NUMBER_RE.match(text, head_end)
            if (
                number
                and (cls == "ward" or text[head_start].isupper())
                and not (text[head_start].islower() and _ROLE_AFTER_RE.match(text, number.end()))
            ):
                end = _with_hospital(text, number.end())
                found.append(Finding(Kind.PLACE, text[head_start:end], head_start, end))
        if cls in {"ward", "unit"}:
            in_hospital = _unit_in_hospital(text, head_start, head_end)
            if in_hospital:
                found.append(in_hospital)
                continue
        head_lower = text[head_start:head_end].islower()
        if head_lower and cls not in _LOWER_HEAD_CLASSES:
            continue
        start, words = _name_before(text, head_start, cls, head_lower)
        if not words or _SERVICE_AFTER_RE.match(text, head_end):
            continue
        # "Leeds Road" is a street, though "a Leeds care home" is a kind of setting.
        if _is_generic(words) if cls != "street" else not _specific(words, towns=False):
            continue
        # A unit with a one-word name is a ward ("the Rowan Unit"); a longer name is
        # usually a team ("the Forced Marriage Unit"), and one named by a police or agency
        # function ("THE DOG UNIT", "the MASH Unit") is a team whatever its length.
        if cls == "unit" and (len(_specific(words)) > 1 or _is_team_unit(words)):
            continue
        previous = _previous_word(text, start)
        if cls == "ward" and previous in _PERSON_CUES:
            continue
        if (
            cls == "medical"
            and words[0].islower()
            and previous == "from"
            and lowered[head_start:head_end] == "surgery"
            and not _SENT_FROM_RE.search(text, max(0, start - 40), start)
        ):
            continue
        if cls in {"weak", "street"}:
            if _OF_AFTER_RE.match(text, head_end) or norm(words[-1]) in _FAMOUS_STREETS:
                continue
            if _IDIOM_AFTER_RE.match(text, head_end):
                continue
            # "Long road ahead": a capital that only opens the sentence, before a street
            # word in lower case, is an adjective, not a name.
            if (
                len(words) == 1
                and text[head_start:head_end].islower()
                and _SENTENCE_OPEN_RE.search(text, max(0, start - 12), start)
            ):
                continue
            if _OFFICE_RE.search(text, max(0, start - 60), start):
                continue
        # An office or a park needs a word that puts someone there, or a description.
        if (
            cls == "weak"
            and previous not in _PLACE_CUES
            and not _APPOSITIVE_RE.match(text, head_end)
        ):
            continue
        # "oakfield surgery (harrowby)": the district narrows it further.
        district = _DISTRICT_RE.match(text, head_end) if cls == "medical" else None
        end = district.end() if district else head_end
        if cls == "ward":
            end = _with_hospital(text, end)
        found.append(Finding(Kind.PLACE, text[start:end], start, end))
    return found


def _is_team_unit(words: list[str]) -> bool:
    return any(norm(word) in word_list("places_unit_functions.txt") for word in words)


def _unit_in_hospital(text: str, head_start: int, head_end: int) -> Finding | None:
    """ "The Stroke Unit at Royal Preston": a ward or unit named by its function, with the
    named hospital it is in. The name is read back over capitalised words and the
    descriptive words of the generic list, so "the coronary care unit" counts too."""
    if head_end < len(text) and text[head_end] not in " ,":
        return None
    hospital = _NAMED_HOSPITAL_RE.match(text, head_end)
    if not hospital:
        return None
    names = hospital.group("hospital").split()
    # "Leeds General Infirmary" is one hospital; "the General Hospital" could be any.
    if all(norm(word) in _HOSPITAL_GENERIC for word in names):
        return None
    generic = word_list("places_generic_words.txt")
    words: list[str] = []
    start = head_start
    for word_start, token in _words_before(text, head_start):
        if len(words) == 4 or norm(token) in openers():
            break
        if not (_is_capitalised(token) or norm(token) in generic):
            break
        words.append(token)
        start = word_start
    if not words or _is_team_unit(words):
        return None
    end = hospital.end()
    return Finding(Kind.PLACE, text[start:end], start, end)


def _with_hospital(text: str, end: int) -> int:
    """Where a ward's finding ends: after its hospital when one follows."""
    hospital = _HOSPITAL_AFTER_RE.match(text, end)
    return hospital.end() if hospital else end


def _named_place(text: str, start: int, end: int) -> Finding | None:
    words = text[start:end].split()
    while words and norm(words[0]) in openers():
        words = words[1:]
    if not words or _is_generic(words):
        return None
    start = end - len(" ".join(words))
    return Finding(Kind.PLACE, text[start:end], start, end)


def cued_findings(text: str, lowered: str) -> list[Finding]:
    found = []
    # "Oakridge Court, a supported living scheme": the name before the description.
    for m in _APPOSITIVE_START_RE.finditer(lowered):
        at = m.start() - (lowered[m.start()] == "(")
        if at > 0 and _APPOSITIVE_RE.match(text, at):
            words = []
            for word in _words_before(text, at, gap=False):
                if len(words) == 4 or not _is_capitalised(word[1]):
                    break
                words.append(word)
            if words:
                finding = _named_place(text, words[-1][0], at)
                found += [finding] if finding else []
    # "a bungalow called Fairview": the name after the cue.
    for m in _CALLED_RE.finditer(lowered):
        if _CALLED_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            name = _NAME_AFTER_RE.match(text, m.end())
            if name:
                finding = _named_place(text, name.start("name"), name.end("name"))
                found += [finding] if finding else []
    for m in _QUOTED_HOME_RE.finditer(text):
        group = "name" if m.group("name") else "word"
        finding = _named_place(text, m.start(group), m.end(group))
        found += [finding] if finding else []
    for m in _BOAT_RE.finditer(text):
        home = m.group("boat").lower() not in {"boat", "cruiser", "yacht"} or _BOAT_HOME_RE.search(
            text, max(0, m.start() - 60), m.end() + 60
        )
        if home:
            finding = _named_place(text, m.start("name"), m.end("name"))
            found += [finding] if finding and finding.text[:1].isupper() else []
    for m in _the_house_re().finditer(lowered):
        start, end = m.start(), m.end()
        if start and lowered[start - 1].isalnum():
            continue
        group = "oldword" if m.group("old") else "word"
        word = text[m.start(group) : m.end(group)]
        if m.group("old") and (
            not (word[0].isupper() and text[m.start("old")] == "O")
            or norm(word) in word_list("places_generic_words.txt")
        ):
            continue
        # In lower case "the bungalow" is just a bungalow: only a quotation, or a plural
        # that is never a building ("to the gables", "at the willows"), makes it a name.
        if not word[0].isupper() and not (
            text[start - 1 : start] in {'"', "\u201c"}
            or (
                _previous_word(text, start) in {"at", "to", "into", "from"}
                and norm(word) in _NAME_ONLY_PLURALS
            )
        ):
            continue
        found.append(Finding(Kind.PLACE, text[start:end], start, end))
    return found
