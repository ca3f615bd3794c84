"""Who said what in quotes: a quote's speaker from its attribution ('..., Mr Lavery said';
'Ms Phillips said: "..."'), from the quote before it, from a report of the speaker just before;
statements set out after a colon ('Mr Lavery made this statement on Facebook:'). Reported
speech and the reporter's own words are read by `reports`; `attribute` puts both together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from watcher.extract.people import Gender, Mention, Roster
from watcher.extract.reader import (
    BARE_ATTRIBUTION,
    HEARSAY,
    MAX_COLON_PARAGRAPHS,
    NOT_OWN_WORDS,
    OPENERS,
    PARTICIPLE,
    SIGNATURE,
    SPEECH,
    Quote,
    Reader,
    Said,
    is_named,
    previous_paragraph,
)
from watcher.extract.reference import People
from watcher.extract.reports import REPORTING, from_reported, reported_subject


@dataclass(frozen=True)
class Attribution:
    said: list[Said]  # everything tracked MPs said, in order of appearance
    masked: str  # the text with its quotes blanked out, positions kept
    people: People  # everyone the text names, for resolving who else a statement is about


CONTINUED = "continued quote"  # a quote that goes on from the one before, unattributed


def attribute(text: str, roster: Roster) -> Attribution:
    """Everything in `text` that a tracked MP said, in order of appearance."""
    reader = Reader(text, roster)
    said = _from_quotes(reader) + _from_colon_blocks(reader) + _from_transcript(reader)
    said += _from_interview(reader)
    said += from_reported(reader)
    return Attribution(sorted(said, key=lambda s: s.position), reader.masked, reader.people)


def _from_quotes(reader: Reader) -> list[Said]:
    said: list[Said] = []
    last: tuple[str | None, int] | None = None  # the previous quote's speaker, and its paragraph
    for quote in reader.quotes:
        if _pull_quote(reader, quote) or _in_a_list_of_links(reader, quote):
            continue
        paragraph_at, _ = reader.paragraph_of(quote.open_at)
        found = _quote_speaker(reader, quote)
        how, confidence = "quote", 0.9
        if len(quote.text.split()) < 2 and not _said_as(reader, quote):
            continue  # a word in quotation marks, not set out as what someone said
        if found is None and not _has_attribution(reader, quote):
            found, how, confidence = _unattributed(reader, quote, last, paragraph_at)
        if found is None:
            last = None
            continue
        mp, window = found
        last = (mp, paragraph_at)
        if mp is not None and _names_its_speaker(quote.text, mp, window):
            continue  # '“I back Clive,” the chancellor said': not Clive's words
        if mp is not None and _anothers_words(reader, quote, mp):
            continue  # 'said Lisa Nandy's claim that "housing is fixed" was nonsense': hers
        if mp is not None:
            report = reader.sentence_around(quote.open_at, quote.close_at)
            said.append(
                Said(mp, quote.text, "first", how, confidence, window, quote.open_at, report)
            )
    return said


def _names_its_speaker(words: str, mp: str, attribution: str) -> bool:
    """Whether a quote given to `mp` by a pronoun or a role names that MP by first name or in
    full ('“Clive is wrong,” he said'): then someone else is speaking of them. (A surname
    alone may be a namesake's: 'Welcome, Dr Spencer', said by another Spencer.)"""
    first, *_ = mp.split()
    if first in attribution or mp in attribution:
        return False  # named by the attribution itself
    return first in _WORD.findall(words)


def _anothers_words(reader: Reader, quote: Quote, mp: str) -> bool:
    """Whether the quote is set out as the words of someone other than `mp`: 'Lisa Nandy's
    claim that "..."', 'the government's slogan, "..."'; not 'Mr Betts's pledge that'."""
    before = _ANOTHERS_WORDS_BEFORE.search(reader.text, max(0, quote.open_at - 80), quote.open_at)
    return before is not None and before.group("owner") not in mp.split()


_WORD = re.compile(r"[\w'’-]+")


def _said_as(reader: Reader, quote: Quote) -> bool:
    """Whether a one-word quote is set out as what was said: after a colon ('replied:
    "No."') or as a verb's object ('dismissed the claims as "nonsense"', 'called it
    "rubbish"')."""
    before = reader.masked[max(0, quote.open_at - 60) : quote.open_at]
    return bool(_ONE_WORD_SAID.search(before))


# Words of someone else's right before a quote: 'Lisa Nandy's claim that', 'the
# government's slogan,'.
_ANOTHERS_WORDS_BEFORE = re.compile(
    r"(?P<owner>[\w-]+)['’]s?\s+(?:[\w-]+\s+){0,2}?(?:claims?|pledges?|promises?"
    r"|slogan|words|description|phrase|assertion|insistence|suggestion|boast|mantra|catchphrase"
    r"|remarks?|comments?|accusations?|vow|motto|tweet|post|headline)"
    r"(?:\s+(?:that|of|about))?[\s,:]*$",
    re.I,
)
_ONE_WORD_SAID = re.compile(
    r"(?::\s*|\b(?:as|it|them|him|her|this|that)\s+)$"
    r"|\b(?:called|branded|dismissed|described|labelled|condemned|denounced)\b[^.;:“\"]{0,40}$"
)


def _pull_quote(reader: Reader, quote: Quote) -> bool:
    """A quote set alone in its paragraph that repeats words quoted elsewhere in the item: a
    pull quote, whose speaker is the one where the words first stand, not the paragraph
    before."""
    words = _plain(quote.text)
    if len(words) < 12 or not _stands_alone(reader, quote):
        return False
    return any(words in _plain(other.text) for other in reader.quotes if other is not quote)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.replace("’", "'")).casefold().split())


