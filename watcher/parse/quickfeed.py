"""A quick reading of well-formed RSS 2.0 and Atom 1.0 feeds, with lxml.

Most sources serve plain, valid feeds, and feedparser reads them slowly (its SAX parser and its
HTML sanitizer are pure Python). `quick_entries` reads such a feed into the very entries
feedparser would give for it: the same keys (`id`, `link`, `title`, `summary`, `content`,
`published`, `updated`, `author`, `tags`) with the same values. It does this by following
feedparser's own steps for the few elements it knows, and it declines (returns None) for
anything it cannot be sure of: another dialect, an encoding other than UTF-8, a DTD, an
element that could feed one of those keys in some other way, or markup that feedparser's
sanitizer would change. The caller then asks feedparser.
"""

from __future__ import annotations

import html.entities
import re
import threading
from collections.abc import Callable
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

Entry = dict[str, Any]
Reader = Callable[[etree._Element], Entry | None]

_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_MEDIA = "http://search.yahoo.com/mrss/"
_WFW = "http://wellformedweb.org/CommentAPI/"
_SLASH = "http://purl.org/rss/1.0/modules/slash/"

_PARSERS = threading.local()  # an lxml parser must not be used by two threads at once


def _parser() -> etree.XMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
        )
    return parser


_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
# An xml:base (or a bare `base` attribute, which feedparser honours too) changes how links
# resolve; a DTD may declare entities. Feeds with either go to feedparser.
_UNSURE = re.compile(rb"[\s:]base\s*=|<!DOCTYPE|<!ENTITY", re.I)


