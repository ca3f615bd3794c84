"""An HTML page as an article: title, author, main text and times, without the page's chrome.

Navigation, sidebars, "most read" and related lists, comments, footers and appeals are
dropped before the text is read, so quotes in them are never taken for the article's own.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag

CHROME_TAGS = ["script", "style", "noscript", "template", "nav", "aside", "form", "iframe"]
CHROME_TAGS += ["footer", "svg", "button", "select", "figcaption"]
_CHROME_WORDS = re.compile(
    r"(^|[-_ ])(sidebar|side-bar|related|most-?read|most-?popular|popular|trending|comments?"
    r"|commentlist|respond|footer|donat\w*|newsletter|subscribe|subscription|ticker|share|sharing"
    r"|social|promo|advert\w*|ads?|breadcrumbs?|menu|navigation|nav|navbar|cookie\w*|signup"
    r"|sign-up|recommended|recommendations|more-stories|read-more|also-read|tags|widget"
    r"|outbrain|taboola|support-us|appeal|masthead|site-header|topbar|more|latest|also"
    r"|headlines|teasers?|top-stories|read-next|onward|recirc\w*|explore|side|rail|elsewhere"
    r")($|[-_ ])",
    re.IGNORECASE,
)
_CONTAINERS = [
    "[itemprop=articleBody]",
    "article .entry-content",
    ".entry-content",
    ".post-content",
    ".article-body",
    ".article__body",
    ".story-body",
    ".article-content",
    "article",
    "main",
    "[role=main]",
    "#content",
]
_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section"}
_BLOCKS |= {"article", "header", "tr", "pre", "dd", "dt", "time", "ul", "ol", "table"}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")


@dataclass(frozen=True)
class Article:
    title: str
    author: str | None
    text: str
    published_at: datetime | None
    modified_at: datetime | None
    url: str | None


def parse_page(html: str | bytes, url: str | None = None) -> Article:
    soup = _soup(html)
    canonical = _canonical(soup) or url
    published, modified = _times(soup, canonical)
    title = _title(soup)
    author = _author(soup)
    container = _main_container(soup)
    return Article(title, author, element_text(container), published, modified, canonical)


def page_links(html: str | bytes, selector: str, base_url: str) -> list[tuple[str, str]]:
    """(url, link text) for every link matched by `selector` (the link or an element in it)."""
    soup = _soup(html)
    links = []
    for element in soup.select(selector):
        anchor = element if element.name == "a" else element.find("a", href=True)
        if isinstance(anchor, Tag) and anchor.get("href"):
            href = urljoin(base_url, str(anchor["href"]))
            if href.startswith(("http://", "https://")):
                links.append((href, " ".join(anchor.get_text(" ").split())))
    return list(dict.fromkeys(links))


def _soup(html: str | bytes) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "lxml")


def _main_container(soup: BeautifulSoup) -> Tag:
    for tag in soup.find_all(CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    body = soup.body or soup
    candidates = [c for selector in _CONTAINERS for c in body.select(selector)]
    if not candidates:
        return body
    best = max(candidates, key=_paragraph_weight)
    if _paragraph_weight(best) < _paragraph_weight(body) * 0.3:
        return body
    title = _title(soup)
    for tag in best.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in ("header", "h1") or _is_furniture(tag, title) or _mostly_links(tag):
            tag.decompose()  # headline, byline, teaser lists: not the article's own words
    return best


def _mostly_links(tag: Tag) -> bool:
    """A block of two or more links with little text of its own: a teaser or related list."""
    if tag.name not in ("div", "section", "ul", "ol", "nav", "table", "dl"):
        return False
    links = tag.find_all("a")
    if not links:
        return False
    text = len(" ".join(tag.get_text(" ").split()))
    linked = sum(len(" ".join(a.get_text(" ").split())) for a in links)
    if len(links) == 1:  # one teaser under its own heading: 'Elsewhere', 'Read more'
        return bool(tag.find(["h2", "h3", "h4"])) and text > 0 and linked / text > 0.6
    return text > 0 and linked / text > 0.6


_FURNITURE = re.compile(
    r"(^|[-_ ])(title|headline|byline|meta|dateline|standfirst|kicker|strapline|subhead\w*"
    r"|dek|author|timestamp|posted-on|entry-meta)($|[-_ ])",
    re.IGNORECASE,
)


def _is_furniture(tag: Tag, title: str) -> bool:
    classes: list[str] = list(tag.get("class") or [])
    names = " ".join([*classes, str(tag.get("id", ""))])
    if names.strip() and _FURNITURE.search(names):
        return True
    if tag.name in ("h1", "h2", "h3") and title:
        return " ".join(tag.get_text(" ").split()).casefold() == title.casefold()
    return False


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main") or tag.attrs is None:
        return False
    classes: list[str] = list(tag.get("class") or [])
    names = " ".join([*classes, str(tag.get("id", "")), str(tag.get("role", ""))])
    if tag.get("role") in ("navigation", "complementary", "banner", "contentinfo"):
        return True
    return bool(names.strip()) and bool(_CHROME_WORDS.search(names))


def _paragraph_weight(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p"))


def element_text(element: Tag) -> str:
    """Text with paragraph breaks where the blocks are."""
    parts: list[str] = []
    for piece in element.descendants:
        if isinstance(piece, Tag):
            if piece.name == "br":
                parts.append("\n")
            elif piece.name in _BLOCKS:
                parts.append("\n\n")
        elif type(piece).__name__ == "NavigableString":
            parts.append(str(piece))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _title(soup: BeautifulSoup) -> str:
    """og:title, else the <title> without the site's name, else the first h1."""
    for found in (soup.find("meta", property="og:title"), soup.find("title"), soup.find("h1")):
        if isinstance(found, Tag):
            text = " ".join(str(found.get("content") or found.get_text(" ")).split())
            if found.name == "title":
                text = re.split(r"\s+[|–—]\s+|\s+-\s+", text)[0]
            if text:
                return text
    return ""


