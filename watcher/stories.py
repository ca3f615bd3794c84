"""One story, many sightings: when two statements are the same words by the same MP.

Outlets trim quotes, report them in part, change quotation marks and punctuation, and the MP's
own post may carry more than any report. So statements are compared as words (case, quotes
and punctuation dropped), and one counts as the same as another when it is contained in it or
most of its three-word runs are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from watcher.models import Kind

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MIN_SHARED = 0.6  # the part of the shorter text's word runs that must appear in the other


def words(text: str) -> str:
    """'“I will NOT be standing,” he said.' -> 'i will not be standing he said'."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_WORD.findall(folded))


@dataclass(frozen=True)
class Sighting:
    """What a statement is compared by."""

    kind: Kind
    target: str | None
    words: str


def same_story(new: Sighting, known: Sighting) -> bool:
    """True when `new` reports the same thing as `known` (the MP and time already match).

    Events of the same kind and target are one story whatever words each outlet quotes; a
    plain statement needs the same words.
    """
    if new.kind == known.kind and new.kind != "statement" and new.target == known.target:
        return True
    return same_words(new.words, known.words)


def same_words(a: str, b: str) -> bool:
    shorter, longer = sorted((a.split(), b.split()), key=len)
    if not shorter:
        return False
    if len(shorter) < 4:
        return shorter == longer
    if _contains(longer, shorter):
        return True
    runs = _runs(shorter)
    return len(runs & _runs(longer)) / len(runs) >= MIN_SHARED


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return f" {' '.join(shorter)} " in f" {' '.join(longer)} "


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}
