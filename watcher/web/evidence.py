"""The statement page's evidence: the quote in its paragraph, and what changed in the item."""

from __future__ import annotations

import re
from dataclasses import dataclass

from watcher.changes import DiffLine, diff_lines

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Context:
    """The paragraph holding the quote, split around it, with its neighbours."""

    before: str  # the paragraph before, if any
    lead: str  # the paragraph's text before the quote
    quote: str  # the quote as the item has it ("" when it cannot be found)
    tail: str
    after: str


def quote_context(item_text: str, quote: str) -> Context | None:
    """Where `quote` stands in `item_text`, ignoring differences of spacing; None when the
    item does not hold it word for word (a paraphrase, or an item with a title only)."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(item_text) if p.strip()]
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for index, paragraph in enumerate(paragraphs):
        found = pattern.search(paragraph)
        if found:
            return Context(
                before=paragraphs[index - 1] if index > 0 else "",
                lead=paragraph[: found.start()],
                quote=found.group(0),
                tail=paragraph[found.end() :],
                after=paragraphs[index + 1] if index + 1 < len(paragraphs) else "",
            )
    return None


def changes(first: str, latest: str) -> list[DiffLine]:
    """The difference between two texts, sentence by sentence, with a little context."""
    return diff_lines(first, latest)
