"""One story, many sightings: when two statements are the same words by the same MP.

This is the one rule of what a story is. The archive applies it when it files a statement
(a story is a row of its `stories` table) and everything after (alerts, follow-ups, digests,
the search page's cards) goes by the story the archive filed the statement in.

Outlets trim quotes, report them in part, change quotation marks and punctuation, and the MP's
own post may carry more than any report. So statements are compared as words (case, quotes
and punctuation dropped), and one counts as the same as another when it is contained in it or
most of its three-word runs are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from watcher.models import Kind

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MIN_SHARED = 0.6  # the part of the shorter text's word runs that must appear in the other


def words(text: str) -> str:
    """'“I will NOT be standing,” he said.' -> 'i will not be standing he said'."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_WORD.findall(folded))


@dataclass(frozen=True)
class Gist:
    """What a statement is compared by: its kind, its target and its words."""

    kind: Kind
    target: str | None
    words: str


def same_story(new: Gist, known: Gist) -> bool:
    """True when `new` reports the same thing as `known` (the MP and time already match).

    Events of the same kind and target are one story whatever words each outlet quotes; two
    different events never are (a withdrawal after a bid is news); otherwise it takes the same
    words.
    """
    if new.kind != "statement" and known.kind != "statement":
        return new.kind == known.kind and new.target == known.target
    return same_words(new.words, known.words)


def joined_story(new: Gist, known: Iterable[tuple[int, Gist]]) -> int | None:
    """The first of the known stories (`(story id, a sighting's gist)`, the MP's recent stories,
    newest first) that `new` is the same story as, or None: `new` starts a story."""
    return next((story for story, gist in known if same_story(new, gist)), None)


def same_words(a: str, b: str) -> bool:
    shorter, longer = sorted((a.split(), b.split()), key=len)
    if not shorter:
        return False
    if len(shorter) < 4:
        return shorter == longer
    if _contains(longer, shorter):
        return True
    if _negations(shorter) != _negations(longer):
        return False  # "I no longer support the deal" is not "I support the deal"
    runs = _runs(shorter)
    return len(runs & _runs(longer)) / len(runs) >= MIN_SHARED


_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "cannot", "longer", "nothing"})


def _negations(tokens: list[str]) -> int:
    return sum(1 for t in tokens if t in _NEGATIONS or t.endswith("n't"))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return f" {' '.join(shorter)} " in f" {' '.join(longer)} "


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}
