"""One text made ready for attribution: its quotes, the text with them blanked out, its
paragraphs and sentences, the people it names (`people`), and the speaker of a speech verb.

`attribution` reads the quotes and statements set out after a colon; `reports` reads reported
speech and events told in the reporter's words. Both find speakers through `Reader`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from watcher.extract.people import Mention, Roster
from watcher.extract.reference import People
from watcher.extract.sentences import SENTENCE_BREAK as SENTENCE_BREAK

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|posted|posts|tweeted|declared|announced"
    r"|announces|insisted|insists|argued|argues|explained|explains|warned|warns|stated|states"
    r"|stating|continued|continues|claimed|claims|commented|comments|replied|replies|responded"
    r"|revealed|reveals|confirmed|confirms|admitted|admits|urged|urges|described|branded"
    r"|blasted|dismissed|called|calls|went\s+on|concluded|noted|notes|recalled|suggested"
    r"|pledged|vowed|promised|acknowledged|conceded|maintained|added\s+that|saying|telling"
    r"|writing|adding|made\s+(?:this|a|the)\s+(?:statement|announcement)|put\s+it"
    r"|shared|published|issued|released|boasted|joked|jokes|quipped|quips|remarked|retorted|snapped|bellowed"
    r"|shouted|mused|pleaded|protested|complained|answered|asked|asks|wondered|recalls"
    r"|calling|describing|paid\s+tribute|interjected|heckled|(?:shot|fired|hit)\s+back|began"
    r"|reckons|reckoned|predicted|predicts"
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
NOT_OWN_WORDS = re.compile(
    r"\b(all(?:y|ies)|sources?|spokes(?:man|woman|person|people)|friends?|aides?|supporters"
    r"|those\s+(?:around|close)|close\s+to|insiders?|colleagues\s+of|team|camp|officials?"
    r"|according\s+to\s+(?:a|one|two|several)|representatives?|advisers?|advisors?|people\s+close"
    r"|critics|rivals|opponents|office\s+of|(?:his|her|their)\s+office|whose\s+\w+)\b",
    re.I,
)
_A_PUBLISHED_COUNT = (
    r"\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}(?:tally|list|count|register|figures|records?"
    r"|returns)\b"
)
# 'according to a list circulated by her campaign': a source, blanked before hearsay is sought
# in a few words after a verb, where the list itself may be cut off.
PUBLISHED_SOURCE = re.compile(r"\baccording\s+to" + _A_PUBLISHED_COUNT, re.I)
# The MP's own people, named through a pronoun before a speech verb: 'his office', 'her
# campaign team', 'their aides'.
_THEIR_PEOPLE = re.compile(
    r"\b(?:his|her|their)\s+(?:[\w-]+\s+)?(?:office|team|campaign|aides?|allies|spokes\w+"
    r"|advisers?|staff|camp|press\s+officer)(?:,\s+which)?\s+(?:[\w-]+\s+){0,3}$",  # by the verb
    re.I,
)
HEARSAY = re.compile(
    r"\b(allegedly|reportedly|(?:is|are|was|were)\s+(?:(?:still|also|now|both|all|widely)\s+)?"
    r"said\s+(?:to|by)"
    r"|understood\s+to|believed\s+to|(?:widely\s+)?reported\s+to"
    # a count or a list kept in public is a source, not hearsay: 'according to the party's list'
    r"|according\s+to(?!" + _A_PUBLISHED_COUNT + ")"
    r"|is\s+thought\s+to|rumou?red|(?:told|telling|tells)\s+(?:\w+\s+)?(?:friends|allies"
    r"|aides|confidants|those\s+close)|privately|in\s+private"
    # 'X is to stand, his allies said'; 'Reports suggest X will defect'
    r"|spokes(?:person|man|woman)\s+(?:said|says|confirmed|added|insisted)"
    # 'Ms Powell said through a spokeswoman that ...'
    r"|\bthrough\s+(?:a|an|her|his|their)\s+(?:\w+\s+)?(?:spokes(?:person|man|woman)|lawyers?"
    r"|office|aides?|solicitors?|representatives?)\b"
    r"|(?<!\bthe\s)(?:allies|friends|insiders|confidants|sources|reports)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:said|say|says|suggest(?:s|ed)?|claim(?:s|ed)?|indicated?|insist(?:s|ed)?|believe)"
    r"|a\s+source\s+(?:close\s+to|in|on)\b)\b",
    re.I,
)
Voice = Literal["first", "reported"]
_TITLE_WORDS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Professor"}


# Words that may stand between a speaker and the speech verb: '..., Mr Lavery later said'.
_BY_THE_VERB = re.compile(
    r"\s*(?:(?:also|then|later|has|have|had|was|is|would|will|once|again|previously|earlier"
    r"|separately|simply|only|told\s+\w+|\d+)\s+)*",
    re.I,
)


def _not_the_head(between: str) -> bool:
    """Whether the words between the last name and the speech verb after a quote make the name
    part of a longer subject ('the Clinton ad', 'in the Trump campaign's office'): ordinary
    words not set off by commas, other than a few adverbs and auxiliaries."""
    if between.rstrip().endswith(",") or not re.search(r"[a-z]{2,}", between):
        return False
    return not _BY_THE_VERB.fullmatch(between)


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
    told: str = ""  # the event in plain words, when the sentence tells it of someone else
    # first ('X has endorsed her, as has Y' -> 'Y has endorsed her.')

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

# Typewriter copy and some wire services write double quotes as two apostrophes: ''...''.
OPENERS = {"“": "”", '"': '"', "«": "»", "''": "''"}
_OPENING = re.compile("''|[“\"«]")


def find_quotes(text: str, *, fewest_words: int = 2) -> list[Quote]:
    """Double-quoted passages of at least `fewest_words` words; a quote left open at a
    paragraph's end runs into the next one when that paragraph opens with a quote mark, as
    newspapers print long quotes."""
    quotes: list[Quote] = []
    current: tuple[int, str] | None = None  # where the open quote began, and its closing mark
    parts: list[str] = []
    for start, paragraph in _paragraphs(text):
        i = 0
        if current is not None:
            stripped = paragraph.lstrip()
            if not stripped.startswith(tuple(OPENERS)):
                quotes.append(Quote(current[0], start - 1, "\n\n".join(parts)))
                current = None
            else:
                i = len(paragraph) - len(stripped) + 1
                parts.append("")
        segment = i
        while True:
            if current is None:
                opening = _OPENING.search(paragraph, i)
                if opening is None:
                    break
                current, parts = (start + opening.start(), OPENERS[opening.group()]), [""]
                segment = i = opening.end()
                continue
            closing = paragraph.find(current[1], i)
            if closing < 0:
                break
            parts[-1] += paragraph[segment:closing]
            i = closing + len(current[1])
            quotes.append(Quote(current[0], start + i, "\n\n".join(p for p in parts if p)))
            current = None
        if current is not None:
            parts[-1] += paragraph[segment:]
    if current is not None:
        quotes.append(Quote(current[0], len(text), "\n\n".join(p for p in parts if p)))
    return [q for q in quotes if len(q.text.split()) >= fewest_words]


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

PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
STAMP = re.compile(
    r"^\s*(?:posted\s+at\s+|updated\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|GMT|BST)?|\d{1,2}\s*(?:am|pm))"
    r"(?:\s*(?:GMT|BST))?\s*$",
    re.I,
)
SIGNATURE = re.compile(r"[”\"]?\.?\s*[–—-]\s*[A-Z][\w'’ -]+$")
MAX_COLON_PARAGRAPHS = 12


def _ends_a_sentence(text: str, quote: Quote) -> bool:
    """A quote whose words end with a full stop, '?' or '!' and that another sentence follows
    ('“We will win.” The minister added ...'), unless what follows is only its speaker and the
    verb ('“Does anybody know?” Graham asked.')."""
    if not re.search(r"[.!?…]\W*$", quote.text):
        return False
    following = text[quote.close_at :]
    if not re.match(r"[ \t]+[A-Z“‘\"']", following):
        return False
    return not BARE_ATTRIBUTION.match(following.lstrip(" \t“‘\"'"))


# '"Does anybody know?" Graham asked.': a name and a speech verb, and nothing more, after a
# quote that ends its own sentence still attribute it ('... support.' Mr Cleverly said he
# was humbled.' tells something new).
BARE_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{SPEECH_VERBS})\s*(?:[.,;]|$)", re.I
)


class Reader:
    """Attribution over one text: its quotes, its people outside quotes, its paragraphs."""

    def __init__(self, text: str, roster: Roster) -> None:
        self.text = text
        self.quotes = find_quotes(text, fewest_words=1)
        self.masked = outside_quotes(text, self.quotes)
        self.people = People(self.masked, roster)
        self.mentions = self.people.mentions
        self.paragraphs = _paragraphs(text)
        self.quote_ends = [q.close_at for q in self.quotes if _ends_a_sentence(text, q)]

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        """Where the sentence holding `position` starts and ends: at a full stop, a line break,
        or a quote that ends a sentence of its own ('“We will win.” The minister added ...')."""
        breaks = [m.end() for m in SENTENCE_BREAK.finditer(self.masked, 0, position)]
        start = max([*breaks, *(e for e in self.quote_ends if e <= position)], default=0)
        end_match = SENTENCE_BREAK.search(self.masked, position)
        end = end_match.end() if end_match else len(self.masked)
        return start, min([end, *(e for e in self.quote_ends if e > position)])

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence (or sentences) holding text[start:end], on one line."""
        first, _ = self.sentence_bounds(start)
        _, last = self.sentence_bounds(max(end - 1, start))
        return " ".join(self.text[first:last].split())

    def around(self, position: int) -> str:
        """The opening, the paragraph holding `position` and the one before: where a report
        says which contest it is about."""
        offset, paragraph = self.paragraph_of(position)
        before = previous_paragraph(self, offset)
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
        if HEARSAY.search(window):
            return None
        inside = [m for m in self.mentions if start <= m.start < end]
        if not inside:
            return None
        if verb_at is not None:
            clause = _clause_start(self.masked, start, verb_at)
            clause = max(clause, self.sentence_bounds(verb_at)[0])  # the verb's own sentence
            before_verb = [m for m in inside if clause <= m.start and m.end <= verb_at]
            subjects = [
                m for m in before_verb if not self._object(m, start) and not self.possessive(m)
            ]
            inverted = [m for m in inside if m.start >= verb_at and is_named(m)]
            if not before_verb and not (
                inverted
                and re.match(r"\s*\w+\s{1,3}$", self.masked[verb_at : inverted[0].start])
                and self.masked[inverted[0].end : end].strip() in ("", ":", ",")
            ):
                return None  # 'One said he was ...', 'says the MP would': no speaker named
            if before_verb and not subjects:
                return None  # 'it attacked Trump, saying ...': the only name is an object
            if PARTICIPLE.match(self.masked, verb_at) and self._unnamed_subject(clause, subjects):
                return None  # 'A Labour figure who knows him predicted he would ..., adding:'
            chosen = (subjects or inverted)[0]
            next_to_verb = [
                m for m in before_verb if _BY_THE_VERB.fullmatch(self.masked[m.end : verb_at])
            ]  # 'He was, a Reform aide later explained,': the aide
            if next_to_verb:  # '..., Kall said:': the name just before the verb speaks
                chosen = next_to_verb[-1]
            if before_verb and PASSIVE.search(self.masked[chosen.end : verb_at]):
                return None
            if _THEIR_PEOPLE.search(self.masked[chosen.end : verb_at]):
                return None  # 'Haigh is short of the number her team says it wants'; 'a claim
                # his office dismissed as'; 'dismissed by his office, which said': the team or
                # the office speaks, not the MP
        else:
            if self._unknown_by_the_verb(start, end):
                return None  # '"...," Melanie said': someone the roster cannot place
            by_the_verb = self._by_the_verb(inside, start, end)
            chosen = by_the_verb or self._agent(inside, start, end) or inside[0]
        chosen = self._relative_speaker(chosen, inside, verb_at) or chosen
        if NOT_OWN_WORDS.search(window) and self._owned(chosen, start):
            return None
        return chosen, window

    def _unknown_by_the_verb(self, start: int, end: int) -> bool:
        """After a quote, the words right by the speech verb ('Melanie said', 'said Melanie', 'the
        ad's narrator says') are its speaker; when they are no one the text knows, nobody
        speaks here."""
        window = self.masked[start:end]
        verb = SPEECH.search(window[:80])
        if verb is None:
            return False
        before = re.search(r"([A-Z][\w'’-]+)\s*$", window[: verb.start()])
        after = re.match(r"\s+([A-Z][\w'’-]+)", window[verb.end() :])
        at_verb = start + verb.start()
        if any(
            m.end <= at_verb and not self.masked[m.end : at_verb].strip() for m in self.mentions
        ):
            after = None  # 'the chancellor told MPs': whom she told, not who speaks
        for word in (before, after):
            if word is None:
                continue
            at = start + (word.start(1) if word is before else verb.end() + word.start(1))
            if any(m.start <= at < m.end for m in self.mentions):
                return False  # 'Trump said Monday': the name by the verb is known
            return word.group(1) not in ("He", "She", "They", "I", "We", "It")
        subject = window[: verb.start()].strip(" ,.;:–—\n")
        named = [m for m in self.mentions if start <= m.start < start + verb.start()]
        if named and _not_the_head(self.masked[named[-1].end : start + verb.start()]):
            return True  # 'a narrator in the Clinton ad asks': the name only describes
        return bool(subject) and len(subject.split()) <= 5 and not named  # 'the ad's narrator'

    def _by_the_verb(self, inside: list[Mention], start: int, end: int) -> Mention | None:
        """'"...," of the Clinton proposals, Mr Holtz-Eakin said': the name right before the
        speech verb speaks, whoever else the words after the quote name."""
        verb = SPEECH.search(self.masked, start, min(end, start + 80))
        if verb is None:
            return None
        right_before = [
            m
            for m in inside
            if m.end <= verb.start() and not self.masked[m.end : verb.start()].strip()
        ]
        return right_before[-1] if right_before else None

    def _agent(self, inside: list[Mention], start: int, end: int) -> Mention | None:
        """'..., Rishi Sunak was told by Keir Starmer': the one after 'by' speaks."""
        passive = re.search(r"\b(?:was|were|is|are|been)\s+\w+\s+by\s+", self.masked[start:end])
        if not passive or SPEECH.search(self.masked[start : start + passive.start()]):
            return None  # '..., Dowden said in a message which was seen by a newswire'

        after = [m for m in inside if m.start >= start + passive.end()]
        return after[0] if after else None

    def _relative_speaker(
        self, chosen: Mention, inside: list[Mention], verb_at: int | None
    ) -> Mention | None:
        """'Kemi Badenoch attacked Keir Starmer, who said:': the one before 'who' speaks."""
        if verb_at is None:
            return None
        who = list(re.finditer(r",\s*who\b[^,;:.]*$", self.masked[chosen.end : verb_at]))
        # 'welcomed by Kemi Badenoch, who was also at the dinner and told guests:'
        if not who:
            return None
        before_who = [m for m in inside if m.end <= chosen.end + who[-1].start() and is_named(m)]
        return before_who[-1] if before_who else None

    def possessive(self, mention: Mention) -> bool:
        """'Kemi Badenoch's successor, James Cleverly,': a name in the possessive is not the
        one who speaks."""
        own = ("'s", "’s")
        named = self.masked[mention.start : mention.end]
        after = mention.end if not named.endswith(own) else mention.end - 2
        if _IS_OR_HAS.match(self.masked, after):
            return False  # 'Tim Farron's backing Wera Hobhouse': he is, not his
        return named.endswith(own) or self.masked[mention.end : mention.end + 2] in own

    def _unnamed_subject(self, clause: int, subjects: list[Mention]) -> bool:
        """Whether the clause opens with someone no mention stands for ('A Labour figure who
        has known him'), so that a participle after it ('..., adding:') is theirs."""
        if not subjects or subjects[0].how != "pronoun":
            return False  # 'Green Party MP Hannah Spencer ..., saying': named, after her title
        lead = self.masked[clause : subjects[0].start]
        return bool(re.search(r"[A-Za-z]", lead)) and not lead.rstrip().endswith(",")

    def _object(self, mention: Mention, start: int) -> bool:
        """'to the Prime Minister', 'with Mr Lavery': a name governed by a preposition. ('In a
        post on X she wrote': 'she' is a subject, whatever stands before it.)"""
        if self.masked[mention.start : mention.end].lower() in ("he", "she", "they"):
            return False
        before = self.masked[max(start, mention.start - 60) : mention.start]
        return bool(_GOVERNED_NAME.search(before) or _AFTER_A_VERB.search(before))

    def _owned(self, mention: Mention, start: int) -> bool:
        """'Allies of Mr Lavery', 'a source close to the MP', 'Mr Lavery's friends': words of
        people around the MP. An apposition ('the party's spokesperson, Daisy Cooper,') is the
        MP's own role, and so the MP's own words."""
        named = mention if is_named(mention) else self.people.identify(mention)
        if named is None or not is_named(named):
            return True
        if _POSSESSED.match(self.masked, named.end):
            return True  # 'Mr Lavery's aides said'
        if _WHOSE.match(self.masked, named.end) and not SPEECH.search(
            self.masked, start, named.start
        ):
            return True  # 'Mr Davis, whose office said', not 'said Ms Rayner, whose campaign'
        before = self.masked[start : mention.start]
        # 'Tory education spokeswoman Laura Trott', 'the party's spokesperson, Daisy Cooper,':
        # a title, unless it is someone's ('a spokeswoman for Ms Trott'); 'Allies of the
        # chancellor, Rachel Reeves,': the people around her
        return bool(_AROUND.search(before) or _ON_BEHALF_OF.search(before))


# People around an MP, whose words are theirs, not the MP's.
_AROUND = re.compile(
    r"\b(?:all(?:y|ies)|sources?|friends?|aides?|supporters|insiders?|colleagues|critics"
    r"|rivals|opponents|team|camp|people)\s+(?:of|around|near|for)\b"
    r"|\b(?:close\s+to|those\s+around|according\s+to\s+(?:a|one|two|several)|office\s+of)\b",
    re.I,
)  # 'allies of Mr Hinchliff', not 'her friend, the MP Jess Phillips' (she is the friend)
# Someone who speaks for the person named next: 'a spokesman for', 'an adviser to'.
_ON_BEHALF_OF = re.compile(rf"(?:{NOT_OWN_WORDS.pattern})\s+(?:for|to|of)\b", re.I)

# 'it attacked Trump, saying ...': a name right after a past tense is that verb's object.
_AFTER_A_VERB = re.compile(r"\b[a-z]{3,}ed\s+$")

CLAUSE_BREAK = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas|although|though)\s+|;\s*|\s+but\s+|\s+while\s+)", re.I
)


# 'to the Prime Minister', 'to Education Secretary Bridget Phillipson': a preposition, then
# at most a few capitalised words of title before the name.
_GOVERNED_NAME = re.compile(
    r"\b(?i:to|of|for|with|by|about|from|at|on|against|outside|inside|near|in|into|across|after"
    r"|before|during|under|over|behind|beside|towards|through|via|within|around|among)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}$"
)


# A speech verb that carries on what the clause's subject did: '..., adding:', ', saying'.
PARTICIPLE = re.compile(r"(?:adding|saying|telling|writing|insisting|arguing|warning)\b", re.I)


# "'s" for "is" or "has" before a verb: "Farron's backing", "she's been", "he's quit".
_IS_OR_HAS = re.compile(
    r"['’]s\s+(?:(?:now|also|already|just|still|not)\s+)?(?:been|got|backing|supporting"
    r"|standing|running|nominating|endorsing|quit|resigned|decided|confirmed|ruled|thrown|joined"
    r"|left|defected|stepped|put|launched|announced|said|told|made)\b"
)


def _clause_start(masked: str, start: int, verb_at: int) -> int:
    """Where the clause holding the verb at `verb_at` begins: 'X is expected to stand, and a
    source close to her said' is the source's clause."""
    breaks = [
        m.end()
        for m in CLAUSE_BREAK.finditer(masked, start, verb_at)
        if not _SAME_SUBJECT.fullmatch(masked, m.end(), verb_at)
    ]
    return breaks[-1] if breaks else start


def new_clause(words: str) -> bool:
    """Whether the words before a verb break into a clause with a subject of its own (', and a
    source close to her said'), not only a second verb of the same subject (', and says')."""
    return any(not _SAME_SUBJECT.fullmatch(words, m.end()) for m in CLAUSE_BREAK.finditer(words))


# Between a clause break and the verb: nothing but adverbs, so the verb shares the subject.
_SAME_SUBJECT = re.compile(r"\s*(?:(?:also|then|later|now|again|has|had|have|is|was)\s+)*", re.I)


def is_named(mention: Mention) -> bool:
    return mention.how not in ("pronoun", "role")


_WHOSE = re.compile(r"\s*,\s*whose\s+(?!own\b)")
_POSSESSED = re.compile(rf"['’]s\s+(?:\w+\s+){{0,2}}?(?:{NOT_OWN_WORDS.pattern})", re.I)


def previous_paragraph(reader: Reader, paragraph_at: int) -> int | None:
    earlier = [offset for offset, _ in reader.paragraphs if offset < paragraph_at]
    return earlier[-1] if earlier else None
