"""HTML as text, by one set of rules for feed descriptions and for pages: one paragraph a
line, a blank line between paragraphs, and a quote never split (`html_to_text`,
`element_text`)."""

from __future__ import annotations

import html
import re

import lxml.html  # type: ignore[import-untyped]
from lxml import etree
from lxml.html import HtmlElement

_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_ESCAPED_TAG = re.compile(r"&lt;/?(?:p|br|div|a|b|i|em|strong|span|blockquote|ul|ol|li)\b", re.I)

_HIDDEN = ("script", "style", "noscript", "template", "title")
# Blocks, each a paragraph: HTML's, and those of trafilatura's XML (head, quote, list, item, row).
_BLOCKS = frozenset(
    {"p", "div", "li", "dd", "dt", "blockquote", "pre", "address", "hr", "tr", "table", "ul"}
    | {"ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"}
    | {"aside", "main", "nav", "figure", "figcaption", "details", "summary"}
    | {"head", "quote", "list", "item", "row"}
)
_LINE_BREAKS = frozenset({"br", "lb"})
_CELLS = frozenset({"td", "th", "cell"})
_BLOCK, _LINE = "\ue000", "\ue001"  # private-use marks, stripped from the text itself
_MARKS = re.compile("[\ue000\ue001]")
_LINE_RUN = re.compile(r"(\ue001(?:\s*\ue001)*)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment (or of escaped HTML): one paragraph a line, a blank
    line between paragraphs, tags and scripts gone. See `element_text` for the rules."""
    if "<" not in markup and "&" not in markup:
        return tidy(markup)
    if "<" not in markup and _ESCAPED_TAG.search(markup):
        markup = html.unescape(markup)  # HTML escaped once more than it should be
    root = html_tree(markup)
    if root is None:
        return ""
    body = root.find("body")
    return element_text(root if body is None else body)


_CONTROLS = bytes(c for c in range(32) if c not in b"\t\n\r")


def html_tree(markup: str | bytes) -> HtmlElement | None:
    """An HTML document or fragment (bytes in UTF-8) as a tree, without comments; None when
    there is nothing. Every element is a plain HtmlElement, which is quicker to make than
    lxml.html's classes per tag."""
    data = markup.encode("utf-8", "replace") if isinstance(markup, str) else markup
    # The parser keeps control characters that lxml then refuses to set as text (drop_tree)
    data = data.translate(None, _CONTROLS)
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False
    )
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def element_text(element: etree._Element) -> str:
    """The text of an element, one paragraph a line and a blank line between paragraphs.

    Every block (a paragraph, list item, quote, heading, table row) is a paragraph. Inside one,
    a newline of the source is a space, and inline tags (links, emphasis) join their words as
    the source spaces them. A line break is a space, unless there are two or more in a row or
    it follows the end of a sentence: then it ends the paragraph. So a quote is never split.
    """
    etree.strip_elements(element, *_HIDDEN, with_tail=False)
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            parts.append(_mark(tag))
            parts.append(_MARKS.sub("", node.text or ""))
        else:
            parts.append(_BLOCK if tag in _BLOCKS else " " if tag in _CELLS else "")
            parts.append(_MARKS.sub("", node.tail or ""))
    return _paragraphs("".join(parts))


def _mark(tag: str) -> str:
    if tag in _BLOCKS:
        return _BLOCK
    if tag in _LINE_BREAKS:
        return _LINE
    return " " if tag in _CELLS else ""


def _paragraphs(marked: str) -> str:
    paragraphs = (" ".join(p.split()) for block in marked.split(_BLOCK) for p in _lines(block))
    return "\n\n".join(p for p in paragraphs if p)


def _a_heading(first: str, then: str) -> bool:
    """Whether the words before a block's first line break are a heading of their own
    ('<strong>Philp steps down from front bench</strong><br>A second blow ...'): a few
    words with no end mark, no quotation and no colon, before a sentence that starts anew."""
    words = first.split()
    return (
        0 < len(words) <= 10
        and not re.search(r"[.!?:,;…\"“”‘’']\s*$", first)
        and not re.search(r"[\"“”]", first)
        and words[0][:1].isupper()
        and then.lstrip()[:1].isupper()
        and bool(_SENTENCE_END.search(then.rstrip()))
    )


def _lines(block: str) -> list[str]:
    """A block cut where its line breaks end a paragraph; the other breaks become spaces."""
    if _LINE not in block:
        return [block]
    pieces = _LINE_RUN.split(block)
    paragraphs = [[pieces[0]]]
    quotes = _Quotes().add(pieces[0])
    last = pieces[0]
    for run, text in zip(pieces[1::2], pieces[2::2], strict=True):
        heading = len(paragraphs) == 1 and len(paragraphs[0]) == 1 and _a_heading(last, text)
        ended = not quotes.open and _SENTENCE_END.search(last.rstrip()[-8:])
        if run.count(_LINE) > 1 or ended or heading:
            paragraphs.append([text])
            quotes = _Quotes()
        else:
            paragraphs[-1].append(text)
        quotes.add(text)
        last = text if text.strip() else last
    return [" ".join(pieces) for pieces in paragraphs]


class _Quotes:
    """Whether a paragraph read so far leaves a quotation open."""

    def __init__(self) -> None:
        self.curly = self.straight = 0

    def add(self, text: str) -> _Quotes:
        self.curly += text.count("“") - text.count("”")
        self.straight += text.count('"')
        return self

    @property
    def open(self) -> bool:
        return self.curly > 0 or self.straight % 2 == 1


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
