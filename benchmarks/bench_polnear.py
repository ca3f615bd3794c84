"""Speaker attribution on real prose: the development split of PolNeAR (US news, autumn 2016).

    python benchmarks/bench_polnear.py PATH/TO/polnear-dev [--top 40] [--mistakes]

The folder holds articles (text/NAME.txt) and brat annotations of every attribution in them
(attributions/NAME_ANNOTATOR.ann: Source, Cue, Content). It is read where it lies; nothing of it
is copied into the project. Where an article has two annotation files, the first in sorted
order is taken.

Who said it. Every Source span is resolved to a person, to someone else (an organisation, a
group, an unnamed or indefinite person, no source at all) or is left unresolved:
- a name is the one that ends the span's head (before any comma, bracket or relative clause),
  less titles, middle names and suffixes: "House Speaker Paul D. Ryan (R-Wis.)" is Paul Ryan,
  "Clinton's campaign manager Robby Mook" is Robby Mook, "a spokeswoman for Hillary Clinton"
  is someone else, "Trump and Clinton" is unresolved. A bare surname or first name ("Clinton",
  "Mr. Trump", "Hillary") is the full name the article wrote before it, the most frequent if
  several (for "Mr."/"Mrs." one known to be of that sex first); else the full name the folder
  most often gives a known person of that surname; a tie is unresolved. First names that begin
  one another, or a short one sharing two letters ("Len", "Leonard"), with one surname are one
  person.
- he/she/his/her: among the people named in its paragraph and the one before (names in the text
  and Source spans resolved so far, less those known to be of the other sex): the one its
  sentence and the one before name; if they name several, the only one of them that is a
  resolved Source, else the only one known to be of that sex, else unresolved; if they name
  none, the last named in its paragraph, else the last resolved Source before it. Sex is known
  from "Mr."/"Mrs."/"Ms." before a name in the folder.
- who/whom/whose: the person named just before it in the sentence ("Trump, who").
- I/me/my: the speaker of the innermost attribution whose Content holds it.
- a definite role ("the president", "the Vermont senator", "his spokesman"): the one person the
  article names with all of the role's words, its last word just before the name ("Sen. Bernie
  Sanders") or in an apposition after it ("Pat McCrory, the governor"); several or none:
  unresolved.
- they/it/which/that, other phrases ("a source", "Republicans", "the Trump campaign") and
  attributions without a source: someone else; we/you: unresolved.
Known people are those named in full in a Source span or with a title somewhere in the folder;
names in headings and ordinary words opening a sentence ("Beyond Trump") are not full names.

The people tracked are the N most frequent among the Source spans that name a person (pronouns
and roles do not count), each an MP with their surname, and "Mr"/"Mrs"/"Ms" forms when their
sex is known, as aliases.

Scoring. Each article is rendered as HTML (a <p> a paragraph) and read into an item as the
watcher reads a news page. Each statement's words are found in the article by whitespace- and
quote-normalised search: each blank-line separated piece on its own, the place nearest the
statement's report (when it has one) or the previous piece; a piece not found whole is looked
for sentence by sentence. A statement that gathers words from several places counts once for
each contiguous passage. A statement in the reporter's words ('Mr. Clarke said he would') is
cut to the words it reports, as a Content span holds neither Source nor Cue; so is the
report of a quote shown inside it ('said the plan was "a disgrace"'), whose words the
statement carries with the quote. Pieces a
statement sets apart (blank-line separated) stay apart even where they stand side by side in
the text, as each is its own report. Passages and gold Content
spans are matched one to one, greedily by the Jaccard of their character sets when it is at
least 0.5. Then:
- content recall: matched gold attributions whose source is a tracked person, over all such;
- speaker precision: matched passages whose MP is the gold source person, over those matched to
  a resolved source (those matched to an unresolved one are counted apart);
- misattributions: matched passages whose gold source is resolved and someone else;
- unmatched: passages, and statements, that match no gold Content span.
"""

from __future__ import annotations

import argparse
import bisect
import html
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from watcher.extract import extract_statements
from watcher.extract.reader import SPEECH_VERBS
from watcher.models import MP, FetchResult, Item, Source, Statement
from watcher.parse import items_from

SOMEONE_ELSE = "(someone else)"
UNRESOLVED = "(unresolved)"
THRESHOLD = 0.5

# ---------------------------------------------------------------------------------------------
# Reading the folder


@dataclass(frozen=True)
class Span:
    role: str
    pieces: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return min(start for start, _ in self.pieces)

    def chars(self) -> frozenset[int]:
        return frozenset(i for start, end in self.pieces for i in range(start, end))


@dataclass(frozen=True)
class Gold:
    content: frozenset[int]
    source: Span | None
    cue: str = ""


@dataclass
class Article:
    name: str
    text: str
    golds: list[Gold]


