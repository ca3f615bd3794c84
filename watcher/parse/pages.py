"""An HTML page as an article: title, author, main text and times, without the page's chrome.

The page is parsed once, into one lxml tree. Its markup gives the title, author, canonical
address and times (htmldate dates a page whose markup gives no exact time). trafilatura finds
the main text in the same tree, so navigation, sidebars, "most read" and related lists,
footers and captions stay out, and quotes in them are never taken for the article's own.
Before it reads the tree, readers' comments and appeals, headlines, standfirsts, bylines and
datelines are dropped as the page names them, live-blog entry times are made paragraphs of
their own, and times inside sentences are kept as words.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import htmldate
import trafilatura
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from lxml import etree  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura.settings import Extractor

from watcher.parse.text import element_text, html_tree
from watcher.timefmt import parse_time

MAX_PAGE = 5_000_000  # bytes of a page read; the rest is left unread
MAX_ELEMENTS = 30_000  # the extractor slows more than linearly: more are read plainly
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
_SITE_NAME = re.compile(r"\s+[|–—·]\s+|\s+-\s+")

# A live blog's entry time, alone in its element: "14:32", "2.05pm", "07:45 BST".
_STAMP = re.compile(r"(posted at |updated )?\d{1,2}[:.]\d{2}( ?[ap]m)?( ?(gmt|bst))?", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Leaves that may be such a time: a clock is short and holds ':' or '.'.
_CLOCK_LEAVES = etree.XPath(
    "//body//*[not(*)][contains(., ':') or contains(., '.')][string-length(.) < 24]"
)
# Readers' comments and appeals, whatever their size (the extractor keeps some), and short
# headlines, standfirsts, bylines, datelines, captions, pull quotes, boxes and sidebars: the
# page's furniture, as a class or id says.
_CHROME = re.compile(  # on lower case, which is quicker than ignoring case
    r"(?<![^-_\s])(?:(?P<chrome>comments?|commentlist|comment-list|respond|donat\w*|appeal"
    r"|support-us)|title|headline|byline|by|meta|dateline|standfirst|kicker|strapline"
    r"|subhead\w*|dek|author|timestamp|posted-on|entry-meta|footer|caption|pull-?quote"
    r"|(?:fact|info)?box|sidebar)(?![^-_\s])"
)
_NAMES = etree.XPath("//body//*/@class | //body//*/@id")
# What the plain reader, for a page the extractor cannot read, leaves out.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "figure", "button", "select", "h1")


@dataclass(frozen=True)
class Article:
    title: str
    author: str | None
    text: str
    published_at: datetime | None
    modified_at: datetime | None
    url: str | None


def parse_page(html: str | bytes, url: str | None = None) -> Article:
    body = _utf8(html)
    if not _MARKUP.search(body):
        return _plain_article(body.decode("utf-8", "replace"), url)
    tree = html_tree(body)
    if tree is None:
        return Article("", None, "", None, None, url)
    marks = _Marks(tree)
    canonical = marks.canonical() or url
    published, modified = marks.times(canonical)
    title, author = marks.title(), marks.author()
    text = _plain_text(tree) if _too_big(body, tree) else article_text(tree, title, canonical)
    return Article(title, author, text, published, modified, canonical)


# Any tag, comment or declaration: a page with none is plain text.
_MARKUP = re.compile(rb"<[A-Za-z!/?]")


def _plain_article(text: str, url: str | None) -> Article:
    """Plain text (a saved article, a pasted statement): its paragraphs as written, its first
    line the title."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    title = paragraphs[0][:300] if paragraphs else ""
    return Article(title, None, "\n\n".join(paragraphs), None, None, url)


def _utf8(html: str | bytes) -> bytes:
    """The page's first MAX_PAGE bytes in UTF-8: as they are, else decoded from the charset
    the page declares, else from Windows-1252."""
    if isinstance(html, str):
        return html[:MAX_PAGE].encode("utf-8", "replace")
    body = html[:MAX_PAGE].removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            return body[: error.start]  # the cap cut a character in two
    declared = _CHARSET.search(body[:4096])
    try:
        text = body.decode(declared.group(1).decode("ascii") if declared else "cp1252", "replace")
    except LookupError:
        text = body.decode("cp1252", "replace")
    return text.encode("utf-8")


def _too_big(body: bytes, tree: HtmlElement) -> bool:
    """More elements than MAX_ELEMENTS (each needs a '<', which is quicker to count)."""
    return body.count(b"<") > MAX_ELEMENTS and tree.xpath("count(//*)") > MAX_ELEMENTS