def _has_attribution(reader: Reader, quote: Quote) -> bool:
    """Whether the quote's sentence names a speaker of its own ('"...," Melanie said'), even
    one nobody tracks: then it is nobody's by continuation."""
    start, _ = reader.sentence_bounds(quote.open_at)
    _, end = reader.sentence_bounds(quote.close_at)
    return bool(SPEECH.search(reader.masked[start:end]))


def _unattributed(
    reader: Reader, quote: Quote, last: tuple[str | None, int] | None, paragraph_at: int
) -> tuple[tuple[str | None, str] | None, str, float]:
    """Whose a quote with no attribution of its own is, from what comes before it: the same
    speaker as the quote before ('X said she was "sorry". "Suella is a friend."', or a new
    paragraph opening with a quote mark); the MP a paragraph before reported as speaking;
    the MP the sentence before is about ('Mrs Braverman was defiant. "I am going nowhere."')."""
    paragraph_before = previous_paragraph(reader, paragraph_at)
    if last is not None and (
        (_opens_paragraph(reader, quote) and last[1] in (paragraph_at, paragraph_before))
        or (_opens_sentence(reader, quote) and last[1] == paragraph_at)
    ):
        return (last[0], ""), CONTINUED, 0.7
    speaker = _reported_before(reader, paragraph_at) if _stands_alone(reader, quote) else None
    if speaker and last is None:
        return (speaker, ""), "quote after a report of the speaker", 0.7
    speaker = _sole_subject_before(reader, quote) if _opens_sentence(reader, quote) else None
    if speaker:
        return (speaker, ""), "quote after a sentence about the speaker", 0.7
    return None, "", 0.0


def _opens_sentence(reader: Reader, quote: Quote) -> bool:
    """A quote that is a sentence of its own: no words before it in its sentence, and none
    after it but the sentence's end."""
    start, end = reader.sentence_bounds(quote.open_at)
    before = reader.masked[start : quote.open_at]
    after = reader.masked[quote.close_at : end]
    if not _runs_on(quote, after):
        after = ""  # '... a movement.” Check out the trailer below.': a new sentence follows
    return not before.strip() and not after.strip().strip(".")


def _sole_subject_before(reader: Reader, quote: Quote) -> str | None:
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


def _stands_alone(reader: Reader, quote: Quote) -> bool:
    """A quote that is its paragraph's only words: nothing outside it names or cues anyone."""
    offset, paragraph = reader.paragraph_of(quote.open_at)
    return not reader.masked[offset : offset + len(paragraph)].strip(' .,;:–—-"“”')


def _reported_before(reader: Reader, paragraph_at: int) -> str | None:
    """The MP the paragraph before reports as speaking, in its first sentence, when no one
    else is quoted there."""
    previous = previous_paragraph(reader, paragraph_at)
    if previous is None or any(previous <= q.open_at < paragraph_at for q in reader.quotes):
        return None
    _, end = reader.sentence_bounds(previous)
    return reported_subject(reader, previous, min(end, paragraph_at), REPORTING, None,
                             reported=True)  # fmt: skip