def parse_ann(ann: str) -> list[Gold]:
    """The attributions of a brat file: each E line's Content spans, Source and Cue."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            role, _, offsets = parts[1].partition(" ")
            pieces = re.findall(r"(\d+) (\d+)", offsets)
            if pieces:
                spans[parts[0]] = Span(
                    role,
                    tuple((int(a), int(b)) for a, b in pieces),
                    parts[2] if len(parts) > 2 else "",
                )
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    golds = []
    for event in events:
        contents = [spans[v] for k, v in event.items() if k.startswith("Content") and v in spans]
        if not contents:
            continue
        chars = frozenset().union(*(c.chars() for c in contents))
        cue = spans[event["Cue"]].text if event.get("Cue") in spans else ""
        golds.append(Gold(chars, spans.get(event.get("Source", "")), cue))
    return golds


def load_folder(folder: Path) -> list[Article]:
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for path in sorted((folder / "text").glob("*.txt")):
        ann = annotations.get(path.stem)
        if ann is not None:
            golds = parse_ann(ann.read_text(encoding="utf-8"))
            articles.append(Article(path.stem, path.read_text(encoding="utf-8"), golds))
    return articles


# ---------------------------------------------------------------------------------------------
# Names in running text


def _words(text: str) -> set[str]:
    return set(text.split())


_GENDERED = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_TITLES = set(_GENDERED) | _words(
    "Dr Sir Dame Lord Lady Prof Professor Sen Senator Rep Representative Gov Governor President"
    " Vice Speaker House Secretary Attorney General Gen Lt Col Sgt Capt Maj Adm Retired Ret"
    " Former Rev Reverend Judge Justice Chief Director Sheriff Mayor Chairman Chairwoman"
    " Commissioner Ambassador Pastor Father Bishop Pope Prime Minister Chancellor Democratic"
    " Republican Democrat Presidential Candidate Nominee Host Anchor Dean State Supreme"
)
_STOPWORDS = _words(
    "The A An And But Or Nor So Yet For If When While As At By In On Of To From With Without"
    " After Before Because Although Though Since Until Unless Where What Why How Who Whom Which"
    " This That These Those Then There Here Now Still Even Also Only Just Both Each Every All"
    " Many Some Most Such Not No Yes Like Unlike Meanwhile However Instead Indeed Last Next"
    " It He She They We I You His Her Their Our My Your Its Said Says Asked Told According"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April"
    " May June July August September October November December Today Tonight Yesterday"
)
_NOT_NAMES = _words(
    "Post Times Journal News Observer Tribune Herald Gazette Daily Press Media Network Party"
    " Center Centre Foundation Institute University College School Court Department Committee"
    " Campaign Council Fund Agency Bureau Association Union Service Group Senate Congress"
    " Administration Office Police Church States Company Corporation Corp Inc Bank Poll Polls"
    " Consult Magazine Review Report Project Commission Board Club League Coalition Alliance"
    " Watch Organization Society Trust Caucus Street Avenue Road Hall Tower Hotel Airport County"
    " City Republic Kingdom Nations Security Affairs Policy Research Studies Act Program Show"
    " Channel Radio Television Twitter Facebook Festival Awards Democrats Republicans America"
    " Americans Initiative Forum Conference Council Institution Museum Hospital Army Navy"
    " Partnership Force Guard Ministry Government Parliament Federation Reserve Exchange Fargo"
    " Capitol American African European Asian Hispanic Latino Mexican Russian Chinese Korean"
)
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
_PARTICLES = {"de", "del", "van", "von", "der", "da", "di", "du", "le", "la", "al", "bin"}
_OPENERS = "\"“‘'([—"
_CLOSERS = "\"”’'),;:!?]—"


@dataclass(frozen=True)
class Name:
    """A run of capitalised words read as a name: `first` is empty for a bare word."""

    start: int
    end: int
    first: str
    last: str
    sex: str | None  # "m"/"f" when "Mr."/"Mrs."/"Ms." stood before it
    titled: bool = False  # any title stood before it ("Sen.", "President")


def name_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words, broken by punctuation ('Trump. He', 'Trump, who') and lines."""
    runs: list[tuple[int, int, list[str]]] = []
    words: list[tuple[int, int, str]] = []

    def flush() -> None:
        if words:
            runs.append((words[0][0], words[-1][1], [w for _, _, w in words]))
            words.clear()

    for match in re.finditer(r"\S+", text):
        raw = match.group()
        core = raw.lstrip(_OPENERS)
        if core != raw or (words and "\n" in text[words[-1][1] : match.start()]):
            flush()  # a quote or a new line starts a new run
        word = core.rstrip(_CLOSERS + ".")
        possessive = word.endswith(("'s", "’s"))
        word = word[:-2] if possessive else word
        trailing = core[len(word) + 2 * possessive :]
        abbreviation = trailing.startswith(".") and (len(word) == 1 or word in _TITLES | _SUFFIXES)
        start = match.start() + len(raw) - len(core)
        if word[:1].isupper() or (words and word in _PARTICLES):
            words.append((start, start + len(word), word))
        else:
            flush()
        if possessive or (trailing and not (abbreviation and trailing == ".")):
            flush()
    flush()
    return runs


