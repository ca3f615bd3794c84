"""Statements told in the reporter's words: reported speech ('Mr Lavery said he would not
stand'), events with a tracked MP as their subject ('Ms Phillips pulled out of the race'),
several MPs listed as one subject, 'So did X' after an endorsement, backing told in the passive
('was endorsed by Peter Kyle'), and events told in passing in a relative clause ('X, who
withdrew on Monday, ...'). History, hearsay and the words of others are not statements.
"""

from __future__ import annotations

import re
from itertools import pairwise

from watcher.extract.kinds import classify
from watcher.extract.people import LAUNCHED, Mention
from watcher.extract.reader import (
    HEARSAY,
    NOT_OWN_WORDS,
    PARTICIPLE,
    PASSIVE,
    PUBLISHED_SOURCE,
    SENTENCE_BREAK,
    Reader,
    Said,
    is_named,
    new_clause,
)
from watcher.extract.reference import SUCCEEDED
from watcher.kinds import Kind

# How a statement told in the reporter's words was found, beside "reported speech" and
# `REPORTERS_WORDS`: kept in its evidence, and read by `event_words`.
REPORTERS_WORDS = "reporter's words"  # an event whose subject is the MP: 'X has resigned'
REPORTED_SPEECH = "reported speech"  # 'X said he would stand'
RELATIVE = "reporter's words, in a relative clause"
BACKED_BY = "reporter's words, backed by"
SO_DID = "so did"  # an event told of someone else, told of this MP too: 'as did X'
IN_A_CLAUSE = "reporter's words, in a clause"  # 'after Layla Moran ended her campaign'

REPORTING = re.compile(
    r"\b(?:has\s+|had\s+|have\s+)?(?:said|says|told|tells|added|wrote|writes|posted|posts"
    r"|tweeted|announced|announces|insisted|insists|argued|argues|explained|warned|warns|stated"
    r"|stating|claimed|confirmed|confirms|admitted|admits|revealed|reveals|declared|declares"
    r"|pledged|vowed|promised|indicated|made\s+clear|ruled|urged|urges|called\s+(?:on|for)"
    r"|paid\s+tribute|praised|welcomed|hailed|criticised|condemned|accused"
    r"|calls\s+(?:on|for)|replied|responded|acknowledged|conceded|suggested|signalled"
    r"|noted|notes|stressed|stresses|emphasi[sz]ed|asserted|contended|maintained|maintains"
    r"|predicted|recalled|recalls|complained|lamented|denied|denies|boasted|joked|jokes|quipped"
    r"|quips|observed|repeated|repeats|reiterated|reiterates|restated"
    # 'Mr Trump is warning that ...', 'she was insisting that ...'
    r"|(?:is|are|was|were)\s+(?:now\s+|also\s+|still\s+)?(?:warning|claiming|insisting|arguing"
    r"|saying|telling|urging|suggesting|stressing|predicting|demanding))\b",
    re.I,
)


# Verbs that tell an event in the reporter's own words: 'X has resigned as', 'X pulled out of
# the race', 'X threw her weight behind Y'. `kinds.classify` decides which event, if any.
_EVENT_VERB = re.compile(
    r"\b(?:resign\w*|quit\w*|st(?:ood|and\w*|ep\w*)\s+down|walk\w*\s+out|hand\w*\s+in"
    r"|launch\w*|declar\w+|enter\w*|announc\w+|confirm\w*|throw\w*|threw|stand\w*|stood"
    r"|run(?:s|ning)?|ran|challeng\w+|bid\w*|withdr[ae]w\w*|pull\w*\s+(?:out|the\s+plug)|dropp?\w*\s+out"
    r"|bow\w*\s+out|rul\w+|back(?:s|ed|ing)?|endors\w+|nominat\w+|support(?:s|ed|ing)?"
    r"|came\s+out|come\s+out|gave\s+up|giv\w+\s+up|surrender\w*|end(?:s|ed|ing)?|suspend\w*"
    r"|abandon\w*|unveil\w*|revealed|welcomed|introduced|presented"
    r"|defect\w*|cross\w*|join\w*|left|leav\w+|switch\w*|sit\w*|sat|will\s+not|won't|is|was"
    r"|sign\w*\s+up|went|gone|ditch\w*|abandon\w*|desert\w*|jump\w*|mov\w+|becom\w*|became|kick\w*"
    r"|put(?:s|ting)?|secur\w*|gather\w*|seek\w*|bidding|asking|call\w*\s+time|step\w*|drop\w*"
    r"|g[ai]ve|giv\w+|relinquish\w*|vacat\w*|retir\w*|tender\w*|transferr\w*|shift\w*|lent"
    r"|lend\w*|pledg\w*|sign\w*|cast\w*|vot\w+|threw|thrown|stick\w*|loyal"
    r"|are\s+among|were\s+among|has|have|had)\b",
    re.I,
)
# A colon before a name, or before 'she said': 'Her reply was brisk: she said the figures ...'
_CLAUSE_COLON = re.compile(
    r":(?=[ \t]{1,2}[A-Z][\w'’-]+\s+[A-Z]|[ \t]{1,2}(?:he|she|they)\s+(?:said|says|told|added)\b)"
)
_SO_DID = re.compile(  # 'So did X', 'So, later that night, did X'
    r"^\s*(?:And\s+)?[Ss]o(?:,[^,.;]{1,40},)?\s+(?:did|has|have|too|is|are|was|were|will)\b"
)
_WHILE_CLAUSE = re.compile(
    r"(?:,|;|\s[–—])\s+(?:while|whereas)\s+(?=[A-Z])|;(?=\s+(?:and\s+|but\s+)?[A-Z])"
)


_AND_CLAUSE = re.compile(
    r",\s+and\s+(?=[A-Z][\w'’-]+\s+[A-Z][\w'’-]+(?:\s+and\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)?"
    r"(?:,\s+[^,;.]{1,60},)?\s+"
    r"(?:(?:is|are|has|have|was|were|had|will|would)\s+)?(?:also|too|likewise|now|then|said|says|told|tells"
    r"|added|wrote|the\s+latest|among|one\s+of|followed\s+suit|did\s+the\s+same"
    r"|followed(?=\s+(?:at|on|within|shortly|soon|later|minutes|hours|this|that)\b))\b)"
)
_FINITE = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|said|says)\b")


def _has_verb(reader: Reader, found: re.Match[str]) -> bool:
    """Whether the clause before ', and' has a verb of its own: a clause, not a list."""
    start = reader.sentence_bounds(found.start())[0]
    return bool(
        _FINITE.search(reader.masked, start, found.start())
        or _EVENT_VERB.search(reader.masked, start, found.start())  # 'put her name forward'
    )