# --- the main text --------------------------------------------------------------------------


def article_text(tree: HtmlElement, title: str, url: str | None) -> str:
    """The article's paragraphs, without the headline; else, when the extractor finds none,
    the page's blocks without its chrome. Changes the tree."""
    _unstack_entries(tree, _keep_stamps(tree))
    _keep_inline_times(tree)
    _drop_chrome(tree)
    options = Extractor(fast=True, comments=False, url=url)
    # A short text is the extractor's reading still: its rescue would dump the whole page,
    # sidebars and all, in one paragraph.
    options.min_extracted_size = 0
    document = trafilatura.bare_extraction(tree, options=options)
    body = getattr(document, "body", None)
    if body is None:
        return _plain_text(tree)
    for head in body.iter("head"):
        if head.get("rend") == "h1" or _flat(head) == title.casefold():
            head.clear(keep_tail=True)
    return element_text(body) or _plain_text(tree)


def _plain_text(tree: HtmlElement) -> str:
    """The body's blocks, without navigation, headers, footers, asides, forms and figures."""
    body = tree.find("body")
    if body is None:
        return ""
    etree.strip_elements(body, *_CHROME_TAGS, with_tail=False)
    return element_text(body)


def _keep_stamps(tree: HtmlElement) -> list[HtmlElement]:
    """A live blog's entry times become paragraphs of their own, which the extractor keeps (it
    drops <time> elements, most small ones and the entries' headings): a time alone in its
    element, or at the start of a heading, whose words stay with it. Returns the paragraphs."""
    stamps = []
    for leaf in _CLOCK_LEAVES(tree):
        stamp = leaf
        if not _STAMP.fullmatch(_flat(stamp)):
            continue
        while (parent := stamp.getparent()) is not None and _STAMP.fullmatch(_flat(parent)):
            stamp = parent
        if parent is None or stamp.tag in ("td", "th", "a", "option", "body"):
            continue  # in a stamp made a paragraph already, or a table of times
        paragraph = etree.Element("p")
        paragraph.text = " ".join(stamp.text_content().split())
        if _stands_alone(stamp):
            paragraph.tail = stamp.tail
            parent.replace(stamp, paragraph)
        elif parent.tag in _HEADINGS and stamp.getprevious() is None and not _words(parent.text):
            parent.addprevious(paragraph)
            stamp.drop_tree()
        else:
            continue
        stamps.append(paragraph)
    return stamps


def _keep_inline_times(tree: HtmlElement) -> None:
    """A <time> inside a sentence is its words: the extractor would drop them."""
    for time in list(tree.iter("time")):
        if not _stands_alone(time):
            time.drop_tag()


def _stands_alone(element: HtmlElement) -> bool:
    """No words of its parent right before or after it."""
    before = element.getprevious()
    words_before = before.tail if before is not None else element.getparent().text
    return not _words(words_before) and not _words(element.tail)


def _words(text: str | None) -> bool:
    return bool(text and text.strip())


def _drop_chrome(tree: HtmlElement) -> None:
    """Comments and appeals, and short headlines, standfirsts, bylines and datelines, as the
    page names them; never what holds most of the page's text, nor its h1, by which the
    extractor finds the article (the headline is dropped afterwards)."""
    whole = 0
    for name in _NAMES(tree):
        if not (found := _CHROME.search(name.lower())):
            continue
        element = name.getparent()
        if element.getparent() is None or element.tag in ("article", "main", "h1"):
            continue  # dropped already (by its class and its id), or the article itself
        size = len(element.text_content())
        if size >= 400 and not found["chrome"]:
            continue
        whole = whole or len(tree.text_content())
        if (size < 400 or size < whole * 0.4) and element.find(".//h1") is None:
            element.drop_tree()


def _unstack_entries(tree: HtmlElement, stamps: list[HtmlElement]) -> None:
    """A live blog's entries (articles side by side, or blocks side by side each holding a
    time) are read as one article, without their headlines: the extractor would take the
    first entry alone."""
    entries: dict[HtmlElement, set[HtmlElement]] = {}
    for marker in [*tree.iter("article", "time"), *stamps]:
        for entry in [marker, *marker.iterancestors("article", "div", "section", "li")]:
            if (parent := entry.getparent()) is not None and entry.tag not in ("time", "p"):
                entries.setdefault(parent, set()).add(entry)
    for group in entries.values():
        for entry in group if len(group) > 1 else ():
            entry.tag = "div" if entry.tag == "article" else entry.tag
            entry.attrib.pop("class", None)
            entry.attrib.pop("id", None)
            for heading in list(entry.iter(*_HEADINGS)):
                heading.drop_tree()  # an entry's headline, not its words


