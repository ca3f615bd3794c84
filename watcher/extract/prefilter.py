"""A cheap test of whether a text could name a tracked MP, run before the full reading.

Every way the extractor ties words to a tracked MP starts from a name form in the register
(the full name, an alias, a title and surname, the surname alone) or a constituency: a role
('the shadow chancellor'), a pronoun, a first name alone and a transcript's label all point
back to an MP named that way. A text that holds no piece of any such form can hold no
statement by a tracked MP, and most news items name none.

For each form the test keeps one piece: the longest word of its last part (the surname's),
accents removed and case folded. The text is split into words the same way, and also with
dots removed ('St.John') and from each capital inside a word ('#borisJohnson'), as the
extractor's own reading of names allows; then one set lookup answers. It may let through a
text that names nobody (a seat called Bath matches 'Bath'); it never holds back one in which
the extractor would find a tracked MP.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from watcher.models import MP, roll_of
from watcher.register import fold, surnames

_WORD = re.compile(r"\w+")
_FROM_INNER_CAPITAL = re.compile(r"(?<=\w)(?=([A-Z]\w*))")


def could_name_an_mp(text: str, mps: Sequence[MP]) -> bool:
    """Whether `text` holds a piece of any tracked MP's name or constituency."""
    needles = name_pieces(roll_of(mps))
    return not needles.isdisjoint(text_words(text))


@lru_cache(maxsize=8)
def name_pieces(mps: tuple[MP, ...]) -> frozenset[str]:
    """The longest word of every form a tracked MP may be named by, and of their seats."""
    pieces = set()
    for mp in mps:
        for form in [*mp.names, fold(mp.name), *surnames(mp.name)]:
            last = _folded(form).replace(".", "").split()[-1:]  # a surname, not a first name
            pieces.update(_longest_word(last[0] if last else ""))
        if mp.constituency:  # 'Bradford West': 'bradford', which the whole name holds
            pieces.update(_longest_word(_folded(mp.constituency).replace(".", "")))
    return frozenset(pieces)


def _longest_word(text: str) -> list[str]:
    words = _WORD.findall(text)
    return [max(words, key=len)] if words else []


def text_words(text: str) -> set[str]:
    """The text's words, folded as the name pieces are, read three ways."""
    plain = text if text.isascii() else fold(text)
    folded = plain.casefold()
    words = set(_WORD.findall(folded))
    words.update(_WORD.findall(folded.replace(".", "")))
    words.update(w.casefold() for w in _FROM_INNER_CAPITAL.findall(plain))
    return words


def _folded(text: str) -> str:
    return fold(text).casefold()