def read_name(start: int, end: int, words: Sequence[str]) -> Name | None:
    """The person a run of capitalised words names: what follows its last title ('Vermont
    Sen. Bernie Sanders'), without middle names and suffixes."""
    rest, sex, titled = list(words), None, False
    for i, word in enumerate(words):
        acronym = len(word) > 1 and word.isupper() and i + 1 < len(words)
        if word in _TITLES or word in _STOPWORDS or acronym:
            rest, sex = list(words[i + 1 :]), _GENDERED.get(word, sex)
            titled = titled or word in _TITLES
    while rest and (rest[-1] in _SUFFIXES or rest[-1].lower() in _PARTICLES):
        rest.pop()
    if not rest or len(rest) > 4 or any(w in _NOT_NAMES for w in rest):
        return None
    last = rest[-1].title() if rest[-1].isupper() and len(rest[-1]) > 3 else rest[-1]
    if len(rest) >= 2 and rest[-2].lower() in _PARTICLES:
        last, rest = f"{rest[-2].lower()} {last}", rest[:-1]
    if len(rest) == 1:
        return Name(start, end, "", last, sex, titled)
    return Name(start, end, rest[0], last, sex, titled)


def names_in(text: str) -> list[Name]:
    found = [read_name(*run) for run in name_runs(text)]
    return [n for n in found if n is not None]


def body_names(text: str, words: set[str]) -> list[Name]:
    """Names of an article, less those of headings ('Obama Sees Personal Insult'); a sentence's
    first word that is also an ordinary word ('Beyond Trump') is no first name unless the
    article uses the name mid-sentence too."""
    headings = [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if _title_case(m.group())
    ]
    names = [n for n in names_in(text) if not any(a <= n.start < b for a, b in headings)]
    mid = {f"{n.first} {n.last}" for n in names if n.first and not _opens_sentence(text, n)}
    return [
        replace(n, first="") if n.first.lower() in words and f"{n.first} {n.last}" not in mid else n
        for n in names
    ]


def _title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z]+", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _opens_sentence(text: str, name: Name) -> bool:
    before = text[: name.start].rstrip(" \"“‘'(")
    return text.startswith(name.first, name.start) and (not before or before[-1] in '.!?:\n"”')


def dominant(counts: Counter[str]) -> str:
    """The most frequent; a tie is unresolved."""
    ranked = counts.most_common(2)
    if not ranked:
        return UNRESOLVED
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else UNRESOLVED


@dataclass
class NameIndex:
    """Full names counted by surname and by first name, and where each is first written."""

    by_last: dict[str, Counter[str]] = field(default_factory=dict)
    by_first: dict[str, Counter[str]] = field(default_factory=dict)
    first_at: dict[str, int] = field(default_factory=dict)
    titled_at: dict[tuple[str, str], int] = field(default_factory=dict)  # 'Mr. Obama' first

    def add(self, names: Iterable[Name]) -> None:
        for name in names:
            if name.sex is not None and not name.first:
                self.titled_at.setdefault((name.sex, name.last), name.start)
            if name.first:
                full = f"{name.first} {name.last}"
                self.by_last.setdefault(name.last, Counter())[full] += 1
                self.by_first.setdefault(name.first, Counter())[full] += 1
                self.first_at.setdefault(full, name.start)

    def candidates(self, word: str, before: int | None = None) -> Counter[str]:
        """Full names a bare word may stand for: by surname, else by first name; with
        `before`, only those already written by then."""
        for table in (self.by_last, self.by_first):
            counts = Counter(
                {
                    full: n
                    for full, n in table.get(word, Counter()).items()
                    if before is None or self.first_at[full] < before
                }
            )
            if counts:
                return counts
        return Counter()


@dataclass
class People:
    """What the folder says about people: full names, their sex, and who counts as known
    (named in full in a Source span, or with a title)."""

    folder: NameIndex = field(default_factory=NameIndex)
    sexes: dict[str, str] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # the folder's lower-case words
    same: dict[str, str] = field(default_factory=dict)  # 'Len Burman' is 'Leonard Burman'

    def merge_nicknames(self) -> None:
        """Two first names with one surname are one person when one begins the other, or is
        short and shares its first two letters ('Len', 'Leonard'); named as the folder most
        often names them."""
        for counts in self.folder.by_last.values():
            ranked = sorted(counts, key=lambda full: (-counts[full], full))
            for i, full in enumerate(ranked):
                for other in ranked[:i]:
                    if _nickname(full.split()[0], other.split()[0]):
                        self.same[full] = self.same.get(other, other)
                        break

    def is_person(self, who: str) -> bool:
        """Known, or a full name whose first word is no ordinary word ('New York' is not)."""
        if who in (SOMEONE_ELSE, UNRESOLVED):
            return False
        return who in self.known or (" " in who and who.split()[0].lower() not in self.words)

    def person(self, name: Name, article: NameIndex, at: int) -> str:
        """The full name a name stands for at `at` in an article."""
        found = self._person(name, article, at)
        return self.same.get(found, found)

    def _person(self, name: Name, article: NameIndex, at: int) -> str:
        if name.first:
            return f"{name.first} {name.last}"
        if name.sex is not None:  # 'Mr. Obama' used before 'Michelle Obama' is not her
            at = min(at, article.titled_at.get((name.sex, name.last), at))
        here = article.candidates(name.last, before=at)
        there = self.folder.candidates(name.last)
        pools = [here, Counter({n: c for n, c in there.items() if n in self.known})]
        if name.sex is not None:  # 'Mr. Obama': a man known to be one first
            fitting = [
                Counter({n: c for n, c in p.items() if self.sexes.get(n) == name.sex})
                for p in pools
            ]
            pools = [
                *fitting,
                *(Counter({n: c for n, c in p.items() if n not in self.sexes}) for p in pools),
            ]
        for pool in pools:
            if pool:
                return dominant(pool)
        return SOMEONE_ELSE