def _flat(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split()).casefold()


# --- links ----------------------------------------------------------------------------------


def page_links(html: str | bytes, selector: str, base_url: str) -> list[tuple[str, str]]:
    """(url, link text) for every link matched by `selector` (the link or an element in it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "lxml")
    links = []
    for element in soup.select(selector):
        anchor = element if element.name == "a" else element.find("a", href=True)
        if isinstance(anchor, Tag) and anchor.get("href"):
            href = urljoin(base_url, str(anchor["href"]))
            if href.startswith(("http://", "https://")):
                links.append((href, " ".join(anchor.get_text(" ").split())))
    return list(dict.fromkeys(links))


# --- metadata -------------------------------------------------------------------------------

_MARKS = etree.XPath(
    "//meta | //link[@rel] | //title | //time[@datetime] | //script[@type='application/ld+json']"
)
_BYLINES = etree.XPath(
    "//*[@rel='author' or contains(@class, 'byline') or contains(@class, 'author')]"
)
_PUBLISHED = ("article:published_time", "og:published_time", "datePublished")
_MODIFIED = ("article:modified_time", "og:updated_time", "dateModified")


class _Marks:
    """What a page's markup says of it: meta tags, links, JSON-LD, time elements."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title_tag = ""
        self.stamps: list[str] = []
        self.data: list[dict[str, Any]] = []
        for element in _MARKS(tree):
            self._read(element)

    def _read(self, element: HtmlElement) -> None:
        tag, get = element.tag, element.get
        if tag == "meta" or (tag == "time" and get("itemprop")):
            value = get("content") or get("datetime")
            for key in (get("property"), get("name"), get("itemprop")):
                if key and value and value.strip():
                    self.meta.setdefault(key, " ".join(value.split()))
        if tag == "link":
            for rel in (get("rel") or "").lower().split():
                self.links.setdefault(rel, get("href") or "")
        elif tag == "title":
            self.title_tag = self.title_tag or " ".join(element.text_content().split())
        elif tag == "time":
            self.stamps.append(get("datetime") or "")
        elif tag == "script":
            self.data += _json_ld(element.text or "")

    def title(self) -> str:
        """og:title, else the <title> without the site's name, else the first h1."""
        title = self.meta.get("og:title") or _SITE_NAME.split(self.title_tag)[0]
        return title or " ".join(self.tree.xpath("string((//h1)[1])").split())

    def author(self) -> str | None:
        """The meta author, else JSON-LD's, else the byline's words."""
        author = self.meta.get("author") or self.meta.get("article:author") or ""
        for item in self.data:
            named = item.get("author")
            named = named[0] if isinstance(named, list) and named else named
            if not author and isinstance(named, dict) and named.get("name"):
                author = " ".join(str(named["name"]).split())
        return author or self._byline()

    def _byline(self) -> str | None:
        """The words of the first element that is rel=author or of class byline, else author."""
        found = _BYLINES(self.tree)
        for wanted in ("byline", "author"):
            for element in found:
                if element.get("rel") == "author" or wanted in element.classes:
                    return " ".join(" ".join(element.itertext()).split()) or None
        return None

    def canonical(self) -> str | None:
        return self.links.get("canonical") or self.meta.get("og:url") or None

    def times(self, url: str | None) -> tuple[datetime | None, datetime | None]:
        """Published and modified times from the markup; else the address's or htmldate's day."""
        published = next(filter(None, (parse_time(self.meta.get(n)) for n in _PUBLISHED)), None)
        modified = next(filter(None, (parse_time(self.meta.get(n)) for n in _MODIFIED)), None)
        for item in self.data:
            published = published or parse_time(item.get("datePublished"))
            modified = modified or parse_time(item.get("dateModified"))
        published = published or parse_time(next(iter(self.stamps), None))
        return published or _url_date(url) or _found_date(self.tree, url), modified


def _url_date(url: str | None) -> datetime | None:
    if not url or not (match := _URL_DATE.search(url)):
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _found_date(tree: HtmlElement, url: str | None) -> datetime | None:
    """The publication day htmldate finds in the markup, without searching the free text."""
    found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)
    return datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=UTC) if found else None


def _json_ld(script: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):
        return []
    if isinstance(data, dict):
        graph = data.get("@graph")
        data = graph if isinstance(graph, list) else [data]
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []
