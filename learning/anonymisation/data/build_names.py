"""Rebuild the name gazetteers used by ``learning.anonymisation.names``.

Run by hand from the project root when Faker is upgraded (see NAMES_SOURCE.md):

    .venv/bin/python learning/anonymisation/data/build_names.py

Needs Faker (a dev dependency) and, for the list of names that are also ordinary English
words, the SCOWL British English word list (Debian package ``wbritish``) at
``/usr/share/dict/british-english``. The guard itself reads only the text files written
here, so neither is needed at run time.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORD_LIST = Path("/usr/share/dict/british-english")


# Every locale is read, because England's communities come from everywhere; only names
# written in Latin script are kept (Faker's Hindi, Bengali, Arabic, Persian, Greek and
# Cyrillic lists are not romanised, so its English-language Indian, Pakistani, Algerian
# and Nigerian lists stand in for them).
def _locales() -> list[str]:
    import faker.providers.person as person

    return sorted(module.name for module in pkgutil.iter_modules(person.__path__))


_LATIN_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*$")


def fold(word: str) -> str:
    """Lower case without accents, so "Siobhán" and "siobhan" look the same."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _latin(word: str) -> bool:
    return bool(_LATIN_NAME.match(word)) and all(
        unicodedata.name(ch, "").startswith("LATIN") for ch in word if ch.isalpha()
    )


def collect() -> tuple[set[str], set[str]]:
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in _locales():
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            print(f"skipped {locale}: not in this Faker", file=sys.stderr)
            continue
        for attribute in dir(provider):
            if "first_" in attribute and "name" in attribute:
                target = given
            elif "last_" in attribute and "name" in attribute:
                target = surnames
            else:
                continue
            values = getattr(provider, attribute)
            if not isinstance(values, (list, tuple, dict, set, frozenset)):
                continue
            for value in values:
                # Multi-word entries ("Mac an tSaoi") are rare; their parts are kept.
                for word in str(value).split():
                    if len(word) > 1 and _latin(word):
                        target.add(fold(word))
    return given, surnames


def ordinary_words() -> set[str]:
    """Lower-case English words (no proper nouns, no possessives) from SCOWL."""
    if not WORD_LIST.exists():
        sys.exit(f"{WORD_LIST} is missing: apt-get install wbritish")
    words = set()
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        if line and line.islower() and "'" not in line:
            words.add(fold(line))
    return words


def write(name: str, words: set[str], header: str) -> None:
    path = HERE / name
    path.write_text(header + "".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")
    print(f"{path.name}: {len(words)} entries")


def main() -> None:
    given, surnames = collect()
    words = ordinary_words()
    note = "# Built by build_names.py from Faker's person providers; see NAMES_SOURCE.md.\n"
    write("names_given.txt", given, note)
    write("names_surnames.txt", surnames, note)
    write(
        "names_ordinary_words.txt",
        words,
        "# Lower-case English words from SCOWL (wbritish), built by build_names.py;\n"
        "# see NAMES_SOURCE.md. A name that is also one of these needs a stronger cue.\n",
    )


if __name__ == "__main__":
    main()
