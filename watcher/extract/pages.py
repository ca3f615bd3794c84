"""An HTML page as an article: title, author, main text and times, without the page's chrome.

The page is parsed once. Its markup gives the title, author, canonical address and times; the
main text is what trafilatura finds in the same tree, so navigation, sidebars, "most read" and
related lists, comments, footers and appeals stay out, and quotes in them are never taken for
the article's own. htmldate dates a page whose markup carries no exact time.
"""

from __future__ import annotations

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
from lxml import etree
from lxml.html import HtmlElement

from watcher.parse import element_text, html_tree

MAX_PAGE = 5_000_000  # characters of a page read; the rest is left unread
MAX_ELEMENTS = 30_000  # a page with more elements is read by the plain reader, in linear time
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    title: str
    author: str | None
    text: str
    published_at: datetime | None
    modified_at: datetime | None
    url: str | None


def parse_page(html: str | bytes, url: str | None = None) -> Article:
    tree = html_tree(_decode(html)[:MAX_PAGE])
    if tree is None:
        return Article("", None, "", None, None, url)
    canonical = _canonical(tree) or url
    published, modified = _times(tree, canonical)
    title = _title(tree)
    text = article_text(tree, title, canonical)
    return Article(title, _author(tree), text, published, modified, canonical)


def _decode(html: str | bytes) -> str:
    """UTF-8, else the charset the page declares, else Windows-1252."""
    if isinstance(html, str):
        return html
    try:
        return html.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(html[:4096])
    if declared:
        try:
            return html.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return html.decode("cp1252", "replace")


# --- the main text --------------------------------------------------------------------------


def article_text(tree: HtmlElement, title: str, url: str | None) -> str:
    """The article's paragraphs, without the headline."""
    if sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        return ""
    document = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_comments=False, include_tables=True
    )
    body = getattr(document, "body", None)
    if body is None:
        return ""
    for head in body.iter("head"):
        if head.get("rend") == "h1" or _same_words(head, title):
            head.clear(keep_tail=True)
    return element_text(body)


def _same_words(element: etree._Element, title: str) -> bool:
    return " ".join("".join(element.itertext()).split()).casefold() == title.casefold()


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


def _first(tree: HtmlElement, path: str) -> str:
    """The first non-blank string an XPath finds, its spaces tidied, or ''."""
    found = tree.xpath(path)
    for value in found if isinstance(found, list) else [found]:
        text = " ".join(str(value).split())
        if text:
            return text
    return ""


def _title(tree: HtmlElement) -> str:
    """og:title, else the <title> without the site's name, else the first h1."""
    title = _first(tree, "//meta[@property='og:title']/@content")
    if not title and (text := _first(tree, "string(//title)")):
        title = re.split(r"\s+[|–—]\s+|\s+-\s+", text)[0]
    return title or _first(tree, "string(//h1)")


def _author(tree: HtmlElement) -> str | None:
    author = _first(tree, "//meta[@name='author']/@content")
    author = author or _first(tree, "//meta[@property='article:author']/@content")
    for data in _json_ld(tree):
        if author:
            break
        named = data.get("author")
        named = named[0] if isinstance(named, list) and named else named
        if isinstance(named, dict) and named.get("name"):
            author = " ".join(str(named["name"]).split())
    byline = "//*[@rel='author' or contains(concat(' ', normalize-space(@class), ' '), ' {} ')]"
    for name in ("byline", "author"):
        author = author or _first(tree, f"string({byline.format(name)})")
    return author or None


def _canonical(tree: HtmlElement) -> str | None:
    rel = "contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')"
    link = _first(tree, f"//link[{rel}]/@href")
    return link or _first(tree, "//meta[@property='og:url']/@content") or None


def _times(tree: HtmlElement, url: str | None) -> tuple[datetime | None, datetime | None]:
    """Published and modified times from the markup; else the address or htmldate's date."""
    published = _meta_time(tree, ("article:published_time", "og:published_time", "datePublished"))
    modified = _meta_time(tree, ("article:modified_time", "og:updated_time", "dateModified"))
    for data in _json_ld(tree):
        published = published or parse_time(data.get("datePublished"))
        modified = modified or parse_time(data.get("dateModified"))
    published = published or parse_time(_first(tree, "(//time/@datetime)[1]"))
    return published or _url_date(url) or _found_date(tree, url), modified


def _meta_time(tree: HtmlElement, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        for element in tree.xpath(
            "//*[self::meta or self::time][@property=$n or @name=$n or @itemprop=$n]", n=name
        ):
            moment = parse_time(element.get("content") or element.get("datetime"))
            if moment:
                return moment
    return None


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


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            graph = data.get("@graph")
            data = graph if isinstance(graph, list) else [data]
        if isinstance(data, list):
            found += [d for d in data if isinstance(d, dict)]
    return found


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time from markup; a time without zone is taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