def _nickname(one: str, other: str) -> bool:
    """'Len' and 'Leonard', 'Joe' and 'Joseph', 'Chris' and 'Christopher'."""
    short, long = sorted((one.lower(), other.lower()), key=len)
    return long.startswith(short) or (len(short) <= 4 and short[:2] == long[:2])


# ---------------------------------------------------------------------------------------------
# Resolving Source spans to people

_HE = {"he", "him", "his", "himself"}
_SHE = {"she", "her", "hers", "herself"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
_RELATIVE = {"who", "whom", "whose"}
_DROPPED = {"we", "us", "our", "you", "your"}
_THINGS = {"they", "them", "their", "it", "its", "which", "that", "this", "these", "those"}
_ROLES = _words(
    "president nominee candidate governor senator congressman congresswoman mayor speaker"
    " secretary spokesman spokeswoman spokesperson chairman chairwoman director businessman"
    " billionaire sheriff judge justice executive chief leader founder host anchor moderator"
    " economist professor minister ambassador manager adviser advisor aide surrogate"
    " mogul daughter son wife husband mother father chancellor man woman official lawyer"
    " attorney doctor physician author writer reporter widow activist actress actor singer"
    " star celebrity veteran nominee heiress developer owner"
)
_DEFINITE = {"the", "his", "her", "their", "its"}
_ROLE_FILLER = {"former", "then", "own", "current", "and", "of", "the", "now"}
_ROLE_FORMS = {
    "senator": r"senator|sen\.?",
    "governor": r"governor|gov\.?",
    "congressman": r"congressman|rep\.?|representative",
    "congresswoman": r"congresswoman|rep\.?|representative",
    "secretary": r"secretary|sec\.?",
    "gop": r"gop|republican",
    "republican": r"republican|gop",
}
_NAME_TAIL = r"(?:\s+[A-Z][\w.'’-]*)+\s*$"  # 'nominee Donald J. Trump': only the name after it
_HEAD_END = re.compile(r",|\(|;|:|—|–|--| - | who\b| whose\b| which\b| that\b")
_PREPOSITION = r"\b(?:of|for|by|from|with|to|at|in|on|about|against|like|than)\b"


@dataclass
class Context:
    """One article, read for resolving its sources."""

    article: Article
    index: NameIndex
    mentions: list[tuple[int, int, str]]  # (start, end, person): people named in the text
    sentences: list[int]
    paragraphs: list[int]
    speakers: list[tuple[int, str]] = field(default_factory=list)  # sources resolved so far

    def sentence_of(self, at: int) -> int:
        return bisect.bisect_right(self.sentences, at) - 1


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"[.!?…][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n", text):
        before = re.search(r"(\w+)\W*$", text[max(0, match.start() - 30) : match.start() + 1])
        abbreviation = before and (len(before[1]) == 1 or before[1] in _TITLES | _SUFFIXES)
        if abbreviation and "\n" not in match.group():
            continue  # 'Mr. Trump', 'Paul D. Ryan'
        starts.append(match.end())
    return starts


def context_of(article: Article, people: People) -> Context:
    text = article.text
    index = NameIndex()
    names = body_names(text, people.words)
    index.add(names)
    mentions = []
    for name in names:
        who = people.person(name, index, name.start)
        if people.is_person(who):
            mentions.append((name.start, name.end, who))
    paragraphs = [0, *(m.end() for m in re.finditer(r"\n\s*\n", text))]
    return Context(article, index, mentions, sentence_starts(text), paragraphs)


