"""Web text made safe to leave the program: which addresses may be links, and which
characters may not be shown.

Feeds and pages are written by anyone. Every output (the web page, its Atom feeds and exports,
the alert emails and chat posts) passes the addresses it links to through `web_link` and the
text it shows through `strip_bidi`, so each rule lives here and nowhere else.
"""

from __future__ import annotations

import re

# The marks that embed, override or isolate a direction of writing, and the invisible
# left-to-right, right-to-left and Arabic letter marks: with them, a name or a quote can show
# the text around it backwards. Right-to-left letters themselves are words, and stay.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]+")
# A scheme of http or https, then a host: nothing else (javascript:, data:, vbscript:, file:,
# or an address that leaves the scheme to the reader) may become a link.
_WEB_LINK = re.compile(r"https?://[^\s/?#\\]", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """The address, if it is an http or https link; None for anything else."""
    if url and _WEB_LINK.match(url):
        return url
    return None


def strip_bidi(text: str) -> str:
    """The text without bidirectional controls, so it reads in the order it was written."""
    return _BIDI.sub("", text)
