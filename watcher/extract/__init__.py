"""Find what tracked MPs said in an item: who, what kind, and when.

An item from an MP's own source is, as a whole, that MP's statement (a repost is nobody's).
A news item is read for quotes, colon-introduced statements and reported speech attributed to
tracked MPs (`attribution`), each classified (`kinds`) and dated (`times`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from watcher.extract.attribution import (
    DATELINE,
    RELATIVE,
    Said,
    attribute,
    event_words,
    find_quotes,
    outside_quotes,
)
from watcher.extract.kinds import Event, classify
from watcher.extract.people import Mention, People, roster_for
from watcher.extract.times import SpokenTime, find_times
from watcher.models import MP, Item, Statement
from watcher.register import TITLES, fold

LONDON = ZoneInfo("Europe/London")
OWN_SOURCE = "the MP's own source"
_REPOST = re.compile(r"^\s*(?:RT\s+@|Reposted\s+from\b|Repost(?:ed)?:|♻)", re.I)
_STAMP = re.compile(
    r"(?:posted\s+at\s+|updated\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]m)?(?:\s*(?:GMT|BST))?", re.I
)
_SPOKEN = re.compile(
    r"\b(?:said|says|told|wrote|posted|tweeted|announced|statement|confirmed|declared|stating)\b",
    re.I,
)


def extract_statements(item: Item, mps: Sequence[MP], zone: ZoneInfo = LONDON) -> list[Statement]:
    """The statements by tracked MPs that `item` holds."""
    owner = item.source.mp
    if owner is not None:
        return _own_statements(item, owner, mps, zone) if any(m.name == owner for m in mps) else []
    return _reported_statements(item, tuple(mps), zone)


def find_mentions(item: Item, mps: Sequence[MP]) -> list[str]:
    """Names of the tracked MPs that `item` names, in the order of `mps`."""
    text = f"{item.title}\n\n{item.text}"
    named = {m.mp for m in roster_for(tuple(mps)).mentions(text, groups=False) if m.mp}
    return [mp.name for mp in mps if mp.name in named or _named_literally(mp, text)]


def _named_literally(mp: MP, text: str) -> bool:
    """Names the roster cannot read as words ('Jo Smith (Jnr)') are looked for as written."""
    odd = [n for n in (mp.name, *mp.aliases) if re.search(r"[^\w\s'’.-]", n)]
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in odd)


def is_repost(item: Item) -> bool:
    tags = {t.casefold() for t in item.tags}
    return bool(_REPOST.match(item.text or item.title)) or bool(tags & {"repost", "boost"})


def _own_statements(item: Item, owner: str, mps: Sequence[MP], zone: ZoneInfo) -> list[Statement]:
    text = item.text or item.title
    if not text or is_repost(item):
        return []
    heading = item.title if item.title and not text.startswith(item.title[:40]) else ""
    events = classify(f"{heading}.\n{text}" if heading else text, "first")
    said = Said(owner, text, "first", OWN_SOURCE, 1.0, "", 0)
    mp = next((m for m in mps if m.name == owner), None)
    events = [_with_contest(e, said, item, "", mp) for e in events]
    return _statements(said, events, None, item, mps)  # said when it is published


def _reported_statements(item: Item, mps: tuple[MP, ...], zone: ZoneInfo) -> list[Statement]:
    if not item.text:
        return []
    roster = roster_for(mps)
    mps_by_name = {mp.name: mp for mp in mps}
    attribution = attribute(item.text, roster)
    found = attribution.said
    times = _Times(item, zone, attribution.masked)
    statements: list[Statement] = []
    for said in found:
        before = item.text[:400] + "\n" + item.text[max(0, said.position - 600) : said.position]
        context = (
            f"{item.title}\n{said.window}\n{before}{_paragraph_around(item.text, said.position)}"
        )
        events = classify(event_words(said), said.voice, context)
        events = [e for e in events if said.voice == "first" or _about_the_speaker(e, said.mp)]
        events = [replace(e, target=_specific_post(e, item.text, said.mp)) for e in events]
        mp = mps_by_name.get(said.mp)
        around = _paragraph_around(item.text, said.position)
        events = [_with_contest(e, said, item, around, mp) for e in events]
        events = [_backed(e, said, attribution.people, mps) for e in events]
        events = [e for e in events if e.kind != "endorsement" or e.target not in (None, said.mp)]
        if said.voice == "reported":
            events = [e for e in events if _news(e, said, times, item)]
            if not events and said.how in (RELATIVE, "reporter's words"):
                continue  # only history: 'Tulip Siddiq, who quit as City minister in January'
        when = times.for_said(said, found)
        if not events:
            statements += _statements(said, [], when, item, mps)
        for event in events:
            statements += _statements(said, [event], times.for_event(event) or when, item, mps)
    return _merge(statements)


BACKGROUND_AFTER = timedelta(days=7)
LIVE_BLOG_RUNS = timedelta(hours=24)  # a live blog's entries come after its first publication
# Words before a time phrase that make it the date of another event.
_OTHER_EVENT = re.compile(
    r"\b(?:elected|joined|since|born|founded|appointed|became|until|till|before|ahead\s+of"
    r"|vote|ballot|referendum|election|poll|due|scheduled|expected|deadline|close|closes|opens"
    r"|result|count|conference|budget|debate|hustings|by-election|from|next|upcoming|coming"
    r"|first|served|held|won|lost|defected|resigned|quit|left)\b[\w\s,'’-]{0,25}$",
    re.I,
)


def _a_time_of_saying(when: SpokenTime, text: str, latest: datetime) -> bool:
    if when.precision in ("month", "year") or when.at > latest:
        return False
    return not _OTHER_EVENT.search(text[max(0, when.start - 40) : when.start])


def _news(event: Event, said: Said, times: _Times, item: Item) -> bool:
    """An event told in a report is news unless its sentence dates it as history; one told in
    a relative clause ('X, who withdrew on Wednesday, is in the audience') only when its
    sentence dates it within the week."""
    found = times.all_in(event)
    if any(_background(t, item) for t in found):
        return False
    return said.how != RELATIVE or bool(found)


def _background(when: SpokenTime | None, item: Item) -> bool:
    """An event the report dates to a month or a year, or to more than a week before it was
    published, is history, not news."""
    if when is None or item.published_at is None:
        return False
    return when.precision in ("month", "year") or item.published_at - when.at > BACKGROUND_AFTER


def _statements(
    said: Said, events: list[Event], when: SpokenTime | None, item: Item, mps: Sequence[MP]
) -> list[Statement]:
    said_at = when.at if when else item.published_at
    timing: dict[str, Any] = {
        "said_at": said_at,
        "said_at_text": when.text if when else None,
        "said_at_precision": when.precision if when else ("published" if said_at else None),
    }
    timing |= {"verbatim": said.verbatim, "report": said.report or None}
    if not events:
        evidence = f"{said.how}: {_short(said.window or said.text)}"
        plain = Statement(said.mp, "statement", said.text, None, confidence=said.confidence)
        return [replace(plain, evidence=evidence, **timing)]
    return [
        replace(
            Statement(said.mp, event.kind, said.text, _target(event, mps)),
            **timing,
            confidence=round(min(said.confidence, event.confidence), 2),
            evidence=_event_evidence(said, event),
        )
        for event in events
    ]


def _about_the_speaker(event: Event, mp: str) -> bool:
    """In a report, an event whose rule matched on a named subject belongs to that subject:
    'Priti Patel said she was sorry Mrs Braverman would not be standing' is not Patel's
    withdrawal."""
    subject = re.match(r"[A-Z][\w'’-]*", event.sentence[event.at :])
    if subject is None or subject.group() in ("He", "She", "They", "I", "We"):
        return True
    names = {fold(word).casefold().removesuffix("'s") for word in mp.replace("-", " ").split()}
    word = fold(subject.group()).casefold().removesuffix("'s").removesuffix("’s")
    return word in names or word in {w.casefold() for w in mp.split("-")}


def _event_evidence(said: Said, event: Event) -> str:
    """How it was attributed, with the words around the attribution ("…said on Facebook"),
    and the rule and sentence that decided the kind."""
    decided = f"{event.rule}: {_short(event.sentence)}"
    if said.window:
        return f"{said.how}: {_short(said.window)}; {decided}"
    return f"{said.how}; {decided}"


_GENERIC_POSTS = re.compile(
    r"^(?:the\s+)?(?:(?:labour|conservative|tory|liberal\s+democrat|snp|reform|green)\s+)?"
    r"(?:government|cabinet|shadow\s+cabinet|front\s?bench|post|role|position|job"
    r"|(?:ministerial|government|frontbench)\s+(?:post|role|position|job))$"
)
_NAMED_POST = re.compile(
    r"\b((?:shadow\s+)?(?:[A-Za-z]+\s+){0,3}?(?:secretary|minister|spokesperson|spokesman"
    r"|spokeswoman)"
    r"(?:\s+(?:for|of|to)\s+(?:the\s+)?[A-Za-z]+(?:\s+(?:and|of)\s+[A-Za-z]+)?)?)\b"
)


def _specific_post(event: Event, text: str, mp: str) -> str | None:
    """'the government' as a post resigned: the post the item names for the MP, if it does."""
    if event.kind != "resignation" or (event.target and not _GENERIC_POSTS.match(event.target)):
        return event.target
    surname = mp.split()[-1]
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if surname not in sentence:
            continue
        for match in _NAMED_POST.finditer(sentence):
            post = match.group(1).lower()
            post = re.sub(r"^(?:the|a|an|as|her|his|former|then|new)\s+", "", post)
            if post not in ("prime minister", "minister", "secretary") and "prime" not in post:
                return post
    return event.target


_CONTEST_PARTY = re.compile(
    r"\b(?P<party>(?:Scottish|Welsh)\s+(?:Labour|Conservatives?|Tory)|Labour|Conservatives?|Tory"
    r"|Tories|Lib(?:eral)?\s+Dem(?:ocrat)?s?|SNP|Scottish\s+National\s+Party|Greens?"
    r"|Green\s+Party|Reform(?:\s+UK)?|Plaid(?:\s+Cymru)?)(?:['’]s?)?\s+(?:party\s+)?"
    r"(?:(?P<deputy>deputy)\s+)?leader(?:ship)?\b"
    r"|\b(?:(?P<deputy2>deputy)\s+)?lead(?:er)?(?:ship)?\s+(?:of\s+)?the\s+(?P<party2>"
    r"Labour|Conservatives?|Tory|Liberal\s+Democrats|Lib\s+Dems|SNP|Greens|Green\s+Party"
    r"|Reform(?:\s+UK)?)\b"
)
_PARTY_NAMES = {
    "labour": "Labour", "conservative": "Conservative", "conservatives": "Conservative",
    "tory": "Conservative", "tories": "Conservative", "lib dem": "Liberal Democrat",
    "lib dems": "Liberal Democrat", "liberal democrat": "Liberal Democrat",
    "liberal democrats": "Liberal Democrat", "snp": "SNP", "scottish national party": "SNP",
    "green": "Green Party", "greens": "Green Party", "green party": "Green Party",
    "reform": "Reform UK", "reform uk": "Reform UK", "plaid": "Plaid Cymru",
    "plaid cymru": "Plaid Cymru",
}  # fmt: skip


def _with_contest(event: Event, said: Said, item: Item, context: str, mp: MP | None) -> Event:
    """A leadership target names the race: 'Labour deputy leader', 'Conservative leader'.

    The post is the one the event's sentence names, else the one named last before it in the
    MP's own words, else in the item's title, else in `context` (its paragraph), else the race
    the item names most often. The party is the one the sentence names, else the one the
    context or item names beside a leadership, else the MP's own."""
    if event.kind not in ("leadership_bid", "leadership_declined"):
        return event
    words_before = said.text[: max(said.text.find(event.sentence[:40]), 0)]
    post = (
        event.target
        or _post_named(words_before, last=True)
        or _post_named(item.title)
        or _post_named(context)
        or _post_in_sight(item.text)
    )
    party = ""
    for words in (event.sentence, item.title, context, item.text):
        races = list(_CONTEST_PARTY.finditer(words))
        if races:
            party = _party_name(races[0].group("party") or races[0].group("party2"))
            break
    if not party and mp:
        party = _party_name(mp.party or "")
    return replace(event, target=f"{party} {post or 'leader'}".strip())