def from_reported(reader: Reader) -> list[Said]:
    """Sentences with no quote whose subject is a tracked MP and whose verb reports speech
    ('Mr Lavery said he would...') or tells an event ('Ms Phillips pulled out of the race')."""
    said = []
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(reader.masked)]
    # 'Coutinho picked up two more backers: Mims Davies and Helen Whately both announced ...'
    breaks += [m.end() for m in _CLAUSE_COLON.finditer(reader.masked)]
    # 'Llinos Medi has endorsed him, while Ann Davies ruled herself out': two subjects
    breaks += [m.end() for m in _WHILE_CLAUSE.finditer(reader.masked)]
    # 'Kirsty Blackman has nominated Mr Doogan, and Chris Law is also supporting him'
    breaks += [m.end() for m in _AND_CLAUSE.finditer(reader.masked) if _has_verb(reader, m)]
    breaks += reader.quote_ends  # '... said: “We will win.” The culture secretary added ...'
    bounds = [*sorted(set(breaks)), len(reader.masked)]
    previous: list[str] = []  # the sentences before, nearest last
    for start, end in zip([0, *bounds], bounds, strict=False):
        sentence = reader.text[start:end]
        if not reader.masked[start:end].strip():
            continue
        so_did = _so_did(reader, start, end, previous[-2:])
        found = [so_did] if so_did else [(*f, "") for f in _reported_words(reader, start, end)]
        # 'So did X' after 'Y followed suit': what Y followed, told again
        previous.append(so_did[3] or so_did[2] if so_did else " ".join(sentence.split()))
        told_as = " ".join(sentence.split())
        said += [
            Said(mp, told_as, "reported", SO_DID, 0.75, sentence, start, told_as, words)
            for mp, words in _as_did(reader, start, end)
        ]
        for mp, how, words, told in found:  # `told`: the event in plain words, if apart
            window = _in_passing(reader, start, end, mp) if how == RELATIVE else sentence
            for each in _subjects(reader, start, end, mp):
                said.append(Said(each, words, "reported", how, 0.75, window, start, words, told))
        words = " ".join(sentence.split())
        said += [
            Said(mp, words, "reported", RELATIVE, 0.75, told, start, words)
            for mp, told in _others_in_passing(reader, start, end, {s.mp for s in said})
        ]
        letter = _signed_for(words, previous[-4:-1])
        said += [
            Said(
                mp,
                words,
                "reported",
                BACKED_BY,
                0.75,
                sentence,
                start,
                words,
                f"{mp} backed {letter}." if letter else "",
            )
            for mp in _backers(reader, start, end)
        ]
        said += [
            Said(mp, words, "reported", IN_A_CLAUSE, 0.75, told, start, words, told)
            for mp, told in _in_clauses(reader, start, end, {s.mp for s in said})
        ]
        said += [
            Said(mp, words, "reported", IN_A_CLAUSE, 0.75, words, start, words, told)
            for mp, told in _owned_event(reader, start, end, {s.mp for s in said})
        ]
    return said


def _signed_for(sentence: str, before: list[str]) -> str | None:
    """'... a letter endorsing Claire Coutinho. ... Among the signatories are ...': the one
    the letter told of a few sentences before backs."""
    if not _SIGNATORIES.match(sentence):
        return None
    letters = [found for told in reversed(before) if (found := _A_LETTER_FOR.search(told))]
    return letters[0].group("name") if letters else None


_SIGNATORIES = re.compile(
    r"\W*(?:Among\s+the\s+)?(?i:signatories|signers)\s+(?:are|were|include)\b"
)
_A_LETTER_FOR = re.compile(
    r"\b(?i:letter|statement|open\s+letter)\s+(?i:endorsing|backing|supporting|nominating|urging"
    r"\s+colleagues\s+to\s+back)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


# An event named as the MP's own, opening a sentence: 'Mel Stride's resignation as shadow
# chancellor, in a letter published at 1.08pm, is the most senior departure'.
_OWNED_EVENT = re.compile(
    r"(?:['’]s?)?\s+(?:(?P<resigned>resignation|departure)\s+(?=as|from)"
    r"|(?P<backed>endorsement|backing|nomination)\s+of\s+|(?P<defected>defection)\s+(?=to|from)"
    # 'Louise Haigh's campaign, launched on Monday', 'Shabana Mahmood's bid for Labour's deputy
    # leadership was formally launched', 'Angela Rayner's challenge to Sir Keir Starmer, which
    # she launched on Monday'
    r"|(?P<launched>(?:(?:deputy\s+)?leadership\s+)?(?:campaign|bid|challenge)"
    r"(?:\s+(?:for|to)\s+[^,.;]{1,60}?)?)(?:\s*,\s*(?:which\s+(?:she|he|they)\s+)?"
    r"|\s+(?=(?:was|has|had)\s))" + LAUNCHED + ")"
)
_AS_A_VERB = {"resigned": "resigned", "backed": "endorsed", "defected": "defected"}
_NOT_DONE = re.compile(r"\b(?:would|could|might|may|should|must|if|whether|calls?\s+for)\b", re.I)


def _owned_event(reader: Reader, start: int, end: int, already: set[str]) -> list[tuple[str, str]]:
    """The event a sentence opens by naming as a tracked MP's own ('Nusrat Ghani's endorsement
    of Claire Coutinho, posted at 7.45am, was ...'), told again as what the MP did."""
    inside = [m for m in reader.mentions if start <= m.start < end]
    if not inside or reader.masked[start : inside[0].start].strip() or not is_named(inside[0]):
        return []
    owner = inside[0]
    mp = reader.resolve(owner)
    if mp is None or mp in already or not reader.possessive(owner):
        return []
    found = _OWNED_EVENT.match(reader.masked, owner.end - 2)
    if found is None:
        return []
    sentence = reader.masked[start:end]
    if HEARSAY.search(sentence) or _NOT_DONE.search(sentence):
        return []
    group = next(group for group, text in found.groupdict().items() if text)
    rest = reader.text[found.end() : end].split(",")[0]
    name = re.sub(r"['’]s?$", "", reader.text[owner.start : owner.end])
    if group == "launched":  # what was launched, then when and where
        bid = " ".join(reader.text[found.start(group) : found.end(group)].split())
        told = f"{name} launched a {bid} {rest.strip()}."
    else:
        told = f"{name} {_AS_A_VERB[group]} {rest.strip()}."
    return [(mp, told)] if classify_events(told, reader.around(start), reader.text) else []


# A clause of time or manner whose subject is named right after its conjunction: 'after
# Layla Moran ended her campaign on Monday', 'as Lucy Powell came out for him', 'with Blair
# McDougall the latest to back Daniel Johnson', or titled by seat: 'hours after Birmingham
# Erdington MP Paulette Hamilton'.
_CLAUSE_OPENER = re.compile(
    r"(?:,\s*|\s)(?:just\s+)?(?P<word>after|as|when|with|once)\s+"
    r"(?:(?:(?-i:[A-Z])[\w'’-]*\s+){1,4}MP\s+)?$",
    re.I,
)
# The clause tells what was done: a verb in the past ('ended', 'came out', 'has signed'), or
# 'the latest to ...'.
_DONE = re.compile(
    r"\s+(?:(?:has|had|have)\s+)?(?:also\s+|now\s+|finally\s+|formally\s+)?"
    r"(?:[a-z]+ed|came|threw|quit|left|ran|stood|put|gave|withdrew|became|went|took|won|lent"
    r"|broke|wrote|spoke|told|said|set|cast|bowed|stepped|pulled|dropped|signed|the\s+latest"
    r"|the\s+first|the\s+second|the\s+third|the\s+last)\b"
)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A day or a time in a clause after 'after': what it tells is this news, not the story so far.
_A_DAY = re.compile(
    r"\b(?:(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight"
    r"|last\s+night|this\s+(?:morning|afternoon|evening)|earlier|hours?|minutes?"
    r"|\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm))\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:!?–—(]|\.(?!\d)|\s+and\s+(?=[A-Z])")  # not '9.30am'


def _in_clauses(reader: Reader, start: int, end: int, already: set[str]) -> list[tuple[str, str]]:
    """Events told in a clause of time or manner inside another sentence, of an MP named
    right after its conjunction: 'The race is a two-horse contest after Layla Moran ended
    her campaign on Monday.'"""
    if HEARSAY.search(reader.masked[start:end]):
        return []
    found = []
    for mention in (m for m in reader.mentions if start < m.start < end and is_named(m)):
        mp = reader.resolve(mention)
        opener = _CLAUSE_OPENER.search(reader.masked, max(start, mention.start - 60), mention.start)
        if mp is None or mp in already or opener is None:
            continue
        described = _relative_after(reader, mention.end, end)  # ', who had been considering'
        verb_at = described[1] if described else mention.end
        apposition = _APPOSITION.match(reader.masked[:end], mention.end)
        if not described and apposition and _DESCRIPTION.match(reader.masked, mention.end):
            verb_at = apposition.end()  # 'when Paula Barker, the Liverpool Wavertree MP, threw
        if not _DONE.match(reader.masked, verb_at):
            continue
        if _A_YEAR.search(_RELATIVE.sub(" ", reader.masked[start : mention.start])):
            continue  # 'In the 2025 deputy contest, ... after Emily Thornberry pulled out
        stop = _CLAUSE_END.search(reader.masked, verb_at, end)
        name = reader.text[mention.start : mention.end]
        told = " ".join(f"{name} {reader.text[verb_at : stop.start() if stop else end]}".split())
        if opener.group("word").lower() in ("after", "once") and not _A_DAY.search(told):
            continue  # 'gathered pace after Helen Carrow stepped back': told before, undated
        if classify_events(told + ".", reader.around(start), reader.text):
            found.append((mp, told + "."))
    return found


# 'Mr Streeting was endorsed at the launch by Peter Kyle'; 'won the backing of Jo Bloggs'.
_BACKING = re.compile(
    r"\b(?:(?:(?:backers|supporters|nominators|signatories|proposers)(?:\s+(?:to|of)\s+[^.;]{0,60}?)?"
    r"|(?:those|MPs|colleagues)\s+"
    r"(?:who\s+(?:have\s+)?)?"
    r"(?:backing|nominating|supporting|nominated|backed|endorsed|signed|submitted)\b[^.;]{0,60}?)"
    r"\s+(?:so\s+far\s+)?(?:include|includes|included)"
    # 'Among Mr Burnham's nominators are Ian Byrne and Olivia Blake'
    r"|(?<![\w'’-])(?:among\s+)?(?:[\w'’-]+\s+){0,3}?(?:backers|supporters|nominators|proposers?"
    r"|seconders?|signatories)\s+"
    r"(?:so\s+far\s+)?"
    r"(?:are|were|is|was)"  # 'Among his backers are', 'One of his supporters is'
    # 'Among the first to declare their support were Alex Burghart and Kit Malthouse'
    # 'Among this morning's new names on Phillipson's list are Tristan Osborne and Jo White'
    r"|names?\s+on\s+(?:(?-i:[A-Z])[\w'’-]+\s+)?(?-i:[A-Z])[\w'’-]+['’]s?\s+(?:nomination\s+)?list\s+(?:so\s+far\s+)?"
    r"(?:are|were|include|includes|included)"
    # 'Among the others to back him were Mike Kane and Andrew Western'
    r"|among\s+(?:the\s+(?:first|latest|earliest|early|last|others?)|others|those|other\s+MPs)\s+"
    r"(?:\w+\s+){0,2}?to\s+(?:declare|back|nominate"
    r"|endorse|support|sign|come\s+out)\w*(?:\s+(?:for\s+)?(?:their|his|her|him|them"
    r"|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))(?:\s+(?:support"
    r"|backing|names?|nominations?|papers))?)?\s+(?:were|are)"
    # 'Also putting their names to her papers by the afternoon were Paul Waugh and ...'
    r"|also\s+(?:backing|nominating|endorsing|supporting|putting\s+their\s+names\s+to)\b"
    r"[^.;]{0,60}?\s+(?:were|are)"
    # 'Among the MPs who have publicly backed Ms Phillipson are Catherine McKinnell'
    r"|(?:among\s+)?(?:the\s+)?(?:those|MPs|colleagues)\s+(?:who\s+(?:have\s+|had\s+)?)?(?:\w+ly\s+)?"
    r"(?:backing|nominating|supporting|nominated|backed|endorsed|signed)\b[^.;]{0,60}?\s+(?:are|were)"
    r"|those\s+(?:who\s+have\s+|who\s+)?(?:backing|nominating|supporting|nominated|backed"
    r"|endorsed|signed)\s+(?:him|her)\s+(?:are|were)"
    r"|nominations?\s+(?:were\s+|was\s+)?(?:\w+ly\s+)?submitted\s+(?:on\s+(?:his|her|their)\s+behalf\s+)?by"
    # 'Her first two nominations came from Justin Madders and Peter Dowd'
    r"|(?:nominations?|backing|support|endorsements?)\s+(?:so\s+far\s+)?(?:came|come|has\s+come"
    r"|have\s+come)\s+from"
    # 'helped by late nominations from Nadia Whittome and Apsana Begum'
    r"|(?:late|fresh|further|new|last-minute)\s+nominations\s+from"
    r"|(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+|also\s+)?"
    r"(?:endorsed|backed|nominated|signed|proposed|seconded)\b[^.;]{0,40}?\bby"
    # 'Daisy Cooper's leadership bid, already backed by Sarah Olney and Victoria Collins, ...'
    r"|(?:bid|campaign|candidacy|challenge|papers)\s*,\s*(?:\w+\s+){0,2}?(?:backed|endorsed"
    r"|supported|signed|nominated)\s+(?:\w+\s+){0,3}?by"
    # 'Mr Cleverly, backed by Pete Wishart and Chris Law, is the favourite'
    r"|(?<![\w'’-])(?-i:[A-Z])[\w'’-]+\s*,\s*(?:already\s+|now\s+)?(?:backed|endorsed|nominated)\s+by"
    # 'has the backing of', 'was boosted by the support of', 'won the full backing of'
    r"|(?:won|secured|received|collected|gathered|attracted|picked\s+up|gained|has|have|had"
    r"|enjoys|boasts|boosted\s+by)\s+the\s+(?:(?:full|public|early|crucial|vital|formal)\s+)?"
    r"(?:backing|support|endorsement|nominations?)\s+of)\s+",
    re.I,
)


def _backers(reader: Reader, start: int, end: int) -> list[str]:
    """The tracked MPs a sentence says back its subject, in the passive ('was endorsed by')
    or by its noun ('won the backing of'): each listed after 'by' or 'of'."""
    found = _BACKING.search(reader.masked, start, end)
    if found is None or HEARSAY.search(reader.masked[start:end]):
        return []
    if _NOT_BACKED.search(reader.masked[start : found.end()]):
        return []  # 'does not have the support of', 'has lost the backing of'
    if _HAS_THE_BACKING.match(found.group()) and _WHO_CLAUSE.search(
        reader.masked, start, found.start()
    ):
        return []  # 'Mr Doogan, who declared on Tuesday and has the backing of': background
    after = [m for m in reader.mentions if found.end() <= m.start < end and is_named(m)]
    if not after:
        return []
    gap = reader.masked[found.end() : after[0].start]
    if gap.strip(" ,") and not _TITLE_BEFORE.fullmatch(gap) and not _COUNTED.fullmatch(gap):
        return []  # other words between 'by' and the name: not the backer
    listed = [after[0]]  # 'by Michael Gove and Lee Anderson': each of them
    for before, following in pairwise(after):
        gap = reader.masked[before.end : following.start]
        if not _joins(gap, before, following) and not _DESCRIBED_IN_A_LIST.fullmatch(gap):
            break
        listed.append(following)
    return list(dict.fromkeys(m.mp for m in listed if m.mp))


# Backers listed each with a description: 'Wes Streeting, the health secretary, Pat McFadden,
# the work and pensions secretary, and the Bristol North West MP Darren Jones'.
_DESCRIBED_IN_A_LIST = re.compile(
    r"\s*,\s*(?:the|a|an)\s[^,;.()]{1,60},\s*(?:and\s+)?(?:the\s+(?:[A-Z][\w'’-]+\s+){1,4}MP\s+)?"
)


_HAS_THE_BACKING = re.compile(r"(?:has|have|had|enjoys|boasts)\s", re.I)
# A count of backers, then those named among them: 'by 31 of the party's 72 MPs, among them the
# former leader Tim Farron', 'the support of 19 MPs, including Pippa Heylings'.
_COUNTED = re.compile(
    r"(?:\d+|[a-z]+)\s+(?:of\s+(?:the\s+)?[\w'’]+\s+(?:\d+\s+)?)?(?:[a-z]+\s+)?MPs,?\s+"
    r"(?:among\s+them|including|among\s+whom\s+(?:were|are))\s+(?:the\s+(?:[a-z-]+\s+){0,3})?"
)
_WHO_CLAUSE = re.compile(r",\s*who\b", re.I)
_NOT_BACKED = re.compile(
    r"\b(?:not|n't|never|no\s+longer|without|lost|losing|lacks?|lacking|yet\s+to)\b", re.I
)


# Words of a post before a backer's name: 'by Business Secretary Peter Kyle', 'by the
# shadow chancellor, Mel Stride'.
_TITLE_BEFORE = re.compile(
    r"(?:the\s+)?(?:[\w'’-]+\s+){1,4}|(?:the\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+,\s*"
)


def _reported_words(reader: Reader, start: int, end: int) -> list[tuple[str, str, str]]:
    """An event the sentence tells with a tracked MP as its subject, else the words it
    reports them saying. A relative clause after the subject ('Ms Carrow, who had been seen as
    a contender, said she would back Okafor') is read apart from the main clause: an event
    there is told in passing ('X, who withdrew on Wednesday, is in the audience'), beside
    whatever the main clause tells."""
    sentence = reader.text[start:end]
    if len(reader.masked[start:end].split()) < 3 or sentence.rstrip().endswith((":", "?")):
        return []  # a quote with little around it is attributed on its own; a colon
        # introduces the statement that follows; a question reports nothing ('Has Jeremy
        # Corbyn said he'll back you?')
    if _FORECAST_BEFORE.search(reader.masked[max(0, start - 60) : start]):
        return []  # 'My prediction? Claire Coutinho will run': the writer's forecast
    words = _up_to_another_speaker(" ".join(sentence.split()))
    relative = _relative_clause(reader, start, end)
    main = _blanked(reader.text[start:end], relative, start)
    # 'Siân Berry, who had been tipped to stand, said ...': the hearsay is the clause's
    relayed = bool(
        HEARSAY.search(_before_participle(_blanked(reader.masked[start:end], relative, start)))
    )
    around = reader.around(start)
    found: list[tuple[str, str, str]] = []
    told_in_passing = _clause_read_alone(reader.text[start:end], relative, start)
    # 'X, who entered the race on Tuesday, has 20 nominations, according to the party': the
    # hearsay after the clause is not the clause's
    relayed_before = relative and HEARSAY.search(reader.masked[start : relative[1]])
    if relative and not relayed_before and classify_events(told_in_passing, around, reader.text):
        subject = reported_subject(reader, start, end, _EVENT_VERB, None, in_passing=True)
        found += [(subject, RELATIVE, words)] if subject else []
    if (
        classify_events(_before_a_quote(_without_description(main)), around, reader.text)
        and not relayed
    ):
        subject = reported_subject(reader, start, end, _EVENT_VERB, relative)
        if subject:
            return [*found, (subject, REPORTERS_WORDS, words)]
    colon = _COLON_QUOTE.search(main)
    if colon and _VERB_BEFORE_COLON.search(main[: colon.start()]):
        return found  # 'Ian Lavery said on Monday: "..."': the quote is the statement
    subject = reported_subject(reader, start, end, REPORTING, relative, reported=True)
    subject = (
        subject or _set_off_speaker(reader, start, end) or _trailing_speaker(reader, start, end)
    )
    return [*found, (subject, REPORTED_SPEECH, words)] if subject else found


# A writer's forecast announced just before the sentence that makes it.
_FORECAST_BEFORE = re.compile(r"\b(?:prediction|bet|guess|hunch|forecast|tip)\s*[?:]\s*$", re.I)


def _up_to_another_speaker(words: str) -> str:
    """'Obama stressed that the reforms were not complete, and rights groups warned that ...':
    the sentence up to a clause in which someone else reports."""
    found = _ANOTHER_SPEAKER.search(words)
    return words[: found.start()] + "." if found else words


_ANOTHER_SPEAKER = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?!(?:he|she|they|it)\b)(?:[\w'’-]+\s+){1,5}?"
    + REPORTING.pattern.removeprefix(r"\b"),
    re.I,
)


# 'The party, she said, had lost its way': a speech verb and its speaker set off by commas
# inside the sentence they report.
_SET_OFF = re.compile(
    r",\s*(?P<who>[^,;:()]{1,60}?)\s+(?:also\s+|later\s+)?(?:said|says|added|argued|noted"
    r"|insisted|warned|explained|stressed|acknowledged|conceded)\s*,\s*\S"
)


def _others_speak(cue: str) -> bool:
    """Whether allies, sources or the like are the ones who speak in the words before the verb:
    'X's allies said', not 'X thanked her supporters and said' (their thanks, her words)."""
    return any(not _AND_THEN.fullmatch(cue, found.end()) for found in NOT_OWN_WORDS.finditer(cue))


_AND_THEN = re.compile(r"\s+and\s+(?:then\s+|also\s+)?")


def _set_off_speaker(reader: Reader, start: int, end: int) -> str | None:
    """The MP who speaks in an attribution set off by commas mid-sentence ('Acts of protest,
    Mr Lavery said, are acts of patriotism'), when that is all the commas hold: one person,
    named or a pronoun, and the verb."""
    masked = reader.masked[start:end]
    found = _SET_OFF.search(masked)
    if found is None or HEARSAY.search(masked) or NOT_OWN_WORDS.search(found.group("who")):
        return None
    at = start + found.start("who")
    inside = [m for m in reader.mentions if at <= m.start < start + found.end("who")]
    if len(inside) != 1 or reader.masked[at : inside[0].start].strip():
        return None
    if reader.masked[inside[0].end : start + found.end("who")].strip():
        return None  # more words than the speaker: 'Labour's candidate Jo Bloggs said'
    return reader.resolve(inside[0])


# 'Recent shipments sold for just above £40 a ton, he said.'; '..., said Mr Barrett, the
# lawyer for the council.': the speaker after the words reported, at the sentence's end.
_TRAILING = re.compile(
    r",\s*(?:(?P<who>[^,;:()]{1,60}?)\s+(?:also\s+|later\s+)?(?:said|says|added|argued"
    r"|noted|insisted|warned|explained|stressed|acknowledged|conceded)"
    r"|(?:said|says|added)\s+(?P<after>[^,;:()]{1,60}?)(?:\s*,[^,;:()]{1,120})?)"
    r"(?:\s+(?:on|last|this|yesterday|today|earlier|later|in|at)\b[^,;:]{0,30})?\s*[.!?]?\s*$"
)


def _trailing_speaker(reader: Reader, start: int, end: int) -> str | None:
    """The MP who speaks in an attribution that ends the sentence it reports, when the words
    before it are the reporter's paraphrase (no quote) and the attribution holds one person,
    named or a pronoun, and the verb."""
    masked = reader.masked[start:end]
    found = _TRAILING.search(masked)
    if found is None or re.search(r"[“”\"]", reader.text[start:end]):
        return None  # a quote is attributed on its own
    if len(masked[: found.start()].split()) < 4 or HEARSAY.search(masked):
        return None
    group = "who" if found.group("who") is not None else "after"
    at, until = start + found.start(group), start + found.end(group)
    inside = [m for m in reader.mentions if at <= m.start < until]
    if len(inside) != 1 or NOT_OWN_WORDS.search(found.group(group)):
        return None
    if reader.masked[at : inside[0].start].strip() or reader.masked[inside[0].end : until].strip():
        return None  # more words than the speaker: 'Labour's candidate Jo Bloggs said'
    return reader.resolve(inside[0])


def _before_participle(text: str) -> str:
    """'stepped down as Welsh Secretary, telling friends she wanted ...': what follows the
    participle is how the news was told, not who tells it."""
    after = _A_PARTICIPLE.search(text)
    return text[: after.start()] if after else text


_A_PARTICIPLE = re.compile(r",\s+(?=" + PARTICIPLE.pattern + ")", re.I)


def _clause_read_alone(sentence: str, relative: tuple[int, int] | None, offset: int) -> str:
    """'Sharon Hodgson, who nominated Bridget at 9am,' -> 'Sharon Hodgson nominated Bridget at
    9am': the subject and its relative clause, read as a sentence."""
    if relative is None:
        return ""
    clause = sentence[relative[0] - offset : relative[1] - offset]
    return sentence[: relative[0] - offset] + " " + _WHO.sub("", clause).rstrip(",–— ")


def _in_passing(reader: Reader, start: int, end: int, mp: str) -> str:
    """The words that tell an event in passing about `mp`: their name and relative clause."""
    for mention in (m for m in reader.mentions if start <= m.start < end):
        clause = _relative_after(reader, mention.end, end)
        if clause and reader.resolve(mention) == mp:
            told = _WHOSE_LAUNCH.sub(r"launched a \1", reader.text[clause[0] : clause[1]])
            told = _WHO.sub("", told).rstrip(",–— ")
            return f"{reader.text[mention.start : mention.end]} {told}"
    return reader.text[start:end]


def _others_in_passing(
    reader: Reader, start: int, end: int, already: set[str]
) -> list[tuple[str, str]]:
    """Events told in passing about people the sentence does not open with: 'The contest was
    triggered by Kemi Badenoch, who announced her resignation as party leader on Monday'."""
    if HEARSAY.search(reader.masked[start:end]):
        return []
    found = []
    for mention in (m for m in reader.mentions if start < m.start < end and is_named(m)):
        mp = reader.resolve(mention)
        if mp is None or mp in already or not _relative_after(reader, mention.end, end):
            continue
        told = _in_passing(reader, start, end, mp)
        if classify_events(told, reader.around(start), reader.text):
            found.append((mp, told))
    return found


_WHO = re.compile(r"^\s*(?:[,–—-]\s*)?who\s+")
# 'Kevin Hollinrake, whose campaign launched in Malton on Friday': he launched a campaign.
_WHOSE_LAUNCH = re.compile(
    r"^\s*[,–—-]?\s*whose\s+((?:deputy\s+)?(?:leadership\s+)?(?:campaign|bid))\s+" + LAUNCHED
)


# A phrase set off by commas right after a name, that renames or describes its person.
_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an|his|her|their|[a-z][\w'’-]*)\b[^,;:.]{0,120},")
# An apposition that only describes ('the former security minister'), not a clause of its own
# ('having resigned as a whip').
_DESCRIPTION = re.compile(r"\s*,\s*(?:the|a|an|his|her|their)\s", re.I)
_RELATIVE = re.compile(r"\s*[,–—-]\s*who(?:se)?\s+[^,–—]*(?:[,–—]|$)")


_AMONG_THE_FIRST = re.compile(
    r"\W*Among\s+(?:the\s+(?:first|latest|earliest|early|last|others?)|others|those|other\s+MPs)\b"
    r"[^.;]*?\bto\s+\w+\s+(?:for\s+)?"
    r"(?P<whom>him|her|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?=\s+(?:are|were)\b))?"
)
# The candidate a passive backing is told of: 'Louise Haigh was endorsed by'.
_BACKED_SUBJECT = re.compile(
    r"(?<![\w'’-])((?:(?-i:[A-Z])[\w'’-]*\s+){0,3}(?-i:[A-Z])[\w'’-]*)\s+(?:was|were|has\s+been"
    r"|have\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+|also\s+)?(?:endorsed|backed|nominated"
    r"|signed)\b"
)


def event_words(said: Said) -> str:
    """The words of a report that tell its event: without a relative clause after the subject,
    or only that clause when the event is told there."""
    if said.told:
        return said.told
    if said.how == BACKED_BY:  # 'Mr Streeting was endorsed by Peter Kyle': Kyle backed him
        possessive = re.match(
            r"\W*(?:(His|Her)\s+(?:nomination|campaign|bid|candidacy|papers|proposer|seconder)"
            r"|Also\s+(?:backing|nominating|endorsing|supporting|putting\s+their\s+names\s+to)\s+"
            r"(his|him|her|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))"
            r"|(?:Among|(?:One|Two|Three|Some|Several|Many|Most|All|Both)\s+of)\s+(his|her)\s+"
            r"(?:[\w-]+\s+){0,2}(?:backers|supporters|nominators)"
            r"|(?:Among\s+(?:the\s+)?|The\s+)?"
            r"(?i:those|backers|supporters|MPs|colleagues|signatories|proposers)"
            r"\b[^,.;]*?\b(?:for\s+|backing\s+|nominating\s+|behind\s+|backed\s+|nominated\s+"
            r"|endorsed\s+|supported\s+|signed\s+)?"
            r"(him|her|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))(?:['’]s\s+(?:nomination\s+)?papers)?"
            r"\s+(?:today\s+|so\s+far\s+)?(?:also\s+)?(?:include|are|were))"
            # 'Daisy Cooper's leadership bid, already backed by': hers
            r"|\W*((?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))['’]s?\s+(?:[\w-]+\s+){0,2}?"
            r"(?:bid|campaign|candidacy|challenge|papers)\s*,"
            # 'Among this morning's new names on Phillipson's list are': hers
            r"|[^.;]*?\bnames?\s+on\s+((?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))['’]s?\s+(?:nomination\s+)?list\b",
            said.text,
        )
        if possessive:  # 'Her nomination papers have been signed by', 'Those backing her include'
            named = next(group for group in possessive.groups() if group)
            if named.lower() in ("his", "him", "her"):
                named = "him" if named.lower() in ("his", "him") else "her"
            return f"{said.mp} backed {named}."
        if re.match(
            r"\W*(?:Signatories|Backers|Supporters|Nominators|Proposers)\s+(?:so\s+far\s+)?"
            r"(?:include|are|were)\b",
            said.text,
        ):
            return f"{said.mp} backed them."  # 'Signatories include ...': the one candidate
        first = _AMONG_THE_FIRST.match(said.text)
        if first:  # 'Among the first to back him were': him; 'to declare their support': the one
            # candidate the item tells of
            return f"{said.mp} backed {first.group('whom') or 'them'}."
        passive = _BACKED_SUBJECT.search(said.text)  # 'On Wednesday Louise Haigh was endorsed'
        backed = passive or re.match(r"\W*((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)", said.text)
        if backed is None:
            return ""
        whom = re.sub(r"^The\s+", "the ", backed.group(1))  # 'The Tonbridge MP was endorsed'
        return f"{said.mp} backed {whom}."
    if said.how == RELATIVE:
        return " ".join(said.window.split())
    found = _RELATIVE.search(said.text)
    if said.how in (REPORTERS_WORDS, REPORTED_SPEECH) and found:
        return said.text[: found.start()] + " " + said.text[found.end() :]
    if said.how in (REPORTERS_WORDS, REPORTED_SPEECH):
        return _before_a_quote(_without_description(said.text))
    return said.text


def _before_a_quote(sentence: str) -> str:
    """'X came out for Ms Cooper, posting: "Daisy has my nomination."' -> the words before the
    colon: the quote after it is read as a quote, with its own speaker."""
    colon = _COLON_QUOTE.search(sentence)
    return sentence[: colon.start()] + "." if colon else sentence


_COLON_QUOTE = re.compile(r":\s*[“\"]")
# A speech verb and at most a few words (a time, a medium) right before such a colon.
_VERB_BEFORE_COLON = re.compile(REPORTING.pattern + r"(?:\s+[\w'’.-]+){0,4}\s*$", re.I)


def _without_description(sentence: str) -> str:
    """'Nia Griffith, the Llanelli MP, is to stand' -> 'Nia Griffith is to stand': the
    subject right before its verb, as the kinds' phrasings read it."""
    described = _DESCRIBED_SUBJECT.match(sentence)
    if described is None:
        return sentence
    return sentence[: described.end("subject")] + sentence[described.end() :]


# A sentence's subject named at its start, then described between commas.
_DESCRIBED_SUBJECT = re.compile(
    r"(?P<subject>\W*(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"
    r"\s*,\s*(?:the|a|an|his|her|their)\s[^,;:.“”\"]{0,120},"
)


def _relative_clause(reader: Reader, start: int, end: int) -> tuple[int, int] | None:
    """The span of a relative clause right after the sentence's first person, if any."""
    inside = [m for m in reader.mentions if start <= m.start < end]
    if not inside:
        return None
    first = inside[0]
    for following in inside[1:]:  # 'Birmingham Perry Barr MP Ayoub Khan, who ...': one person
        if following.mp != first.mp or reader.masked[first.end : following.start].strip():
            break
        first = following
    return _relative_after(reader, first.end, end)


def _relative_after(reader: Reader, at: int, end: int) -> tuple[int, int] | None:
    """The span of a relative clause right after a name at `at`, or after the short
    description set off by commas that follows it ('Blake Stephenson, the Mid Bedfordshire
    MP, who ...': the description kept out of the span)."""
    found = _RELATIVE.match(reader.masked[:end], at)
    if found:
        return found.start(), found.end()
    described = _DESCRIBED_AS.match(reader.masked[:end], at)
    found = _RELATIVE.match(reader.masked[:end], described.end() - 1) if described else None
    return (described.end(), found.end()) if described and found else None


# A span of time before 'after' or 'since': the clause that follows dates history.
SPAN_BEFORE = re.compile(
    r"\b(?:weeks?|months?|years?|decades?)\s+(?:after|before|since)\s+(?:\w+\s+){0,6}$", re.I
)
# A short description set off by commas after a name, before a relative clause.
_DESCRIBED_AS = re.compile(_APPOSITION.pattern + r"(?=\s*who\b)")


def _blanked(text: str, span: tuple[int, int] | None, offset: int) -> str:
    if span is None:
        return text
    a, b = span[0] - offset, span[1] - offset
    return text[:a] + " " * (b - a) + text[b:]


def _so_did(
    reader: Reader, start: int, end: int, previous: list[str]
) -> tuple[str, str, str, str] | None:
    """'Angela Rayner has endorsed Lisa Nandy. So did two of her colleagues, Jo Bloggs and
    ...': the MPs named after 'so did' did what the sentence before says they did (or the one
    before that, when a quote stands between: 'X has nominated Y. "...," she says. So have
    two of her colleagues')."""
    if not previous:
        return None
    named = [m for m in reader.mentions if start <= m.start < end and is_named(m)]
    if not named or named[0].mp is None:
        return None
    subject = named[0]
    for following in named[1:]:  # 'Tatton MP Esther McVey': one person named twice; 'Sarah
        # Olney and Vikki Slade have followed suit': the last of those listed
        if not _joins(reader.masked[subject.end : following.start], subject, following):
            break
        subject = following
    if not _SO_DID.match(reader.masked[start:end]) and not _followed_suit(
        reader, subject, start, end
    ):
        return None
    if _BACKING.search(previous[-1]):  # the backers listed right before
        return _so_did_backing(reader, start, end, previous[-1], named[0].mp)
    # the sentence before, or the one before that when only a quote stands between
    nearest = previous[-2:] if previous[-1].lstrip().startswith(("“", '"')) else previous[-1:]
    around = reader.around(start)
    kinds, told = next(
        ((k, s) for s in reversed(nearest) if (k := _kinds_told(s, around, reader.text))),
        (set(), None),
    )
    if told is None or len(kinds) > 1:
        return None  # 'I am withdrawing, and Bell has my nomination.' Y followed suit: in which?
    words = " ".join(reader.text[start:end].split())
    return named[0].mp, SO_DID, f"{told} {words}", ""


def _so_did_backing(
    reader: Reader, start: int, end: int, before: str, mp: str
) -> tuple[str, str, str, str] | None:
    """'Among the latest to sign were Ian Lavery and Jon Trickett. So did Rachael Maskell.':
    the sentence before lists backers, so this MP backed the one they backed (told in plain
    words, the fourth item)."""
    if HEARSAY.search(before):
        return None
    whom = event_words(Said(mp, before, "reported", BACKED_BY, 0.75, before, start))
    words = " ".join(reader.text[start:end].split())
    return mp, SO_DID, f"{before} {words}", whom


def _followed_suit(reader: Reader, subject: Mention, start: int, end: int) -> bool:
    """'Tatton MP Esther McVey followed suit this morning': the subject, named first, did the
    same as the sentence (or the clause before ', and') tells."""
    start = max(start, reader.sentence_bounds(subject.start)[0])
    if len(reader.masked[start : subject.start].strip()) > 60:
        return False
    return bool(_FOLLOWED_SUIT.match(reader.masked, subject.end, end))


_FOLLOWED_SUIT = re.compile(
    # 'Kim Johnson and Ian Byrne, both among her 14 nominators, followed suit'
    r"(?:\s*,\s+(?:both\s+|each\s+|also\s+)?(?:among|one\s+of|two\s+of|members\s+of|former|fellow)"
    r"\b[^,.;:]{1,60},)?"
    r"\s+(?:(?:has|had|have|also|quickly|soon|later)\s+){0,2}(?:followed\s+suit"
    r"|followed(?=\s+(?:at|on|within|shortly|soon|later|minutes|hours|this|that)\b)"
    r"|did\s+(?:the\s+same"
    r"|likewise)|done\s+(?:the\s+same|likewise)|followed\s+(?:him|her|them)\s+out\s+of\s+the"
    r"\s+(?:door|government|cabinet|shadow\s+cabinet))\b"
)


# ', as did John Glen, the economic secretary, and Victoria Atkins': the same again.
_AS_DID = re.compile(  # 'as did X'; 'and so did X'
    r"(?:,\s*(?:just\s+)?as|,?\s+and\s+so)\s+(?:has|have|had|did|do|does|is|are|was|were)"
    r"\s+(?=[A-Z])"
)
# Between two people named after 'as did': a list gap, perhaps after the first one's post.
_AS_DID_POST = re.compile(r"\s*,\s*(?:the|a|an|his|her)\s[^,;:.]{1,100}(?=[,;.]|$)")
_AS_DID_GAP = re.compile(r"(?:,?\s+and|\s*,)\s*")


def _as_did(reader: Reader, start: int, end: int) -> list[tuple[str, str]]:
    """'Sharon Hodgson has also nominated her, as has Mary Glindon, the MP for ...': each MP
    named after 'as has' did what the clause before tells, in the words of that clause's
    predicate ('Mary Glindon, the MP for ..., has also nominated her')."""
    found = _AS_DID.search(reader.masked, start, end)
    if found is None or HEARSAY.search(reader.masked[start : found.start()]):
        return []
    subject = next((m for m in reader.mentions if start <= m.start < found.start()), None)
    verb = _EVENT_VERB.search(reader.masked, subject.end if subject else start, found.start())
    if verb is None or REPORTING.search(reader.masked, start, verb.start()):
        return []  # 'Reporters said X had quit, as did Y': who did what is not told
    predicate = " ".join(reader.text[verb.start() : found.start()].split())
    if not classify_events(f"They {predicate}.", reader.around(start), reader.text):
        return []  # what the clause tells is no event
    done: list[tuple[str, str]] = []
    at = found.end()
    for mention in (m for m in reader.mentions if found.end() <= m.start < end):
        if mention.start < at:
            continue  # a role in the post named after the last one ('the economic secretary')
        if mention.mp is None or not is_named(mention) or reader.masked[at : mention.start].strip():
            break
        post = _AS_DID_POST.match(reader.masked, mention.end)
        name = reader.text[mention.start : post.end() if post else mention.end]
        done.append((mention.mp, f"{name}{',' if post else ''} {predicate}."))
        gap = _AS_DID_GAP.match(reader.masked, post.end() if post else mention.end)
        if gap is None:
            break
        at = gap.end()
    return done


# 'LONDON, July 9 (Reuters) -': a wire story's dateline, before its first sentence.
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+,\s+\w+\.?\s+\d{1,2}\s*(?:\([^)]*\))?\s*[-–—]\s*")
_SUBORDINATE = re.compile(
    r"\b(?:that|if|whether|when|as|while|although|though|because|once|unless"
    r"|(?:after|before|since|until)\b(?!\s+(?:\d|midnight|noon|dawn|lunch|(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|the\s+(?:vote|debate|meeting|weekend|morning|afternoon"
    r"|evening|deadline))))\b",
    re.I,
)  # 'before 8pm' is a time, not a clause
# What follows a reporting verb when words are reported: a clause within a few words.
# A spokesman's title set before the name, with nothing of someone else's in the lead:
# 'junior opposition spokesman Gareth Davies quit' (not 'a spokesman for Gareth Davies').
_A_TITLE_BEFORE = re.compile(
    r"^(?:(?!\b(?:for|of|to|close|around|allies|friends|sources?|aides?|team|camp)\b)[^;:])*?"
    r"\bspokes(?:man|woman|person)\s+$",
    re.I,
)
# A new subject right before the reporting verb, after a comma: ', her campaign claimed'.
_ANOTHER_SUBJECT = re.compile(r",\s*(?:his|her|their|its|the|a|an)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_SAID_WHAT = re.compile(
    r"(?:\s+[\w'’.,-]+){0,9}?\s*(?:\bthat\b|\b(?:he|she|they|it|I|we|there|was|is|would|will"
    r"|could|had|has|must|should|were|are|did|does|do|can|cannot|may|might|to\s+\w+|calling"
    r"|describing|saying|as)\b|:)"
    # 'she said the figures spoke for themselves': a clause with no 'that', its subject a noun
    r"|\s+(?:the|a|an|his|her|their|its|this|these|those|our|my)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?-i:[a-z]{3,}ed|spoke|took|made|gave|came|went|knew|thought|felt|meant|kept|stood|left"
    r"|won|lost|held|brought|became|began)\b",
    re.I,
)


# A subordinate clause that opens a sentence and ends at its comma: 'When he bought the mine
# from Patriot,', 'As improbable as it may seem,'.
_OPENING_CLAUSE = re.compile(
    r"\s*(?:(?:But|And|So|Yet)\s+)?(?:When|As|After|Before|While|Whilst|Although|Though"
    r"|Because|If|Since|Once|Unless|Until)\b[^,;:\n]{1,150},\s*"
)


def _listed_subjects(reader: Reader, named: list[Mention]) -> bool:
    """'Kemi Badenoch, Julia Lopez and Alex Burghart resigned': MPs named one after another,
    joined only by commas and 'and', share the verb."""
    if any(m.mp is None and m.how != "person" for m in named):
        return False  # 'Rishi Sunak and Sajid Javid resigned': a stranger listed shares it too
    if any(reader.possessive(m) for m in named[1:]):
        return False  # 'Tim Farron, Moran’s most prominent backer,
    return all(_joins(reader.masked[a.end : b.start], a, b) for a, b in pairwise(named))


# Between two people listed as one subject: a comma or 'and', perhaps with the next one's
# seat or post ('Bridlington's Charlie Dewhirst and Wetherby's Alec Shelbrooke').
_LIST_GAP = re.compile(
    r"\s*(?:,|,?\s+and|,?\s+&)\s*(?:[A-Z][\w-]+['’]s\s+"
    r"|(?:(?:shadow|junior|former)\s+)?(?:[A-Z][\w-]+\s+){1,2}(?:minister|secretary|MP)\s+)?"
)  # 'Housing minister Kit Malthouse and Brexit minister James Cleverly'


def _joins(gap: str, before: Mention, after: Mention) -> bool:
    """Whether two mentions are listed together, or name one person twice ('South Devon MP
    Caroline Voaden')."""
    if before.mp == after.mp and _RENAMED.fullmatch(gap):
        return True  # 'Adrian Ramsay, the Waveney Valley MP,': one person named twice
    return bool(_LIST_GAP.fullmatch(gap))


_RENAMED = re.compile(r"\s*(?:,\s*(?:(?:the|a|an)\s+)?)?")


def _subjects(reader: Reader, start: int, end: int, first: str) -> list[str]:
    """The MP found as a sentence's subject, and any listed with it."""
    inside = [m for m in reader.mentions if start <= m.start < end and is_named(m)]
    listed = [first]
    if not inside or reader.resolve(inside[0]) != first:
        return listed  # 'He becomes Reform's ninth MP, joining Mr Farage, Lee Anderson, ...'
    so_did = _SO_DID.match(reader.masked[start:end])
    if not so_did and _EVENT_VERB.search(reader.masked, start, inside[0].start):
        return listed  # the names come after a verb: they are not its subjects
    for before, after in pairwise(inside):
        if after.mp is None and after.how != "person":
            break
        if reader.possessive(after):
            break  # 'Tim Farron, Moran’s most prominent backer,': a description, not a list
        if not _joins(reader.masked[before.end : after.start], before, after):
            break
        listed += [after.mp] if after.mp else []
    return list(dict.fromkeys(listed))


def _named_after_a_description(
    reader: Reader, first: Mention, inside: list[Mention]
) -> Mention | None:
    """The person a sentence opens by describing through someone else: 'One of Dame Priti's
    nominators, South Shropshire MP Stuart Anderson, tells me ...' is about Stuart Anderson."""
    comma = reader.masked.find(",", first.end)
    if comma < 0 or _FINITE.search(reader.masked, first.end, comma):
        return None
    if not _ONE_OF_THEM.fullmatch(reader.masked[first.end : comma]):
        return None
    after = [m for m in inside if m.start > comma and is_named(m)]
    if not after or reader.masked[comma + 1 : after[0].start].strip():
        return None
    return after[0]


# What a possessive names in such a description: 'Dame Priti's nominators'.
_ONE_OF_THEM = re.compile(
    r"(?:['’]s?)?\s+(?:\w+\s+){0,2}(?:nominators|backers|supporters|allies|colleagues|friends"
    r"|successor|predecessor|deputy|aide|rival|rivals|critics|opponents)"
)


def _named_after(reader: Reader, first: Mention, inside: list[Mention]) -> bool:
    """Whether a possessive is followed at once by a name ('Mid Buckinghamshire’s Greg
    Smith', 'Labour’s Jo Bloggs'), who is then the subject."""
    if len(inside) < 2 or inside[1].how not in ("name", "title"):
        return False
    return bool(re.fullmatch(r"(?:['’]s)?\s+", reader.masked[first.end : inside[1].start]))


def _kinds_told(sentence: str, context: str, item: str = "") -> set[Kind]:
    return {e.kind for e in classify(sentence, "reported", context, item)} - {"statement"}


def classify_events(sentence: str, context: str, item: str = "") -> bool:
    return bool(_kinds_told(sentence, context, item))


# A long opening phrase that sets the scene without a comma, naming nobody: 'In a March
# meeting with the paper's editorial board Mr Trump said ...'.
_SCENE_SET = re.compile(
    r"\s*(?:In|At|During|On|After|Before|Speaking|Asked|Earlier|Later|Writing|Interviewed)\s"
    r"[^,;:“”\"]*$"
)


# Where the subject's words appeared, set before them: 'In a video posted online, X ...'.
_MEDIUM = re.compile(
    r"\s*(?:In|On|Through|Via)\s+(?:a|an|the|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:video"
    r"|post|statement|letter|message|article|interview|tweet|thread|op-ed|column|email|speech"
    r"|newsletter|blog)\b[^,;:“”\"]*,\s*$",
    re.I,
)


def reported_subject(
    reader: Reader,
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
    dateline = DATELINE.match(reader.masked[start:end])  # 'LONDON, Dec 6 (Global Wire) -'
    start += dateline.end() if dateline else 0
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
    if reader.possessive(subject):  # 'One of Dame Priti's nominators, Stuart Anderson, ...'
        subject = _named_after_a_description(reader, subject, inside) or subject
        inside = [m for m in inside if m.start >= subject.start]
    lead = DATELINE.sub("", reader.masked[start : subject.start])  # 'LONDON, Dec 6 (Wire) -'
    if len(lead) > 60 and not lead.rstrip().endswith(",") and not _SCENE_SET.match(lead):
        return None  # a long lead-in that is not a phrase set off by a comma: not the subject
    if (
        (NOT_OWN_WORDS.search(lead) and not _A_TITLE_BEFORE.search(lead))
        or SUCCEEDED.search(lead)
        or re.search(
            r"\b(?:of|to|by|about|with|for|in|on|at|from|against|like|than|under|behind"
            r"|beside|alongside|including|over|without|between|among)\s*$",
            lead,
            re.I,
        )
    ):
        return None  # 'In Mrs Clinton's favour, the experts said': she is not the subject
    if reader.possessive(subject) and _named_after(reader, subject, inside):
        subject = inside[1]  # 'Mid Buckinghamshire’s Greg Smith' is Greg Smith
    if reader.possessive(subject):
        return None
    subordinate = _SUBORDINATE.search(lead)
    if subordinate and not reported and subordinate.group().lower() in ("after", "when", "as"):
        subordinate = None  # 'The government is reeling after Rishi Sunak quit as chancellor'
    if SPAN_BEFORE.search(lead):
        return None  # 'four months after Iqbal Mohamed walked out': history
    if re.search(r",\s*who(?:m|se)?\b[^,;]*$", lead, re.I):
        return None  # 'Her twin sister, Angela, who challenged Mr Corbyn ...': inside a clause
    opening = _OPENING_CLAUSE.match(reader.masked, start, end) if subordinate else None
    if opening and opening.end() > start and not HEARSAY.search(opening.group()):
        # 'When he bought the mine, Mr Clarke said ...': the main clause after the comma
        return reported_subject(
            reader, opening.end(), end, verbs, skip, reported=reported, in_passing=in_passing
        )
    if (REPORTING.search(lead) and not _MEDIUM.match(lead)) or HEARSAY.search(lead) or subordinate:
        return None  # 'No 10 confirmed that X had resigned'; 'When X crossed the floor, ...'
    rest = _blanked(reader.masked[:end], skip, 0)[subject.end : end]
    if not in_passing and re.search(
        r"\b(?:said|says|has\s+said)\s+(?:nothing|little|very\s+little)\b", rest
    ):
        return None
    verb = verbs.search(rest[:160])
    apposition = _APPOSITION.match(reader.masked, subject.end)
    described = apposition.end() - subject.end if apposition else 0
    if verb and apposition and _DESCRIPTION.match(apposition.group()) and not in_passing:
        # 'Tom Tugendhat, the former security minister, withdrew': not 'security'
        verb = verb if verb.start() >= described else verbs.search(rest[:200], described)
    mp = reader.resolve(subject)
    if verb is None or mp is None or len(rest[verb.end() :].split()) < (2 if reported else 1):
        return None
    others = [m for m in inside[1:] if m.start < subject.end + verb.start() and is_named(m)]
    others = [m for m in others if skip is None or not skip[0] <= m.start < skip[1]]
    named = [subject, *others]
    if apposition:  # 'Richard Burgon, the chair of the Socialist Campaign Group, has ...'
        others = [m for m in others if m.start >= apposition.end()]
    if any(m.mp != mp for m in others) and not _listed_subjects(reader, named):
        return None  # someone else is named before the verb: the MP may not be its subject
    between = rest[: verb.start()]
    cue = between[described:] if described <= verb.start() else between
    # who the subject is ('X, a former adviser, said') does not make the words someone else's
    listed = len(named) > 1 and _listed_subjects(reader, named)
    after_names = between[named[-1].end - subject.end :] if listed else between
    if _ANOTHER_SUBJECT.search(between):
        return None  # '... more than half of Tory MPs, her campaign claimed': the campaign's
    # 'are backing' is no passive ('would be backing' is left to the reported words)
    progressive = (
        verb.group().lower().endswith("ing")
        and re.search(r"\b(?:are|were|is|was|be)\s+(?:\w+ly\s+)?$", cue, re.I)
        and not REPORTING.search(cue)
    )
    if (PASSIVE.search(cue) and not progressive) or _others_speak(cue) or new_clause(after_names):
        return None  # ', and a source close to her said': another clause, another speaker
    sourced = PUBLISHED_SOURCE.sub(lambda found: " " * len(found.group()), rest)
    if HEARSAY.search(_before_participle(sourced[: verb.end() + 40])):
        return None  # 'is said to be weighing up', 'has told friends he is'
    if re.search(r"\b(?:not|never|yet\s+to|declined\s+to|refused\s+to)\s+(?:\w+\s+)?$", between):
        return None  # 'has not said publicly whether': no statement
    if re.search(r"[,–—-][^,;:]*?\bwho\s+(?:\w+\s+){0,2}$", between) and not in_passing:
        return None  # the verb is in a relative clause
    if reported and not _SAID_WHAT.match(rest[verb.end() :]):
        return None  # 'declared last week': no words reported
    return mp