# The clause before a quote going on after it: '... on the ballot and has urged Haigh'.
_AND_THEN = re.compile(
    r"\b(?:and|but)\s+(?:has|have|had|is|was|were|then|also|later|will|would)\b", re.I
)


def _in_a_list_of_links(reader: Reader, quote: Quote) -> bool:
    """'Related: Holyrood 2026: every result | Ian Murray: "Edinburgh is my home"': a quote
    in a line of links to other stories."""
    _, paragraph = reader.paragraph_of(quote.open_at)
    return bool(_LINKS_LINE.match(paragraph.strip()))


_LINKS_LINE = re.compile(
    r"(?:Related|Read\s+more|More\s+on\s+this(?:\s+story)?|See\s+also|Also\s+read|Most\s+read"
    r"|Read\s+next|More\s+from)\s*:",
    re.I,
)


def _quote_speaker(reader: Reader, quote: Quote) -> tuple[str | None, str] | None:
    """(the MP or None for someone else, the attribution's words), or None when unattributed."""
    _, end = reader.sentence_bounds(quote.close_at)
    after = reader.masked[quote.close_at : end]
    runs_on = _runs_on(quote, after) and not _LATER_CLAUSE.match(after)
    verb = SPEECH.search(after[:80]) if runs_on else None
    if verb and _AND_THEN.search(after[: verb.start()]):
        verb = None  # '... “want to see a woman” on the ballot and has urged Haigh': the earlier
        # clause goes on, with the subject named before the quote
    if verb and _PARTICIPLE_AFTER.match(after):
        verb = None  # 'X said she was “disappointed”, telling broadcasters that Mr Kruger ...':
        # the participle is the speaker's named before, and the name after is another's
    own = _OWN_WRITING.match(after) if verb else None
    if own:  # '"...," his letter said': the letter's writer speaks
        at = quote.close_at + own.start(1)
        gender: Gender = "m" if own.group(1) == "his" else "f"
        writer = reader.people.identify(Mention(at, at + 3, None, "pronoun", gender, ""))
        return (writer.mp if writer else None), after
    if verb:
        found = reader.speaker_in(quote.close_at, end, None)
        if found:
            return reader.resolve(found[0]), found[1]
        if NOT_OWN_WORDS.search(after):
            return None, after
    start, _ = reader.sentence_bounds(quote.open_at)
    before = reader.masked[start : quote.open_at]
    if not before.strip():  # a paragraph that opens with the quote, after 'X said:'
        return _colon_before(reader, quote.open_at) if _opens_paragraph(reader, quote) else None
    verbs = list(SPEECH.finditer(before))
    if not verbs and before.rstrip().endswith(":"):
        return _named_before_colon(reader, start, quote.open_at)
    if verbs:
        verb_at = start + verbs[-1].start()
        found = reader.speaker_in(start, quote.open_at, verb_at)
        if found:
            return reader.resolve(found[0]), found[1]
        if NOT_OWN_WORDS.search(before):
            return None, before
    return None


# A participle of speech right after the quote: the sentence's subject goes on speaking.
_PARTICIPLE_AFTER = re.compile(r"[\s,”\"'’]*" + PARTICIPLE.pattern, re.I)
# What the speaker wrote, right after the quote: '"...," his letter said', 'her statement read'.
_OWN_WRITING = re.compile(
    r"[\s,”\"'’]*(his|her)\s+(?:resignation\s+)?(?:letter|statement|post|tweet|email|message"
    r"|note|video|article|column)\s+(?:said|says|read|reads|added|continued|went\s+on)\b"
)
# '"That makes me smart," when Clinton blasted him': a clause of its own after the quote,
# whose subject did not say it.
_LATER_CLAUSE = re.compile(
    r"[\s,”\"'’]*(?:(?:when|after|before|while|whilst|because|since|until|unless|whereas)\b"
    r"|(?:and|but)\s+(?!(?:he|she|they|I)\b)(?-i:[a-z])"  # '... “sold a pup” and urged Mr Wilson'
    # '... that he was “proud to be nominating Wes”, and Peter Kyle said ...': a new subject
    r"|,\s*(?:and|but|while|whereas)\s+(?-i:[A-Z]))",
    re.I,
)


def _runs_on(quote: Quote, after: str) -> bool:
    """Whether the words after a quote continue its sentence ('..., he said'): a quote that
    closes its own sentence ('... my full support.' Mr Cleverly said he was humbled.') is
    followed by another sentence, about someone else as likely as not."""
    if not re.search(r"[.!?…]\W*$", quote.text):
        return True
    following = after.lstrip(" ”\"'’")
    return not following[:1].isupper() or bool(BARE_ATTRIBUTION.match(following))


def _named_before_colon(reader: Reader, start: int, end: int) -> tuple[str | None, str] | None:
    """'Chamberlain: "Never say never." Morrison: "Our votes are not for sale."': the person
    named last before the colon speaks, when only a few words ('beamed', 'stepped in') come
    between."""
    window = reader.masked[start:end]
    inside = [m for m in reader.mentions if start <= m.start < end and m.how != "pronoun"]
    between = reader.masked[inside[-1].end : end] if inside else ""
    if not inside or len(between.split()) > 9:
        return None  # 'Farage beamed:', 'The Speaker, Sir Lindsay Hoyle, stepped in:' pass
    if HEARSAY.search(window) or reader.people.identify(inside[-1]) is None:
        return None
    if _ON_BEHALF.search(reader.masked[start : inside[-1].start]):
        return None  # 'A source close to Bridget Phillipson sniped:'

    return reader.resolve(inside[-1]), window


# Someone speaking for or about the person named next: 'a source close to', 'a spokesman
# for', 'allies of' (not 'Tory education spokeswoman Laura Trott').
_ON_BEHALF = re.compile(
    rf"(?:{NOT_OWN_WORDS.pattern})\s+(?:\w+\s+)?(?:for|to|of|around|near)\b", re.I
)


def _colon_before(reader: Reader, position: int) -> tuple[str | None, str] | None:
    """A quote opening its paragraph, after a paragraph that ends 'Mr Lavery said:'."""
    paragraph_at, _ = reader.paragraph_of(position)
    previous = previous_paragraph(reader, paragraph_at)
    if previous is None:
        return None
    text = reader.masked[previous:paragraph_at].rstrip()
    if not reader.text[previous:paragraph_at].rstrip().endswith(":"):
        return None  # it ends with a quote of its own ('… said: "…"'), not with the colon
    verbs = list(SPEECH.finditer(text))
    verb_at = previous + verbs[-1].start() if verbs else None
    found = reader.speaker_in(previous, previous + len(text), verb_at)
    lead = reader.masked[previous : found[0].start] if found else ""
    if found and verb_at is None and lead.strip() and not _BY_AGENT.search(lead):
        return None  # 'The woman’s enthusiasm for Trump is recorded in detail:': no speaker
    return (reader.resolve(found[0]), found[1]) if found else None


# 'read out by Sir Bob Blackman:': the agent of a passive, who speaks.
_BY_AGENT = re.compile(r"\bby\s+(?:(?:Sir|Dame|Mr|Mrs|Ms|Dr|Lord|Lady)\.?\s+)?$")


def _opens_paragraph(reader: Reader, quote: Quote) -> bool:
    paragraph_at, _ = reader.paragraph_of(quote.open_at)
    return not reader.masked[paragraph_at : quote.open_at].strip()


def _from_colon_blocks(reader: Reader) -> list[Said]:
    """'Mr Lavery made this statement on Facebook:' followed by paragraphs of his own words."""
    said = []
    for index, (offset, paragraph) in enumerate(reader.paragraphs):
        masked = reader.masked[offset : offset + len(paragraph)]
        if not masked.rstrip().endswith(":") or masked.strip() != paragraph.strip():
            continue
        verbs = list(SPEECH.finditer(masked)) or list(
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


# 'Lisa Nandy: There isn't a vacancy.', 'LN: …', 'ANDY McDONALD: …': a speaker's label at the
# start of a paragraph of a transcript or an interview, then their words.
_LABEL = re.compile(
    r"\s*(?P<label>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t]*:[ \t]+(?P<words>\S)"
)


def _from_transcript(reader: Reader) -> list[Said]:
    """The paragraphs of a transcript or an interview: each opens with its speaker's label
    (their name, as printed, or their initials once the name has been given), then their
    words, unquoted. Read only where at least two paragraphs are labelled so."""
    labelled = [(o, p, m) for o, p in reader.paragraphs if (m := _LABEL.match(p))]
    if len(labelled) < 2:
        return []
    named = {m.mp for m in reader.mentions if m.mp}
    said: list[Said] = []
    asked = any(m.group("label").rstrip(".") in ("Q", "Question") for _, _, m in labelled)
    # initials -> MP: in a question-and-answer interview, of the MPs named; and from the
    # labels met so far
    speakers = _initialled(reader, named) if asked else {}
    opening = ""
    if asked:  # 'A:' answers are the interviewee's, where the opening says who that is
        opening_ends = labelled[0][0]
        interviewed = _interviewed(reader, opening_ends)
        if interviewed and _AN_INTERVIEW.search(reader.text[:opening_ends]):
            speakers |= dict.fromkeys(_ANSWER, interviewed)
            opening = _opening(reader, interviewed, opening_ends)
    for offset, paragraph, label in labelled:
        words = paragraph[label.start("words") :].strip()
        if words[:1] in OPENERS or words[:1] in ("‘", "'"):
            continue  # 'Chamberlain: “…”': a quote, read as one; 'Nandy: ‘Not my time’': a heading
        mp = _labelled(label.group("label"), named, speakers, reader.people.party.keys())
        if mp is None:
            continue
        speakers[_initials(mp)] = mp
        if label.group("label").rstrip(".") in _ANSWER:  # dated by the opening, as below
            said.append(
                Said(mp, words, "first", INTERVIEW, 0.8, opening, offset, paragraph.strip())
            )
        else:
            said.append(Said(mp, words, "first", "transcript", 0.8, label.group(), offset,
                             paragraph.strip()))  # fmt: skip
    return said


def _from_interview(reader: Reader) -> list[Said]:
    """The answers of a question-and-answer interview printed without labels: an opening that
    says it is an interview and tells of one tracked MP (`_interviewed`), then questions
    (paragraphs that end with '?', most of them asking 'you') each followed by the answer.
    Each answer is the MP's own words; a paragraph with quotation marks in it is the
    reporter's again, and after the last question only the one paragraph that answers it is
    read."""
    paragraphs = reader.paragraphs
    asked = [i for i, (_, p) in enumerate(paragraphs) if _QUESTION.fullmatch(p.strip())]
    if len(asked) < 2 or sum(bool(_TO_YOU.search(paragraphs[i][1])) for i in asked) < 2:
        return []
    if sum(1 for _, p in paragraphs if _LABEL.match(p)) >= 2:
        return []  # a labelled transcript, read by `_from_transcript`
    opening_ends = paragraphs[asked[0]][0]
    mp = _interviewed(reader, opening_ends)
    if mp is None or not _AN_INTERVIEW.search(reader.text[:opening_ends]):
        return []
    opening = _opening(reader, mp, opening_ends)
    said = []
    for question, following in zip(asked, [*asked[1:], asked[-1] + 2], strict=True):
        asking = paragraphs[question][1].strip()
        for offset, paragraph in paragraphs[question + 1 : following]:
            if _QUOTE_MARK.search(paragraph) or _QUESTION.fullmatch(paragraph.strip()):
                break
            said.append(
                Said(mp, paragraph.strip(), "first", INTERVIEW, 0.8, opening, offset, asking)
            )
    return said


def _opening(reader: Reader, mp: str, opening_ends: int) -> str:
    """Where and when an interview took place, which dates every answer: the opening's
    sentence that says so ('When we met ... on Friday'), else the opening from where it
    introduces the MP."""
    introduced = next(m.start for m in reader.mentions if m.mp == mp)
    since, _ = reader.paragraph_of(introduced)
    for said in _AN_INTERVIEW.finditer(reader.masked, since, opening_ends):
        start, end = reader.sentence_bounds(said.start())
        if len(reader.text[start:end].split()) > 3:  # 'When we met ... on Friday', not a label
            return " ".join(reader.text[start:end].split())
    return reader.text[since:opening_ends].strip()


def _interviewed(reader: Reader, opening_ends: int) -> str | None:
    """The MP an interview's opening is about: the only one it names, or the one that opens
    its first paragraph naming anyone ('Kit Malthouse has been MP for ... since 2015. We spoke
    ... as the contest to succeed Kemi Badenoch gathered pace.')."""
    named = [m for m in reader.mentions if m.start < opening_ends and is_named(m)]
    tracked = {m.mp for m in named if m.mp}
    if len(tracked) == 1:
        return tracked.pop()
    met = _met_with(reader, opening_ends)
    if met is not None:
        return met
    first = named[0] if named else None
    if first is None or first.mp is None:
        return None
    paragraph_at, _ = reader.paragraph_of(first.start)
    return first.mp if not reader.text[paragraph_at : first.start].strip() else None


def _met_with(reader: Reader, opening_ends: int) -> str | None:
    """The MP the sentence that says it is an interview points to ('When we met at his
    constituency office on Friday, he had made up his mind'), when its pronouns all mean one
    tracked MP."""
    for said in _AN_INTERVIEW.finditer(reader.masked, 0, opening_ends):
        start, end = reader.sentence_bounds(said.start())
        pronouns = [m for m in reader.mentions if start <= m.start < end and m.how == "pronoun"]
        meant = {reader.resolve(m) for m in pronouns}
        if meant:
            return meant.pop() if len(meant) == 1 and None not in meant else None
    return None


INTERVIEW = "interview"  # an answer in a question-and-answer interview
# A question put in an interview: one paragraph, at most forty words, ending with '?'.
_QUESTION = re.compile(r"(?:\S+\s+){0,39}\S*\?")
# The opening says it is an interview: 'We spoke at his office', 'In conversation with'.
_AN_INTERVIEW = re.compile(
    r"\b(?:interview\w*|we\s+(?:spoke|met|talked|sat\s+down|caught\s+up)|(?:spoke|talked|speaking)\s+to\s+"
    r"(?:him|her|us|me)|met\s+(?:him|her|us|me)|sat\s+down\s+with|in\s+conversation|Q\s*&\s*A)\b",
    re.I,
)
_TO_YOU = re.compile(r"\byou(?:r|rself)?\b", re.I)
_QUOTE_MARK = re.compile(r"[“”\"]")


def _labelled(
    label: str, named: set[str], speakers: dict[str, str], tracked: Iterable[str]
) -> str | None:
    """The MP a label names: the full name of a tracked MP (in any case: 'ED MILIBAND', whom
    only the headline may name), the surname of an MP the item names, the initials of a
    speaker already labelled by name, or 'A' for the one interviewed."""
    folded = " ".join(label.split()).casefold()
    fitting = [mp for mp in named if mp.casefold() == folded]
    fitting = fitting or [mp for mp in tracked if mp.casefold() == folded]
    fitting = fitting or [mp for mp in named if mp.casefold().split()[-1] == folded]  # 'PENCE'
    if len(fitting) == 1:
        return fitting[0]
    key = label.rstrip(".")
    return speakers.get(key) if (key.isupper() and len(key) <= 4) or key in _ANSWER else None


_ANSWER = ("A", "Answer")  # the labels of an interview's answers


def _initialled(reader: Reader, named: set[str]) -> dict[str, str]:
    """The initials of the MPs the item names, where nobody else it names has the same ones
    ('CL' for Clive Lewis, introduced before an interview)."""
    others = [
        _initials(reader.text[m.start : m.end])
        for m in reader.mentions
        if m.how == "person" and len(reader.text[m.start : m.end].split()) >= 2
    ]
    everyone = [_initials(mp) for mp in named] + others
    return {_initials(mp): mp for mp in named if everyone.count(_initials(mp)) == 1}


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split()).upper()


def _colon_body(reader: Reader, first: int) -> str:
    taken: list[str] = []
    for offset, paragraph in reader.paragraphs[first : first + MAX_COLON_PARAGRAPHS]:
        stripped = paragraph.strip()
        if stripped.startswith(tuple(OPENERS)) or _attributes_speech(reader, offset, paragraph):
            break
        if len(stripped) < 60 and not re.search(r"[.!?:”\"]$", stripped):
            break  # a heading or a call to action: the statement is over
        signed = SIGNATURE.search(stripped)
        taken.append(stripped[: signed.start()] if signed else stripped)
        if signed or stripped.endswith("”"):
            break
    return "\n\n".join(t.strip('“”" ') for t in taken)


def _attributes_speech(reader: Reader, offset: int, paragraph: str) -> bool:
    inside = [m for m in reader.mentions if offset <= m.start < offset + len(paragraph)]
    return any(m.how not in ("pronoun",) for m in inside) and bool(SPEECH.search(paragraph))
