"""When a statement was said: the time phrase of its attribution, its paragraph, a live blog's
entry stamp, or else the item's published time; and whether an event a report tells is news or
history."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from watcher.extract.kinds import Event
from watcher.extract.reader import Said, find_quotes, outside_quotes
from watcher.extract.reference import People
from watcher.extract.reports import DATELINE, RELATIVE, SPAN_BEFORE
from watcher.extract.sentences import pattern
from watcher.extract.times import MONTH_NAMES, MONTHS, SpokenTime, find_times
from watcher.models import Item

_STAMP = re.compile(
    r"(?:posted\s+at\s+|updated\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]m)?(?:\s*(?:GMT|BST))?", re.I
)
_SPOKEN = re.compile(
    r"\b(?:said|says|told|wrote|posted|tweeted|announced|statement|confirmed|declared|stating)\b",
    re.I,
)


BACKGROUND_AFTER = timedelta(days=7)
LIVE_BLOG_RUNS = timedelta(hours=24)  # a live blog's entries come after its first publication
# Words before a time phrase that make it the date of another event.
_OTHER_EVENT = re.compile(
    r"\b(?:elected|joined|since|born|founded|appointed|became|until|till|before|ahead\s+of"
    r"|vote|ballot|referendum|election|poll|due|scheduled|expected|deadline|close|closes|opens"
    r"|result|count|(?<!press\s)(?<!news\s)conference|budget|debate|hustings|by-election|from|next"
    r"|upcoming|coming"
    r"|first|served|held|won|lost|defected|resigned|quit|left)\b[\w\s,'’-]{0,25}$",
    re.I,
)


def _a_time_of_saying(when: SpokenTime, text: str, latest: datetime) -> bool:
    if when.precision in ("month", "year") or when.at > latest or _of_a_thing(when, text):
        return False
    if _FUTURE_CLAUSE.search(text, max(0, when.start - 200), when.start):
        return False  # 'will make up his mind tonight': a time still to come
    return not _OTHER_EVENT.search(text[max(0, when.start - 40) : when.start])


# A time that names a thing, not when something happened: "Thursday's deadline", "ahead of
# Saturday's hustings", "before the vote on Monday".
_SCHEDULED = re.compile(
    r"\b(?:ahead\s+of|before|until|till|by|due|deadline|scheduled|next|upcoming|coming)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)


def _of_a_thing(when: SpokenTime, text: str) -> bool:
    end = when.start + len(when.text)
    possessive = _A_DAYS_THING.match(text, end)
    scheduled = _SCHEDULED.search(text[max(0, when.start - 30) : when.start])
    return bool(possessive) or bool(scheduled) or _in_apposition(when, text)


_A_DAYS_THING = re.compile(
    r"['’]s\s+(?:[\w-]+\s+)?(?:deadline|vote|ballot|hustings|debate|election|by-election|results?"
    r"|count|conference|budget|summit|rally|meeting|match|final|nominations|close)\b",
    re.I,
)  # "Thursday's deadline", not "yesterday's Sunday Telegraph"


# A relative clause set off by commas after a name: its time is of what it tells in passing.
_IN_PASSING = re.compile(r"(?<=[a-z’'],)\s+who\s+[^,;.()“”\"]{3,120}?,(?=\s)")


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group())


def is_news(event: Event, said: Said, times: Times, item: Item) -> bool:
    """An event told in a report is news unless its sentence dates it as history; one told in
    a relative clause ('X, who withdrew on Wednesday, is in the audience') only when its
    sentence dates it within the week."""
    if SPAN_BEFORE.search(event.sentence, 0, event.at):
        return False  # 'is back in cabinet, two years after she resigned as ...': history
    found = [t for t in times.all_in(event) if not _when_it_will_happen(t, event)]
    if any(_background(t, item) and not _of_something_else(t, event.sentence) for t in found):
        return False
    if _told_after_history(event, said, times, item):
        return False
    if _race_to_succeed(event, said, item) and _before_the_day(event, found, item):
        return False
    told_now = bool(_JUST_DONE.search(event.sentence))  # 'who has nominated Ms West'
    return said.how != RELATIVE or bool(found) or told_now or bool(_INTENT.search(event.sentence))


# An event told in the present perfect, which is news: 'Rachael Maskell, who has nominated
# Ms West, urged ...'.
_JUST_DONE = re.compile(
    r"^\S[^,;]*?\b(?:has|have)\s+(?:now\s+|just\s+|already\s+|also\s+)?(?:nominated|backed"
    r"|endorsed|signed|resigned|quit|joined|defected|declared|withdrawn|pulled\s+out"
    r"|stepped\s+down|switched)\b"
)


def _race_to_succeed(event: Event, said: Said, item: Item) -> bool:
    """A resignation in an item about the race to succeed the MP who resigned: 'has entered
    the race to succeed Angela Rayner ... Ms Rayner resigned last week', 'The vacancy arose
    when ...'."""
    if event.kind != "resignation":
        return False
    surname = re.escape(said.mp.split()[-1])
    if re.search(r"\bvacancy\b", event.sentence, re.I):
        return True  # 'The vacancy arose when Angela Rayner resigned last week'
    succeeded = rf"\b(?:succeed|replace|successor\s+to)\s+(?:[A-Z]\w+\s+)?{surname}\b"
    return bool(pattern(succeeded).search(item.text))


def _before_the_day(event: Event, found: list[SpokenTime], item: Item) -> bool:
    """Whether the event is dated more than a week before the item was published: older
    than the week's news."""
    if re.search(r"\blast\s+week\b", event.sentence, re.I):
        return True
    published = item.published_at
    return published is not None and any(
        t.at.date() < (published - timedelta(days=7)).date() for t in found
    )


# 'first elected last year', 'the party set up by Jeremy Corbyn last year': a date of something
# the sentence describes, not of its event.
_DESCRIBED = re.compile(
    r"\b(?:elected|founded|set\s+up|formed|created|established|born|built|appointed"
    r"|launched\s+by|began|begun|started)\b[^,.;:]{0,60}$"
    # 'the first departure since Kemi Badenoch's reshuffle in September': another event's
    r"|\bsince\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,2}['’]s\s+[^,.;:]{0,50}$",
    re.I,
)


# What is still to come ('will', 'is to', 'is set to'), and a move told so: 'will stand down as
# chair ... in October'.
_WILL = r"\b(?:will|'ll|’ll|shall|is\s+to|are\s+to|is\s+going\s+to|is\s+set\s+to)\s+"
_FUTURE_BEFORE = re.compile(_WILL + r"(?:\w+\s+){0,2}$", re.I)
# A time in a clause about what is still to come: 'he will stand down ... in October'.
_FUTURE_CLAUSE = re.compile(
    _WILL + r"(?:stand|step|resign|quit|leave|retire|join|defect|back|nominate|vote|sit|go|move"
    r"|hand|give|take|become|remain|stay|make|decide|announce|speak|meet|reveal|confirm|set"
    r"|publish|deliver|launch|address|appear|face)\b[^,;.:]*$",
    re.I,
)


def _when_it_will_happen(when: SpokenTime, event: Event) -> bool:
    """A time after the verb of a move still to come dates the move, not its telling."""
    return when.start >= event.at and bool(_FUTURE_BEFORE.search(event.sentence[: event.at]))


def _of_something_else(when: SpokenTime, sentence: str) -> bool:
    described = _DESCRIBED.search(sentence[max(0, when.start - 80) : when.start])
    return bool(described) or _in_apposition(when, sentence)


# 'Adrian Ramsay, her running mate in 2025, said ...': a time in the words that describe the
# sentence's subject, set off by commas after the name, is of what they describe.
_APPOSITION = re.compile(
    r"^((?:[A-Z][\w'’-]+\s+){0,4}[A-Z][\w'’-]+)(,\s+(?:his|her|their|the|a|an)\s+[^,;:“”\"]{1,80},)(?=\s)"
)


def _in_apposition(when: SpokenTime, sentence: str) -> bool:
    described = _APPOSITION.match(sentence)
    return described is not None and described.start(2) < when.start < described.end(2)


# 'Lisa Nandy, who said she would nominate him': an intention reported in passing looks
# ahead, unlike most relative clauses, which tell what is past ('who ran in 2015').
_INTENT = re.compile(
    r"\b(?:said|says|confirmed|announced|told\s+\w+)\s+(?:that\s+)?(?:he|she|they)\s+"
    r"(?:would|will|is\s+going\s+to|was\s+going\s+to)\b"
    # 'Olivia Blake, who will nominate her': a backing still to come, or under way, is fresh
    r"|^\S[^,]*?\b(?:will|is|are)\s+(?:now\s+|also\s+)?(?:be\s+)?(?:nominat|back|support|endors"
    r"|vot)\w*"
)


# A day of the month with no month: 'on the evening of the 5th'.
_DAY_OF_THE_MONTH = re.compile(
    rf"\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{MONTH_NAMES})\b)", re.I
)
# 'A year later she joined Reform', 'days later he resigned': dated from an event told before.
_LATER = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|several|a\s+few|few|\d+)\s+)?"
    r"(?P<unit>days?|weeks?|months?|years?|decades?)\s+later\b",
    re.I,
)


def _told_after_history(event: Event, said: Said, times: Times, item: Item) -> bool:
    """An event dated months or years after another ('a year later'), or days after one
    the paragraph sets in the past ('in February ... days later'), or on a day of the month
    the paragraph named before ('belongs to July 2022. Rishi Sunak quit as chancellor on the
    evening of the 5th'), is history too."""
    later = _LATER.search(event.sentence)
    if later is None and not _DAY_OF_THE_MONTH.search(event.sentence):
        return False
    if later and later.group("unit").lower().startswith(("month", "year", "decade")):
        return True
    paragraph = paragraph_around(times.masked, said.position)
    before = paragraph[: max(0, paragraph.find(event.sentence[:40]))]
    if later is None and _a_month_gone_by(before, item):
        return True  # 'belongs to July 2022. Rishi Sunak quit ... on the evening of the 5th'
    return any(_background(t, item) for t in times.in_text(before))


# A year, perhaps after its month ('July 2022'), or a month alone ('Then there was September').
_MONTH_OR_YEAR = re.compile(
    rf"\b(?:(?P<month>{MONTH_NAMES})\s+)?(?P<year>(?:19|20)\d\d)\b|\b(?P<alone>{MONTH_NAMES})\b",
    re.I,
)


# Months named in full, as a month alone may be named ('may' is a verb, 'May' a name).
_MONTHS_IN_FULL = {
    max((name for name, number in MONTHS.items() if number == month), key=len)
    for month in range(1, 13)
} - {"may"}


def _a_month_gone_by(text: str, item: Item) -> bool:
    """Whether `text` names a month of a year ('July 2022'), a month ('Then there was
    September.', the last one gone by), or a year, that ended more than a week before the item
    was published."""
    if item.published_at is None:
        return False
    published = item.published_at
    for found in _MONTH_OR_YEAR.finditer(text):
        alone = found.group("alone") or ""
        if alone and not (alone.istitle() and alone.lower() in _MONTHS_IN_FULL):
            continue  # a month alone is named in full
        named = found.group("month") or alone
        month = MONTHS[named.lower()] if named else 12
        # 'Then there was September.', in December: this year's, the last one gone by
        year = int(found.group("year") or published.year - (month > published.month))
        ends = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=published.tzinfo)
        if published - ends > BACKGROUND_AFTER:
            return True
    return False


def _background(when: SpokenTime | None, item: Item) -> bool:
    """An event the report dates to a month or a year, or to more than a week before it was
    published, is history, not news."""
    if when is None or item.published_at is None:
        return False
    return when.precision in ("month", "year") or item.published_at - when.at > BACKGROUND_AFTER


def paragraph_around(text: str, position: int, reach: int = 600) -> str:
    """The paragraph holding `position`, at most `reach` characters either side of it."""
    start = max(text.rfind("\n", 0, position) + 1, position - reach)
    end = text.find("\n", position)
    return text[start : min(end if end >= 0 else len(text), position + reach)]


_DAY_AFTER = re.compile(
    r"\b(?:the\s+)?(?:morning|day|night|evening|afternoon)\s+after\s+(?:the\s+[\w-]+\s+)?"
    r"(?:on\s+)?(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?)",
)
_ASIDE = re.compile(r"[,–—]\s*who\s+[^,–—]*[,–—]")


def _without_asides(text: str) -> str:
    """A relative clause blanked out ('Ms Coutinho, who launched her campaign on Monday,
    said:'), and the words that describe the subject ('Adrian Ramsay, her running mate in
    2025, said'): their times are of another event."""
    text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
    described = _APPOSITION.match(text)
    if described is None:
        return text
    return text[: described.start(2)] + " " * len(described.group(2)) + text[described.end(2) :]


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


_EARLIER_OCCASION = re.compile(
    r"\bhad\s+(?:\w+\s+)?(?:said|predicted|told|warned|claimed|argued|written|posted|promised"
    r"|insisted)\b|\bpreviously\s+(?:said|told|warned|claimed)\b",
    re.I,
)


def _earlier_occasion(window: str) -> bool:
    """'The Reform chief whip had predicted on 5 July': the attribution itself is in the
    past perfect (not 'said he had written')."""
    found = _EARLIER_OCCASION.search(window)
    return found is not None and not _SPOKEN.search(window[: found.start()])


_DATED_LATER_REACH = 1200  # characters after the event's own sentence
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]?")
# The act that carried an event, told after the event itself.
_THE_ACT = re.compile(
    r"\b(?:confirmed|announced|set\s+out|made|sent|posted|wrote|submitted|handed\s+in|declared"
    r"|revealed|tweeted|published|delivered|tendered|informed|told|broke|gave|communicated"
    r"|explained)\b[^.]{0,60}\b(?:nomination|decision"
    r"|resignation|letter|candidacy|bid|support|backing|endorsement|intention|plans?|move"
    r"|statement|video)\b",
    re.I,
)


_TELLING = (
    r"said|says|announced|told|confirmed|wrote|declared|argued|insisted|warned|pledged|promised"
    r"|vowed"
)
_FIRST_TELLING = re.compile(rf"\b(?:{_TELLING})\b")
# A speech verb and the time right after it: 'announced last month', 'said in March'.
_TOLD_THEN = re.compile(
    rf"\b(?:{_TELLING})(?:(?<=told)\s+\w+)?\s+"  # 'told colleagues last month'
    r"(?P<when>last\s+(?:month|year|spring|summer|autumn|winter)|earlier\s+this\s+(?:month|year)"
    r"|(?:\w+\s+){1,2}ago"
    r"|in\s+(?:[A-Z][a-z]+\s+)?(?:(?:19|20)\d\d|[A-Z][a-z]+)"
    # 'announced on 5 January': a date, background when over a week before the item
    r"|on\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?:19|20)\d\d)?)\b"
)

# Words that tell an occasion for speaking.
_OCCASION = re.compile(
    r"\b(?:announcement|announced|statement|speech|spoke|speaking|meeting|interview|rally"
    r"|conference|address|told|said|says|wrote|posted|letter|video|debate|took\s+to"
    r"|respond(?:ed)?|replied)\b",
    re.I,
)


# A relative clause right after a person: what it tells is theirs.
_WHOSE = re.compile(r"\s*,\s*(?:who|whose)\b")


# A word that opens a clause of its own: a time before it belongs to another clause.
_SUBORDINATOR = re.compile(r"\b(?:after|when|since|because|once|as\s+soon\s+as)\b")


class Times:
    """When each statement was said: its own attribution, its paragraph, a live-blog stamp,
    the time the MP is reported to have spoken, or else the published time."""

    def __init__(
        self, item: Item, zone: ZoneInfo, masked: str, people: People | None = None
    ) -> None:
        self.item = item
        self.zone = zone
        self.masked = masked
        self.people = people
        self._per_mp: dict[str, SpokenTime | None] = {}
        self._found: dict[tuple[str, bool], list[SpokenTime]] = {}
        stamps = [line for line in self.masked.split("\n") if _STAMP.fullmatch(line.strip())]
        inline = re.findall(r"(?m)^\s*\d{1,2}[:.]\d{2}\b", self.masked)
        self.running = len(stamps) >= 2 or len(inline) >= 3

    def _find(self, text: str, *, of_saying: bool = True) -> list[SpokenTime]:
        """`_times_in`, read once for each text an item asks about (a paragraph is asked
        about for each statement in it)."""
        key = (text, of_saying)
        if key not in self._found:
            self._found[key] = self._times_in(text, of_saying=of_saying)
        return self._found[key]

    def _times_in(self, text: str, *, of_saying: bool = True) -> list[SpokenTime]:
        """The time phrases of `text` that can tell when something was said: not after the
        item was published, not in a relative clause ('X, who launched her bid on Monday,
        said'), not a month or a year, and not the date of another event ('was elected in
        2017', 'the vote on 23 June', 'since Friday'). With `of_saying` false, the times of
        an event told in `text` itself: only those after publication are left out."""
        anchor = self.item.published_at
        if anchor is None:
            return []  # an undated item: no phrase can be resolved
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

    def in_its_paragraph(self, said: Said) -> SpokenTime | None:
        """The time the words' own attribution or paragraph gives, if any."""
        if self.item.published_at is None:
            return None
        around = paragraph_around(self.masked, said.position)
        texts: tuple[str, ...] = (
            (said.window,) if said.how == "interview" else (said.window, around)
        )
        if said.how != RELATIVE:  # 'Priti Patel, who declared on Tuesday, said ...': not then
            texts = tuple(_IN_PASSING.sub(_blank, text) for text in texts)
        for text in texts:
            found = [t for t in self._find(text) if not _FUTURE_CLAUSE.search(text[: t.start])]
            if found:
                return _nearest_the_verb(found, _without_asides(text))
        return None

    def for_said(self, said: Said, everything: list[Said]) -> SpokenTime | None:
        if self.item.published_at is None:
            return None
        return (
            self.in_its_paragraph(said)
            or self._stamp_before(said.position)
            or self._occasion_before(said)
            or self._mp_time(said.mp, everything)
        )

    def said_long_ago(self, said: Said) -> bool:
        """Whether words are reported as said a month or more before the item, or on a date
        more than a week before it, by the time right after the verb ('Daisy Cooper announced
        last month that she would step aside', 'announced on 5 January that'): background,
        not news."""
        window = _without_asides(said.window)
        verb = _FIRST_TELLING.search(window)
        told = _TOLD_THEN.match(window, verb.start()) if verb else None
        if told is None:
            return False
        if re.match(r"last\s+(?:spring|summer|autumn|winter)", told.group("when")):
            return True  # a season gone by
        found = self._find(told.group("when"), of_saying=False)
        return bool(found) and _background(found[0], self.item)

    def _occasion_before(self, said: Said) -> SpokenTime | None:
        """A quote with no time of its own, in the paragraph after one that opens with the same
        MP and tells the occasion at one time ('Mr Betts made the announcement at a meeting
        ... last night.' then '"...," he told members')."""
        if self.people is None or said.voice != "first":
            return None
        start = self.masked.rfind("\n", 0, said.position)
        above = self.masked.rfind("\n", 0, max(start, 0))
        while above > 0 and not self.masked[above + 1 : start].strip():  # blank lines
            start, above = above, self.masked.rfind("\n", 0, above)
        if start <= 0:
            return None
        paragraph = self.masked[above + 1 : start]
        opening = next((m for m in self.people.mentions if m.start > above), None)
        if opening is None or opening.start >= start or self.people.resolve(opening) != said.mp:
            return None
        found = self._find(paragraph)
        if len(found) != 1 or not _OCCASION.search(paragraph):
            return None
        at = above + 1 + found[0].start
        others = [
            m
            for m in self.people.mentions
            if opening.end <= m.start < at
            and m.how != "pronoun"
            and self.people.resolve(m) != said.mp
            and _WHOSE.match(self.masked, m.end, at)
        ]
        # 'Shabana Mahmood, whose campaign was launched on Monday': her time, not the MP's
        return None if others else found[0]

    def for_event(self, event: Event) -> SpokenTime | None:
        """The time expression nearest before the words that made the event, in its sentence
        ('who said on Friday he was considering it, confirmed at 7.40am that he will stand'),
        else the first after them in their clause ('launched his bid on Monday')."""
        if self.item.published_at is None:
            return None
        sentence = outside_quotes(event.sentence, find_quotes(event.sentence))
        found = [t for t in self._find(sentence, of_saying=False) if not _of_a_thing(t, sentence)]
        found = [t for t in found if not _when_it_will_happen(t, event)]
        before = [t for t in found if t.start < event.at]
        clause_end = re.search(r"[,;:]|\band\b|\bbut\b", sentence[event.at :])
        end = event.at + clause_end.start() if clause_end else len(sentence)
        after = [t for t in found if event.at <= t.start < end]  # 'launched his bid on Monday'
        if (
            before
            and after
            and _SUBORDINATOR.search(sentence, before[-1].start + len(before[-1].text), event.at)
        ):
            return after[0]  # 'were divided yesterday after X crossed the floor on Sunday'
        if before:
            return before[-1]
        if after:
            return after[0]
        # 'will not now stand ..., the MP told local members in an email on Tuesday'
        return _nearest_the_verb(found, sentence) if found and _SPOKEN.search(sentence) else None

    def dated_later(self, mp: str, position: int) -> SpokenTime | None:
        """An event told in a lead and dated in a sentence after it, whose subject is the same
        MP and whose verb is the act that carried it ('The Lancaster and Wyre MP confirmed her
        nomination on Tuesday afternoon'; 'Ms Taylor set out her decision in a letter on
        Thursday evening')."""
        if self.people is None:
            return None
        reach = self.masked[position : position + _DATED_LATER_REACH]
        for sentence in _SENTENCES.finditer(reach):
            if not _THE_ACT.search(sentence.group()):
                continue
            at = position + sentence.start()
            first = next((m for m in self.people.mentions if m.start >= at), None)
            if first is None or first.start > at + 60 or self.people.resolve(first) != mp:
                continue
            found = self._find(sentence.group())
            if found:
                return found[0]
        return None

    def in_text(self, text: str) -> list[SpokenTime]:
        """Every time phrase of `text`, outside quotes."""
        if self.item.published_at is None:
            return []
        plain = outside_quotes(text, find_quotes(text))
        return find_times(plain, self.item.published_at, self.zone, running=self.running)

    def all_in(self, event: Event) -> list[SpokenTime]:
        """Every time phrase of the event's sentence, outside quotes."""
        return self.in_text(event.sentence)

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
                told = said.voice == "reported" and said.how != RELATIVE
                if _earlier_occasion(said.window) or said.how == RELATIVE:
                    continue  # 'had predicted on 5 July': another occasion than the rest
                if said.mp == mp and (told or _SPOKEN.search(said.window)):
                    found = self._find(_IN_PASSING.sub(_blank, said.window))
                    if found:
                        self._per_mp[mp] = _nearest_the_verb(found, _without_asides(said.window))
                        break
        return self._per_mp[mp]
