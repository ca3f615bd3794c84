"""Where a sentence ends: at a full stop, '!' or '?' before a space, or at a line break, but
not after a title written with a full stop ('Mr.', 'Dr.', 'Sen.'), an initial ('J.',
'N.C.') or a month before its day ('Sept. 11'), as American and some British copy writes them."""

from __future__ import annotations

import re
from functools import lru_cache

_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Prof", "Rev", "Lt", "Col", "Sgt")

# A title with its full stop, read as part of a name: 'Mr. Obama'.
ABBREVIATED_TITLE = r"(?:" + "|".join(_TITLES) + r")\."

# After a full stop that ends a sentence: no title before it, and no single capital (an
# initial). Checked once the stop is found, which keeps the search quick.
_NOT_ABBREVIATED = "".join(rf"(?<!\b{title}\.)" for title in _TITLES) + r"(?<!\b[A-Z]\.)"
# A month written short before its day: 'a Sept. 11 memorial', 'on Jan. 6'.
_MONTHS = ("Jan", "Feb", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_NOT_ABBREVIATED += "".join(rf"(?!(?<=\b{month}\.)\s+\d)" for month in _MONTHS)

SENTENCE_BREAK = re.compile(rf"[.!?]{_NOT_ABBREVIATED}(?=\s)|\n")

# Between two sentences of one paragraph (split on it): after the end mark and any closing
# quote, before a capital or an opening quote.
BETWEEN_SENTENCES = re.compile(rf"(?<=[.!?]){_NOT_ABBREVIATED}[\"”’']?\s+(?=[\"“‘']?[A-Z])")

# An initial inside a name: 'John F. Kennedy'.
INITIAL = r"[A-Z]\.(?=[ \t]+[A-Z])"


@lru_cache(maxsize=4096)
def pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern built from words of a text ('\\bStride\\b'), compiled once: such patterns
    are too many for the `re` module's own small cache, which they would keep emptying."""
    return re.compile(source, flags)