# A leadership named as a race, not as a title before a name ('Labour leader Keir Starmer').
_RACE = re.compile(r"\b(deputy\s+)?lead(?:er|ership)\b(?!\s+(?-i:[A-Z]))", re.I)


def _post_named(text: str, *, last: bool = False) -> str | None:
    """The race `text` names first (or last), leaving out past races ('I ran for leader in
    2020')."""
    named = [m for m in _RACE.finditer(text) if not _YEAR.search(_sentence_at(text, m.start()))]
    if not named:
        return None
    chosen = named[-1] if last else named[0]
    return "deputy leader" if chosen.group(1) else "leader"


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = min(i for i in (text.find(". ", at), text.find("\n", at), len(text)) if i >= 0)
    return text[start:end]


def _post_in_sight(text: str) -> str | None:
    """'deputy leader' or 'leader': the race the text names most often."""
    named = list(_RACE.finditer(text))
    if not named:
        return None
    return "deputy leader" if 2 * sum(1 for m in named if m.group(1)) >= len(named) else "leader"


def _party_name(words: str) -> str:
    folded = " ".join(words.lower().replace("’", "'").removesuffix("'s").split())
    folded = folded.replace(" (co-op)", "")
    nation, _, rest = folded.partition(" ")
    if nation in ("scottish", "welsh") and rest in _PARTY_NAMES:
        return f"{nation.capitalize()} {_PARTY_NAMES[rest]}"
    return _PARTY_NAMES.get(folded, words.replace(" (Co-op)", ""))


