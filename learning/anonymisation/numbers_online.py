"""Social media names: "@joanie_s", handle-shaped words, and names after a service or a
label ("on Facebook as Davey Boy Leeds", "TikTok username pearlybaker")."""

from __future__ import annotations

import re

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.names_lists import is_vocabulary
from learning.anonymisation.numbers_cues import words

# An email is excluded by the look-behind and "meet @ 3pm" by needing a letter straight
# after the @ and no time. A bracket straight after the word makes it a spreadsheet
# function ("@SUM(A1:A4)"), not a handle; the last look-ahead stops a shorter match.
_AT_HANDLE_RE = re.compile(
    r"@(?<![\w.@]@)(?!\d{1,2}(?::\d\d)?[ ]?[ap]\.?m\b)(?=[\w.]*[A-Za-z])[A-Za-z0-9_.]{2,30}"
    r"(?<!\.)(?![\w(])"
)
# Shapes prose never takes: an underscore inside a word ("Captain_Rob_UK"), or three or
# more dotted parts in lower case, two with letters ("bev.wilkins.5"). Web addresses are
# told apart by their last part.
_UNDERSCORED_RE = re.compile(r"(?<![\w@./])[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?![\w@])")
_DOTTED_RE = re.compile(r"(?<![\w@./])[a-z][a-z0-9]*(?:\.[a-z0-9]+){2,}(?![\w@/]|\.\w)")
_YEAR_OR_VERSION_RE = re.compile(r"(?:19|20)\d\d|v\d{1,2}", re.IGNORECASE)
# A run of word characters and dots holding a dot or an underscore. The look-behind lets a
# match start only where a run starts, so each run is read once: a long chain
# ("1.2.1.2...") costs one pass rather than one walk back per dot.
_RUN_RE = re.compile(r"(?<![\w.])\w*[._][\w.]*")


_WEB_ENDINGS = frozenset(
    ["com", "org", "net", "uk", "gov", "nhs", "ac", "co", "io", "info", "html", "htm", "pdf"]
)

# After a service or label: a few linking words ("under the profile name", ", where he
# went by"), then the name, quoted or as the next token.
_TAIL_RE = re.compile(
    r"(?:[ ]*(?:[,:()\u2013\u2014-]|(?:under|the|his|her|their|public|private|profile|user|account"
    r"|acct|acc|msgr|su|pt"
    r"|name|handle|page|group|channel|as|is|was|called|named|by|went|goes|known|where|he"
    r"|she|they|posted|posting|himself|herself|themselves|using|used|username|screen[ ]?name"
    r"|gamertag|nickname)\b)){0,6}[ ]*"
    r"(?:[\"'\u2018\u201c](?P<quoted>[^\"'\u2019\u201d\n]{2,40})[\"'\u2019\u201d]"
    r"|(?P<token>[@\w][\w.'-]*\w|\w)(?P<more>(?:[ ][A-Z][\w'-]*){0,4}))",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"name|handle|gamertag|tag\b", re.IGNORECASE)
_SHAPED_RE = re.compile(r"[\d_.@]|[a-z][A-Z]")

_NOT_A_HANDLE = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "as",
        "well",
        "it",
        "its",
        "his",
        "her",
        "their",
        "they",
        "he",
        "she",
        "we",
        "i",
        "to",
        "for",
        "on",
        "in",
        "at",
        "by",
        "with",
        "from",
        "that",
        "this",
        "which",
        "who",
        "when",
        "where",
        "while",
        "if",
        "so",
        "too",
        "also",
        "only",
        "much",
        "many",
        "more",
        "messages",
        "message",
        "messenger",
        "posts",
        "post",
        "group",
        "groups",
        "chat",
        "chats",
        "video",
        "videos",
        "live",
        "marketplace",
        "stories",
        "story",
        "reels",
        "shorts",
        "dating",
        "app",
        "apps",
        "adult",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "there",
        "then",
        "after",
        "before",
        "about",
        "all",
        "any",
        "every",
        "some",
        "no",
        "not",
        "one",
        "two",
        "several",
        # Case-note shorthand for people and messages.
        "su",
        "pt",
        "sw",
        "dm",
        "dms",
        "msg",
        "msgs",
        "msgr",
        "acct",
        "acc",
    ]
)


def _shaped_handles(text: str) -> list[Finding]:
    findings = []
    if "@" in text:
        findings += [_finding(m.start(), m.end(), text) for m in _AT_HANDLE_RE.finditer(text)]
    if "_" not in text and "." not in text:
        return findings
    for run in _RUN_RE.finditer(text):
        findings += _shaped_run(text, run.start(), run.group())
    return findings


def _shaped_run(text: str, start: int, run: str) -> list[Finding]:
    """The underscored and dotted shapes, tried once from the start of a run of word
    characters and dots."""
    found = []
    if "_" in run:
        m = _UNDERSCORED_RE.match(text, start)
        if m and not _joined_words(m.group()):
            found.append(_finding(*m.span(), text))
    if "." in run:
        m = _DOTTED_RE.match(text, start)
        if m:
            parts = m.group().split(".")
            lettered = sum(any(c.isalpha() for c in part) for part in parts)
            if lettered >= 2 and parts[-1] not in _WEB_ENDINGS and "www" not in parts:
                found.append(_finding(*m.span(), text))
    return found


def _joined_words(word: str) -> bool:
    """Ordinary words joined by underscores, as in file names and titles made from them
    ("case_study", "SAR_report_2023_final"): a handle has a part no dictionary holds."""
    acronyms = set(words("numbers_not_plates"))
    return all(
        is_vocabulary(part)
        or (part.isupper() and part.lower() in acronyms)
        or len(part) == 1  # an initial, as in "Adult_D"
        or _YEAR_OR_VERSION_RE.fullmatch(part)
        for part in word.split("_")
    )


def _finding(start: int, end: int, text: str) -> Finding:
    return Finding(Kind.SOCIAL_MEDIA_HANDLE, text[start:end], start, end)


def _cued_handles(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    services = {entry.lower() for entry in words("numbers_platforms")}
    cues = [(end, False) for end in cues["numbers_platforms"]] + [
        (end, True) for end in cues["numbers_handle_labels"]
    ]
    findings = []
    for cue_end, labelled in cues:
        m = _TAIL_RE.match(text, cue_end)
        if not m:
            continue
        if m.group("quoted"):
            findings.append(_finding(m.start("quoted"), m.end("quoted"), text))
            continue
        token = m.group("token")
        if token.lower() in _NOT_A_HANDLE or token.lower() in services:
            continue
        labelled = labelled or bool(_LABEL_RE.search(text, cue_end, m.start("token")))
        if _SHAPED_RE.search(token) or (labelled and not token[0].isupper()):
            end = m.end("token")
        elif token[0].isupper():
            end = m.end("more")
        else:
            continue
        findings.append(_finding(m.start("token"), end, text))
    return findings


def _organisations_own(text: str, finding: Finding) -> bool:
    """Whether a name is an organisation's own account, which it publishes: an
    organisation word inside it ("@NorthantsSAB", "@LeedsCouncil"), or words just before
    it saying whose it is ("follow us on", "the board's account")."""
    name = finding.text
    low = name.lower()
    for word in words("numbers_handle_organisations"):
        if word in (name if word.isupper() else low):
            return True
    before = text[max(0, finding.start - 40) : finding.start].lower()
    return any(cue in before for cue in words("numbers_handle_owner_cues"))


def find(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    """``cues`` is ``numbers_cues.find_cues(text, ...)``."""
    found = _shaped_handles(text) + _cued_handles(text, cues)
    return [finding for finding in found if not _organisations_own(text, finding)]
