"""The phrasings of each event kind, as rules: how MPs and reporters say that someone is
standing, withdrawing, backing a candidate, resigning or defecting, and what the target is
(the post, the party joined, the candidate). `kinds` applies them with its guards against
negation, hedges, background and calls by others.

Each rule's pattern may use {S} (the subject), {POSS} and {REFL}, filled in for the MP's own
words ('I', 'my', 'myself') or for a report ('he', 'his', 'himself', or a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from watcher.models import Kind

PARTIES = {
    "reform uk": "Reform UK",
    "reform": "Reform UK",
    "liberal democrats": "Liberal Democrat",
    "liberal democrat": "Liberal Democrat",
    "lib dems": "Liberal Democrat",
    "lib dem": "Liberal Democrat",
    "conservative party": "Conservative",
    "conservatives": "Conservative",
    "conservative": "Conservative",
    "tories": "Conservative",
    "tory party": "Conservative",
    "labour party": "Labour",
    "labour": "Labour",
    "green party": "Green Party",
    "green": "Green Party",
    "greens": "Green Party",
    "scottish national party": "Scottish National Party",
    "snp": "Scottish National Party",
    "plaid cymru": "Plaid Cymru",
    "plaid": "Plaid Cymru",
    "your party": "Your Party",
    "restore britain": "Restore Britain",
    "independent": "Independent",
    "farage's party": "Reform UK",
    "nigel farage's party": "Reform UK",
}
PARTY = r"(?P<party>" + "|".join(sorted((re.escape(p) for p in PARTIES), key=len, reverse=True))
PARTY += r")(?:\s+party)?\b"
# Capitalised words that are times, not people: 'came out for her on Wednesday'.
_NOT_A_NAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)\b"
)
_NAME = (
    r"(?:(?:my|our|his|her|their)\s+(?:(?!(?:on|at|in|for|to|by|with|from|this|last|next|after"
    r"|before|yesterday|today|tonight|as|across|around|throughout|over|into|up|down|along"
    r"|through)\b)[\w'’-]+\s+){0,3}?"
    # 'the education secretary, Bridget Phillipson'
    r"|the\s+(?:[a-z][\w'’-]*\s+){0,3}(?:secretary|minister|chancellor|leader|MP|candidate"
    r"|frontrunner|favourite|chair|spokesperson|whip|deputy),\s+"
    # 'the left-wing candidate Bell Ribeiro-Addy'
    r"|the\s+(?:[a-z][\w'’-]*\s+){0,3}(?:candidate|frontrunner|favourite)\s+(?=(?-i:[A-Z]))"
    # 'the Glasgow MSP Paul Sweeney'
    r"|the\s+(?:(?-i:[A-Z])[\w'’-]+\s+){0,3}(?-i:MSP|MS|MLA|MEP|AM)\s+(?=(?-i:[A-Z]))"
    # 'would be nominating "Munira"': a first name in quotation marks, as a friend calls her
    r"|[\"“‘](?=(?-i:[A-Z])[\w'’-]+[\"”’](?![\w'’])))?"
    r"(?P<name>@[A-Za-z][\w.-]*[A-Za-z\d]"  # '@lucypowell.bsky.social', as posts name people
    r"|the\s+(?:(?<![\w'’-])[A-Z][\w'’-]+\s+){1,4}MP\b"
    # 'is backing the deputy leader': a role, resolved to whoever holds it in the item
    r"|the\s+(?:former\s+|shadow\s+)?(?:[a-z]+\s+){0,2}(?:secretary|chancellor|deputy\s+leader"
    r"|minister)(?=\s*(?:[.,;:!?]|$|\s+(?:for\s+(?:leader|deputy)|as|because|in\s+the)\b))"
    r"|(?<![\w'’-])(?!" + _NOT_A_NAME + r")[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3}"
    r"|them(?=\.$)"  # 'X backed them.': told so only by `reports.event_words`
    r"|(?:him|her)(?=\s*(?:[,.;:!?]|$|\s*[“\"](?-i:[a-z])|\s+(?:for|as|to|in|because|and|but"
    r"|rather|instead|over"
    r"|across|around|throughout|through|all|every|from|with|wholeheartedly|fully"
    r"|yesterday|today|tonight|this|last|on|at|too|earlier|within))))"
)


# A party's own front bench, whip or group, not the party: "resigned from Labour's front
# bench".
_NOT_A_PARTYS_BODY = (
    r"(?!(?:['’]s)?\s+(?:front|frontbench|whip|leader|leadership|race|contest|deputy|chair|group|bench|benches"
    r"|government|cabinet|team|council|shadow)\b)"
)
# A party's name before the people or things it describes ('joined Reform supporters at a
# rally', 'joined Labour colleagues in voting against'): no party joined.
_NOT_AS_A_WORD_BEFORE_PEOPLE = (
    r"(?!\s+(?:[a-z-]+\s+)?(?:supporters|colleagues|activists|councillors|members|MPs|MSPs|MSs"
    r"|candidates|campaigners|figures|leaders|officials|politicians|peers|voters|staff|team"
    r"|rally|rallies|event|events|protest|picket|group|groups|ministers|frontbenchers"
    r"|backbenchers|volunteers|canvassers|members'|friends|donors|delegates|representatives"
    r"|colleague|councillor|candidate|activist|figure|official|MP|peer)\b)"
)


POST = re.compile(
    r"\b(secretary|minister|chair\w*|chancellor|whip|leader|member|mp|party|seat|spokes\w+"
    r"|envoy|adviser|pps|parliamentary|treasurer|president|commissioner|tsar|cabinet|government"
    r"|committee|role|position|post|job|frontbench|front bench|convener|convenor|deputy|speaker"
    r"|parliament|commons"
    r"|solicitor|attorney|paymaster|lord|chief|head|director|ambassador|trade envoy|champion"
    r"|aide)\b",
    re.I,
)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Kind
    pattern: str
    target: Callable[[re.Match[str], str], str | None]
    leadership: bool = False  # needs a leadership contest in sight


def _post(match: re.Match[str], sentence: str) -> str | None:
    named = match.groupdict()
    return clean_post(named.get("post") or named.get("post2") or "")


# A leadership race named: 'leader', 'the leadership', 'deputy leader', and 'deputy' alone
# where it stands for the post ('I will not stand for deputy', 'the deputy race').
RACE = re.compile(
    r"\b(?:(?P<deputy>(?:deputy|depute)\s+)?lead(?:ers?|ership)\b(?!\s+(?-i:[A-Z]))"
    r"|(?P<alone>(?<=for\s)deputy|(?<=as\s)deputy|deputy(?=\s+(?:race|contest|job|post|role"
    r"|ballot|nominations?|hustings|candidates?|candidacy)\b)))",
    re.I,
)


def race_post(race: re.Match[str]) -> str:
    """'deputy leader' or 'leader', for a race `RACE` found."""
    return "deputy leader" if race.group("deputy") or race.group("alone") else "leader"


def _leader_post(match: re.Match[str], sentence: str) -> str | None:
    """'deputy leader' or 'leader': the leadership named nearest the words that matched, or
    None when the sentence names none ('I am standing')."""
    named = [m for m in RACE.finditer(sentence) if not held_title(m, sentence)]
    if not named:
        return None
    return race_post(min(named, key=lambda m: abs(m.start() - match.end())))


def held_title(race: re.Match[str], sentence: str) -> bool:
    """'Kirsty Blackman, the Aberdeen North MP and the group's deputy leader, confirmed ...':
    a post the subject holds, set off by commas, is no race."""
    return bool(
        _HOLDER_BEFORE.search(sentence, 0, race.start()) and sentence.startswith(",", race.end())
    )


_HOLDER_BEFORE = re.compile(r"(?:,|\band)\s+the\s+[\w'’]+['’]s\s+$")


_POST_BEFORE = re.compile(
    r"((?:shadow\s+)?(?:[a-z'’]+\s+){0,3}?(?:secretary|minister|chancellor|whip|chair(?:man|woman)?"
    r"|pps)(?:\s+(?:of|for|to)\s+(?:the\s+)?[a-z]+(?:\s+(?:and|of)\s+[a-z]+)?)?)\b"
)


def post_before(words: str) -> str | None:
    """The post named with the subject, before the verb: 'Stuart Andrew, the housing
    minister, quit', 'Junior Brexit minister Suella Braverman quit' -> 'brexit minister';
    None when the sentence names none (the item may: see `extract`)."""
    found = list(_POST_BEFORE.finditer(words.lower()))
    if not found:
        return None
    post = re.sub(r"^(?:the|a|an|junior|senior|former|british|uk|then)\s+", "", found[-1].group(1))
    return clean_post(post)


def _whip(match: re.Match[str], sentence: str) -> str:
    return "the whip"


def _the_one_told(match: re.Match[str], sentence: str) -> str:
    """'them': the one candidate the item tells of, found when the item is read whole."""
    return "them"


def _party_left(match: re.Match[str], sentence: str) -> str:
    return "the party"


def _seat(match: re.Match[str], sentence: str) -> str:
    return "the seat"


def _party_joined(match: re.Match[str], sentence: str) -> str | None:
    joined = match.groupdict().get("party") or match.groupdict().get("party2")
    return PARTIES.get(joined.lower()) if joined else None


def _party_after_leaving(match: re.Match[str], sentence: str) -> str | None:
    rest = sentence[match.start() :]
    joined = re.search(
        r"\b(?:join|joining|joined|to)\s+(?:the\s+|(?:[\w'’]+\s+){0,4}?[\w'’]+['’]s\s+)?" + PARTY,
        rest,
        re.I,
    )  # 'to join his old pal Jeremy Corbyn's Your Party'
    if joined:
        return PARTIES[joined.group("party").lower()]
    return "Independent" if re.search(r"\bindependent\b", sentence, re.I) else None


def _endorsed(match: re.Match[str], sentence: str) -> str | None:
    """The candidate named: 'my Manchester neighbour Lucy Powell' is Lucy Powell, not
    Manchester."""
    later = _NAMED_AFTER.match(sentence, match.end("name"))
    owned = _POSSESSIVE_BEFORE.search(sentence, match.start(), match.start("name"))
    return later.group(1) if later and owned else match.group("name")


def _endorsed_by_pronoun_or_name(match: re.Match[str], sentence: str) -> str | None:
    """'signed Ribeiro-Addy's nomination', or 'signed his nomination papers' (him)."""
    pronoun = match.groupdict().get("name2")
    if pronoun:
        return "him" if pronoun.lower() == "his" else "her"
    return _endorsed(match, sentence)


_POSSESSIVE_BEFORE = re.compile(r"\b(?:my|our|his|her|their)\s+(?:[\w'’-]+\s+){0,3}$")
_NAMED_AFTER = re.compile(
    r"\s+(?:(?!(?:on|in|at|for|by|with|from|to|after|before|since|and|or|as|last|this)\b)"
    r"[a-z][\w'’-]*\s+){1,3}(?!" + _NOT_A_NAME + r")((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
)


URGES_OTHERS = "urged colleagues to back"  # a rule read past its own urging
# Whose something is, by name or pronoun: 'Andy Burnham's' (`name`), 'his' (`name2`).
_OWNER = (
    r"(?:(?P<name>(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3})['’]s?"
    r"|(?P<name2>(?i:his|her)))"
)


_PARTY_NAMES = (
    r"Labour|Conservatives|Conservative\s+Party|Tories|Lib\s+Dems|Liberal\s+Democrats|SNP"
    r"|Greens|Green\s+Party|Reform\s+UK|Plaid"
)
_STAND = (
    r"(?:standing|stand|running|run|a\s+candidate|seeking|seek"
    r"|putting\s+(?:my|his|her|their)(?:\s+name|self)?\s+forward"
    r"|putting\s+(?:myself|himself|herself)\s+forward"
    r"|put\s+(?:my|his|her|their)(?:\s+name|self)?\s+forward)"
)
RULES = [
    Rule(
        "not standing",
        "leadership_declined",
        rf"\b{{S}}(?:,\s+(?:too|also),)?"  # 'he, too, would not stand'
        rf"(?!\s+is\s+not\s+a\s+candidate|\s+isn't\s+a\s+candidate)"  # a state, not news
        rf"(?:'m|'ll|'d|\s+am|\s+will|\s+would|\s+shall|\s+is|\s+are|\s+was)?\s*[“\"]?"
        rf"(?:not|n't|won't|wouldn't|shan't|isn't)\s+(?:now\s+|after\s+all\s+|then\s+)?"
        rf"(?:going\s+to\s+)?(?:be\s+)?(?:{_STAND}"
        rf"|enter(?:ing)?\s+the\s+(?:[\w-]+\s+){{0,2}}?(?:race|contest))"
        # 'not going to stand here and tell you', 'would not stand down': no race
        rf"(?!\s+(?:here|there|up|down|by|idly)\b)"
        # 'said he had been asked to stand but would not be a candidate': the subject before
        rf"|\bbut\s+(?:would|will)\s+not\s+(?:be\s+)?(?:a\s+candidate|{_STAND})\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "no intention of standing",
        "leadership_declined",
        # 'said she had “no intention” of standing': a refusal, not a hedge
        r"\b(?:has|had|have)\s+[“\"]?(?:no|absolutely\s+no)\s+(?:intention|plans?)[”\"]?\s+of\s+"
        r"(?:standing|running|putting\s+(?:{POSS}\s+name|{REFL})\s+forward)\b"
        r"(?!\s+(?:aside|down|back))",  # 'no intention of standing aside' is staying
        _leader_post,
        leadership=True,
    ),
    Rule(
        "ruled out",
        "leadership_declined",
        r"\brul(?:e|es|ed|ing)\s+{REFL}\s+out\b|\brul(?:e|es|ed|ing)\s+out\s+(?:standing|running"
        r"|a\s+(?:[\w-]+\s+){0,2}?(?:bid|run|challenge|tilt|go|return|comeback|attempt)"
        r"|{POSS}\s+(?:own\s+)?candidacy)\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "withdrawal",
        "leadership_declined",
        # 'has become the first candidate to quit'
        r"\bthe\s+(?:first|second|third|fourth|latest|last)\s+(?:[\w-]+\s+)?candidate\s+to\s+"
        r"(?:quit|withdraw|pull\s+out|drop\s+out|stand\s+aside|step\s+aside)\b|"
        r"\b(?:withdraw\w*|pull\w*\s+out|stand\w*\s+aside|step\w*\s+aside|step\w*\s+back\s+from"
        r"|quit\w*(?=\s+(?:the\s+|(?-i:[A-Z])[\w-]+['’]s?\s+)"
        r"(?:\w+\s+){0,2}(?:race|contest)))\b(?:\s+[\w'’-]+){0,6}?"
        r"\s+(?:race|contest|candidacy|campaign|nomination|leadership|running)\b"
        r"|\b{S}(?:'m|'ve|\s+am|\s+was|\s+is|\s+have|\s+has|\s+had)?"
        r"(?:\s+(?:also|too|then|later|quickly|swiftly|promptly|now|duly))?(?:\s+decided\s+to)?\s+"
        r"(?:withdr(?:aw|ew|awn|awing)|(?:stood|stepped|stands?|standing|steps?)\s+aside"
        r"|pull(?:ed|s|ing)?\s+out)"
        r"(?=\s*(?:[,.;]|\band\b|$|\s+(?:at|on|yesterday|today|tonight|last|this|earlier"
        r"|too|as\s+well|hours|minutes|shortly|soon|in\s+favour)\b"
        r"|\s+to\s+(?:back|support|endorse|nominate|make\s+way)\b))",  # 'stepped aside to back X'
        _leader_post,
        leadership=True,
    ),
    Rule(
        "declined to stand",
        "leadership_declined",
        r"\bdeclin\w+\s+to\s+(?:stand|run|enter\s+the\s+(?:race|contest)|put\s+{POSS}\s+name\s+forward"
        r"|seek\s+the\s+(?:deputy\s+)?leadership)\b"
        # 'pulled his name from the ballot' (not 'is out of the race': eliminated, perhaps)
        r"|\bpull\w*\s+{POSS}\s+name\s+(?:from|out\s+of)\s+(?:the\s+)?(?:ballot|race|contest|running)\b"
        # 'would not be throwing his hat into the ring', 'not the right time for me to stand'
        r"|(?:\bnot|n't)\s+(?:be\s+)?throw\w*\s+(?:{POSS}|my)\s+hat\s+into\s+the\s+ring"
        r"|\bnot\s+the\s+right\s+time\s+(?:for\s+(?:me|him|her)\s+)?to\s+(?:stand|run)\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "decided not to stand",
        "leadership_declined",
        r"\bdecided\s+(?:not\s+to|against)\s+(?:stand|run)\w*"
        # 'has decided against entering the contest', 'decided not to join the race'
        r"|\bdecided\s+(?:not\s+to\s+(?:enter|join)|against\s+(?:entering|joining))\s+the\s+"
        r"(?:[\w-]+\s+)?(?:race|contest)\b"
        r"|\bdecided\s+(?:not\s+to\s+put|against\s+putting)\s+(?:{POSS}\s+name|{REFL})\s+forward"
        r"|\b(?:has|have|had)\s+(?:now\s+)?decided\s+against(?:\s+(?:it|a\s+(?:bid|run)))?\s*(?:[.;]|$)"
        r"|\bdecided\s+against\s+a\s+(?:bid|run)\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "standing",
        "leadership_bid",
        # ('the campaign we are running': the object of a relative clause, not a stand)
        r"(?<!\bcampaign\s)(?<!\bcampaigns\s)(?<!\brace\s)(?<!\bbusiness\s)"
        r"\b{S}(?:'m|'ll|'d|\s+am|\s+are|\s+will|\s+would|(?:'ve|\s+have|\s+had)\s+decided\s+to"
        r"|\s+intend\s+to|\s+am\s+going\s+to|'m\s+going\s+to|\s+is(?:\s+to)?|\s+has\s+decided\s+to"
        r"|\s+was)\s+"
        r"(?:be\s+)?(?:standing|stand|running|run)"
        r"(?:\s+(?:for|to\s+be|to\s+become|in|as|to\s+succeed|to\s+replace|to\s+lead"
        r"|to\s+take\s+over|against|because|together"
        # 'would stand to keep his job as deputy leader'
        r"|to\s+(?:keep|retain|defend)\s+(?:his|her|their|my)\s+(?:job|post|role|position)\s+as)\b"
        r"|\s*[,.;]|$"
        # 'she will stand too'; 'he would stand again', but not again at an election
        r"|\s+(?:too|as\s+well|again(?!\s+(?:at|in)\s+(?:the|this|next)\b))\b)",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "in the race",
        "leadership_bid",
        r"\b{S}(?:'m|\s+am|\s+is)\s+in\s*[.!]|\b(?<![\w'’-])(?-i:[A-Z])[\w'’-]+\s+declares\s*[.!]"
        r"|\b(?<![\w'’-])(?-i:[A-Z])[\w'’-]+\s+(?:has\s+(?:now\s+|formally\s+)?)?declared\s*[.!]"
        r"|\b(?<![\w'’-])(?-i:[A-Z])[\w'’-]+\s+(?:has\s+|had\s+)?(?:formally\s+|officially\s+)?"
        r"declared\s+(?:on|this|yesterday|earlier|at|early|late"
        # 'who declared in a video on Saturday'
        r"|in\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:video|post|statement|article|interview|op-ed|letter|speech))\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "announces candidacy",
        "leadership_bid",
        r"\b(?:announc\w+|launch\w*|confirm\w*|declar\w+|formally\s+launch\w*)\s+{POSS}\s+"
        r"(?:own\s+)?(?:candidacy|leadership\s+bid|bid|campaign|intention\s+to\s+stand)"
        # 'launched a leadership challenge against', 'submitted his nomination papers'
        r"|\blaunch\w*\s+an?\s+(?:leadership\s+)?challenge\b(?:\s+(?:against|to)\s+"
        r"(?:(?:Sir|Dame|Mr|Mrs|Ms)\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)?"
        r"|\bsubmit\w*\s+{POSS}\s+(?:own\s+)?nomination(?:\s+papers)?\b(?!\s+(?:for|to|of)\b)",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "seeking nominations",
        "leadership_bid",
        r"\b{S}(?:'m|'ll\s+be|\s+am|\s+is|\s+are|\s+will\s+be|\s+has\s+begun|\s+have\s+begun)\s+"
        r"(?:now\s+)?(?:asking|seeking|gathering|collecting)\s+(?:(?:colleagues|MPs)\s+for\s+)?"
        r"(?:their\s+|the\s+)?nominations?\b(?:\s+of\s+(?:my|our|his|her|their)\s+colleagues)?",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "name forward",
        "leadership_bid",
        r"\bput\w*\s+(?:{POSS}\s+name|{REFL})\s+forward",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "will be a candidate",
        "leadership_bid",
        r"\b{S}(?:'ll|\s+will|\s+am|'m|\s+is|\s+would)\s+(?:be\s+)?a\s+candidate\b(?!\s+for\s+(?:the\s+)?"
        r"(?:council|mayor|seat|constituency|election))",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "hat in the ring",
        "leadership_bid",
        r"\b(?:throw\w*|threw)\s+{POSS}\s+hat\s+in(?:to)?\s+the\s+ring",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "nominations secured",
        "leadership_bid",
        r"\b{S}(?:'ve|\s+have|\s+has)\s+(?:now\s+)?(?:secured|received|got|reached)\s+"
        r"(?:the\s+)?(?:\w+\s+){0,2}nominations",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "enters the race",
        "leadership_bid",
        r"\b(?:enter\w*|join\w*)\s+(?:the|{POSS}|(?-i:[A-Z])\w+['’]s)\s+(?:\w+\s+){0,3}?"
        r"(?:race|contest)\b"
        r"|\bformally\s+declared\b|\bdeclar\w+\s+{POSS}\s+(?:own\s+)?(?:candidacy|candidature|bid)"
        r"|\b(?:launch\w*|kick\w*\s+off|kick\w*\s+(?:a|an|{POSS})\s+(?:[\w-]+\s+){0,2}?campaign\s+off)"
        r"\s+(?:a|an|{POSS})\s+(?:[\w-]+\s+){0,2}?(?:bid|campaign|challenge"
        r"|candidacy)\b|\b(?:is\s+challenging|will\s+challenge|is\s+to\s+challenge|has\s+challenged"
        r"|is\s+going\s+to\s+challenge)\s+(?:(?<![\w'’-])[A-Z][\w'’-]+\s+){1,3}for\s+the\s+"
        r"(?:\w+\s+)?leadership"
        r"|\b{S}\s+(?:is|was)\s+bidding\s+to\s+(?:succeed|replace|become|lead|oust|unseat|topple)\b"
        r"|\b{S}\s+(?:is|was|will\s+be)\s+seeking\s+the\s+(?:[\w-]+\s+){0,2}?(?:deputy\s+)?leadership\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "first to declare",
        "leadership_bid",
        r"\b(?:is|was|became|becomes|become)\s+the\s+(?:first|second|third|fourth|fifth|latest|last)"
        r"\s+(?:\w+\s+){0,2}?to\s+(?:formally\s+)?(?:declare(?!\s+(?:support|their|his|her)\b"
        r"|\s+for\s+(?!(?:the\s+)?(?:[\w'’-]+\s+)?(?:leadership|leader|deputy)\b))|enter"
        r"|stand|announce|join\s+the\s+race)"
        r"|\b(?:is|was|became|becomes)\s+the\s+(?:second|third|fourth|fifth|sixth|latest)\s+"
        r"(?:declared\s+)?candidate\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "steps down to stand",
        "leadership_bid",
        r"\b(?:resign\w*|quit\w*|step\w*\s+down|stood\s+down|stand\w*\s+down)\b[^.;]{0,80}?"
        r"\b(?:in\s+order\s+)?to\s+(?:stand|run)\s+for\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:deputy\s+)?lead(?:er|ership)\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "drops out",
        "leadership_declined",
        r"\b(?:dropp\w*|drop|bow\w*)\s+out\b|\bwithdr[ae]w\w*\s+from\s+(?:the\b"
        r"|(?-i:[A-Z])[\w-]+['’]s?\s+(?:\w+\s+){0,2}(?:race|contest|leadership|election)\b)"
        r"|\b(?:end(?:s|ed|ing)?|suspend\w*|abandon\w*|drop(?:s|ped|ping)?|g[ai]ve\s+up|giv\w+\s+up"
        r"|given\s+up|call\w*\s+time\s+on|withdr[ae]w\w*|scrap\w*|shelv\w+"
        r"|pull\w*\s+the\s+plug\s+on)\s+{POSS}\s+"
        r"(?:leadership\s+)?(?:campaign|bid|candidacy)\b",
        _leader_post,
        leadership=True,
    ),
    Rule(
        "endorsing",
        "endorsement",
        r"\b(?<!\ba\s)(?i:endorsing|nominating|voting\s+for|vote\s+for|declared\s+for"
        r"|declares\s+for|declaring\s+for|endorse|nominate|nominated|endorsed|voted\s+for)\s+"
        + _NAME,
        _endorsed,
    ),
    Rule(  # backing and support are endorsements only in a contest: not 'backed her to the hilt'
        "backing",
        "endorsement",
        # ('the support Phillipson enjoys': a noun, whose object is no candidate backed)
        r"\b(?<!\ba\s)(?<!\bthe\s)(?i:backing|support(?:ing)?|back|campaign(?:ing)?\s+for|backed"
        r"|supported)"
        r"\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(
        "switched to",
        "endorsement",
        r"\b(?i:switch\w*|transferr\w*|mov\w+|shift\w*)\s+(?i:(?:his|her|their)\s+(?:support|backing"
        r"|votes?|allegiance|nominations?)\s+)?(?i:to)\s+"
        r"(?P<name>(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\s+[A-Z][\w'’-]+)(?=\s*(?:[,.;]|too\b|as\s+well|$))",
        _endorsed,
        leadership=True,
    ),
    Rule(
        "switched to a full name",
        "endorsement",
        # 'Gareth Bacon, an O'Brien supporter, has switched to Claire Coutinho'
        r"\b(?i:switch\w*|transferr\w*|shift\w*)\s+(?i:(?:his|her|their)\s+(?:support|backing"
        r"|votes?|allegiance|nominations?)\s+)?(?i:to)\s+"
        r"(?P<name>(?!"
        + _PARTY_NAMES
        + r"|Team\b|Reform\b|Remain\b|Leave\b)(?<![\w'’-])[A-Z][\w'’-]+"
        r"(?:\s+[A-Z][\w'’-]+){1,2})(?=\s*(?:[,.;]|too\b|as\s+well|after|on|within|at|in|last"
        r"|yesterday|today|this|shortly|$))",
        _endorsed,
        leadership=True,
    ),
    Rule(  # 'Lisa Nandy, by contrast, signed for Powell'
        "signed for",
        "endorsement",
        r"\b(?i:signed|signs|signing)\s+(?i:up\s+)?(?i:for)\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(  # 'threw her weight behind her candidacy': the candidate's, told by a pronoun
        "behind her candidacy",
        "endorsement",
        r"\b(?i:support|weight|backing)\s+(?i:firmly\s+)?(?i:behind)\s+(?P<name2>(?i:his|her))\s+"
        r"(?i:candidacy|campaign|bid|leadership\s+bid|challenge)\b",
        _endorsed_by_pronoun_or_name,
        leadership=True,
    ),
    Rule(
        "signed the nomination papers of",
        "endorsement",
        # 'has signed the nomination papers of Daisy Cooper, the party's deputy leader'
        r"\b(?i:sign\w*|put\s+(?:his|her|their)\s+names?\s+to)\s+(?i:the\s+)?"
        r"(?i:nomination\s+(?:papers|forms?)|papers|nomination)\s+(?i:of)\s+" + _NAME,
        _endorsed,
    ),
    Rule(  # 'is also in the Cooper camp'
        "in the Cooper camp",
        "endorsement",
        r"\b(?i:is|are|was|were|now|firmly|squarely|already)\s+(?:\w+\s+)?(?i:in)\s+the\s+"
        r"(?P<name>(?!" + _PARTY_NAMES + r"|Remain\b|Leave\b|Brexit\b|Yes\b|No\b)[A-Z][\w'’-]+)"
        r"\s+(?i:camp)\b",
        _endorsed,
        leadership=True,
    ),
    Rule(  # 'Dan Carden has become her 81st nominator'
        "became her latest nominator",
        "endorsement",
        r"\b(?i:became|become|becomes|becoming)\s+"
        + _OWNER
        + r"\s+(?i:(?:\d+(?:st|nd|rd|th)|latest"
        r"|newest|first|second|third|fourth|fifth|[a-z]+th|[a-z]+est)\s+)?(?i:backer|supporter"
        r"|nominator|signatory|cheerleader)\b",
        _endorsed_by_pronoun_or_name,
    ),
    Rule(
        "jumped ship to",
        "endorsement",
        # 'Caroline Nokes had defected to Team Tugendhat', 'Helen Grant jumped ship to Claire
        # Coutinho': a backer's move from one candidate to another
        r"\b(?i:defect\w*|went\s+over|gone\s+over|jump\w*\s+ship)\s+(?i:to)\s+Team\s+"
        r"(?P<name>[A-Z][\w'’-]+)",
        _endorsed,
        leadership=True,
    ),
    Rule(
        "jumped ship to a candidate",
        "endorsement",
        r"\b(?i:jump\w*\s+ship)\s+(?i:to)\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(
        "switched from one to another",
        "endorsement",
        # 'has moved from Atkins to Tugendhat', 'switched from Ms Coutinho to Mel Stride'
        r"\b(?i:switch\w*|mov\w+|shift\w*|transferr\w*)\s+(?i:(?:his|her|their)\s+(?:support"
        r"|backing|vote|allegiance|nomination)\s+)?(?i:from)\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\s+)?"
        r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?i:to)\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(
        "support behind",
        "endorsement",
        r"\b(?i:support|weight|backing)\s+(?i:firmly\s+)?(?i:behind)\s+" + _NAME,
        _endorsed,
    ),
    Rule(
        "my vote",
        "endorsement",
        r"\b(?i:{POSS})\s+(?i:full\s+|first\s+)?(?i:support|backing|vote|nomination|preference)\s+"
        r"(?i:goes\s+to|is\s+going\s+to|will\s+go\s+to|went\s+to|will\s+be\s+going\s+to|to|for)\s+"
        + _NAME,
        _endorsed,
    ),
    Rule(
        "has my nomination",
        "endorsement",
        r"(?P<name>(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3}|(?i:he|she))(?:\s+(?:has|gets|will\s+get"
        r"|has\s+got|will\s+have)|['’]s\s+got|['’]ll\s+have)\s+(?i:my|our)\s+"
        r"(?i:(?:full|first|whole|total|complete|unconditional|wholehearted)\s+)?"
        r"(?i:nomination|vote|support|backing)\b",
        _endorsed,
    ),
    Rule(
        "she has his support",
        "endorsement",
        r"(?P<name>(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3}|\b(?:he|she))"
        r"\s+(?:had|would\s+have|will\s+have)\s+(?:{POSS})\s+[“\"]?(?:(?:full|first|whole|total"
        r"|complete|unconditional|wholehearted)\s+(?:and\s+\w+\s+)?)?(?:nomination|vote|support"
        r"|backing)\b",
        _endorsed,
        leadership=True,
    ),
    Rule(
        "name on the nomination papers",
        "endorsement",
        r"\b(?i:put(?:ting)?|signed|signing)\s+(?i:my|our|his|her|their)\s+(?i:names?\s+)?(?i:on|to)\s+"
        r"(?P<name>(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3})['’]s?\s+(?i:nomination|papers)",
        _endorsed,
    ),
    Rule(
        "cast his vote for",
        "endorsement",
        r"\b(?i:cast|casting|casts)\s+(?i:my|our|his|her|their)\s+(?i:ballot|vote|first\s+preference)\s+"
        r"(?i:for)\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(
        "among those who backed her",
        "endorsement",
        r"\b(?i:is|are|was|were)\s+(?i:among)\s+(?i:those|the\s+MPs|the\s+first|colleagues)\s+"
        r"(?i:who\s+(?:have\s+|had\s+)?|to\s+)?(?i:nominated|backed|endorsed|nominate|back"
        r"|endorse|signed)\s+" + _NAME,
        _endorsed,
    ),
    Rule(
        "among his backers",
        "endorsement",
        r"\b(?i:is|are|was|were)\s+(?:also\s+)?(?i:among|one\s+of)\s+"
        + _OWNER
        + r"\s+(?:[a-z]+\s+)?(?i:backers|supporters|nominators)\b",
        _endorsed_by_pronoun_or_name,
    ),
    Rule(
        "signed her nomination papers",
        "endorsement",
        r"\b(?i:signed|signs|signing|has\s+signed|(?<=to\s)sign)\s+(?:(?P<name>(?<![\w'’-])[A-Z][\w'’-]+"
        r"(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3})['’]s?\s+(?i:nomination(?:\s+(?:papers?|forms?))?"
        r"|papers)"
        r"|(?P<name2>(?i:his|her))\s+(?i:(?:nomination\s+)?(?:papers|forms?)))",
        _endorsed_by_pronoun_or_name,
    ),
    Rule(
        "backs a seat's MP",
        "endorsement",
        r"\b(?i:backing|endorsing|nominating|backed|endorsed|nominated|supporting|supported"
        r"|back|endorse|nominate|support|behind)\s+the\s+"
        r"(?P<name>(?:(?<![\w'’-])[A-Z][\w'’-]+\s+){1,5}MP)\b",
        _endorsed,
    ),
    Rule(
        "the one I am backing",
        "endorsement",
        # 'Graham is the candidate I'll be voting for', 'Lucy is the one I'm nominating'
        r"(?P<name>(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?<![\w'’-])[A-Z][\w'’-]+){0,3})\s+(?:is|was)\s+"
        r"(?i:the\s+(?:candidate|one|person|woman|man)\s+(?:that\s+|who\s+)?|who\s+)"
        r"(?:I|we)(?i:['’]ll|\s+will|['’]m|\s+am|['’]re|\s+are)?\s+(?i:be\s+)?"
        r"(?i:voting\s+for|backing|nominating|supporting|vote\s+for|back|nominate|support)\b",
        _endorsed,
        leadership=True,
    ),
    Rule(
        "sticks with the leader",
        "endorsement",
        # 'Rebecca Smith is sticking with Mrs Badenoch', in a challenge to a sitting leader
        r"\b(?i:(?:is|are|was|were)\s+(?:still\s+)?(?:sticking|standing)\s+(?:with|by)"
        r"|(?:is|are|was|were|remains?|remained|stays?|stayed|staying)\s+(?:firmly\s+)?loyal\s+to)\s+"
        + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(
        "throws in her lot",
        "endorsement",
        r"\b(?i:thr(?:ew|ow\w*)\s+(?:his|her|their)\s+lot\s+in\s+with)\s+" + _NAME,
        _endorsed,
    ),
    Rule(
        "comes out for",
        "endorsement",
        r"\b(?i:c(?:a|o)me\s+out\s+(?:in\s+support\s+of|for)|(?:declared|announced|gave|given)"
        r"\s+(?:his|her|their)\s+(?:full\s+)?support\s+(?:for|to)|thr(?:ew|ow\w*)\s+(?:his|her"
        r"|their)\s+(?:full\s+)?(?:weight|support)\s+behind)\s+" + _NAME,
        _endorsed,
    ),
    Rule(  # 'is in Burnham's corner', 'is firmly in her camp'
        "in his corner",
        "endorsement",
        r"\b(?i:is|are|was|were|now|firmly|squarely|already)\s+(?:\w+\s+)?(?i:in)\s+"
        + _OWNER
        + r"\s+(?i:corner|camp)\b",
        _endorsed_by_pronoun_or_name,
        leadership=True,
    ),
    Rule(
        "nailed her colours to his mast",
        "endorsement",
        r"\b(?i:nail\w*|pinn\w*)\s+(?i:his|her|their)\s+(?i:colou?rs)\s+(?i:to)\s+"
        + _OWNER
        + r"\s+(?i:mast)\b",
        _endorsed_by_pronoun_or_name,
        leadership=True,
    ),
    Rule(
        "added her name to his backers",
        "endorsement",
        r"\b(?i:add\w*)\s+(?i:his|her|their)\s+(?i:names?)\s+(?i:to)\s+(?i:the\s+(?:list|ranks|tally)\s+of\s+)?"
        + _OWNER
        + r"\s+(?i:backers|supporters|nominators|nominations|nomination\s+papers|papers)\b",
        _endorsed_by_pronoun_or_name,
    ),
    Rule(  # 'urged colleagues to back Andy Burnham': the speaker backs him too
        URGES_OTHERS,
        "endorsement",
        r"\b(?i:urg\w+|encourag\w+|call\w*\s+on)\s+(?i:(?:his|her|their|fellow)\s+)?(?i:colleagues"
        r"|MPs|members|party\s+members|activists|voters|the\s+party|others)\s+(?i:to)\s+(?i:back"
        r"|support|vote\s+for|nominate|get\s+behind)\s+" + _NAME,
        _endorsed,
        leadership=True,
    ),
    Rule(  # 'confirmed his support on Friday night': for the one candidate the item tells of
        "confirmed his support",
        "endorsement",
        r"\b(?i:confirm\w*|declar\w+|announc\w+|pledg\w+|offer\w*|gave|given|giv\w+)\s+"
        r"(?i:his|her|their)\s+(?i:full\s+|public\s+|formal\s+)?(?i:support|backing|nomination)\b"
        r"(?!\s+(?i:for|to|behind|of|from)\b)",
        _the_one_told,
        leadership=True,
    ),
    Rule(  # 'was among the last to sign', 'is among the first MPs to back her'
        "among the last to sign",
        "endorsement",
        r"\b(?i:is|are|was|were)\s+(?i:also\s+)?(?i:among)\s+the\s+(?i:first|last|latest|earliest)\s+"
        r"(?:\w+\s+)?(?i:to)\s+(?i:sign|back|nominate|endorse|declare)(?:\s+(?i:for\s+)?(?i:him|her))?"
        r"(?=\s*(?:[.,;]|$))",
        _the_one_told,
        leadership=True,
    ),
    Rule(
        "gave her his backing",
        "endorsement",
        r"\b(?i:gave|gives|giving|given|lent|lends|offered)\s+(?P<name>(?i:him|her))\s+"
        r"(?i:his|her|their)\s+(?i:full\s+|early\s+|public\s+)?(?i:backing|support|vote|endorsement"
        r"|nomination)\b",
        _endorsed,
    ),
    Rule(
        "not standing again",
        "resignation",
        # ('colleagues had stood before but would not stand again': whose, it does not say)
        r"\b(?:will\s+not|won't|(?<!\bbut\s)(?:would\s+not|wouldn't)|is\s+not|not\s+to)\s+(?:be\s+)?"
        r"(?:stand|standing|seek\w*)\s+"
        r"(?:again|(?:for\s+)?re-?election)(?!\s+(?:for|as)\s+(?:the\s+)?(?:co-|deputy\s+)?lead)|\b(?:stand|step)\w*\s+down\s+(?:as\s+an?\s+MP\s+)?at\s+the\s+"
        r"(?:next\s+)?(?:general\s+|westminster\s+|uk\s+)?election|\bnot\s+seek\w*\s+re-?election"
        r"(?!\s+(?:for|as)\s+(?:the\s+)?(?:co-|deputy\s+)?lead)"
        r"|(?:\bnot|n't)\s+(?:be\s+)?(?:stand(?:ing)?|a\s+candidate|contest(?:ing)?|fight(?:ing)?)\s+"
        r"(?:again\s+)?(?:(?:for|in)\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?:and\s+)?(?-i:[A-Z])[\w'’-]+){0,4}\s+)?"
        r"(?:at\s+)?the\s+next\s+(?:general\s+|westminster\s+|uk\s+)?election"
        # 'will not contest Torridge and Tavistock at the next election'
        r"|(?:\bnot|n't)\s+(?:be\s+)?(?:contest(?:ing)?|fight(?:ing)?|defend(?:ing)?)\s+"
        r"(?:(?:(?-i:[A-Z])[\w'’-]+\s+(?:and\s+)?){1,5}|(?:the|his|her|my)\s+seat\s+)"
        r"(?:again\s+)?at\s+the\s+next\s+"
        r"(?:general\s+|westminster\s+|uk\s+)?election"
        r"|\b(?:this|the\s+current)\s+parliament\s+(?:will|would)\s+be\s+(?:my|his|her|their)\s+last\b"
        r"|\b(?:this|it)\s+(?:will|would)\s+be\s+(?:my|his|her)\s+last\s+(?:parliament|term)\b"
        r"|\b(?:retire|bow\s+out|leave\s+(?:parliament|the\s+commons)|retire\s+from\s+(?:parliament"
        r"|the\s+commons|politics))\s+at\s+the\s+next\s+"
        r"(?:general\s+|westminster\s+|uk\s+)?election"
        # 'confirmed that he is to retire from Westminster'
        r"|\b(?:is|was|am|are)\s+(?:to|going\s+to)\s+(?:retire|bow\s+out)\s+(?:from|of)\s+"
        r"(?:westminster|parliament|the\s+commons)\b",
        _seat,
    ),
    Rule(
        "quits the party",
        "resignation",
        r"\b(?:quit\w*|left|leav\w+|resign\w*\s+from|walk\w*\s+out\s+of)\s+(?:the\s+)?"
        r"(?-i:"
        + _PARTY_NAMES
        + r")\b(?:\s+party)?"
        + _NOT_A_PARTYS_BODY
        # 'I'll leave the Liberal Democrats to sort out their own affairs': an idiom
        + r"(?!\s+to\s+(?!join|sit|become|stand)\w+)",
        _party_left,
    ),
    Rule(
        "walks out",
        "resignation",
        r"\b(?:walk\w*\s+out\s+of|quit\w*)\s+(?:the\s+)?(?P<post>(?:shadow\s+)?cabinet"
        r"|government|front\s?bench)",
        _post,
    ),
    Rule(
        "whip",
        "resignation",
        r"\b(?:resign\w*|surrender\w*|relinquish\w*|hand\w*\s+back|give\s+up|gave\s+up|giving\s+up"
        r"|given\s+up|quit(?:s|ting)?)\s+(?:the\s+)?"
        r"(?!as\b|from\b)(?:[\w-]+\s+){0,2}whip\b(?!['’]s|\s+(?:role|post|job|office)\b)",
        _whip,
    ),
    Rule(
        "resigned as",
        "resignation",
        r"\b(?:resign\w*|quit\w*|step\w*\s+down|stood\s+down|stand(?:ing)?\s+down|walk(?:s|ed)\s+out)"
        r"\s+(?:as|from)\s+(?P<post>[^.,;:!?]+)"
        r"|\b(?:st(?:and(?:s|ing)?|ood|ep(?:s|ped|ping)?)\s+aside)\s+as\s+(?P<post2>[^.,;:!?]+)",
        _post,
    ),
    Rule(
        "steps down once a successor is chosen",
        "resignation",
        # 'announced that he would step down once a successor is chosen': the leadership
        r"\b(?:step\w*|stood|stand\w*)\s+down\s+(?:once|when|as\s+soon\s+as|after)\s+"
        r"(?:a|his|her|their)\s+(?:successor|new\s+leader)\s+(?:is|was|has\s+been|had\s+been"
        r"|have\s+been)\s+(?:chosen|elected|in\s+place|found|picked)",
        lambda match, sentence: "leader",
    ),
    Rule(
        "quit her role as",
        "resignation",
        r"\b(?:quit\w*|left|leav\w+|vacat\w+|relinquish\w*|g[ai]ve\s+up|giv\w+\s+up|given\s+up"
        r"|step\w*\s+down\s+from|stood\s+down\s+from|resign\w*\s+from|hand\w*\s+in\s+{POSS}\s+notice"
        r"|step\w*\s+back\s+from)"  # 'stepped back from her role as chair of ...'
        r"\s+(?:{POSS}\s+(?:role|post|position|job)\s+)?as\s+(?P<post>[^.,;:!?]+)",
        _post,
    ),
    Rule(
        "quit her government role",
        "resignation",
        r"\b(?:quit\w*|left|leav\w+|resign\w*\s+from|g[ai]ve\s+up|giv\w+\s+up|given\s+up"
        r"|step\w*\s+down\s+from|stood\s+down\s+from)\s+{POSS}\s+(?P<post>(?:government|ministerial"
        r"|frontbench|front-bench|shadow\s+ministerial)\s+(?:role|post|job|position))\b",
        _post,
    ),
    Rule(
        "the latest minister to resign",
        "resignation",
        r"\b(?:is|was|became|becomes|become)\s+the\s+(?:latest|first|second|third|fourth|fifth"
        r"|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?"
        r"(?P<post>minister|secretary|aide|frontbencher|whip|PPS)s?\s+to\s+(?:resign|quit"
        r"|step\s+down|walk\s+out)\b",
        _post,
    ),
    Rule(
        "resigned",
        "resignation",
        r"\b(?:{S}\s+(?:have\s+|has\s+|had\s+)?(?:therefore\s+|today\s+|now\s+)?"
        r"(?:resigned|resign|quit|stepped\s+down)|(?:has|have|had)\s+(?:now\s+)?(?:resigned|quit"
        r"|stepped\s+down)|resigned|quit|stepped\s+down|{S}\s+(?:quits|resigns|steps\s+down))"
        r"(?=\s*(?:[.,;!]|$|\s+(?:too|on|last|this|yesterday|today|tonight|earlier|later|after"
        r"|over|in\s+(?:protest|a\s+letter)|with\s+immediate|minutes|hours|just|shortly|within"
        r"|at\s+\d)))",
        lambda match, sentence: post_before(sentence[: match.start()]),
    ),
    Rule(
        "resignation letter",
        "resignation",
        # ('offered his resignation': not given, perhaps refused)
        r"\b(?:tender\w*|submit\w*|hand\w*\s+in|announc\w+|post\w*|publish\w*|sent|sen[dt]s?"
        r"|deliver\w*)\s+{POSS}\s+"
        r"(?:immediate\s+)?resignation(?:\s+(?:as|from)\s+(?P<post>[^.,;:!?]+))?",
        lambda match, sentence: _post(match, sentence) or post_before(sentence[: match.start()]),
    ),
    Rule(
        "resigned as a member",
        "resignation",
        r"\b(?:resign\w*|quit\w*)\s+(?:as|from)\s+(?:[^.;:!?]{0,80}?\band\s+(?:as\s+)?)?"
        r"(?:a\s+member\s+of\s+)?(?:the\s+)?(?-i:" + _PARTY_NAMES + r")(?:\s+[Pp]arty)?\b"
        r"(?!['’]|\s+(?:front|frontbench|whip|leader|deputy|chair|group|bench|benches|government"
        r"|cabinet|team|council)\b)",  # not 'quit as the Liberal Democrats' spokesperson'
        _party_left,
    ),
    Rule(
        "resign membership",
        "resignation",
        r"\b(?:resign\w*|t[oe]r[en]\w*\s+up|hand\w*\s+(?:in|back)|cancel\w*)\s+{POSS}\s+"
        r"(?:[\w-]+\s+){0,3}?membership",  # 'has torn up his Labour membership card'
        _party_left,
    ),
    Rule(
        "resign seat",
        "resignation",
        r"\b(?:resign\w*\s+{POSS}\s+seat|trigger\w*\s+a\s+by-election"
        # 'is to quit Parliament', 'announced his retirement from the Commons'
        r"|(?:quit\w*|retire\w*\s+from|retirement\s+from)\s+(?:Parliament|the\s+Commons"
        r"|the\s+House\s+of\s+Commons|politics)\b(?!\s+(?:at|after|before|when)\b)"
        r"|(?:apply\w*|applied|appointed|appointment)\s+(?:for|to)\s+(?:the\s+)?(?:Chiltern\s+Hundreds"
        r"|(?:Crown\s+Steward\w*\s+and\s+Bailiff\w*\s+of\s+the\s+)?Manor\s+of\s+Northstead))",
        _seat,
    ),
    Rule(
        "can no longer serve",
        "resignation",
        r"\b{S}\s+(?:can|could)\s*(?:no\s+longer|not\s+continue\s+to)\s+serve\s+(?:in|as)\s+"
        r"(?P<post>(?:the\s+|this\s+|your\s+)?(?:government|cabinet|shadow\s+cabinet"
        r"|front\s?bench|[\w\s-]{0,40}?(?:secretary|minister|whip|spokes\w+|chair\w*)))\b",
        _post,
    ),
    Rule(
        "leave the cabinet",
        "resignation",
        r"\b{S}(?:'ve|\s+have|\s+has|\s+am|'m|\s+is)?\s+(?:today\s+)?(?:left|leaving|quit\w*)"
        r"\s+(?:the\s+)?(?P<post>(?:shadow\s+)?cabinet|government|front\s?bench)",
        _post,
    ),
    Rule(
        "joins",
        "defection",
        r"\b(?:join\w*|defect\w*\s+to|cross\w*\s+the\s+floor\s+to(?:\s+join)?|switch\w*\s+to"
        r"|sign\w*\s+up\s+(?:with|to|for)|(?:go(?:ne|es|ing)?|went)\s+over\s+to"
        r"|jump\w*\s+ship\s+to"
        # 'switched from the Conservatives to Reform UK', 'quit the Tories for Reform UK'
        r"|(?:switch\w*|defect\w*|mov\w+|cross\w*\s+over|cross\w*\s+the\s+floor|jump\w*|went|gone)"
        r"\s+from\s+(?:the\s+)?"
        r"(?-i:" + _PARTY_NAMES + r")\s+to"
        r"|(?:quit\w*|left|leav\w+|ditch\w*|abandon\w*|desert\w*)\s+(?:the\s+)?"
        r"(?-i:" + _PARTY_NAMES + r")\s+for)"
        # 'joined Labour's deputy leadership race': the party's race, not the party;
        # 'joins Rupert Lowe's Restore Britain': the party of its leader
        r"\s+(?:the\s+|(?:(?-i:[A-Z])[\w-]+\s+)?(?-i:[A-Z])[\w-]+['’]s\s+)?"
        + PARTY
        + r"(?![’']s?\b)"
        + _NOT_AS_A_WORD_BEFORE_PEOPLE,
        _party_joined,
    ),
    Rule(
        "leaves party",
        "defection",
        r"\b(?:leav\w+|left|quit\w*)\s+(?:the\s+)?(?P<left>labour|conservative|tory|liberal"
        r"\s+democrat|lib\s+dem|snp|green|reform(?:\s+uk)?|scottish\s+national)\s*\w*\s+party\b"
        r"|\b(?:leav\w+|left|quit\w*)\s+(?:the\s+)?(?:labour|conservatives|tories|lib\s+dems"
        r"|liberal\s+democrats|snp|greens|reform\s+uk)\b(?:[^.;,]{0,50}?\s)?(?:to\s+(?:join|sit)"
        r"|and\s+join\w*)",
        _party_after_leaving,
    ),
    Rule(
        "unveiled as a party's newest MP",
        "defection",
        r"\b(?:(?:unveiled|revealed|announced|welcomed|introduced|presented|confirmed)\s+as"
        r"|become|becomes|became|is\s+now|is)\s+"
        r"(?:the\s+)?" + PARTY + r"(?:['’]s)?\s+(?:newest|latest|new|first|second|third|fourth"
        r"|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:MP|recruit|signing)\b",
        _party_joined,
    ),
    Rule(
        "now a party's MP",
        "defection",
        r"(?:\b(?:from\s+)?(?:today|tonight|now),?\s+{S}(?:'m|\s+am|\s+is)|\b{S}(?:'m|\s+am|\s+is)"
        r"\s+now|\b{S}\s+will\s+(?:now\s+)?(?:sit|be)(?:\s+now)?)\s+(?:as\s+)?(?:a|an)\s+"
        + PARTY
        + r"\s+MP\b",
        _party_joined,
    ),
    Rule(
        "sits as independent",
        "defection",
        r"(?:\bsit\w*(?:\s+\w+){0,3}\s+as\s+an\s+independent(?!\s+(?:Labour|Conservative|Tory"
        r"|Liberal|Green|SNP|Plaid|Reform)\b)"  # 'an independent Labour member': still Labour
        r"|\b(?:serv\w+|carry\s+on|continu\w+)\b"
        r"[^.]{0,60}?\s+as\s+an\s+independent\s+MP\b)"
        # 'will sit as an independent while the suspension lasts': imposed, not chosen
        r"(?![^.]{0,40}\b(?:while|pending|until|during)\b[^.]{0,40}"
        r"\b(?:suspension|investigation|inquiry|whip)\b)",
        lambda m, s: "Independent",
    ),
    Rule(
        "sits as a party's MP",
        "defection",
        r"(?<!\bback\s)\bsit\w*(?:\s+\w+){0,5}?\s+as\s+(?:(?:a|an)\s+"
        + PARTY
        + r"(?:\s+(?:MP|member)\b|(?=\s*[,.;]|\s*$))|(?:the\s+)?"
        + PARTY.replace("?P<party>", "?P<party2>")
        + r"(?:['’]s)?\s+MP\b)",
        _party_joined,
    ),
]


_POST_STOP = re.compile(
    r"\s+(?:and|with|after|because|so|in\s+order|to\s+(?!the\b)|over|amid|following|today"
    r"|tonight|this|last|effective|with\s+immediate|on(?!\s+(?:the\s+)?(?!(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)?day\b|\d|eve\b|morning|afternoon|evening|night|weekend)[a-z]+"
    r"(?:\s+[a-z]+){0,3}\s*$)|at|in\s+protest|saying"
    r"|as\s+(?:a|the)\s+"
    r"result|rather|shortly|earlier|later|just|yesterday|overnight|minutes|hours|days|weeks"
    r"|in\s+(?:a|an|his|her|their|the\s+wake|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|(?:19|20)\d\d)|over|despite|citing|when"
    r"|while|but|than|which|who|that|once|until|when|if|as\s+soon\s+as|came|comes|brought"
    r"|prompted|sparked|triggered|followed|leaves|left\s+(?:the|a|him|her)"
    r"|(?:was|were|has\s+been|had\s+been|is\s+being)\s+\w+ed\s+by)\b.*$",
    re.I,
)


_GREAT_OFFICES = {
    "interior": "home secretary",
    "finance": "chancellor",
    "foreign": "foreign secretary",
}


# 'energy and climate spokesperson': an 'and' inside a title, kept where a stop would end it.
_TITLE_WORD = re.compile(r"\b(?:secretary|minister|spokes\w+|chair\w*)\b", re.I)
_AND_IN_A_TITLE = re.compile(
    r"\s+and\s+(?=(?:[\w-]+\s+){0,2}(?:secretary|minister|spokes\w+|chair\w*)\b)", re.I
)


def _joined_title(post: str) -> str:
    found = _AND_IN_A_TITLE.search(post)
    if found is None or _TITLE_WORD.search(post[: found.start()]):
        return post
    return post[: found.start()] + " & " + post[found.end() :]


# A post written title first: 'minister for victims', 'shadow minister for domestic
# violence', 'secretary of state for health', 'spokesperson for rural affairs'.
_TITLE_FOR = re.compile(
    r"(?P<shadow>shadow\s+)?(?P<title>minister|secretary|spokes(?:person|man|woman))"
    r"(?:\s+of\s+state)?\s+(?:for|in)\s+(?:the\s+)?(?P<field>(?!the\b)[\w' -]+?)"
)


def clean_post(post: str) -> str | None:
    """'Home Secretary with immediate effect' -> 'home secretary'; 'an MP' -> 'the seat'."""
    post = re.split(r"\s+[|–—]\s+", post)[0]  # 'chair of Welsh affairs committee | Gazette'
    post = _POST_STOP.sub("", _joined_title(post.strip())).replace(" & ", " and ")
    post = re.sub(
        r"^.*?\b(?:resign\w*|quit\w*|step\w*\s+down|stood\s+down)\s+(?:as|from)\s+", "", post
    )
    post = re.sub(r"(?:\s+(?:of|for|to|the|a|an|on|at|in))+\s*$", "", post)  # 'leader of this …'
    post = post.strip(" '\"”’").lower()
    post = re.sub(r"^(?:my|his|her|their|your|our)\s+", "", post)
    post = re.sub(r"^(?:post|role|position|job)\s+(?:as|of)\s+", "", post)
    post = re.sub(r"^(?:to\s+)?serv\w*\s+as\s+", "", post)
    one_of = re.fullmatch(r"one\s+of\s+(?:the\s+|[\w'’ -]+?['’]s\s+)?(.+?)s", post)
    post = (
        one_of.group(1) if one_of else post
    )  # "one of keir starmer's trade envoys"  # 'an honour to serve as a minister'
    post = re.sub(r"^(?:a|an)\s+(?=\w)", "", post) if "mp" not in post.split() else post
    if not post:
        return None
    if re.fullmatch(
        r"(?:an?\s+|the\s+)?(?:mp|mp\s+for\s+.+|member\s+of\s+parliament(?:\s+for\s+.+)?"
        r"|member\s+for\s+.+"
        r"|parliament|commons"
        r"|house\s+of\s+commons)",
        post,
    ):
        return "the seat"
    if re.fullmatch(r"(?:the\s+)?(?:\w+\s+)?party", post):
        return "the party"
    post = re.sub(r"^(?:the\s+)?party['’]s\s+", "", post)  # "the party's chief whip"
    post = re.sub(r"\s+in\s+the\s+(?:house\s+of\s+)?commons$", "", post)
    post = re.sub(  # "the snp's spokesperson", "plaid cymru's leader"
        r"^(?:the\s+)?(reform\s+uk|plaid\s+cymru|lib\s+dem|liberal\s+democrat|labour|conservatives?"
        r"|tory|tories|snp|greens?|reform|plaid|sdlp|dup|alliance|party|britain|uk|scotland|wales)"
        r"['’]s\s+",
        r"\1 ",
        post,
    )
    post = re.sub(r"\bselect\s+committee\b", "committee", post)
    titled = _TITLE_FOR.fullmatch(post)  # 'minister for victims' -> 'victims minister'
    if titled:
        post = f"{titled.group('shadow') or ''}{titled.group('field')} {titled.group('title')}"
    post = re.sub(r"\bthe\s+commons\s+(?=(?:[\w-]+\s+){1,6}committee\b)", "the ", post)
    wire = re.fullmatch(
        r"(?:(?:british|britain|uk|s)\s+)?(interior|finance|foreign)\s+minister", post
    )
    if wire:  # how foreign wires name the great offices of state
        return _GREAT_OFFICES[wire.group(1)]
    post = re.sub(
        r"^((?:deputy\s+)?leader)\s+of\s+(?:the\s+)?((?:(?!party\b)\w+\s+){0,2}(?!party\b)\w+)"
        r"(?:\s+party)?$",
        r"\2 \1",
        post,
    )  # 'leader of reform uk' -> 'reform uk leader'
    if re.fullmatch(
        r"(?:a\s+)?(?:pps|(?:ministerial|parliamentary)\s+aide"
        r"|[\w' -]+'s\s+(?:parliamentary\s+)?aide)(?:\s+(?:to|in)\s+.+)?",
        post.replace("’", "'"),
    ):
        return "parliamentary private secretary"
    return post