def _backed(event: Event, said: Said, people: People, mps: Sequence[MP]) -> Event:
    """The candidate an endorsement backs, as the register names them: 'her' and 'Ms Powell'
    and 'Lucy' are resolved among the people the item names. A target that is nobody the item
    names (a country, a policy) makes no endorsement."""
    if event.kind != "endorsement" or not event.target:
        return event
    if event.target in ("him", "her"):
        gender = "m" if event.target == "him" else "f"
        return replace(event, target=_backed_pronoun(people, said, gender))
    if event.target.lower() in ("he", "she"):  # 'James is the man, and he has my support'
        before = said.text[: max(said.text.replace("’", "'").find(event.sentence), 0)]
        earlier = re.findall(r"\b[A-Z][a-z]+\b", before + " " + event.sentence[: event.at])
        first = next((w for w in reversed(earlier) if w not in ("I", "He", "She")), "")
        return replace(event, target=_named_in_item(first, people, said) if first else None)
    if event.target.endswith(" MP"):  # 'backed the Tonbridge MP'
        place = re.sub(r"^the\s+", "", event.target).removesuffix(" MP")
        return replace(event, target=people.roster_seat(place))
    tracked = _target(event, mps)
    if tracked != event.target:
        return replace(event, target=tracked)
    word = _titled(event.target) or (event.target if len(event.target.split()) == 1 else None)
    if word is None:
        return event  # someone untracked, named in full
    return replace(event, target=_named_in_item(word, people, said))


