"""Find what tracked MPs said in an item.

This is the seam for statement extraction. For now an item from an MP's own source is, as a
whole, a statement by that MP of kind `statement`, said when it was published; a news item is
searched only for mentions of tracked MPs (by name or alias, on word boundaries).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from watcher.models import MP, Item, Statement

OWN_SOURCE = "the MP's own source"


def extract_statements(item: Item, mps: Sequence[MP]) -> list[Statement]:
    """The statements by tracked MPs that `item` holds."""
    owner = item.source.mp
    if owner is None or not any(mp.name == owner for mp in mps):
        return []
    text = item.text or item.title
    if not text:
        return []
    return [
        Statement(
            mp=owner,
            kind="statement",
            text=text,
            said_at=item.published_at,
            said_at_text=None,
            confidence=1.0,
            evidence=OWN_SOURCE,
        )
    ]


def find_mentions(item: Item, mps: Sequence[MP]) -> list[str]:
    """Names of the tracked MPs that `item` names, in the order of `mps`."""
    haystack = f"{item.title}\n{item.text}"
    return [mp.name for mp, pattern in _patterns(tuple(mps)) if pattern.search(haystack)]


@lru_cache(maxsize=8)
def _patterns(mps: tuple[MP, ...]) -> list[tuple[MP, re.Pattern[str]]]:
    compiled = []
    for mp in mps:
        names = sorted({n for n in mp.names if n.strip()}, key=len, reverse=True)
        alternatives = "|".join(re.escape(n.strip()) for n in names)
        compiled.append((mp, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return compiled
