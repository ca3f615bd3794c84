"""Who said what: quotes, colon-introduced statements and reported speech, tied to MPs.

A speaker is named by name, by title and surname ("Mr Lavery"), by constituency ("the Salford
MP"), by a role ("the shadow foreign secretary"), or by a pronoun pointing back to the last person
named. Words given to allies, sources, spokespeople or friends are nobody's statement here, and
neither are alleged or reported-by-others quotes ("allegedly saying").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from watcher.extract.kinds import classify
from watcher.extract.people import Mention, People, Roster

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|posted|posts|tweeted|declared|announced"
    r"|announces|insisted|insists|argued|argues|explained|explains|warned|warns|stated|states"
    r"|stating|continued|continues|claimed|claims|commented|comments|replied|replies|responded"
    r"|revealed|reveals|confirmed|confirms|admitted|admits|urged|urges|described|branded"
    r"|blasted|dismissed|called|calls|went\s+on|concluded|noted|notes|recalled|suggested"
    r"|pledged|vowed|promised|acknowledged|conceded|maintained|added\s+that|saying|telling"
    r"|writing|adding|made\s+(?:this|a|the)\s+(?:statement|announcement)|put\s+it"
    r"|shared|published|issued|released|boasted|joked|quipped|remarked|retorted|snapped"
    r"|shouted|mused|pleaded|protested|complained|answered|asked|asks|wondered|recalls"
    r"|calling|describing|paid\s+tribute"
)
_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
_NOT_OWN_WORDS = re.compile(
    r"\b(all(?:y|ies)|sources?|spokes(?:man|woman|person|people)|friends?|aides?|supporters"
    r"|those\s+(?:around|close)|close\s+to|insiders?|colleagues\s+of|team|camp|officials?"
    r"|according\s+to\s+(?:a|one|two|several)|representatives?|advisers?|advisors?|people\s+close"
    r"|critics|rivals|opponents|office\s+of)\b",
    re.I,
)
_HEARSAY = re.compile(
    r"\b(allegedly|reportedly|(?:is|are)\s+(?:still\s+|also\s+|now\s+)?said\s+to"
    r"|understood\s+to|believed\s+to|(?:widely\s+)?reported\s+to|according\s+to"
    r"|is\s+thought\s+to|rumou?red|(?:told|telling|tells)\s+(?:\w+\s+)?(?:friends|allies"
    r"|colleagues|aides|confidants|supporters|those\s+close)|privately|in\s+private)\b",
    re.I,
)
Voice = Literal["first", "reported"]
_TITLE_WORDS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Professor"}


@dataclass(frozen=True)
class Said:
    """Words attributed to a tracked MP, and where the attribution was found."""

    mp: str
    text: str
    voice: Voice
    how: str
    confidence: float
    window: str  # the attribution's own words, where the time it was said may be given
    position: int  # where in the text it was found
    report: str = ""  # the reporter's sentence that carries it ("" for the MP's own post)

    @property
    def verbatim(self) -> bool:
        """The words are the MP's own, as written: a quotation, a statement set out after a
        colon, or the MP's own post. Reported speech and events told in the reporter's words
        are not."""
        return self.voice == "first"


@dataclass(frozen=True)
class Quote:
    open_at: int  # the opening mark
    close_at: int  # just after the closing mark
    text: str


# --- quotes ------------------------------------------------------------------------------------

_OPENERS = {"“": "”", '"': '"', "«": "»"}


def find_quotes(text: str) -> list[Quote]:
    """Double-quoted passages; a quote left open at a paragraph's end runs into the next one
    when that paragraph opens with a quote mark, as newspapers print long quotes."""
    quotes: list[Quote] = []
    current: tuple[int, str] | None = None  # where the open quote began, and its closing mark
    parts: list[str] = []
    for start, paragraph in _paragraphs(text):
        i = 0
        if current is not None:
            stripped = paragraph.lstrip()
            if not stripped.startswith(tuple(_OPENERS)):
                quotes.append(Quote(current[0], start - 1, "\n\n".join(parts)))
                current = None
            else:
                i = len(paragraph) - len(stripped) + 1
                parts.append("")
        segment = i
        while i < len(paragraph):
            char = paragraph[i]
            if current is None and char in _OPENERS:
                current, parts, segment = (start + i, _OPENERS[char]), [""], i + 1
            elif current is not None and char == current[1]:
                parts[-1] += paragraph[segment:i]
                quotes.append(Quote(current[0], start + i + 1, "\n\n".join(p for p in parts if p)))
                current = None
            i += 1
        if current is not None:
            parts[-1] += paragraph[segment:]
    if current is not None:
        quotes.append(Quote(current[0], len(text), "\n\n".join(p for p in parts if p)))
    return [q for q in quotes if len(q.text.split()) >= 2]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for every non-empty line of `text`."""
    found = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            found.append((offset, line))
        offset += len(line) + 1
    return found


def outside_quotes(text: str, quotes: Sequence[Quote]) -> str:
    """`text` with quoted passages blanked out, positions kept."""
    chars = list(text)
    for quote in quotes:
        for i in range(quote.open_at, min(quote.close_at, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --- speakers ----------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
_STAMP = re.compile(
    r"^\s*(?:posted\s+at\s+|updated\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|GMT|BST)?|\d{1,2}\s*(?:am|pm))"
    r"(?:\s*(?:GMT|BST))?\s*$",
    re.I,
)
_SIGNATURE = re.compile(r"[”\"]?\.?\s*[–—-]\s*[A-Z][\w'’ -]+$")
MAX_COLON_PARAGRAPHS = 12


class _Reader:
    """Attribution over one text: its quotes, its people outside quotes, its paragraphs."""

    def __init__(self, text: str, roster: Roster) -> None:
        self.text = text
        self.quotes = find_quotes(text)
        self.masked = outside_quotes(text, self.quotes)
        self.people = People(self.masked, roster)
        self.mentions = self.people.mentions
        self.paragraphs = _paragraphs(text)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        start = max(
            (m.end() for m in _SENTENCE_BREAK.finditer(self.masked, 0, position)), default=0
        )
        end_match = _SENTENCE_BREAK.search(self.masked, position)
        return start, end_match.end() if end_match else len(self.masked)

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence (or sentences) holding text[start:end], on one line."""
        first, _ = self.sentence_bounds(start)
        _, last = self.sentence_bounds(max(end - 1, start))
        return " ".join(self.text[first:last].split())

    def around(self, position: int) -> str:
        """The opening, the paragraph holding `position` and the one before: where a report
        says which contest it is about."""
        offset, paragraph = self.paragraph_of(position)
        before = _previous_paragraph(self, offset)
        lede = self.text[:400]  # the opening, where a report says which race it is about
        return f"{lede}\n{self.text[before:offset] if before is not None else ''}{paragraph}"

    def paragraph_of(self, position: int) -> tuple[int, str]:
        found = self.paragraphs[0] if self.paragraphs else (0, "")
        for offset, paragraph in self.paragraphs:
            if offset > position:
                break
            found = (offset, paragraph)
        return found

    def resolve(self, mention: Mention) -> str | None:
        """The tracked MP a mention stands for: pronouns and roles are followed back among
        everyone the text names, tracked or not (see `people`)."""
        return self.people.resolve(mention)

    def _at(self, mention: Mention) -> str:
        return self.masked[mention.start : mention.end]

    def speaker_in(self, start: int, end: int, verb_at: int | None) -> tuple[Mention, str] | None:
        """The subject of a speech verb between `start` and `end`, unless it is someone's ally,
        source or spokesperson, or the words are only alleged."""
        window = self.masked[start:end]
        if _HEARSAY.search(window):
            return None
        inside = [m for m in self.mentions if start <= m.start < end]
        if not inside:
            return None
        if verb_at is not None:
            clause = _clause_start(self.masked, start, verb_at)
            before_verb = [m for m in inside if clause <= m.start and m.end <= verb_at]
            subjects = [m for m in before_verb if not self._object(m, start) and not self._owner(m)]
            inverted = [m for m in inside if m.start >= verb_at and _named(m)]
            if not before_verb and not (
                inverted
                and re.match(r"\s*\w+\s{1,3}$", self.masked[verb_at : inverted[0].start])
                and self.masked[inverted[0].end : end].strip() in ("", ":", ",")
            ):
                return None  # 'One said he was ...', 'says the MP would': no speaker named
            chosen = (subjects or before_verb or inverted)[0]
            next_to_verb = [m for m in before_verb if not self.masked[m.end : verb_at].strip()]
            if next_to_verb:  # '..., Kall said:': the name just before the verb speaks
                chosen = next_to_verb[-1]
            if before_verb and _PASSIVE.search(self.masked[chosen.end : verb_at]):
                return None
        else:
            if self._unknown_by_the_verb(start, end):
                return None  # '"...," Melanie said': someone the roster cannot place
            chosen = self._agent(inside, start, end) or inside[0]
        chosen = self._relative_speaker(chosen, inside, verb_at) or chosen
        if _NOT_OWN_WORDS.search(window) and self._owned(chosen, start):
            return None
        return chosen, window

    def _unknown_by_the_verb(self, start: int, end: int) -> bool:
        """After a quote, the capitalised word right by the speech verb ('Melanie said', 'said
        Melanie') is its speaker; when it is no one the text knows, nobody speaks here."""
        window = self.masked[start:end]
        verb = _SPEECH.search(window[:80])
        if verb is None:
            return False
        before = re.search(r"([A-Z][\w'’-]+)\s*$", window[: verb.start()])
        after = re.match(r"\s+([A-Z][\w'’-]+)", window[verb.end() :])
        for word in (before, after):
            if word is None:
                continue
            at = start + (word.start(1) if word is before else verb.end() + word.start(1))
            if not any(m.start <= at < m.end for m in self.mentions):
                return word.group(1) not in ("He", "She", "They", "I", "We", "It")
        return False

    def _agent(self, inside: list[Mention], start: int, end: int) -> Mention | None:
        """'..., Rishi Sunak was told by Keir Starmer': the one after 'by' speaks."""
        passive = re.search(r"\b(?:was|were|is|are|been)\s+\w+\s+by\s+", self.masked[start:end])
        if not passive or _SPEECH.search(self.masked[start : start + passive.start()]):
            return None  # '..., Dowden said in a message which was seen by a newswire'

        after = [m for m in inside if m.start >= start + passive.end()]
        return after[0] if after else None

    def _relative_speaker(
        self, chosen: Mention, inside: list[Mention], verb_at: int | None
    ) -> Mention | None:
        """'Kemi Badenoch attacked Keir Starmer, who said:': the one before 'who' speaks."""
        if verb_at is None:
            return None
        who = list(re.finditer(r",\s*who\s+(?:\w+\s+){0,2}$", self.masked[chosen.end : verb_at]))
        if not who:
            return None
        before_who = [m for m in inside if m.end <= chosen.end + who[-1].start() and _named(m)]
        return before_who[-1] if before_who else None

    def _owner(self, mention: Mention) -> bool:
        """'Kemi Badenoch's successor, James Cleverly,': a name in the possessive is not the
        one who speaks."""
        own = ("'s", "’s")
        named = self.masked[mention.start : mention.end]
        return named.endswith(own) or self.masked[mention.end : mention.end + 2] in own

    def _object(self, mention: Mention, start: int) -> bool:
        """'to the Prime Minister', 'with Mr Lavery': a name governed by a preposition."""
        before = self.masked[max(start, mention.start - 60) : mention.start]
        return bool(_GOVERNED_NAME.search(before))

    def _owned(self, mention: Mention, start: int) -> bool:
        """'Allies of Mr Lavery', 'a source close to the MP', 'Mr Lavery's friends': words of
        people around the MP. An apposition ('the party's spokesperson, Daisy Cooper,') is the
        MP's own role, and so the MP's own words."""
        if not _named(mention):
            return True
        if _POSSESSED.match(self.masked, mention.end):
            return True
        before = self.masked[start : mention.start]
        return bool(_NOT_OWN_WORDS.search(before)) and not before.rstrip().endswith(",")


_CLAUSE_BREAK = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas|although|though)\s+|;\s*|\s+but\s+|\s+while\s+)", re.I
)


# 'to the Prime Minister', 'to Education Secretary Bridget Phillipson': a preposition, then
# at most a few capitalised words of title before the name.
_GOVERNED_NAME = re.compile(
    r"\b(?i:to|of|for|with|by|about|from|at|on|against|outside|inside|near|in|into|across|after"
    r"|before|during|under|over|behind|beside|towards|through|via|within|around|among)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}$"
)


def _clause_start(masked: str, start: int, verb_at: int) -> int:
    """Where the clause holding the verb at `verb_at` begins: 'X is expected to stand, and a
    source close to her said' is the source's clause."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(masked, start, verb_at)]
    return breaks[-1] if breaks else start


def _named(mention: Mention) -> bool:
    return mention.how not in ("pronoun", "role")


_POSSESSED = re.compile(rf"['’]s\s+(?:\w+\s+){{0,2}}?(?:{_NOT_OWN_WORDS.pattern})", re.I)


@dataclass(frozen=True)
class Attribution:
    said: list[Said]  # everything tracked MPs said, in order of appearance
    masked: str  # the text with its quotes blanked out, positions kept
    people: People  # everyone the text names, for resolving who else a statement is about


def attribute(text: str, roster: Roster) -> Attribution:
    """Everything in `text` that a tracked MP said, in order of appearance."""
    reader = _Reader(text, roster)
    said = _from_quotes(reader) + _from_colon_blocks(reader) + _from_reported(reader)
    return Attribution(sorted(said, key=lambda s: s.position), reader.masked, reader.people)


def _from_quotes(reader: _Reader) -> list[Said]:
    said: list[Said] = []
    last: tuple[str | None, int] | None = None  # the previous quote's speaker, and its paragraph
    for quote in reader.quotes:
        paragraph_at, _ = reader.paragraph_of(quote.open_at)
        found = _quote_speaker(reader, quote)
        how, confidence = "quote", 0.9
        if found is None and not _has_attribution(reader, quote):
            found, how, confidence = _unattributed(reader, quote, last, paragraph_at)
        if found is None:
            last = None
            continue
        mp, window = found
        last = (mp, paragraph_at)
        if mp is not None:
            report = reader.sentence_around(quote.open_at, quote.close_at)
            said.append(
                Said(mp, quote.text, "first", how, confidence, window, quote.open_at, report)
            )
    return said


def _has_attribution(reader: _Reader, quote: Quote) -> bool:
    """Whether the quote's sentence names a speaker of its own ('"...," Melanie said'), even
    one nobody tracks: then it is nobody's by continuation."""
    start, _ = reader.sentence_bounds(quote.open_at)
    _, end = reader.sentence_bounds(quote.close_at)
    return bool(_SPEECH.search(reader.masked[start:end]))


def _unattributed(
    reader: _Reader, quote: Quote, last: tuple[str | None, int] | None, paragraph_at: int
) -> tuple[tuple[str | None, str] | None, str, float]:
    """Whose a quote with no attribution of its own is, from what comes before it: the same
    speaker as the quote before ('X said she was "sorry". "Suella is a friend."', or a new
    paragraph opening with a quote mark); the MP a paragraph before reported as speaking;
    the MP the sentence before is about ('Mrs Braverman was defiant. "I am going nowhere."')."""
    previous_paragraph = _previous_paragraph(reader, paragraph_at)
    if last is not None and (
        (_opens_paragraph(reader, quote) and last[1] in (paragraph_at, previous_paragraph))
        or (_opens_sentence(reader, quote) and last[1] == paragraph_at)
    ):
        return (last[0], ""), "continued quote", 0.7
    speaker = _reported_before(reader, paragraph_at) if _stands_alone(reader, quote) else None
    if speaker and last is None:
        return (speaker, ""), "quote after a report of the speaker", 0.7
    speaker = _sole_subject_before(reader, quote) if _opens_sentence(reader, quote) else None
    if speaker:
        return (speaker, ""), "quote after a sentence about the speaker", 0.7
    return None, "", 0.0


def _opens_sentence(reader: _Reader, quote: Quote) -> bool:
    """A quote that is a sentence of its own: no words before it in its sentence, and none
    after it but the sentence's end."""
    start, end = reader.sentence_bounds(quote.open_at)
    before = reader.masked[start : quote.open_at]
    after = reader.masked[quote.close_at : end]
    return not before.strip(" \n") and not after.strip(" .\n")


def _sole_subject_before(reader: _Reader, quote: Quote) -> str | None:
    """The MP who is the only person named in the sentence just before a quote, as its
    subject: the sentence introduces them, the quote is theirs."""
    start, _ = reader.sentence_bounds(quote.open_at)
    previous_start, _ = reader.sentence_bounds(max(start - 2, 0))
    if previous_start >= start:
        return None
    named = [m for m in reader.mentions if previous_start <= m.start < start]
    people = [m for m in named if m.how != "pronoun"]
    if len(people) != 1 or reader.masked[previous_start : people[0].start].strip(" \n"):
        return None  # someone else there, or the person is not the sentence's subject
    if any(previous_start <= q.open_at < start for q in reader.quotes):
        return None
    return reader.resolve(people[0])


def _stands_alone(reader: _Reader, quote: Quote) -> bool:
    """A quote that is its paragraph's only words: nothing outside it names or cues anyone."""
    offset, paragraph = reader.paragraph_of(quote.open_at)
    return not reader.masked[offset : offset + len(paragraph)].strip(' .,;:–—-"“”')


def _reported_before(reader: _Reader, paragraph_at: int) -> str | None:
    """The MP the paragraph before reports as speaking, in its first sentence, when no one
    else is quoted there."""
    previous = _previous_paragraph(reader, paragraph_at)
    if previous is None or any(previous <= q.open_at < paragraph_at for q in reader.quotes):
        return None
    _, end = reader.sentence_bounds(previous)
    return _reported_subject(reader, previous, min(end, paragraph_at), _REPORTING, None,
                             reported=True)  # fmt: skip


def _quote_speaker(reader: _Reader, quote: Quote) -> tuple[str | None, str] | None:
    """(the MP or None for someone else, the attribution's words), or None when unattributed."""
    _, end = reader.sentence_bounds(quote.close_at)
    after = reader.masked[quote.close_at : end]
    verb = _SPEECH.search(after[:80]) if _runs_on(quote, after) else None
    if verb:
        found = reader.speaker_in(quote.close_at, end, None)
        if found:
            return reader.resolve(found[0]), found[1]
        if _NOT_OWN_WORDS.search(after):
            return None, after
    start, _ = reader.sentence_bounds(quote.open_at)
    before = reader.masked[start : quote.open_at]
    if not before.strip():
        return _colon_before(reader, quote.open_at)
    verbs = list(_SPEECH.finditer(before))
    if not verbs and before.rstrip().endswith(":"):
        return _named_before_colon(reader, start, quote.open_at)
    if verbs:
        verb_at = start + verbs[-1].start()
        found = reader.speaker_in(start, quote.open_at, verb_at)
        if found:
            return reader.resolve(found[0]), found[1]
        if _NOT_OWN_WORDS.search(before):
            return None, before
    return None


def _runs_on(quote: Quote, after: str) -> bool:
    """Whether the words after a quote continue its sentence ('..., he said'): a quote that
    closes its own sentence ('... my full support.' Mr Cleverly said he was humbled.') is
    followed by another sentence, about someone else as likely as not."""
    if not re.search(r"[.!?…]\W*$", quote.text):
        return True
    following = after.lstrip(" ”\"'’")
    return not following[:1].isupper()


def _named_before_colon(reader: _Reader, start: int, end: int) -> tuple[str | None, str] | None:
    """'Chamberlain: "Never say never." Morrison: "Our votes are not for sale."': the person
    named last before the colon speaks, when only a few words ('beamed', 'stepped in') come
    between."""
    window = reader.masked[start:end]
    inside = [m for m in reader.mentions if start <= m.start < end and m.how != "pronoun"]
    between = reader.masked[inside[-1].end : end] if inside else ""
    if not inside or len(between.split()) > 9:
        return None  # 'Farage beamed:', 'The Speaker, Sir Lindsay Hoyle, stepped in:' pass
    if _HEARSAY.search(window) or reader.people.identify(inside[-1]) is None:
        return None
    return reader.resolve(inside[-1]), window


def _colon_before(reader: _Reader, position: int) -> tuple[str | None, str] | None:
    """A quote opening its paragraph, after a paragraph that ends 'Mr Lavery said:'."""
    paragraph_at, _ = reader.paragraph_of(position)
    previous = _previous_paragraph(reader, paragraph_at)
    if previous is None:
        return None
    text = reader.masked[previous:paragraph_at].rstrip()
    if not text.endswith(":"):
        return None
    verbs = list(_SPEECH.finditer(text))
    verb_at = previous + verbs[-1].start() if verbs else None
    found = reader.speaker_in(previous, previous + len(text), verb_at)
    return (reader.resolve(found[0]), found[1]) if found else None


def _opens_paragraph(reader: _Reader, quote: Quote) -> bool:
    paragraph_at, _ = reader.paragraph_of(quote.open_at)
    return not reader.masked[paragraph_at : quote.open_at].strip()


def _previous_paragraph(reader: _Reader, paragraph_at: int) -> int | None:
    earlier = [offset for offset, _ in reader.paragraphs if offset < paragraph_at]
    return earlier[-1] if earlier else None


def _from_colon_blocks(reader: _Reader) -> list[Said]:
    """'Mr Lavery made this statement on Facebook:' followed by paragraphs of his own words."""
    said = []
    for index, (offset, paragraph) in enumerate(reader.paragraphs):
        masked = reader.masked[offset : offset + len(paragraph)]
        if not masked.rstrip().endswith(":") or masked.strip() != paragraph.strip():
            continue
        verbs = list(_SPEECH.finditer(masked)) or list(
            re.finditer(r"\b(?:statement|article|post|letter|explained)\b", masked, re.I)
        )
        if not verbs:
            continue
        found = reader.speaker_in(offset, offset + len(paragraph), offset + verbs[-1].start())
        mp = reader.resolve(found[0]) if found else None
        if mp is None:
            continue
        body = _colon_body(reader, index + 1)
        if body:
            said.append(
                Said(mp, body, "first", "statement after colon", 0.8, masked, offset, paragraph)
            )
    return said


def _colon_body(reader: _Reader, first: int) -> str:
    taken: list[str] = []
    for offset, paragraph in reader.paragraphs[first : first + MAX_COLON_PARAGRAPHS]:
        stripped = paragraph.strip()
        if stripped[0] in _OPENERS or _attributes_speech(reader, offset, paragraph):
            break
        if len(stripped) < 60 and not re.search(r"[.!?:”\"]$", stripped):
            break  # a heading or a call to action: the statement is over
        signed = _SIGNATURE.search(stripped)
        taken.append(stripped[: signed.start()] if signed else stripped)
        if signed or stripped.endswith("”"):
            break
    return "\n\n".join(t.strip('“”" ') for t in taken)


def _attributes_speech(reader: _Reader, offset: int, paragraph: str) -> bool:
    inside = [m for m in reader.mentions if offset <= m.start < offset + len(paragraph)]
    return any(m.how not in ("pronoun",) for m in inside) and bool(_SPEECH.search(paragraph))


_REPORTING = re.compile(
    r"\b(?:has\s+|had\s+|have\s+)?(?:said|says|told|tells|added|wrote|writes|posted|posts"
    r"|tweeted|announced|announces|insisted|insists|argued|argues|explained|warned|warns|stated"
    r"|stating|claimed|confirmed|confirms|admitted|admits|revealed|reveals|declared|declares"
    r"|pledged|vowed|promised|indicated|made\s+clear|ruled|urged|urges|called\s+(?:on|for)"
    r"|paid\s+tribute|praised|welcomed|hailed|criticised|condemned|accused"
    r"|calls\s+(?:on|for)|replied|responded|acknowledged|conceded|suggested|signalled)\b",
    re.I,
)


# Verbs that tell an event in the reporter's own words: 'X has resigned as', 'X pulled out of
# the race', 'X threw her weight behind Y'. `kinds.classify` decides which event, if any.
_EVENT_VERB = re.compile(
    r"\b(?:resign\w*|quit\w*|st(?:ood|and\w*|ep\w*)\s+down|walk\w*\s+out|hand\w*\s+in"
    r"|launch\w*|declar\w+|enter\w*|announc\w+|confirm\w*|throw\w*|threw|stand\w*|stood"
    r"|run(?:s|ning)?|ran|challeng\w+|bid\w*|withdr[ae]w\w*|pull\w*\s+out|dropp?\w*\s+out"
    r"|bow\w*\s+out|rul\w+|back\w*|endors\w+|nominat\w+|support\w*|came\s+out|come\s+out"
    r"|defect\w*|cross\w*|join\w*|left|leav\w+|switch\w*|sit\w*|sat|will\s+not|won't|is|was"
    r"|has|have|had)\b",
    re.I,
)
_SO_DID = re.compile(r"^\s*(?:And\s+)?[Ss]o\s+(?:did|has|have|too)\b")


def _from_reported(reader: _Reader) -> list[Said]:
    """Sentences with no quote whose subject is a tracked MP and whose verb reports speech
    ('Mr Lavery said he would...') or tells an event ('Ms Phillips pulled out of the race')."""
    said = []
    bounds = [m.end() for m in _SENTENCE_BREAK.finditer(reader.masked)] + [len(reader.masked)]
    previous = ""
    for start, end in zip([0, *bounds], bounds, strict=False):
        sentence = reader.text[start:end]
        if not reader.masked[start:end].strip():
            continue
        so_did = _so_did(reader, start, end, previous)
        found = [so_did] if so_did else _reported_words(reader, start, end)
        previous = " ".join(sentence.split())
        for mp, how, words in found:
            window = _in_passing(reader, start, end, mp) if how == RELATIVE else sentence
            for each in _subjects(reader, start, end, mp):
                said.append(Said(each, words, "reported", how, 0.75, window, start, words))
        words = " ".join(sentence.split())
        said += [
            Said(mp, words, "reported", RELATIVE, 0.75, told, start, words)
            for mp, told in _others_in_passing(reader, start, end, {s.mp for s in said})
        ]
        said += [
            Said(mp, words, "reported", BACKED_BY, 0.75, sentence, start, words)
            for mp in _backers(reader, start, end)
        ]
    return said


BACKED_BY = "reporter's words, backed by"
# 'Mr Streeting was endorsed at the launch by Peter Kyle'; 'won the backing of Jo Bloggs'.
_BACKING = re.compile(
    r"\b(?:(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+|also\s+)?"
    r"(?:endorsed|backed|nominated)\b[^.;]{0,40}?\bby|(?:won|secured|received|picked\s+up"
    r"|gained)\s+the\s+(?:backing|support|endorsement|nominations?)\s+of)\s+",
    re.I,
)


def _backers(reader: _Reader, start: int, end: int) -> list[str]:
    """The tracked MPs a sentence says back its subject, in the passive ('was endorsed by')
    or by its noun ('won the backing of'): each listed after 'by' or 'of'."""
    found = _BACKING.search(reader.masked, start, end)
    if found is None or _HEARSAY.search(reader.masked[start:end]):
        return []
    after = [m for m in reader.mentions if found.end() <= m.start < end and _named(m)]
    if not after or after[0].mp is None:
        return []
    gap = reader.masked[found.end() : after[0].start]
    if gap.strip(" ,") and not _TITLE_BEFORE.fullmatch(gap):
        return []  # other words between 'by' and the name: not the backer
    return _subjects(reader, after[0].start, end, after[0].mp)


# Words of a post before a backer's name: 'by Business Secretary Peter Kyle', 'by the
# shadow chancellor, Mel Stride'.
_TITLE_BEFORE = re.compile(
    r"(?:the\s+)?(?:[\w'’-]+\s+){1,4}|(?:the\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+,\s*"
)


RELATIVE = "reporter's words, in a relative clause"


def _reported_words(reader: _Reader, start: int, end: int) -> list[tuple[str, str, str]]:
    """An event the sentence tells with a tracked MP as its subject, else the words it
    reports them saying. A relative clause after the subject ('Ms Carrow, who had been seen as
    a contender, said she would back Okafor') is read apart from the main clause: an event
    there is told in passing ('X, who withdrew on Wednesday, is in the audience'), beside
    whatever the main clause tells."""
    sentence = reader.text[start:end]
    if len(reader.masked[start:end].split()) < 3 or sentence.rstrip().endswith(":"):
        return []  # a quote with little around it is attributed on its own; or it
        # introduces the statement that follows
    words = " ".join(sentence.split())
    relative = _relative_clause(reader, start, end)
    main = _blanked(reader.text[start:end], relative, start)
    relayed = bool(_HEARSAY.search(reader.masked[start:end]))
    around = reader.around(start)
    found: list[tuple[str, str, str]] = []
    told_in_passing = _clause_read_alone(reader.text[start:end], relative, start)
    if relative and not relayed and classify_events(told_in_passing, around):
        subject = _reported_subject(reader, start, end, _EVENT_VERB, None, in_passing=True)
        found += [(subject, RELATIVE, words)] if subject else []
    if classify_events(main, around) and not relayed:
        subject = _reported_subject(reader, start, end, _EVENT_VERB, relative)
        if subject:
            return [*found, (subject, "reporter's words", words)]
    subject = _reported_subject(reader, start, end, _REPORTING, relative, reported=True)
    return [*found, (subject, "reported speech", words)] if subject else found


def _clause_read_alone(sentence: str, relative: tuple[int, int] | None, offset: int) -> str:
    """'Sharon Hodgson, who nominated Bridget at 9am,' -> 'Sharon Hodgson nominated Bridget at
    9am': the subject and its relative clause, read as a sentence."""
    if relative is None:
        return ""
    clause = sentence[relative[0] - offset : relative[1] - offset]
    return sentence[: relative[0] - offset] + " " + _WHO.sub("", clause).rstrip(",–— ")


def _in_passing(reader: _Reader, start: int, end: int, mp: str) -> str:
    """The words that tell an event in passing about `mp`: their name and relative clause."""
    for mention in (m for m in reader.mentions if start <= m.start < end):
        clause = _RELATIVE.match(reader.masked[:end], mention.end)
        if clause and reader.resolve(mention) == mp:
            told = _WHO.sub("", reader.text[clause.start() : clause.end()]).rstrip(",–— ")
            return f"{reader.text[mention.start : mention.end]} {told}"
    return reader.text[start:end]


def _others_in_passing(
    reader: _Reader, start: int, end: int, already: set[str]
) -> list[tuple[str, str]]:
    """Events told in passing about people the sentence does not open with: 'The contest was
    triggered by Kemi Badenoch, who announced her resignation as party leader on Monday'."""
    if _HEARSAY.search(reader.masked[start:end]):
        return []
    found = []
    for mention in (m for m in reader.mentions if start < m.start < end and _named(m)):
        mp = reader.resolve(mention)
        if mp is None or mp in already or not _RELATIVE.match(reader.masked[:end], mention.end):
            continue
        told = _in_passing(reader, start, end, mp)
        if classify_events(told, reader.around(start)):
            found.append((mp, told))
    return found


_WHO = re.compile(r"^\s*[,–—-]\s*who\s+")


# A phrase set off by commas right after a name, that renames or describes its person.
_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an|his|her|their|[a-z][\w'’-]*)\b[^,;:.]{0,120},")
_RELATIVE = re.compile(r"\s*[,–—-]\s*who\s+[^,–—]*(?:[,–—]|$)")


def event_words(said: Said) -> str:
    """The words of a report that tell its event: without a relative clause after the subject,
    or only that clause when the event is told there."""
    if said.how == BACKED_BY:  # 'Mr Streeting was endorsed by Peter Kyle': Kyle backed him
        backed = re.match(r"\W*((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)", said.text)
        return f"{said.mp} backed {backed.group(1)}." if backed else ""
    if said.how == RELATIVE:
        return " ".join(said.window.split())
    found = _RELATIVE.search(said.text)
    if said.how in ("reporter's words", "reported speech") and found:
        return said.text[: found.start()] + " " + said.text[found.end() :]
    return said.text


def _relative_clause(reader: _Reader, start: int, end: int) -> tuple[int, int] | None:
    """The span of a relative clause right after the sentence's first person, if any."""
    first = next((m for m in reader.mentions if start <= m.start < end), None)
    if first is None:
        return None
    found = _RELATIVE.match(reader.masked[:end], first.end)
    return (found.start(), found.end()) if found else None


def _blanked(text: str, span: tuple[int, int] | None, offset: int) -> str:
    if span is None:
        return text
    a, b = span[0] - offset, span[1] - offset
    return text[:a] + " " * (b - a) + text[b:]


def _so_did(reader: _Reader, start: int, end: int, previous: str) -> tuple[str, str, str] | None:
    """'Angela Rayner has endorsed Lisa Nandy. So did two of her colleagues, Jo Bloggs and
    ...': the MPs named after 'so did' did what the sentence before says they did."""
    if not _SO_DID.match(reader.masked[start:end]) or not previous:
        return None
    named = [m for m in reader.mentions if start <= m.start < end and _named(m)]
    if not named or named[0].mp is None or not classify_events(previous, reader.around(start)):
        return None
    words = " ".join(reader.text[start:end].split())
    return named[0].mp, "so did", f"{previous} {words}"


# 'LONDON, July 9 (Reuters) -': a wire story's dateline, before its first sentence.
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+,\s+\w+\.?\s+\d{1,2}\s*(?:\([^)]*\))?\s*[-–—]\s*")
_SUBORDINATE = re.compile(
    r"\b(?:that|if|whether|when|after|before|since|as|while|although|though|because|once"
    r"|until|unless)\b",
    re.I,
)
# What follows a reporting verb when words are reported: a clause within a few words.
_SAID_WHAT = re.compile(
    r"(?:\s+[\w'’.,-]+){0,7}?\s*(?:\bthat\b|\b(?:he|she|they|it|I|we|there|was|is|would|will"
    r"|could|had|has|must|should|were|are|to\s+\w+|calling|describing|saying|as)\b|:)",
    re.I,
)


def _listed_subjects(reader: _Reader, named: list[Mention]) -> bool:
    """'Kemi Badenoch, Julia Lopez and Alex Burghart resigned': MPs named one after another,
    joined only by commas and 'and', share the verb."""
    if any(m.mp is None for m in named):
        return False
    return all(_joins(reader.masked[a.end : b.start], a, b) for a, b in pairwise(named))


# Between two people listed as one subject: a comma or 'and', perhaps with the next one's
# seat ('Bridlington's Charlie Dewhirst and Wetherby's Alec Shelbrooke').
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+&)\s*(?:[A-Z][\w-]+['’]s\s+)?")


def _joins(gap: str, before: Mention, after: Mention) -> bool:
    """Whether two mentions are listed together, or name one person twice ('South Devon MP
    Caroline Voaden')."""
    return bool(_LIST_GAP.fullmatch(gap)) or (before.mp == after.mp and not gap.strip())


def _subjects(reader: _Reader, start: int, end: int, first: str) -> list[str]:
    """The MP found as a sentence's subject, and any listed with it."""
    inside = [m for m in reader.mentions if start <= m.start < end and _named(m)]
    listed = [first]
    for before, after in pairwise(inside):
        if after.mp is None or not _joins(reader.masked[before.end : after.start], before, after):
            break
        listed.append(after.mp)
    return list(dict.fromkeys(listed))


def classify_events(sentence: str, context: str) -> bool:
    return any(e.kind != "statement" for e in classify(sentence, "reported", context))


def _reported_subject(
    reader: _Reader,
    start: int,
    end: int,
    verbs: re.Pattern[str],
    skip: tuple[int, int] | None,
    *,
    reported: bool = False,
    in_passing: bool = False,
) -> str | None:
    """The MP who is the subject of the sentence's first verb of `verbs` (outside the span
    `skip`): for reported speech ('said he would'), words must follow."""
    inside = [m for m in reader.mentions if start <= m.start < end]
    if not inside:
        return None
    subject = inside[0]
    heading = re.match(r"\s*:\s+", reader.masked[subject.end : end])
    if heading:  # 'Two more endorsements for Tom Morrison: Layla Moran has come out ...'
        start = subject.end + heading.end()
        inside = [m for m in inside if m.start >= start]
        if not inside:
            return None
        subject = inside[0]
    lead = DATELINE.sub("", reader.masked[start : subject.start])  # 'LONDON, Dec 6 (Wire) -'
    if len(lead) > 60 and not lead.rstrip().endswith(","):
        return None  # a long lead-in that is not a phrase set off by a comma: not the subject
    if _NOT_OWN_WORDS.search(lead) or re.search(r"\b(?:of|to|by|about|with|for)\s*$", lead):
        return None
    subordinate = _SUBORDINATE.search(lead)
    if subordinate and not reported and subordinate.group().lower() == "after":
        subordinate = None  # 'The government is reeling after Rishi Sunak quit as chancellor'
    if _REPORTING.search(lead) or _HEARSAY.search(lead) or subordinate:
        return None  # 'No 10 confirmed that X had resigned'; 'When X crossed the floor, ...'
    rest = _blanked(reader.masked[:end], skip, 0)[subject.end : end]
    if re.search(r"\b(?:said|says|has\s+said)\s+(?:nothing|little|very\s+little)\b", rest):
        return None
    verb = verbs.search(rest[:160])
    mp = reader.resolve(subject)
    if verb is None or mp is None or len(rest[verb.end() :].split()) < (2 if reported else 1):
        return None
    others = [m for m in inside[1:] if m.start < subject.end + verb.start() and _named(m)]
    others = [m for m in others if skip is None or not skip[0] <= m.start < skip[1]]
    apposition = _APPOSITION.match(reader.masked, subject.end)
    if apposition:  # 'Richard Burgon, the chair of the Socialist Campaign Group, has ...'
        others = [m for m in others if m.start >= apposition.end()]
    if any(m.mp != mp for m in others) and not _listed_subjects(reader, [subject, *others]):
        return None  # someone else is named before the verb: the MP may not be its subject
    between = rest[: verb.start()]
    if _PASSIVE.search(between) or _NOT_OWN_WORDS.search(between) or _CLAUSE_BREAK.search(between):
        return None
    if _HEARSAY.search(rest[: verb.end() + 40]):
        return None  # 'is said to be weighing up', 'has told friends he is'
    if re.search(r"\b(?:not|never|yet\s+to|declined\s+to|refused\s+to)\s+(?:\w+\s+)?$", between):
        return None  # 'has not said publicly whether': no statement
    if re.search(r"[,–—-]\s*who\s+(?:\w+\s+){0,2}$", between) and not in_passing:
        return None  # the verb is in a relative clause
    if reported and not _SAID_WHAT.match(rest[verb.end() :]):
        return None  # 'declared last week': no words reported
    return mp