def _author(soup: BeautifulSoup) -> str | None:
    for key, value in (("name", "author"), ("property", "article:author")):
        meta = soup.find("meta", attrs={key: value})
        if isinstance(meta, Tag) and meta.get("content"):
            return str(meta["content"]).strip()
    for data in _json_ld(soup):
        author = data.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and author.get("name"):
            return str(author["name"])
    byline = soup.select_one("[rel=author], .byline, .author")
    return " ".join(byline.get_text(" ").split()) if byline else None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return str(link["href"])
    meta = soup.find("meta", property="og:url")
    return str(meta["content"]) if isinstance(meta, Tag) and meta.get("content") else None


def _times(soup: BeautifulSoup, url: str | None) -> tuple[datetime | None, datetime | None]:
    published = modified = None
    for name in ("article:published_time", "og:published_time", "datePublished"):
        published = published or _meta_time(soup, name)
    for name in ("article:modified_time", "og:updated_time", "dateModified"):
        modified = modified or _meta_time(soup, name)
    for data in _json_ld(soup):
        published = published or parse_time(data.get("datePublished"))
        modified = modified or parse_time(data.get("dateModified"))
    if published is None:
        stamp = soup.find("time", datetime=True)
        published = parse_time(stamp.get("datetime")) if isinstance(stamp, Tag) else None
    if published is None and url and (match := _URL_DATE.search(url)):
        year, month, day = (int(g) for g in match.groups())
        try:
            published = datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            published = None
    return published, modified


def _meta_time(soup: BeautifulSoup, name: str) -> datetime | None:
    for key in ("property", "name", "itemprop"):
        meta = soup.find(["meta", "time"], attrs={key: name})
        if isinstance(meta, Tag):
            return parse_time(meta.get("content") or meta.get("datetime"))
    return None


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text())
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