def quick_entries(body: bytes, content_type: str | None = None) -> list[Entry] | None:
    """The feed's entries as feedparser gives them, or None when this reader cannot be sure."""
    if not _utf8(body, content_type) or _UNSURE.search(body):
        return None
    try:
        root = etree.fromstring(body, _parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    read: Reader
    if root.tag == "rss" and root.get("version") == "2.0":
        items, read = root.findall("channel/item"), _rss_entry
    elif root.tag == f"{{{_ATOM}}}feed":
        items, read = root.findall(f"{{{_ATOM}}}entry"), _atom_entry
    else:
        return None
    if not items or len(items) != _entries_anywhere(root):
        return None  # no items (feedparser tells an empty feed from a broken one), or stray ones
    entries = [read(item) for item in items]
    return None if any(e is None for e in entries) else entries  # type: ignore[return-value]


def _utf8(body: bytes, content_type: str | None) -> bool:
    """Whether feedparser would decode the body as UTF-8 (or as ASCII, which it then is)."""
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in body[:4]:
        return False  # UTF-16 or UTF-32, by its byte order mark or its zero bytes
    kind, _, params = (content_type or "").partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([\w-]+)", params, re.I)
    declared = _DECLARED.match(body[:200])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return False
    if charset:
        return charset.group(1).lower() in ("utf-8", "utf8")
    if kind.strip().lower().startswith("text/"):
        return body.isascii()  # feedparser reads text/* without a charset as US-ASCII
    return True


def _entries_anywhere(root: etree._Element) -> int:
    names = ("item", "entry", f"{{{_ATOM}}}entry", f"{{{_ATOM}}}item")
    return sum(1 for _ in root.iter(*names))


# --- RSS 2.0 -------------------------------------------------------------------------------

# Elements of an item that feed none of the keys read here. Anything else declines the feed.
_RSS_IGNORED = frozenset(
    {"comments", "enclosure", f"{{{_WFW}}}commentRss", f"{{{_SLASH}}}comments"}
    | {f"{{{_MEDIA}}}thumbnail", f"{{{_MEDIA}}}content"}
)
_RSS_ONCE = ("title", "link", "guid", "description", "pubDate", f"{{{_CONTENT}}}encoded")
_RSS_ATTRIBUTES = {"guid": {"isPermaLink"}, "category": {"domain"}}


def _rss_entry(item: etree._Element) -> Entry | None:
    if item.attrib or not _plain_children(item, _RSS_ATTRIBUTES):
        return None
    tags = [child.tag for child in item]
    authors = tags.count("author") + tags.count(f"{{{_DC}}}creator")
    if any(tags.count(t) > 1 for t in _RSS_ONCE) or authors > 1:
        return None
    entry: Entry = {}
    categories: list[dict[str, str | None]] = []
    for child in item:
        if not _rss_element(entry, categories, child):
            return None
    entry["tags"] = categories
    return entry


def _rss_element(entry: Entry, tags: list[dict[str, str | None]], child: etree._Element) -> bool:
    """Apply one child of an item to the entry as feedparser does; False to decline."""
    tag, decoded = child.tag, _decoded(_text(child))
    if decoded is None:
        return False
    text = decoded
    if tag in _RSS_IGNORED:
        return True
    if tag == "title":
        value = _markup_or_text(text, guess=True)
        if value is None:
            return False
        if value:
            entry["title"] = value
    elif tag == "link":
        link = _resolve(text).replace("&amp;", "&")
        entry["link"] = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", link)
    elif tag == "guid":
        permalink = child.get("isPermaLink", "true") == "true"
        value = _resolve(text) if permalink and text else text
        entry["id"] = value
        if permalink:
            entry.setdefault("link", value)
    elif tag in ("description", f"{{{_CONTENT}}}encoded"):
        value = _markup_or_text(text, guess=False)
        if value is None:
            return False
        _content(entry, value) if tag != "description" else entry.__setitem__("summary", value)
    elif tag == "pubDate":
        entry["published"] = text
    elif tag in ("author", f"{{{_DC}}}creator"):
        entry["author"] = text
    elif tag == "category":
        _category(tags, None, child.get("domain"), None, text)
    else:
        return False
    return True


# --- Atom 1.0 ------------------------------------------------------------------------------

_A = f"{{{_ATOM}}}"
_ATOM_ONCE = tuple(f"{_A}{n}" for n in ("id", "title", "updated", "published", "summary"))
_ATOM_ONCE += (f"{_A}content", f"{_A}author")
_ATOM_ATTRIBUTES = {
    f"{_A}title": {"type"},
    f"{_A}summary": {"type"},
    f"{_A}content": {"type"},
    f"{_A}link": {"rel", "href", "type", "title", "length", "hreflang"},
    f"{_A}category": {"term", "scheme", "label"},
}


def _atom_entry(entry_element: etree._Element) -> Entry | None:
    if entry_element.attrib:
        return None
    tags = [child.tag for child in entry_element]
    if any(tags.count(t) > 1 for t in _ATOM_ONCE):
        return None
    entry: Entry = {}
    categories: list[dict[str, str | None]] = []
    for child in entry_element:
        if child.tag == f"{_A}author":
            if not _atom_author(entry, child):
                return None
        elif not _plain_child(child, _ATOM_ATTRIBUTES) or not _atom_element(
            entry, categories, child
        ):
            return None
    entry["tags"] = categories
    return entry


def _atom_element(entry: Entry, tags: list[dict[str, str | None]], child: etree._Element) -> bool:
    tag, decoded = child.tag, _decoded(_text(child))
    if decoded is None:
        return False
    text = decoded
    if tag == f"{_A}id":
        entry["id"] = _resolve(text) if text else text
        entry.setdefault("link", entry["id"])  # feedparser reads an Atom id as a permalink guid
    elif tag in (f"{_A}title", f"{_A}summary", f"{_A}content"):
        kind = child.get("type", "text")
        if kind not in ("text", "html"):
            return False
        value = _markup_or_text(text, guess=False) if kind == "html" else text
        if value is None:
            return False
        if tag == f"{_A}title":
            if value:
                entry["title"] = value
        elif tag == f"{_A}summary":
            entry["summary"] = value
        else:
            _content(entry, value)
    elif tag == f"{_A}link":
        return _atom_link(entry, child)
    elif tag in (f"{_A}published", f"{_A}updated"):
        entry[tag.removeprefix(_A)] = text
    elif tag == f"{_A}category":
        _category(tags, child.get("term"), child.get("scheme"), child.get("label"), text)
    else:
        return False
    return True


def _atom_link(entry: Entry, link: etree._Element) -> bool:
    href = link.get("href")
    if href is None:
        return False
    rel = link.get("rel", "alternate").lower()
    kind = link.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if rel == "alternate" and kind in ("text/html", "application/xhtml+xml"):
        entry["link"] = _resolve(href)
    return True


def _atom_author(entry: Entry, author: etree._Element) -> bool:
    """feedparser's author: 'name (email)', the name, the email, else the element's text."""
    if author.attrib:
        return False
    parts: dict[str, str] = {}
    for child in author:
        name = child.tag.removeprefix(_A) if isinstance(child.tag, str) else ""
        if name not in ("name", "email", "uri") or name in parts or child.attrib or len(child):
            return False
        parts[name] = (child.text or "").strip()
    person, email = parts.get("name"), parts.get("email")
    if person and email:
        entry["author"] = f"{person} ({email})"
    else:
        entry["author"] = person or email
    return bool(person or email)  # else feedparser's author is the element's own text


# --- feedparser's steps --------------------------------------------------------------------


def _plain_children(item: etree._Element, allowed: dict[str, set[str]]) -> bool:
    return all(_plain_child(child, allowed) for child in item)


def _plain_child(child: etree._Element, allowed: dict[str, set[str]]) -> bool:
    """An element with text only (no comment, no child) and only the attributes it may have
    (any, for the elements that feed no key)."""
    if not isinstance(child.tag, str) or len(child):
        return False
    return child.tag in _RSS_IGNORED or set(child.attrib) <= allowed.get(child.tag, set())


def _text(element: etree._Element) -> str:
    return (element.text or "").strip()


def _content(entry: Entry, value: str) -> None:
    entry.setdefault("content", []).append({"value": value})
    entry.setdefault("summary", value)


def _category(
    tags: list[dict[str, str | None]],
    term: str | None,
    scheme: str | None,
    label: str | None,
    text: str,
) -> None:
    """feedparser's `_start_category` and `_end_category`."""
    _add_tag(tags, term, scheme, label)
    value = text
    if not value:
        return
    if tags and not tags[-1]["term"]:
        tags[-1]["term"] = value
    else:
        _add_tag(tags, value, None, None)


def _add_tag(
    tags: list[dict[str, str | None]], term: str | None, scheme: str | None, label: str | None
) -> None:
    if not term and not scheme and not label:
        return
    tag = {"term": term, "scheme": scheme, "label": label}
    if tag not in tags:
        tags.append(tag)


_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")


def _resolve(uri: str) -> str:
    """feedparser's resolution of a link against no base: extra slashes after '//' go."""
    return _URI_FIXER.sub(r"\1\3", uri)


_CP1252_RANGE = re.compile("[\x80-\x9f]")


def _decoded(text: str) -> str | None:
    """feedparser's last steps on a text: UTF-8 read as Latin-1 is read again as UTF-8.
    Text with C1 controls (which feedparser maps to Windows-1252) is left to feedparser."""
    if _CP1252_RANGE.search(text):
        return None
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _markup_or_text(value: str, *, guess: bool) -> str | None:
    """A value feedparser treats as HTML (always, or with `guess` when it looks like HTML),
    when feedparser's sanitizer would leave its text as it is; None otherwise."""
    if guess and not _HTMLISH.search(value):
        return value  # plain text to feedparser too, which guesses HTML only from these
    return value if plain_markup(value) else None


# feedparser takes an RSS title for HTML only when it has an end tag or a reference; then,
# if it does, its sanitizer leaves plain markup as it is, so plain markup reads alike either way.
_HTMLISH = re.compile(r"</(\w+)>|&#?\w+;")


# Elements that feedparser's sanitizer keeps as they are and whose text the watcher's
# `html_to_text` reads as written. (Scripts, styles, SVG, MathML, forms and the rest go to
# feedparser, whose sanitizer treats them in its own way.)
SAFE_ELEMENTS = frozenset(
    {"p", "br", "a", "b", "i", "em", "strong", "span", "div", "blockquote", "ul", "ol", "li"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption", "hr", "table"}
    | {"thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "code", "small", "sub"}
    | {"sup", "u", "s", "strike", "del", "ins", "cite", "q", "abbr", "dl", "dt", "dd"}
    | {"section", "article", "header", "footer", "aside", "nav", "time", "big"}
)
_VOID = frozenset({"br", "img", "hr"})
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)"
    r"((?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))?)*)\s*(/?)>"
)
_REFERENCE = re.compile(r"&(?:([A-Za-z][A-Za-z0-9]*)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")


def plain_markup(markup: str) -> bool:
    """Whether the HTML is made only of tags, text and references that feedparser's
    sanitizer passes through unchanged, so that its text is the same read either way."""
    return _tags_plain(markup) and _references_plain(markup)


def _tags_plain(markup: str) -> bool:
    at = markup.find("<")
    while at != -1:
        tag = _TAG.match(markup, at)
        if tag is None:
            return False
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(4)
        if name not in SAFE_ELEMENTS:
            return False
        if (name in _VOID and closing) or (self_closing and (name not in _VOID or closing)):
            return False
        at = markup.find("<", tag.end())
    return True


def _references_plain(markup: str) -> bool:
    at = markup.find("&")
    while at != -1:
        found = _REFERENCE.match(markup, at)
        if found is None or not _known_reference(found):
            return False
        at = markup.find("&", found.end())
    return True


def _known_reference(found: re.Match[str]) -> bool:
    name, decimal, hexadecimal = found.groups()
    if name is not None:
        return name in html.entities.name2codepoint
    value = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if 0xD800 <= value <= 0xDFFF:
        return False
    return value in (9, 10, 13) or 32 <= value < 127 or 160 <= value <= 0x10FFFF
