"""The register of the 650 MPs elected in July 2024, shipped with the watcher.

Built from UK Parliament data (the Members API), available under the Open Parliament Licence:
https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from watcher.models import MP, Roll

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")  # placed before a surname in news copy
# The titles news copy may give an MP, by the honorific the register records: 'Mr Rand' only
# for Mr Connor Rand, and 'Dr' only for the doctors the register names so.
_TITLES_FOR = {
    "Mr": ("Mr",),
    "Sir": ("Mr",),
    "Mrs": ("Mrs", "Ms"),
    "Ms": ("Ms", "Mrs", "Miss"),
    "Miss": ("Miss", "Ms"),
    "Dame": ("Mrs", "Ms"),
    "Dr": TITLES,
}
_UNRECORDED = ("Mr", "Mrs", "Ms", "Miss")


def split_honorific(name: str) -> tuple[str | None, str]:
    """'Sir Keir Starmer' -> ('Sir', 'Keir Starmer'); 'Rt Hon Rachel Reeves MP' -> (None,
    'Rachel Reeves')."""
    name = re.sub(
        r"^(?:the\s+)?(?:rt\.?\s+hon\.?|right\s+honourable)\s+", "", name.strip(), flags=re.I
    )
    name = re.sub(r"\s+MP$", "", name, flags=re.I)
    first, _, rest = name.partition(" ")
    if first.rstrip(".").capitalize() in HONORIFICS and rest:
        return first.rstrip(".").capitalize(), rest.strip()
    return None, name


def fold(text: str) -> str:
    """Accents removed: 'Siân' -> 'Sian'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def surnames(name: str) -> list[str]:
    """Possible surnames: the last word, and the last two when the name has three or more.

    'Rebecca Long Bailey' -> ['Bailey', 'Long Bailey']; 'Iain Duncan Smith' -> ['Smith',
    'Duncan Smith']; hyphenated and unhyphenated spellings of each.
    """
    words = name.split()
    found = [words[-1]]
    if len(words) >= 3:
        found.append(" ".join(words[-2:]))
    spelled = []
    for surname in found:
        spelled += [surname, surname.replace(" ", "-"), surname.replace("-", " ")]
    return list(dict.fromkeys(spelled))


def generated_aliases(name: str, honorific: str | None) -> tuple[str, ...]:
    """The forms news copy uses for an MP: titled surname, 'Sir Keir', accent-free spellings."""
    forms: list[str] = []
    first = name.split()[0]
    titles = _TITLES_FOR.get(honorific or "", _UNRECORDED)
    for surname in surnames(name):
        forms += [f"{title} {surname}" for title in titles]
    if honorific in ("Sir", "Dame"):
        forms += [f"{honorific} {first}", f"{honorific} {name}"]
    if "-" in name:
        forms.append(name.replace("-", " "))
    elif len(name.split()) >= 3:
        forms.append(" ".join([*name.split()[:-2], "-".join(name.split()[-2:])]))
    forms += [fold(f) for f in [name, *forms] if fold(f) != f]
    forms += [_particles_lowered(f) for f in [name, *forms]]  # 'Marsha de Cordova'
    return tuple(f for f in dict.fromkeys(forms) if f != name)


# Words before a surname that copy often writes in lower case: 'De Cordova' is 'de Cordova'.
_PARTICLES = {"De", "Del", "Della", "Da", "Di", "Du", "Le", "La", "Van", "Von", "Der", "Den"}


def _particles_lowered(form: str) -> str:
    words = form.split()
    return " ".join(
        w.lower() if 0 < i < len(words) - 1 and w in _PARTICLES else w for i, w in enumerate(words)
    )


@lru_cache(maxsize=1)
def load_register() -> tuple[MP, ...]:
    """Every MP of the register, with generated aliases."""
    text = resources.files("watcher").joinpath("data/mps.csv").read_text(encoding="utf-8")
    mps = []
    for row in csv.DictReader(text.splitlines()):
        honorific, name = split_honorific(row["name"])
        mps.append(
            MP(
                name=name,
                aliases=generated_aliases(name, honorific),
                party=row["party"],
                constituency=row["constituency"],
                member_id=int(row["member_id"]),
                region=row["region"] or None,
            )
        )
    return Roll(mps)


def find_in_register(name: str) -> MP | None:
    """The register's MP called `name` (honorifics and accents ignored), if exactly one."""
    wanted = fold(split_honorific(name)[1]).casefold()
    found = [mp for mp in load_register() if fold(mp.name).casefold() == wanted]
    return found[0] if len(found) == 1 else None


def is_in_register(name: str) -> bool:
    """Whether the register has an MP called `name` (honorifics and accents ignored)."""
    wanted = fold(split_honorific(name)[1]).casefold()
    return any(fold(mp.name).casefold() == wanted for mp in load_register())


def near_names(name: str, mps: Sequence[MP] | None = None, most: int = 3) -> list[str]:
    """The MPs (of the register, unless given) whose name or an alias is spelled nearly like
    `name`, nearest first: 'Keir Stramer' -> ['Keir Starmer']."""
    wanted = fold(split_honorific(name)[1]).casefold()
    owners: dict[str, str] = {}
    for mp in load_register() if mps is None else mps:
        for form in (mp.name, *mp.aliases):
            owners.setdefault(fold(form).casefold(), mp.name)
    close = difflib.get_close_matches(wanted, list(owners), n=most * 4, cutoff=0.8)
    return list(dict.fromkeys(owners[form] for form in close))[:most]