def _clean(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def source_name(text: str) -> Name | str | None:
    """The name that ends a Source span's head, SOMEONE_ELSE or UNRESOLVED when that is not
    one person, None when no name ends it."""
    head = _head(text)
    runs = name_runs(head)
    if not runs or re.search(r"\w", head[runs[-1][1] :]):
        return None
    name = read_name(*runs[-1])
    if name is None or (re.search(_PREPOSITION, head[: runs[-1][0]]) and not name.titled):
        return SOMEONE_ELSE  # 'a spokeswoman for Hillary Clinton'
    if re.search(r"\band\b|&", head):
        return UNRESOLVED  # 'Mr. Obama and Hillary Clinton': several people
    return name


def resolve_named(span: Span, context: Context, people: People) -> str | None:
    """The person a Source span names; None when it names nobody."""
    name = source_name(span.text)
    if isinstance(name, Name):
        return people.person(name, context.index, span.start)
    return name


def _head(text: str) -> str:
    """A Source span's head: before any comma, bracket or relative clause; no possessive."""
    head = _HEAD_END.split(_clean(text), maxsplit=1)[0].rstrip()
    return re.sub(r"'s?$", "", head)


def resolve_pronoun(span: Span, context: Context, people: People, sex: str) -> str:
    """He/she: see the module's docstring."""
    paragraph = context.paragraphs[bisect.bisect_right(context.paragraphs, span.start) - 1]
    window = context.paragraphs[max(0, bisect.bisect_right(context.paragraphs, span.start) - 2)]
    named = [(at, who) for at, _, who in context.mentions] + context.speakers
    named = sorted(
        (at, who)
        for at, who in named
        if window <= at < span.start and people.sexes.get(who, sex) == sex
    )
    here = context.sentence_of(span.start)
    near = [(at, who) for at, who in named if context.sentence_of(at) >= here - 1]
    speaking = [(at, who) for at, who in near if (at, who) in context.speakers]
    fitting = [(at, who) for at, who in near if people.sexes.get(who) == sex]
    for pool in (near, speaking, fitting):
        if len({who for _, who in pool}) == 1:
            return pool[-1][1]
    if near:
        return UNRESOLVED
    earlier = [m for m in named if m[0] >= paragraph] or [m for m in named if m in context.speakers]
    return earlier[-1][1] if earlier else UNRESOLVED


def resolve_relative(span: Span, context: Context) -> str:
    here = context.sentence_of(span.start)
    before = [m for m in context.mentions if m[1] <= span.start]
    if not before or context.sentence_of(before[-1][0]) != here:
        return UNRESOLVED
    between = context.article.text[before[-1][1] : span.start]
    if re.fullmatch(r"(?:'s)?[\s,]*(?:\([^)]{0,40}\)[\s,]*)?", between.replace("’", "'")):
        return before[-1][2]
    return UNRESOLVED


def resolve_role(span: Span, context: Context) -> str:
    """A definite role: the one person the article names with all of the role's words, the
    last of them just before the name or in an apposition after it."""
    words = re.findall(r"[\w.'-]+", _clean(span.text).lower().split(" of ")[0])
    if len(words) < 2 or words[0] not in _DEFINITE or words[-1] not in _ROLES:
        return SOMEONE_ELSE
    needed = [_role_word(w) for w in words[1:-1] if w not in _ROLE_FILLER]
    head = _role_word(words[-1])
    text, found = context.article.text, set()
    for k, (start, end, who) in enumerate(context.mentions):
        sentence = context.sentences[context.sentence_of(start)]
        floor = max(sentence, start - 80, context.mentions[k - 1][1] if k else 0)
        before = text[floor:end]
        apposition = re.match(r",\s+([^,.;()]{0,80})", text[end : end + 90])
        for described, tail in (
            (before, _NAME_TAIL),
            (apposition.group(1) if apposition else "", ""),
        ):
            if re.search(rf"{head}{tail}", described) and all(
                re.search(w, described) for w in needed
            ):
                found.add(who)
    return found.pop() if len(found) == 1 else UNRESOLVED


def _role_word(word: str) -> str:
    """A pattern for one word of a role, abbreviations allowed ('senator', 'Sen.')."""
    forms = _ROLE_FORMS.get(word.rstrip("."), re.escape(word))
    return rf"(?<![\w-])(?<!vice )(?<!vice-)(?i:{forms})(?![\w-])"


def resolve_sources(context: Context, people: People) -> dict[Span, tuple[str, str]]:
    """Each Source span of the article as (person, how it was resolved)."""
    resolved: dict[Span, tuple[str, str]] = {}
    sources = {g.source for g in context.article.golds if g.source is not None}
    later: list[Span] = []
    for span in sorted(sources, key=lambda s: s.start):
        word = _clean(span.text).lower()
        if word in _HE | _SHE:
            sex = "m" if word in _HE else "f"
            resolved[span] = (resolve_pronoun(span, context, people, sex), "pronoun")
            _speaks(context, span, resolved[span][0])
        elif word in _RELATIVE:
            resolved[span] = (resolve_relative(span, context), "pronoun")
            _speaks(context, span, resolved[span][0])
        elif word in _FIRST_PERSON:
            later.append(span)
        elif word in _DROPPED:
            resolved[span] = (UNRESOLVED, "pronoun")
        elif word in _THINGS:
            resolved[span] = (SOMEONE_ELSE, "thing")
        else:
            named = resolve_named(span, context, people)
            if named is not None:
                resolved[span] = (named, "named")
            else:
                resolved[span] = (resolve_role(span, context), "role")
            _speaks(context, span, resolved[span][0])
    for span in later:
        resolved[span] = (_enclosing_speaker(span, context, resolved), "pronoun")
    return resolved


def _speaks(context: Context, span: Span, who: str) -> None:
    if who not in (SOMEONE_ELSE, UNRESOLVED):
        context.speakers.append((span.start, who))


def _enclosing_speaker(span: Span, context: Context, resolved: dict[Span, tuple[str, str]]) -> str:
    """'I' inside a quote is whoever the quote is attributed to (the innermost such quote)."""
    holders = [g for g in context.article.golds if g.source in resolved and span.start in g.content]
    if not holders:
        return UNRESOLVED
    innermost = min(holders, key=lambda g: len(g.content))
    assert innermost.source is not None
    who = resolved[innermost.source][0]
    return who if who not in (SOMEONE_ELSE, UNRESOLVED) else UNRESOLVED


def gold_people(articles: Sequence[Article]) -> tuple[People, list[dict[Span, tuple[str, str]]]]:
    """Every article's Source spans resolved, and what the folder says about people."""
    people = People()
    people.words = {w for a in articles for w in re.findall(r"\b[a-z]+\b", a.text)}
    read = []
    for article in articles:
        names, index = body_names(article.text, people.words), NameIndex()
        index.add(names)
        people.folder.add(names)
        people.known.update(f"{n.first} {n.last}" for n in names if n.first and n.titled)
        for gold in article.golds:
            if gold.source is not None:
                name = source_name(gold.source.text)
                if isinstance(name, Name) and name.first:
                    people.known.add(f"{name.first} {name.last}")
        read.append((article, names, index))
    people.merge_nicknames()
    for _ in range(2):  # the second round reads "Mr. Obama" knowing who is a man
        votes: dict[str, Counter[str]] = {}
        for _, names, index in read:
            for name in names:
                who = people.person(name, index, name.start)
                if name.sex is not None and who not in (SOMEONE_ELSE, UNRESOLVED):
                    votes.setdefault(who, Counter())[name.sex] += 1
        people.sexes = {
            who: sex
            for who, counts in votes.items()
            for sex, n in counts.most_common(1)
            if n >= 0.75 * counts.total()
        }
    for article, _, index in read:
        context = Context(article, index, [], [], [])
        for gold in article.golds:
            named = resolve_named(gold.source, context, people) if gold.source else None
            if named is not None and named not in (SOMEONE_ELSE, UNRESOLVED):
                people.known.add(named)
    resolved = [resolve_sources(context_of(a, people), people) for a in articles]
    return people, resolved


def gold_person(gold: Gold, resolved: dict[Span, tuple[str, str]]) -> str:
    return SOMEONE_ELSE if gold.source is None else resolved[gold.source][0]


def choose_tracked(
    resolved: Sequence[dict[Span, tuple[str, str]]], top: int
) -> list[tuple[str, int]]:
    """The `top` people most often named as a source, with their counts; ties by name."""
    counts: Counter[str] = Counter()
    for spans in resolved:
        for who, how in spans.values():
            if how == "named" and who not in (SOMEONE_ELSE, UNRESOLVED):
                counts[who] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:top]


