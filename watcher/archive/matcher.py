"""Saved searches as alert rules: does a statement's text match an FTS5 query? And the
matches of a query marked in a page of results.

The text is put in a throwaway in-memory FTS5 table built like the archive's, so a
subscription's query means exactly what the same words mean in `watcher search`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping

from watcher.errors import SearchError

TOKENIZE = "porter unicode61"  # words found by their stems: resign, resigned, resignation
_TABLE = f"CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='{TOKENIZE}')"


def normalise_query(query: str) -> str:
    """Typographic quotes become plain ones, so phrases pasted from articles work; a word with
    an apostrophe (Labour's) becomes a phrase, as FTS5 would otherwise reject it."""
    table = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'"})
    plain = query.translate(table).strip()
    if '"' in plain:
        return plain
    return re.sub(r"[^\s()]*'[^\s()]*", lambda m: f'"{m.group(0)}"', plain)


LONGER_FORMS_FROM = 6  # letters: a word this long also finds longer words it starts (leadership)
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# A quoted phrase (left as it is), or a bare word with what follows it.
_QUERY_PART = re.compile(r'"[^"]*"?|(\w+)([*:(]?)')


def with_longer_forms(query: str) -> str:
    """Bare words of six letters or more also find the longer words they start: `leader`
    becomes `leader*`, which finds leaders and leadership. The stemming index already finds a
    word's endings (resign, resigned, resignation); this adds the forms it keeps apart.
    Phrases in quotes, operators, prefixes and column names are left as written."""

    def longer(match: re.Match[str]) -> str:
        word, after = match.group(1), match.group(2)
        if word is None or after or word in _OPERATORS:
            return match.group(0)
        if len(word) < LONGER_FORMS_FROM or not word.isalpha():
            return match.group(0)
        return f"{word}*"

    return _QUERY_PART.sub(longer, query)


def query_help(query: str, problem: str) -> str:
    """What is wrong with a query, and how to write one."""
    reason = problem.removeprefix("fts5: ")
    return (
        f'cannot search for {query!r}: {reason}. Write words, "a phrase in quotes", prefix*, '
        "and AND / OR / NOT; put quotes around words with punctuation."
    )


def check_query(query: str) -> None:
    """Raise SearchError, saying what is wrong, if FTS5 cannot read `query`."""
    matching_queries("", [query], strict=True)


def matching_queries(text: str, queries: Iterable[str], *, strict: bool = False) -> set[str]:
    """The queries that `text` matches. A broken query matches nothing (raises if strict)."""
    found = set()
    with sqlite3.connect(":memory:") as conn:
        conn.execute(_TABLE)
        conn.execute("INSERT INTO probe (rowid, text) VALUES (1, ?)", [text])
        for query in queries:
            try:
                hit = conn.execute("SELECT 1 FROM probe WHERE probe MATCH ?", [query]).fetchone()
            except sqlite3.OperationalError as exc:
                if strict:
                    raise SearchError(query_help(query, str(exc))) from None
                continue
            if hit:
                found.add(query)
    return found


SNIPPET_TOKENS = 64  # the most words of a long text shown around its matches


def marked_snippets(texts: Mapping[int, str], query: str, start: str, end: str) -> dict[int, str]:
    """The best part of each text that `query` matches, its matches between `start` and `end`.

    FTS5's snippet() depends only on a text and the query, so a throwaway index of these few
    texts marks them as the archive's index would; asking the archive's own index instead sets
    the whole query up again for each run of ids, which for a prefix is a read of all its
    matches. `query` must be valid: the archive has just answered it."""
    with sqlite3.connect(":memory:") as conn:
        conn.execute(_TABLE)
        conn.executemany("INSERT INTO probe (rowid, text) VALUES (?, ?)", texts.items())
        rows = conn.execute(
            "SELECT rowid, snippet(probe, 0, ?, ?, '…', ?) FROM probe WHERE probe MATCH ?",
            [start, end, SNIPPET_TOKENS, query],
        )
        return {row[0]: row[1] for row in rows}