def _titled(target: str) -> str | None:
    """'Ms Powell' -> 'Powell'; None for a name that is not a title and a surname."""
    words = target.split()
    return words[1] if len(words) == 2 and words[0].rstrip(".") in TITLES else None


def _named_in_item(word: str, people: People, said: Said) -> str | None:
    """The one tracked MP, other than the speaker, named in the item by that first name or
    surname."""
    named = {m.mp for m in people.mentions if m.mp and m.how in ("name", "title", "surname")}
    named.discard(said.mp)
    fitting = [mp for mp in named if word in (mp.split()[0], mp.split()[-1])]
    return fitting[0] if len(fitting) == 1 else None


def _backed_pronoun(people: People, said: Said, gender: str) -> str | None:
    """'was joined on stage by Lisa Nandy, who said she would nominate him': the nearest person
    of that gender named before the pronoun, other than the sentence's subjects, if it is a
    tracked MP."""
    sentence = people.sentence_start(said.position)
    pronoun = _BACKED_PRONOUN.search(people.masked, sentence)
    until = pronoun.start() if pronoun else sentence
    chain = _subject_chain(people, sentence)
    subjects = chain if said.mp in {m.mp for m in chain} else []
    before = [
        m for m in people.mentions if m.start < until and m.how != "pronoun" and m not in subjects
    ]
    people_before = [people.identify(m) for m in reversed(before)]
    others = [p for p in people_before if p is not None and p.mp != said.mp]
    known = next((p for p in others if p.gender == gender), None)
    unknown = next((p for p in others if p.gender is None), None)
    return known.mp if known else unknown.mp if unknown else None


_BACKED_PRONOUN = re.compile(
    r"\b(?:back|endors|nominat|support|vote\w*\s+for|behind|in\s+support\s+of)\w*\s+(?:him|her)\b",
    re.I,
)