def mp_for(name: str, people: People) -> MP:
    surname = name.split(" ", 1)[-1]  # names here are "First Last", "Bill de Blasio"
    titles = {"m": ("Mr",), "f": ("Mrs", "Ms")}.get(people.sexes.get(name, ""), ())
    aliases = [surname]
    for title in titles:
        aliases += [f"{title} {surname}", f"{title}. {surname}"]
    return MP(name=name, aliases=tuple(aliases), party=None)


# ---------------------------------------------------------------------------------------------
# Reading the extractor's statements back into the text


def render(text: str) -> bytes:
    """The article as simple HTML, a <p> a paragraph. Most texts put a blank line between
    paragraphs; a few only a line break, so every line is a paragraph."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    title = html.escape(paragraphs[0] if paragraphs else "")
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = (
        f"<html><head><title>{title}</title></head><body><article>\n{body}</article></body></html>"
    )
    return page.encode("utf-8")


def article_item(name: str, text: str) -> Item | None:
    """The article as the watcher reads a news page: a news source, no MP of its own."""
    source = Source("polnear", "page", f"https://polnear.invalid/{name}", 300, None)
    items = items_from(FetchResult(source.url, 200, render(text), "text/html"), source)
    return items[0] if items else None


def statements_in(article: Article, mps: Sequence[MP], tally: Tally) -> list[Statement]:
    """The extractor's statements; an article it fails on is noted and counts as silent."""
    try:
        item = article_item(article.name, article.text)
        return extract_statements(item, mps) if item is not None else []
    except Exception as error:  # the extractor is under work: one failure must not end the run
        tally.failed.append(f"{article.name}: {type(error).__name__}: {error}")
        return []


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


class Finder:
    """Whitespace-normalised search in a text, answering with the text's own offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.where: list[int] = []
        for i, ch in enumerate(text.translate(_FOLD)):
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    self.where.append(i)
            else:
                chars.append(ch)
                self.where.append(i)
        self.norm = "".join(chars)

    def find(self, words: str, near: int) -> tuple[int, int] | None:
        """Where `words` occur in the text; of several places, the one nearest `near`."""
        needle = " ".join(words.translate(_FOLD).split())
        if not needle:
            return None
        best: tuple[int, int] | None = None
        at = self.norm.find(needle)
        while at >= 0:
            found = (self.where[at], self.where[at + len(needle) - 1] + 1)
            if best is None or abs(found[0] - near) < abs(best[0] - near):
                best = found
            at = self.norm.find(needle, at + 1)
        return best


def locate(words: str, finder: Finder, near: int) -> list[tuple[int, int]]:
    """Where a piece of a statement is: whole, else trimmed of quote marks, else by sentence."""
    found = finder.find(words, near)
    if found is not None:
        return [found]
    trimmed = words.strip(" \"“”'‘’,.;:…")
    found = finder.find(trimmed, near) if trimmed != words else None
    if found is not None:
        return [found]
    spans = []
    for sentence in re.split(r"(?<=[.!?…])\s+|\s*…\s*|\.\.\.", trimmed):
        if len(sentence.split()) >= 3:
            hit = finder.find(sentence.strip(" \"“”'‘’"), near)
            if hit is not None:
                spans.append(hit)
                near = hit[1]
    return spans


@dataclass(frozen=True)
class Passage:
    mp: str
    start: int
    end: int
    statements: frozenset[int]  # which of the article's statements hold it

    @property
    def statement(self) -> int:
        return min(self.statements)

    def chars(self) -> frozenset[int]:
        return frozenset(range(self.start, self.end))


def passages_of(statements: Sequence[Statement], text: str) -> tuple[list[Passage], int]:
    """Each statement's words as contiguous passages of `text`, and how many pieces were lost."""
    finder = Finder(text)
    passages: dict[tuple[str, int, int], Passage] = {}
    lost, near = 0, 0
    for number, statement in enumerate(statements):
        said_in: str | None = getattr(statement, "report", None)
        spans: list[tuple[int, int]] = []
        if said_in:
            report = finder.find(said_in, near)
            near = report[0] if report else near
            if report and statement.verbatim and "\n" not in said_in.strip():
                # a quote inside reported speech is shown with the reporter's sentence: the
                # words that sentence reports are the statement's too
                spans.append(reported_content(report, text))
        for piece in re.split(r"\n\s*\n", statement.text):
            if not piece.strip():
                continue
            found = locate(piece, finder, near)
            lost += not found
            near = found[-1][1] if found else near
            if not statement.verbatim:
                found = [reported_content(span, text) for span in found]
            spans += joined(found, text)
        for start, end in sorted(set(spans)):
            key = (statement.mp, start, end)
            held = passages[key].statements if key in passages else frozenset()
            passages[key] = Passage(statement.mp, start, end, held | {number})
    return list(passages.values()), lost


# The attribution around reported words: 'Mr. Clarke said (that) ...' before them, ', he
# said.' after them.
_CUE_BEFORE = re.compile(rf"^.{{0,120}}?\b(?:{SPEECH_VERBS})\b(?:\s+that)?[\s,:]+(?=\S)", re.I)
_CUE_AFTER = re.compile(
    rf",\s*(?:[\w.'’-]+\s+){{1,4}}?(?:{SPEECH_VERBS})\b[^,;:]{{0,40}}[.!?]?\s*$", re.I
)


def reported_content(span: tuple[int, int], text: str) -> tuple[int, int]:
    """A reporter's sentence cut to the words it reports: the Content of an attribution, as
    PolNeAR marks it, holds neither its Source nor its Cue."""
    start, end = span
    words = text[start:end]
    after = _CUE_AFTER.search(words)
    if after and len(words[: after.start()].split()) >= 3:
        return start, start + after.start()
    before = _CUE_BEFORE.match(words)
    if before and len(words[before.end() :].split()) >= 3:
        return start + before.end(), end
    return span


def joined(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans merged where they overlap or only spaces and punctuation lie between them."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not re.search(r"\w", text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------------------
# Matching and scoring


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match(
    found: Sequence[frozenset[int]],
    gold: Sequence[frozenset[int]],
    groups: Sequence[int] | None = None,
    threshold: float = THRESHOLD,
) -> dict[int, tuple[int, ...]]:
    """Gold index -> the found indexes that match it: one to one, greedily by best Jaccard.
    Found spans of one group (one statement's passages) that reach into a gold span's extent
    may match it together: both halves of a quote split by 'he said'."""
    group_of = list(groups) if groups is not None else list(range(len(found)))
    candidates = []
    for j, chars in enumerate(gold):
        if not chars:
            continue
        low, high = min(chars), max(chars)
        touching = [i for i, f in enumerate(found) if f and min(f) <= high and low <= max(f)]
        together: dict[int, list[int]] = {}
        for i in touching:
            together.setdefault(group_of[i], []).append(i)
        units = {(i,) for i in touching} | {tuple(ids) for ids in together.values()}
        for ids in units:
            score = jaccard(frozenset().union(*(found[i] for i in ids)), chars)
            if score >= threshold:
                candidates.append((-score, len(ids), j, ids))
    matched: dict[int, tuple[int, ...]] = {}
    used: set[int] = set()
    for _, _, j, ids in sorted(candidates):
        if j not in matched and used.isdisjoint(ids):
            matched[j] = ids
            used.update(ids)
    return matched


@dataclass
class Tally:
    articles: int = 0
    statements: int = 0
    passages: int = 0
    lost_pieces: int = 0
    gold_tracked: int = 0
    recalled: int = 0
    recalled_right: int = 0
    matched_known: int = 0
    right: int = 0
    misattributed: int = 0
    matched_unresolved: int = 0
    unmatched: int = 0
    statements_unmatched: int = 0
    failed: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def score_article(
    article: Article,
    statements: Sequence[Statement],
    who: Sequence[str],
    tracked: set[str],
    tally: Tally,
) -> None:
    """Add one article to the tally; `who` is each gold attribution's source person."""
    passages, lost = passages_of(statements, article.text)
    tally.articles += 1
    tally.statements += len(statements)
    tally.passages += len(passages)
    tally.lost_pieces += lost
    matched = match(
        [p.chars() for p in passages],
        [g.content for g in article.golds],
        [p.statement for p in passages],
    )
    by_gold = {j: passages[ids[0]] for j, ids in matched.items()}
    for j, person in enumerate(who):
        if person in tracked:
            tally.gold_tracked += 1
            tally.recalled += j in by_gold
            tally.recalled_right += j in by_gold and by_gold[j].mp == person
            if j not in by_gold:
                tally.missed.append(missed(article, article.golds[j], person))
    used = {i for ids in matched.values() for i in ids}
    tally.unmatched += len(passages) - len(used)
    kept = {n for i in used for n in passages[i].statements}
    tally.statements_unmatched += len(statements) - len(kept)
    for j, passage in by_gold.items():
        if who[j] == UNRESOLVED:
            tally.matched_unresolved += 1
            continue
        tally.matched_known += 1
        if passage.mp == who[j]:
            tally.right += 1
        else:
            tally.misattributed += 1
            tally.mistakes.append(mistake(article, article.golds[j], who[j], passage))


def missed(article: Article, gold: Gold, who: str) -> str:
    source = gold.source.text if gold.source else "no source"
    words = " ".join(article.text[min(gold.content) : max(gold.content) + 1].split())
    snippet = words if len(words) <= 90 else words[:87] + "..."
    return f"{article.name}: {who}; source {source!r}, cue {gold.cue!r}: {snippet}"


def mistake(article: Article, gold: Gold, who: str, passage: Passage) -> str:
    source = gold.source.text if gold.source else "no source"
    words = " ".join(article.text[min(gold.content) : max(gold.content) + 1].split())
    snippet = words if len(words) <= 90 else words[:87] + "..."
    return (
        f"{article.name}: given to {passage.mp}; gold source {source!r} = {who}, "
        f"cue {gold.cue!r}: {snippet}"
    )


# ---------------------------------------------------------------------------------------------
# The run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the polnear-dev folder (text/, attributions/)")
    parser.add_argument("--top", type=int, default=40, help="how many people to track")
    parser.add_argument("--mistakes", action="store_true", help="list every misattribution")
    parser.add_argument(
        "--missed", action="store_true", help="list every tracked attribution not found"
    )
    args = parser.parse_args()
    if args.top < 1:
        parser.error("--top must be at least 1")
    articles = load_folder(args.folder)
    if not articles:
        parser.error(f"{args.folder}: no text/*.txt with an attributions/*.ann beside it")
    people, resolved = gold_people(articles)
    chosen = choose_tracked(resolved, args.top)
    mps = [mp_for(name, people) for name, _ in chosen]
    describe(articles, resolved, chosen, mps)

    tally = Tally()
    started = time.perf_counter()
    found = [statements_in(article, mps, tally) for article in articles]
    elapsed = time.perf_counter() - started
    tracked = {mp.name for mp in mps}
    for article, statements, spans in zip(articles, found, resolved, strict=True):
        who = [gold_person(g, spans) for g in article.golds]
        score_article(article, statements, who, tracked, tally)
    report(tally, len(articles) / elapsed if elapsed else 0.0)
    if args.mistakes:
        print("\nmisattributions:")
        for line in tally.mistakes:
            print(f"  {line}")
    if args.missed:
        print("\nmissed attributions of tracked people:")
        for line in tally.missed:
            print(f"  {line}")


def describe(
    articles: Sequence[Article],
    resolved: Sequence[dict[Span, tuple[str, str]]],
    chosen: Sequence[tuple[str, int]],
    mps: Sequence[MP],
) -> None:
    golds = sum(len(a.golds) for a in articles)
    no_source = sum(g.source is None for a in articles for g in a.golds)
    hows: Counter[tuple[str, str]] = Counter()
    for spans in resolved:
        for who, how in spans.values():
            kind = who if who in (SOMEONE_ELSE, UNRESOLVED) else "a person"
            hows[(how, kind)] += 1
    print(f"PolNeAR dev: {len(articles)} articles, {golds} attributions", end="")
    print(f" ({no_source} without a source)")
    print("source spans resolved, by how:")
    for (how, kind), n in sorted(hows.items()):
        print(f"  {how:8} -> {kind:15} {n:5}")
    print(
        f"tracked: the {len(chosen)} people most often named in a Source span "
        "(a name, or a surname resolved to the article's full name; pronouns and roles not "
        "counted), each with their surname and titled forms as aliases:"
    )
    for (name, count), mp in zip(chosen, mps, strict=True):
        print(f"  {count:4}  {name:28} {', '.join(mp.aliases)}")


def report(tally: Tally, rate: float) -> None:
    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} = {part / whole:.1%}" if whole else f"{part}/0"

    print(
        f"\nextractor: {tally.statements} statements, {tally.passages} passages "
        f"({tally.lost_pieces} pieces not found in the text)"
    )
    print(f"content recall           {share(tally.recalled, tally.gold_tracked)}")
    print(f"  with the right speaker {share(tally.recalled_right, tally.gold_tracked)}")
    print(f"speaker precision        {share(tally.right, tally.matched_known)}")
    counted_wrong = tally.matched_known + tally.matched_unresolved
    print(f"  (unresolved sources counted as wrong: {share(tally.right, counted_wrong)})")
    print(f"misattributions          {tally.misattributed}")
    print(f"unmatched passages       {tally.unmatched} of {tally.passages}")
    print(f"unmatched statements     {tally.statements_unmatched} of {tally.statements}")
    print(f"matched to an unresolved source (left out) {tally.matched_unresolved}")
    print(f"speed                    {rate:.1f} articles/s (HTML to statements)")
    for line in tally.failed:
        print(f"extractor failed: {line}")


if __name__ == "__main__":
    main()