def _subject_chain(people: People, start: int) -> list[Mention]:
    """The people a sentence opens with, listed one after another: its subjects."""
    chain: list[Mention] = []
    for mention in (m for m in people.mentions if m.start >= start):
        gap = people.masked[chain[-1].end if chain else start : mention.start]
        if gap.strip(" ,&") not in ("", "and") or mention.how == "pronoun":
            break
        chain.append(mention)
    return chain


def _target(event: Event, mps: Sequence[MP]) -> str | None:
    """An endorsed candidate is named as the register names them, when they are tracked."""
    if event.kind != "endorsement" or not event.target:
        return event.target
    roster = roster_for(tuple(mps))
    for mention in roster.mentions(event.target):
        if mention.mp:
            return mention.mp
    first = event.target.split()[0]
    if len(event.target.split()) == 1 and len(roster.first_names.get(first, ())) == 1:
        return next(iter(roster.first_names[first]))
    return event.target


def _merge(statements: list[Statement]) -> list[Statement]:
    """One statement per MP and event. An MP's plain words said on one occasion are gathered
    into one statement, the verbatim apart from the reported."""
    merged: dict[tuple[object, ...], Statement] = {}
    for statement in statements:
        if statement.kind == "statement":
            key: tuple[object, ...] = (statement.mp, statement.verbatim, statement.said_at_text)
        else:
            key = (statement.mp, statement.kind, _event_of(statement))
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = statement
        elif statement.kind == "statement":
            merged[key] = _joined(earlier, statement)
        elif _better(statement, earlier):
            merged[key] = replace(statement, target=statement.target or earlier.target)
        elif earlier.target is None:
            merged[key] = replace(earlier, target=statement.target)
    return list(merged.values())


def _event_of(statement: Statement) -> str | None:
    """What makes two statements of one kind by one MP the same event: the candidate backed;
    for a resignation, whether it gives up the party, the whip, the seat or a post (however
    the post is named); a bid or withdrawal is one event per MP in an item."""
    if statement.kind == "endorsement":
        return statement.target
    if statement.kind == "resignation" and statement.target in (
        "the party",
        "the whip",
        "the seat",
    ):
        return statement.target
    return None


def _joined(first: Statement, second: Statement) -> Statement:
    timed = first if first.said_at_text or not second.said_at_text else second
    return Statement(
        first.mp,
        "statement",
        f"{first.text}\n\n{second.text}",
        None,
        timed.said_at,
        timed.said_at_text,
        timed.said_at_precision,
        max(first.confidence, second.confidence),
        first.evidence,
        first.verbatim,
        "\n\n".join(r for r in (first.report, second.report) if r) or None,
    )


def _better(candidate: Statement, current: Statement) -> bool:
    if bool(candidate.said_at_text) != bool(current.said_at_text):
        return bool(candidate.said_at_text)
    return candidate.confidence > current.confidence


def _paragraph_around(text: str, position: int, reach: int = 600) -> str:
    """The paragraph holding `position`, at most `reach` characters either side of it."""
    start = max(text.rfind("\n", 0, position) + 1, position - reach)
    end = text.find("\n", position)
    return text[start : min(end if end >= 0 else len(text), position + reach)]


def _short(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# 'the morning after the vote on 4 July': the day after the date named.
_DAY_AFTER = re.compile(
    r"\b(?:the\s+)?(?:morning|day|night|evening|afternoon)\s+after\s+(?:the\s+[\w-]+\s+)?"
    r"(?:on\s+)?(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?)",
)
_ASIDE = re.compile(r"[,–—]\s*who\s+[^,–—]*[,–—]")


def _without_asides(text: str) -> str:
    """A relative clause blanked out ('Ms Coutinho, who launched her campaign on Monday,
    said:'): its times are of another event."""
    return _ASIDE.sub(lambda m: " " * len(m.group()), text)


def _nearest_the_verb(found: list[SpokenTime], text: str) -> SpokenTime:
    """Of several times in an attribution, the one nearest its speech verb ('said on Monday
    he would not stand')."""
    verb = _SPOKEN.search(text)
    if verb is None:
        return found[0]
    return min(found, key=lambda t: abs(t.start - verb.start()))


def _days_after(text: str, anchor: datetime, zone: ZoneInfo) -> list[SpokenTime]:
    found = []
    for match in _DAY_AFTER.finditer(text):
        day = find_times(match.group("date"), anchor, zone)
        if day:
            at = day[0].at + timedelta(days=1)
            found.append(SpokenTime(at, match.group(), "day", match.start()))
    return found


class _Times:
    """When each statement was said: its own attribution, its paragraph, a live-blog stamp,
    the time the MP is reported to have spoken, or else the published time."""

    def __init__(self, item: Item, zone: ZoneInfo, masked: str) -> None:
        self.item = item
        self.zone = zone
        self.masked = masked
        self._per_mp: dict[str, SpokenTime | None] = {}
        stamps = [line for line in self.masked.split("\n") if _STAMP.fullmatch(line.strip())]
        inline = re.findall(r"(?m)^\s*\d{1,2}[:.]\d{2}\b", self.masked)
        self.running = len(stamps) >= 2 or len(inline) >= 3

    def _find(self, text: str, *, of_saying: bool = True) -> list[SpokenTime]:
        """The time phrases of `text` that can tell when something was said: not after the
        item was published, not in a relative clause ('X, who launched her bid on Monday,
        said'), not a month or a year, and not the date of another event ('was elected in
        2017', 'the vote on 23 June', 'since Friday'). With `of_saying` false, the times of
        an event told in `text` itself: only those after publication are left out."""
        anchor = self.item.published_at
        assert anchor is not None
        text = DATELINE.sub(lambda m: " " * len(m.group()), text)  # when it was filed
        if of_saying:
            text = _without_asides(text)
        found = _days_after(text, anchor, self.zone) or find_times(
            text, anchor, self.zone, running=self.running
        )
        latest = anchor + (LIVE_BLOG_RUNS if self.running else timedelta(minutes=5))
        if not of_saying:
            return [t for t in found if t.at <= latest]
        return [t for t in found if _a_time_of_saying(t, text, latest)]

    def for_said(self, said: Said, everything: list[Said]) -> SpokenTime | None:
        anchor = self.item.published_at
        if anchor is None:
            return None
        for text in (said.window, _paragraph_around(self.masked, said.position)):
            found = self._find(text)
            if found:
                return _nearest_the_verb(found, _without_asides(text))
        return self._stamp_before(said.position) or self._mp_time(said.mp, everything)

    def for_event(self, event: Event) -> SpokenTime | None:
        """The time expression nearest before the words that made the event, in its sentence
        ('who said on Friday he was considering it, confirmed at 7.40am that he will stand'),
        else the first after them in their clause ('launched his bid on Monday')."""
        if self.item.published_at is None:
            return None
        sentence = outside_quotes(event.sentence, find_quotes(event.sentence))
        found = self._find(sentence, of_saying=False)
        before = [t for t in found if t.start < event.at]
        if before:
            return before[-1]
        clause_end = re.search(r"[,;:]|\band\b|\bbut\b", sentence[event.at :])
        end = event.at + clause_end.start() if clause_end else len(sentence)
        after = [t for t in found if event.at <= t.start < end]  # 'launched his bid on Monday'
        return after[0] if after else None

    def all_in(self, event: Event) -> list[SpokenTime]:
        """Every time phrase of the event's sentence, outside quotes."""
        if self.item.published_at is None:
            return []
        sentence = outside_quotes(event.sentence, find_quotes(event.sentence))
        return find_times(sentence, self.item.published_at, self.zone, running=self.running)

    def _stamp_before(self, position: int) -> SpokenTime | None:
        """A live blog's entry time: a paragraph holding only a clock time, above the entry."""
        anchor = self.item.published_at
        assert anchor is not None
        for line in reversed(self.masked[:position].split("\n")):
            stripped = line.strip()
            if not stripped:
                continue
            if _STAMP.fullmatch(stripped):
                found = self._find(stripped)
                if found and found[0].at < anchor - timedelta(hours=2):
                    # an entry after midnight in a blog that began the evening before
                    return replace(found[0], at=found[0].at + timedelta(days=1))
                return found[0] if found else None
        return None

    def _mp_time(self, mp: str, everything: list[Said]) -> SpokenTime | None:
        if mp not in self._per_mp:
            anchor = self.item.published_at
            assert anchor is not None
            self._per_mp[mp] = None
            for said in everything:
                if said.mp == mp and _SPOKEN.search(said.window):
                    found = self._find(said.window)
                    if found:
                        self._per_mp[mp] = found[0]
                        break
        return self._per_mp[mp]
