"""Who speaks in real news: people who are not MPs, pronouns and roles, and the words that are
the MP's own. Each text here is written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from watcher.extract import extract_statements
from watcher.extract.kinds import Event
from watcher.extract.people import roster_for
from watcher.extract.reference import People
from watcher.extract.targets import specific_post
from watcher.models import Item, Source, Statement
from watcher.register import load_register

pytestmark = pytest.mark.timeout(10)

NEWS = Source("Politics desk", "page", "https://news.example/", 300.0)
PUBLISHED = datetime(2025, 9, 10, 11, 0, tzinfo=UTC)  # a Wednesday
LONDON = ZoneInfo("Europe/London")


def statements(text: str, title: str = "") -> list[Statement]:
    item = Item(NEWS, "urn:test", title, text, "https://news.example/1", PUBLISHED)
    return extract_statements(item, load_register())


def speakers(text: str) -> set[str]:
    return {s.mp for s in statements(text)}


def whom(text: str, word: str, nth: int = 0) -> str | None:
    """The MP the `nth` occurrence of `word` in `text` resolves to."""
    people = People(text, roster_for(load_register()))
    at = [i for i in range(len(text)) if text.startswith(word, i)][nth]
    (mention,) = [m for m in people.mentions if m.start == at]
    return people.resolve(mention)


# --- people who are not MPs -----------------------------------------------------------------


def test_he_said_after_a_foreign_leader_is_the_leaders_not_the_mps() -> None:
    text = (
        "Sir Keir Starmer met the French president, Emmanuel Macron, in Paris.\n\n"
        "Mr Macron praised the agreement. “This is a good day for our two countries,” he said."
    )
    assert speakers(text) == set()


def test_a_role_abroad_is_never_an_mp() -> None:
    text = (
        "Rachel Reeves arrived in Berlin on Tuesday.\n\n"
        "“We will not be rushed,” the German chancellor said."
    )
    assert speakers(text) == set()


def test_a_spokesman_and_allies_speak_for_nobody_tracked() -> None:
    text = (
        "Angela Rayner has been under pressure all week.\n\n"
        "“She has done nothing wrong,” a Downing Street spokesman said. Allies of Ms Rayner "
        "said she would “fight on”."
    )
    assert speakers(text) == set()


def test_a_first_name_before_a_tracked_surname_is_someone_else() -> None:
    text = "Boris Johnson said the deal was “a betrayal”."
    assert speakers(text) == set()


def test_a_surname_two_people_share_is_nobodys() -> None:
    text = (
        "Maria Eagle nominated Lucy Powell on Tuesday. Her sister Angela Eagle backed Bridget "
        "Phillipson.\n\n“We have never agreed about football,” Ms Eagle said."
    )
    found = statements(text)
    assert all("football" not in s.text for s in found)


# --- pronouns and roles ---------------------------------------------------------------------


def test_a_pronoun_follows_the_gender_of_the_person_it_means() -> None:
    text = "Jess Phillips met Jeremy Corbyn in Westminster. She said the meeting went well."
    assert whom(text, "She") == "Jess Phillips"


def test_a_pronoun_after_two_people_of_its_gender_is_nobodys() -> None:
    text = "Keir Starmer met Ed Davey on Monday. He said the talks had been useful."
    assert whom(text, "He") is None


def test_a_role_named_with_its_holder_is_that_holder() -> None:
    text = "The chancellor, Rachel Reeves, set out her plans. The chancellor said they would work."
    assert whom(text, "The chancellor", nth=1) == "Rachel Reeves"


def test_an_mps_role_refers_back_to_the_mp_the_sentence_before_was_about() -> None:
    text = (
        "Jeremy Hunt will not stand to replace Rishi Sunak.\n\n"
        "In a statement, the shadow chancellor said: “I will not be putting my name forward.”"
    )
    (found,) = [s for s in statements(text) if s.verbatim]
    assert found.mp == "Jeremy Hunt"


# --- the MP's own words, and the reporter's ---------------------------------------------------


def test_a_quote_is_verbatim_and_keeps_the_sentence_that_carries_it() -> None:
    text = "Lucy Powell said: “I am standing to be Labour's deputy leader.”"
    (found,) = statements(text)
    assert found.verbatim
    assert found.text == "I am standing to be Labour's deputy leader."
    assert found.report is not None
    assert "Lucy Powell said" in found.report


def test_an_event_told_in_the_reporters_words_is_not_verbatim() -> None:
    text = (
        "The Labour deputy leadership race is under way.\n\n"
        "Sarah Champion has confirmed her candidacy for deputy leader in a letter to members."
    )
    (found,) = statements(text)
    assert (found.mp, found.kind, found.target) == (
        "Sarah Champion",
        "leadership_bid",
        "Labour deputy leader",
    )
    assert not found.verbatim
    assert found.text.startswith("Sarah Champion has confirmed her candidacy")


def test_several_mps_listed_as_one_subject_each_back_the_candidate() -> None:
    text = (
        "Wes Streeting launched his Labour leadership campaign on Monday.\n\n"
        "Jim McMahon and Debbie Abrahams have also backed him."
    )
    backers = {s.mp for s in statements(text) if s.kind == "endorsement"}
    assert backers == {"Jim McMahon", "Debbie Abrahams"}
    assert {s.target for s in statements(text) if s.kind == "endorsement"} == {"Wes Streeting"}


def test_backing_told_in_the_passive_is_the_backers_endorsement() -> None:
    text = (
        "The Conservative leadership race.\n\n"
        "Claire Coutinho has won the backing of Gareth Bacon and Julia Lopez. Mr Cleverly was "
        "endorsed at his launch by the shadow chancellor, Mel Stride."
    )
    found = {(s.mp, s.target) for s in statements(text) if s.kind == "endorsement"}
    assert found == {
        ("Gareth Bacon", "Claire Coutinho"),
        ("Julia Lopez", "Claire Coutinho"),
        ("Mel Stride", "James Cleverly"),
    }


def test_having_the_backing_of_mps_is_their_endorsement_unless_told_in_passing() -> None:
    main = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Andy Burnham has the backing of Clive Betts and Lisa Nandy."
    )
    found = {(s.mp, s.target) for s in statements(main) if s.kind == "endorsement"}
    assert found == {("Clive Betts", "Andy Burnham"), ("Lisa Nandy", "Andy Burnham")}
    in_passing = (
        "Pete Wishart has entered the contest to lead the SNP's Westminster group.\n\n"
        "Mr Doogan, who declared on Tuesday and has the backing of Kirsty Blackman and Chris "
        "Law, said he welcomed the contest."
    )
    assert not {s.mp for s in statements(in_passing)} & {"Kirsty Blackman", "Chris Law"}


def test_mps_listed_before_a_verb_in_the_progressive_share_it() -> None:
    text = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Clive Betts and Dan Carden are backing Andy Burnham."
    )
    found = {(s.mp, s.target) for s in statements(text) if s.kind == "endorsement"}
    assert found == {("Clive Betts", "Andy Burnham"), ("Dan Carden", "Andy Burnham")}


def test_and_so_did_tells_the_clause_before_of_the_next_mp() -> None:
    text = "Clive Betts has resigned as a minister, and so has Lisa Nandy."
    found = {(s.mp, s.kind) for s in statements(text)}
    assert found == {("Clive Betts", "resignation"), ("Lisa Nandy", "resignation")}


@pytest.mark.parametrize(
    "text",
    [
        "Clive Betts is to stand for the leadership, his allies said.",
        "Clive Betts will stand for the leadership, friends say.",
        "Reports suggest Clive Betts will defect to Reform UK.",
    ],
)
def test_an_event_told_by_allies_or_reports_is_not_the_mps(text: str) -> None:
    assert statements("The Labour leadership contest opened on Monday.\n\n" + text) == []


def test_backing_a_cause_of_a_candidates_is_no_endorsement() -> None:
    text = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Clive Betts backed Lisa Nandy's call for a public inquiry."
    )
    assert [s.kind for s in statements(text)] == []


def test_a_person_named_after_a_place_and_a_post_is_found_for_a_later_title() -> None:
    text = (
        "Jackie Baillie and the Edinburgh Southern MSP Daniel Johnson are the only two to have "
        "declared. Ian Murray said he would nominate Mr Johnson."
    )
    found = [(s.mp, s.kind, s.target) for s in statements(text)]
    assert found == [("Ian Murray", "endorsement", "Daniel Johnson")]


def test_a_candidate_named_only_by_title_stays_as_written() -> None:
    text = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Ian Murray said he would nominate Mr Smith."
    )
    assert [(s.mp, s.kind, s.target) for s in statements(text)] == [
        ("Ian Murray", "endorsement", "Mr Smith")
    ]


def test_a_candidate_titled_by_seat_endorsed_in_the_passive() -> None:
    text = (
        "Tom Tugendhat announced his bid for the Conservative leadership. The Tonbridge MP was "
        "quickly endorsed by Julia Lopez."
    )
    found = {(s.mp, s.target) for s in statements(text) if s.kind == "endorsement"}
    assert found == {("Julia Lopez", "Tom Tugendhat")}


def test_a_quote_inside_reported_speech_is_one_statement_with_its_report() -> None:
    text = (
        "Clive Betts, the Sheffield South East MP, spoke on Monday.\n\n"
        "Mr Betts said the plan was “a disgrace” and would be fought."
    )
    (found,) = statements(text)
    assert (found.mp, found.verbatim, found.text) == ("Clive Betts", True, "a disgrace")
    assert found.report == "Mr Betts said the plan was “a disgrace” and would be fought."


@pytest.mark.parametrize(
    "text",
    [
        "Lisa Nandy met Clive Betts on Monday. “Clive is wrong,” he said.",
        "Clive Betts spoke on Monday. “I back Clive,” the chancellor said.",
    ],
)
def test_a_quote_naming_the_mp_is_not_given_to_the_mp_by_a_pronoun_or_role(text: str) -> None:
    assert "Clive Betts" not in speakers(text)


def test_he_after_a_passive_may_be_its_agent() -> None:
    text = "Mr Betts has been criticised by Dan Carden. “He has lost touch,” he said."
    assert speakers("Clive Betts spoke on Monday.\n\n" + text) == set()


def test_words_quoted_as_someone_elses_claim_are_not_the_mps_own() -> None:
    text = (
        "Clive Betts spoke on Monday.\n\n"
        "Clive Betts said Lisa Nandy’s claim that “housing is fixed” was nonsense."
    )
    assert [(s.mp, s.verbatim) for s in statements(text)] == [("Clive Betts", False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Betts is in his corner.",
        "Clive Betts has nailed his colours to Andy Burnham's mast.",
        "Clive Betts added his name to the list of Andy Burnham's backers.",
        "Clive Betts urged colleagues to back Andy Burnham.",
        "Clive Betts will be voting for Andy Burnham in the first round.",
        "One of his supporters is Clive Betts, who said the mayor was ready.",
    ],
)
def test_more_ways_of_telling_a_backer(sentence: str) -> None:
    text = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Andy Burnham launched his campaign on Monday. " + sentence
    )
    found = {(s.mp, s.target) for s in statements(text) if s.kind == "endorsement"}
    assert found == {("Clive Betts", "Andy Burnham")}


def test_urging_someone_to_stand_is_no_endorsement() -> None:
    text = (
        "The Labour leadership contest opened on Monday.\n\n"
        "Clive Betts urged Lisa Nandy to stand for the leadership."
    )
    assert [s.kind for s in statements(text) if s.kind != "statement"] == []


@pytest.mark.parametrize(
    ("sentence", "kind", "target"),
    [
        ("Clive Betts is Reform UK's newest MP.", "defection", "Reform UK"),
        ("Clive Betts has torn up his Labour membership card.", "resignation", "the party"),
        ("Clive Betts is to quit Parliament.", "resignation", "the seat"),
        ("Clive Betts has announced his retirement from politics.", "resignation", "the seat"),
        (
            "Clive Betts has stepped back from his role as chair of the housing committee.",
            "resignation",
            "chair of the housing committee",
        ),
    ],
)
def test_more_ways_of_telling_a_departure(sentence: str, kind: str, target: str) -> None:
    found = [(s.mp, s.kind, s.target) for s in statements(sentence)]
    assert found == [("Clive Betts", kind, target)]


def test_a_quote_that_goes_on_in_the_next_paragraph_is_one_statement_said_then() -> None:
    text = (
        "Clive Betts, the Sheffield South East MP, spoke on Monday.\n\n"
        "“We must build more homes,” he said.\n\n"
        "“The country cannot wait.”\n\n"
        "Lisa Nandy disagreed."
    )
    (found,) = statements(text)
    assert " ".join(found.text.split()) == "We must build more homes, The country cannot wait."
    assert (found.said_at_text, found.said_at_precision) == ("on Monday", "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Betts has declined to stand.",
        "Clive Betts has pulled his name from the ballot.",
        "Clive Betts said he would not be throwing his hat into the ring.",
        "Clive Betts said now was not the right time for him to stand.",
        "Clive Betts has stepped aside to back Lisa Nandy.",
    ],
)
def test_more_ways_of_ruling_oneself_out(sentence: str) -> None:
    text = "The Labour leadership contest opened on Monday.\n\n" + sentence
    kinds = {s.kind for s in statements(text) if s.mp == "Clive Betts"}
    assert "leadership_declined" in kinds


def test_out_of_the_race_may_be_eliminated_not_withdrawn() -> None:
    text = "The Labour leadership contest opened on Monday.\n\nClive Betts is out of the race."
    assert [s.kind for s in statements(text)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Betts has confirmed he is a candidate.",
        "Clive Betts has launched a leadership challenge against Keir Starmer.",
        "Clive Betts has formally submitted his nomination papers.",
    ],
)
def test_more_ways_of_telling_a_bid(sentence: str) -> None:
    text = "The Labour leadership contest opened on Monday.\n\n" + sentence
    found = [(s.mp, s.kind) for s in statements(text)]
    assert found == [("Clive Betts", "leadership_bid")]


def test_a_contender_for_a_committee_chair_is_no_leadership_contest() -> None:
    text = (
        "Harriett Baldwin has quit the front bench. She said she would support Kemi from the "
        "back benches. She has been tipped as a future contender to chair the Treasury committee."
    )
    assert "endorsement" not in {s.kind for s in statements(text)}


def test_a_post_set_out_after_on_x_she_wrote_is_hers() -> None:
    text = (
        "Andy Burnham launched his campaign for the Labour leadership on Monday.\n\n"
        "Lisa Nandy has ruled herself out. In a post on X she wrote:\n\n"
        "After a lot of thought, I will not be a candidate. Andy has my vote."
    )
    found = {(s.mp, s.kind, s.target, s.verbatim) for s in statements(text)}
    assert ("Lisa Nandy", "endorsement", "Andy Burnham", True) in found


def test_a_time_in_a_clause_still_to_come_does_not_date_the_words() -> None:
    text = (
        "Clive Betts, the Sheffield South East MP, spoke to us.\n\n"
        "Mr Betts tells me he is “still undecided” and will make up his mind tonight."
    )
    (found,) = statements(text)
    assert found.said_at_precision == "published"


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Betts confirmed his support on Friday night.",
        "Clive Betts was among the last to sign.",
    ],
)
def test_backing_with_no_name_is_for_the_one_candidate_told(sentence: str) -> None:
    one = "Andy Burnham launched his campaign for the Labour leadership on Monday. "
    found = {(s.mp, s.target) for s in statements(one + sentence) if s.kind == "endorsement"}
    assert found == {("Clive Betts", "Andy Burnham")}
    two = one + "Lisa Nandy launched her campaign on Tuesday. "
    assert "endorsement" not in {s.kind for s in statements(two + sentence)}


@pytest.mark.parametrize(
    "text",
    [
        "The Labour deputy leadership contest opened on Monday.\n\n"
        'Bell Ribeiro-Addy told supporters on Tuesday night she would "not be a candidate".',
        "Tory frontbench: Alicia Kearns has quit as shadow security minister, and says she "
        'will "speak freely from the back benches".',
    ],
)
def test_a_quote_in_the_sentence_that_tells_an_event_is_one_card(text: str) -> None:
    (found,) = statements(text)
    assert found.kind != "statement"
    assert found.verbatim


def test_adding_after_an_unnamed_speaker_is_theirs_not_the_mp_they_speak_of() -> None:
    text = (
        "Richard Burgon, the Leeds East MP, has been approached by Your Party.\n\n"
        "A Labour figure who has known him for twenty years predicted he would “never, ever "
        "leave”, adding: “He’d sooner leave Leeds.”"
    )
    assert speakers(text) == set()
    named = (
        "Richard Burgon, the Leeds East MP, spoke on Monday.\n\n"
        "He said he would stay, adding: “I am going nowhere.”"
    )
    assert speakers(named) == {"Richard Burgon"}


def test_a_particle_written_in_lower_case_still_names_the_mp() -> None:
    text = (
        "The Labour deputy leadership contest opened on Monday.\n\n"
        "Marsha de Cordova has nominated Florence Eshalomi."
    )
    found = [(s.mp, s.kind, s.target) for s in statements(text)]
    assert found == [("Marsha De Cordova", "endorsement", "Florence Eshalomi")]


@pytest.mark.parametrize(
    "told",
    [
        "Florence Eshalomi put her name forward on Monday. Dan Carden followed on Tuesday.",
        "Florence Eshalomi put her name forward on Monday evening, and Dan Carden followed at "
        "lunchtime on Tuesday.",
    ],
)
def test_followed_after_a_bid_is_a_bid_whatever_the_first_ones_pronoun(told: str) -> None:
    text = "The Labour deputy leadership contest opened on Monday.\n\n" + told
    found = {(s.mp, s.kind) for s in statements(text)}
    assert found == {("Florence Eshalomi", "leadership_bid"), ("Dan Carden", "leadership_bid")}


@pytest.mark.parametrize(
    "told",
    [
        "Tim Farron spoke on Monday. He's backing Wera Hobhouse.",
        "Tim Farron's backing Wera Hobhouse.",
    ],
)
def test_apostrophe_s_for_is_before_a_verb_is_no_possessive(told: str) -> None:
    text = "The Liberal Democrat deputy leadership race opened on Monday.\n\n" + told
    found = [(s.mp, s.kind, s.target) for s in statements(text)]
    assert found == [("Tim Farron", "endorsement", "Wera Hobhouse")]


@pytest.mark.parametrize("verb", ["reckons", "predicted"])
def test_a_view_reckoned_or_predicted_is_the_mps_statement(verb: str) -> None:
    text = (
        f"Tim Farron spoke on Monday.\n\nTim Farron {verb} the race would be “friendly and short”."
    )
    found = [(s.mp, s.verbatim, s.text) for s in statements(text)]
    assert found == [("Tim Farron", True, "friendly and short")]


def test_an_event_told_twice_keeps_the_reporters_sentence_beside_the_mps_words() -> None:
    text = (
        "Ellie Chowns announced on Tuesday night that she would stand against Zack Polanski in "
        "the Green Party leadership election. \u201cI'm running because we need a leader in "
        "Parliament,\u201d the North Herefordshire MP said."
    )
    [bid] = statements(text)
    assert (bid.kind, bid.verbatim) == ("leadership_bid", True)
    assert bid.text.startswith("I'm running because")
    assert "announced on Tuesday night that she would stand" in (bid.report or "")


def test_what_an_mp_told_colleagues_is_told_but_what_they_told_friends_is_hearsay() -> None:
    contest = "The Labour deputy leadership contest opened on Monday. "
    told = contest + "Alison McGovern told colleagues she would nominate Bridget Phillipson."
    assert ("Alison McGovern", "endorsement", "Bridget Phillipson") in events_of(told)
    hearsay = contest + "Alison McGovern told friends she would nominate Bridget Phillipson."
    assert not events_of(hearsay)


def test_thanks_to_supporters_before_the_speech_verb_leave_the_mp_the_speaker() -> None:
    contest = "The Conservative leadership contest opened on Monday. "
    thanked = contest + "Alicia Kearns thanked her supporters and said she would back Ms Coutinho."
    assert ("Alicia Kearns", "endorsement", "Claire Coutinho") in events_of(thanked)
    theirs = contest + "Alicia Kearns's allies and supporters said she would back Ms Coutinho."
    assert not events_of(theirs)


def test_the_mps_who_nominated_a_candidate_also_include_the_listed_backers() -> None:
    text = (
        "The Conservative leadership contest opened on Monday. Andrew Griffith is standing. "
        "The MPs who nominated Andrew today also include Saqib Bhatti and Lewis Cocking."
    )
    assert {(mp, target) for mp, kind, target in events_of(text) if kind == "endorsement"} == {
        ("Saqib Bhatti", "Andrew Griffith"),
        ("Lewis Cocking", "Andrew Griffith"),
    }


def test_wont_be_standing_at_the_next_election_gives_up_the_seat() -> None:
    text = (
        "\u201cI won't be standing at the next general election. Tatton deserves someone new,"
        "\u201d Esther McVey told the audience."
    )
    assert events_of(text) == {("Esther McVey", "resignation", "the seat")}


def test_a_subject_described_between_commas_still_tells_the_event() -> None:
    text = "Nia Griffith, the Llanelli MP, is to stand for the deputy leadership of Welsh Labour."
    assert events_of(text) == {("Nia Griffith", "leadership_bid", "Welsh Labour deputy leader")}
    told = "Wes Streeting, the health secretary, will stand for the leadership of the Labour Party."
    assert events_of(told) == {("Wes Streeting", "leadership_bid", "Labour leader")}


def test_an_event_a_spokesperson_tells_is_nobodys_statement() -> None:
    text = (
        "The Plaid Cymru Westminster leadership is open. Ann Davies, the Caerfyrddin MP, will "
        "not be a candidate, a party spokesperson said."
    )
    assert not statements(text)
    plain = "The Plaid Cymru Westminster leadership is open. Ann Davies will not be a candidate, "
    assert not statements(plain + "her spokesman said.")


def test_a_bid_to_lead_a_nations_party_is_a_contest() -> None:
    text = "Wendy Chamberlain launched her bid to lead the Scottish Liberal Democrats on Saturday."
    assert {(mp, kind) for mp, kind, _ in events_of(text)} == {
        ("Wendy Chamberlain", "leadership_bid")
    }


def test_a_stand_thought_unlikely_is_no_bid() -> None:
    text = (
        "The SNP deputy leadership contest opened on Monday. Graham Leadbitter said he thought "
        "it unlikely he would stand."
    )
    assert not events_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Keir Starmer is warning that the NHS faces its hardest winter yet.",
        "Kemi Badenoch was insisting on Monday that the party had turned a corner.",
    ],
)
def test_speech_in_the_progressive_is_reported_speech(sentence: str) -> None:
    [statement] = statements(sentence)
    assert (statement.kind, statement.verbatim) == ("statement", False)
    assert statement.mp == sentence.split(" is ")[0].split(" was ")[0]


def test_a_participle_after_a_quote_is_the_speaker_before_it_not_the_name_after() -> None:
    text = (
        "Danny Kruger has joined Reform UK.\n\nKemi Badenoch said she was \u201cdisappointed but"
        " not surprised\u201d, telling broadcasters that Mr Kruger had been \u201con his way out"
        " for months\u201d."
    )
    said = {s.mp: s.text for s in statements(text) if s.kind == "statement"}
    assert set(said) == {"Kemi Badenoch"}
    assert "disappointed but not surprised" in said["Kemi Badenoch"]


def test_backing_told_before_a_colon_and_a_quote_is_the_subjects() -> None:
    text = (
        "The Liberal Democrat leadership contest opened. Daisy Cooper is standing. Christine "
        "Jardine was among the first to come out for Ms Cooper, posting: \u201cDaisy has my "
        "nomination. She's the campaigner we need.\u201d"
    )
    assert ("Christine Jardine", "endorsement", "Daisy Cooper") in events_of(text)


def test_among_the_first_to_sign_his_papers_backs_him() -> None:
    contest = "The Labour leadership contest opened. Richard Burgon has lodged nomination papers. "
    first = contest + "Nadia Whittome and Apsana Begum were among the first to sign his papers."
    assert {(mp, target) for mp, kind, target in events_of(first) if kind == "endorsement"} == {
        ("Nadia Whittome", "Richard Burgon"),
        ("Apsana Begum", "Richard Burgon"),
    }
    refused = contest + "Nadia Whittome refused to sign his papers on Monday."
    assert not {kind for _, kind, _ in events_of(refused)} & {"endorsement"}


def test_a_post_named_for_a_resignation_does_not_run_across_paragraphs() -> None:
    event = Event("resignation", "the government", 0.8, "quits", "Stuart Anderson quit.", 0)
    text = "EXCLUSIVE\n\nVeterans spokesman Stuart Anderson quits\n\nStuart Anderson quit."
    assert specific_post(event, text, "Stuart Anderson") == "veterans spokesman"


@pytest.mark.parametrize(
    "sentence",
    [
        "Edward Leigh confirmed last night that he would not stand again.",
        "Diana Johnson said that she would step down at the election.",
    ],
)
def test_would_not_stand_again_and_stepping_down_at_the_election_give_up_the_seat(
    sentence: str,
) -> None:
    assert {(kind, target) for _, kind, target in events_of(sentence)} == {
        ("resignation", "the seat")
    }


def test_a_writers_forecast_is_nobodys_bid() -> None:
    text = (
        "The Conservative leadership contest opened on Monday.\n\nMy prediction? Claire "
        "Coutinho will run, and she will do better than anyone expects."
    )
    assert not statements(text)


def test_an_announcement_made_last_week_is_history_not_a_statement() -> None:
    text = (
        "James Cleverly has entered the race to succeed Kemi Badenoch.\n\nBadenoch announced "
        "last week that she would stand down after the party lost more than 400 seats."
    )
    assert "Kemi Badenoch" not in {s.mp for s in statements(text)}


def test_a_calling_at_the_end_of_a_headline_does_not_make_the_next_line_a_namesake() -> None:
    text = (
        "MP rules himself out despite calls from MSP colleagues\n\nAndrew Bowie has ruled "
        "himself out of the race to lead the Scottish Conservatives."
    )
    assert {mp for mp, _, _ in events_of(text)} == {"Andrew Bowie"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Louise Haigh has decided against entering the contest to replace Angela Rayner as "
        "Labour's deputy leader.",
        "The Labour deputy leadership race is on. Louise Haigh has decided not to join the race.",
    ],
)
def test_deciding_against_entering_the_race_rules_oneself_out(sentence: str) -> None:
    assert events_of(sentence) == {("Louise Haigh", "leadership_declined", "Labour deputy leader")}


def test_a_nations_party_named_in_the_one_sentence_of_an_item_is_the_race() -> None:
    text = "Andrew Bowie has ruled himself out of the race to lead the Scottish Conservatives."
    assert events_of(text) == {
        ("Andrew Bowie", "leadership_declined", "Scottish Conservative leader")
    }


def test_a_date_of_another_event_since_which_none_has_gone_leaves_the_event_news() -> None:
    text = (
        "Katie Lam has resigned as shadow housing minister, the first frontbench departure "
        "since Kemi Badenoch's reshuffle in September."
    )
    assert events_of(text) == {("Katie Lam", "resignation", "shadow housing minister")}


def test_the_one_asked_about_is_not_who_answers() -> None:
    text = (
        "Pat McFadden was on the Today programme at 8.10am. Asked whether he might follow Jim "
        "McMahon, he said: \u201cI'm not going anywhere.\u201d"
    )
    assert speakers(text) == {"Pat McFadden"}


def test_a_sentence_that_only_introduces_a_quote_is_no_statement_of_its_own() -> None:
    text = (
        "Ian Lavery said on Monday: \u201cI will stand for the leadership of the Labour "
        "Party.\u201d\n\nHis allies were delighted."
    )
    [bid] = statements(text)
    assert (bid.mp, bid.kind, bid.verbatim) == ("Ian Lavery", "leadership_bid", True)


def test_backers_named_after_a_count_of_them_back_the_candidate() -> None:
    text = (
        "The Liberal Democrat leadership contest is on. Calum Miller and Daisy Cooper are "
        "standing. Mr Miller had "
        "the support of 19 MPs, including Pippa Heylings and Freddie van Mierlo. Ms Cooper was "
        "nominated by 31 of the party's 72 MPs, among them the former leader Tim Farron."
    )
    backers = {(mp, target) for mp, kind, target in events_of(text) if kind == "endorsement"}
    assert backers == {
        ("Pippa Heylings", "Calum Miller"),
        ("Freddie van Mierlo", "Calum Miller"),
        ("Tim Farron", "Daisy Cooper"),
    }


def test_a_committee_chair_given_up_names_the_committee_the_item_names() -> None:
    text = (
        "Toby Perkins is stepping down as chair of the Commons environmental audit committee.\n\n"
        "In a letter to committee members on Wednesday, the Labour MP said: \u201cI will step "
        "down as chair of the committee at the end of this month.\u201d"
    )
    targets = {target for _, kind, target in events_of(text) if kind == "resignation"}
    assert targets == {"chair of the environmental audit committee"}


def test_words_given_through_a_spokeswoman_are_not_the_mps() -> None:
    text = (
        "Lucy Powell is stepping down. Ms Powell said through a spokeswoman that she would "
        "remain neutral throughout the contest."
    )
    assert not [s for s in statements(text) if s.kind == "statement"]


def test_an_event_years_before_told_in_a_clause_of_time_is_history() -> None:
    text = (
        "Angela Rayner is back in cabinet as culture secretary, two years after she resigned "
        "as deputy prime minister over her stamp duty affairs."
    )
    assert not events_of(text)


def test_an_mps_column_is_shown_without_its_byline() -> None:
    text = (
        "By Clive Betts\n\nI have been asked who I will nominate for deputy leader. The answer "
        "is Lucy Powell, and I am backing her. I know my mind and my colleagues know it too."
    )
    item = Item(NEWS, "urn:test", "Why I am backing Lucy", text, None, PUBLISHED, "Clive Betts")
    [column] = extract_statements(item, load_register())
    assert (column.mp, column.kind, column.target) == ("Clive Betts", "endorsement", "Lucy Powell")
    assert column.text.startswith("I have been asked")


CONSERVATIVE_RACE = (
    "The Conservative leadership contest opened on Monday. James Cleverly launched his bid "
    "on Monday.\n\n"
)


def test_backers_told_after_a_list_of_others_or_beside_the_candidate_are_endorsements() -> None:
    backers = {("Mike Kane", "endorsement", "James Cleverly")}
    backers.add(("Andrew Western", "endorsement", "James Cleverly"))
    for told in (
        "Among the others to back him were Mike Kane and Andrew Western.",
        "Mr Cleverly, backed by Mike Kane and Andrew Western, is the favourite.",
    ):
        assert events_of(CONSERVATIVE_RACE + told) - {BID} == backers, told
    # outside a contest, the same words back nobody for anything
    assert events_of("Rachel Reeves, backed by Keir Starmer, defended the budget.") == set()


BID = ("James Cleverly", "leadership_bid", "Conservative leader")


def test_switching_signing_papers_a_camp_and_a_count_of_nominators_are_endorsements() -> None:
    for told in (
        "Gareth Bacon, a Stride supporter, has switched to James Cleverly.",
        "Gareth Bacon has signed the nomination papers of James Cleverly.",
        "Gareth Bacon is also in the Cleverly camp.",
        "Gareth Bacon has become his 81st nominator.",
    ):
        found = events_of(CONSERVATIVE_RACE + told) - {BID}
        assert found == {("Gareth Bacon", "endorsement", "James Cleverly")}, told
    # a party is no candidate: switching to it is a defection, and a camp of a cause no backing
    moved = events_of(CONSERVATIVE_RACE + "Gareth Bacon has switched to Reform UK.") - {BID}
    assert moved == {("Gareth Bacon", "defection", "Reform UK")}
    assert events_of(CONSERVATIVE_RACE + "Gareth Bacon is firmly in the Remain camp.") == {BID}


def test_the_same_backer_told_again_with_a_pronoun_backs_the_same_candidate() -> None:
    text = (
        CONSERVATIVE_RACE + "Greg Smith tells me he is backing Priti Patel. Sir Julian Smith is "
        "in the Tugendhat camp. He endorsed him in an article this morning."
    )
    julian = {(s.mp, s.target) for s in statements(text) if s.mp == "Julian Smith"}
    assert julian == {("Julian Smith", "Tom Tugendhat")}


def test_following_suit_after_words_telling_two_events_copies_neither() -> None:
    text = (
        "The Labour deputy leadership contest opened on Monday.\n\n"
        'Paula Barker wrote: "I am withdrawing from this contest. Bell has my nomination and '
        'my vote." Kim Johnson and Ian Byrne, both among her nominators, followed suit.'
    )
    assert {s.mp for s in statements(text)} == {"Paula Barker"}
    plain = (
        "The Labour deputy leadership contest opened on Monday.\n\n"
        "Paula Barker has endorsed Bell Ribeiro-Addy. Kim Johnson and Ian Byrne, both among "
        "her colleagues from Liverpool, followed suit."
    )
    assert ("Ian Byrne", "endorsement", "Bell Ribeiro-Addy") in events_of(plain)


def test_a_race_for_the_party_crown_is_a_contest() -> None:
    text = (
        "Big beasts piled in as the race for the party crown narrowed to three.\n\n"
        "Gareth Bacon has switched to Claire Coutinho."
    )
    assert events_of(text) == {("Gareth Bacon", "endorsement", "Claire Coutinho")}


def test_standing_as_a_partys_candidate_at_the_election_is_no_leadership_bid() -> None:
    text = (
        "The Reform UK leadership contest opened on Monday.\n\nRebecca Harris denied it. "
        '"I am not joining Reform, and I will be standing as the Conservative candidate at the '
        'next election," she said.'
    )
    assert events_of(text) == set()
    bid = (
        "The Labour leadership contest opened on Monday.\n\nLucy Powell said: "
        '"I will be standing as a candidate for leader."'
    )
    assert events_of(bid) == {("Lucy Powell", "leadership_bid", "Labour leader")}


def test_a_quote_after_the_paragraph_telling_its_occasion_is_dated_by_that_occasion() -> None:
    text = (
        "Rumours had swirled all week.\n\nJoe Robertson took to Facebook at 10.12am on "
        'Saturday to answer the rumours.\n\n"I am not going anywhere and I never was," he '
        "wrote.\n\nSpeaking to a local radio station on Sunday, Mr Robertson said he found "
        'the claims "tiresome".'
    )
    wrote = next(s for s in statements(text) if s.text.startswith("I am not going"))
    assert wrote.said_at == datetime(2025, 9, 6, 10, 12, tzinfo=ZoneInfo("Europe/London"))
    # a time told in someone else's relative clause is not the occasion of the quote after it
    theirs = text.replace(
        "took to Facebook at 10.12am on Saturday to answer the rumours",
        "spoke after Jerome Mayhew, whose campaign was launched on Monday evening",
    )
    assert all(s.said_at is None or s.said_at.day != 8 for s in statements(theirs))


def test_a_campaign_launched_told_as_the_candidates_own_is_a_bid() -> None:
    for told in (
        "Louise Haigh's campaign, launched on Monday in Sheffield, picked up 40 nominations.",
        "Louise Haigh's bid for the leadership was formally launched in Sheffield on Monday.",
        "Katie Lam joined Louise Haigh, whose campaign began on Monday.",
    ):
        found = events_of(CONSERVATIVE_RACE + told) - {BID}
        assert found == {("Louise Haigh", "leadership_bid", "Conservative leader")}, told
    # a campaign for something else, and what a campaign says, are no bid
    for told in (
        "Louise Haigh's campaign to save the library, launched on Monday, gathered pace.",
        "Louise Haigh's campaign said it had 40 nominations.",
    ):
        assert events_of(CONSERVATIVE_RACE + told) == {BID}, told


def test_the_seat_given_up_and_a_post_walked_out_of_in_more_words() -> None:
    assert events_of(
        "Jamie Stone said on Monday he would not contest the seat at the next general election."
    ) == {("Jamie Stone", "resignation", "the seat")}
    assert events_of("Jim Shannon confirmed yesterday that he is to retire from Westminster.") == {
        ("Jim Shannon", "resignation", "the seat")
    }
    assert events_of(
        "Alex Burghart walked out as shadow chancellor of the duchy of lancaster."
    ) == {("Alex Burghart", "resignation", "shadow chancellor of the duchy of lancaster")}
    assert events_of("Alex Burghart walked out from the meeting.") == set()


def test_signing_for_a_candidate_and_backing_her_candidacy_are_endorsements() -> None:
    backed = {("Gareth Bacon", "endorsement", "James Cleverly")}
    for told in (
        "Gareth Bacon, by contrast, signed for Cleverly.",
        "Gareth Bacon threw his weight behind his candidacy on Monday.",
    ):
        assert events_of(CONSERVATIVE_RACE + told) - {BID} == backed, told
    assert events_of(CONSERVATIVE_RACE + "Gareth Bacon signed for the club in 1998.") == {BID}


def test_an_event_in_a_clause_of_time_is_read_past_a_description_of_its_subject() -> None:
    text = (
        "The Labour deputy leadership contest opened on Monday.\n\nThe race narrowed after "
        "Paula Barker, the Liverpool Wavertree MP, pulled out on Monday."
    )
    assert events_of(text) == {("Paula Barker", "leadership_declined", "Labour deputy leader")}


def test_names_on_a_list_a_described_candidate_and_a_timed_switch_are_endorsements() -> None:
    listed = "Among this morning's new names on Cleverly's list are Mike Kane and Jo White."
    assert events_of(CONSERVATIVE_RACE + listed) - {BID} == {
        ("Mike Kane", "endorsement", "James Cleverly"),
        ("Jo White", "endorsement", "James Cleverly"),
    }
    for told in (
        "Gareth Bacon is nominating the right-wing candidate James Cleverly.",
        "Gareth Bacon, a Stride supporter, switched to James Cleverly within the hour.",
    ):
        found = events_of(CONSERVATIVE_RACE + told) - {BID}
        assert found == {("Gareth Bacon", "endorsement", "James Cleverly")}, told


def test_a_day_of_a_month_the_paragraph_set_in_the_past_is_history() -> None:
    old = (
        "The record for volume belongs to July 2022. Rishi Sunak quit as chancellor on the "
        "evening of the 5th, minutes after others had left."
    )
    assert events_of(old) == set()
    # a month named alone is the last one gone by (the item is of 10 September 2025)
    august = (
        "Then there was August. On the afternoon of the 5th, Angela Rayner resigned as minister."
    )
    assert events_of(august) == set()
    fresh = (
        "It has been a busy month. Jonathan Hinder resigned as a parliamentary private "
        "secretary on the evening of the 5th. He may have more to say."
    )
    assert events_of(fresh) == {
        ("Jonathan Hinder", "resignation", "parliamentary private secretary")
    }


def test_more_withdrawals_bids_and_whips_told_in_the_reporters_words() -> None:
    race = "The Conservative leadership contest opened on Monday.\n\n"
    told = {
        "Victoria Atkins last night ended weeks of feverish speculation by ruling herself out "
        "of the race to be the party's next leader.": (
            "Victoria Atkins",
            "leadership_declined",
            "Conservative leader",
        ),
        "Laura Trott also decided against a run yesterday.": (
            "Laura Trott",
            "leadership_declined",
            "Conservative leader",
        ),
        "Tom Tugendhat, who declared in a video on Saturday, will hold a launch on Thursday.": (
            "Tom Tugendhat",
            "leadership_bid",
            "Conservative leader",
        ),
        "Ian Byrne quit the whip on Tuesday.": ("Ian Byrne", "resignation", "the whip"),
    }
    for sentence, event in told.items():
        assert events_of(race + sentence) == {event}, sentence
    assert (
        events_of(race + "Victoria Atkins fuelled speculation by refusing to rule herself out.")
        == set()
    )
    assert events_of(race + "Ian Byrne quit the whip's office on Tuesday.") == set()


def test_a_name_inside_a_relative_clause_is_not_the_subject_of_the_sentence() -> None:
    text = (
        "The Labour deputy leadership contest opened on Monday.\n\nHer twin sister, Angela, "
        "who challenged Mr Corbyn for the leadership in 2016, has decided against a run."
    )
    assert "Jeremy Corbyn" not in speakers(text)


def test_a_race_named_by_its_nominations_or_contest_gives_the_party() -> None:
    text = (
        "Four days to go until Tory nominations close.\n\nAsked whether he would fight the "
        'next election as Lib Dem leader, Sir Ed Davey said: "Yes."\n\nLaura Trott also '
        "decided against a run yesterday."
    )
    trott = {e for e in events_of(text) if e[0] == "Laura Trott"}
    assert trott == {("Laura Trott", "leadership_declined", "Conservative leader")}


def test_a_nations_race_named_in_the_paragraph_outranks_the_uk_party_in_the_title() -> None:
    item = Item(
        NEWS,
        "urn:test",
        "The week in politics: a Tory contest takes shape",
        "The contest to succeed Russell Findlay as Scottish Conservative leader is taking "
        "shape. Douglas Lumsden, the Aberdeen South MP, ruled himself out on Tuesday.",
        "https://news.example/1",
        PUBLISHED,
    )
    found = {(s.mp, s.kind, s.target) for s in extract_statements(item, load_register())}
    assert ("Douglas Lumsden", "leadership_declined", "Scottish Conservative leader") in found


def test_support_pledged_to_the_winner_of_a_race_is_no_endorsement() -> None:
    won = (
        "Sir Ed Davey has been elected leader of the Liberal Democrats.\n\n"
        '"Ed has my full support. We fought a positive campaign," Layla Moran said.'
    )
    assert ("Layla Moran", "endorsement", "Ed Davey") not in events_of(won)
    during = (
        "The Liberal Democrat leadership contest opened on Monday, and Sir Ed Davey launched "
        'his bid.\n\n"Ed has my full support. He is the one to lead us," Layla Moran said.'
    )
    assert ("Layla Moran", "endorsement", "Ed Davey") in events_of(during)


def own_events(text: str, owner: str, title: str = "") -> set[tuple[str, str | None]]:
    own = Source(f"{owner}'s site", "page", "https://mp.example/", 300.0, mp=owner)
    item = Item(own, "urn:own", title, text, "https://mp.example/1", PUBLISHED)
    found = extract_statements(item, load_register())
    return {(s.kind, s.target) for s in found if s.kind != "statement"}


def test_an_mps_post_is_not_the_bid_it_quotes_or_embeds() -> None:
    quoted = (
        "I'm nominating Emily Thornberry to be our deputy leader. When she launched her "
        "campaign yesterday, Emily said: \"I'm standing because this party needs a deputy who "
        'has won arguments." I agree with her, and my colleagues know my mind.'
    )
    assert own_events(quoted, "Barry Gardiner") == {("endorsement", "Emily Thornberry")}
    embedded = (
        "I am nominating Bridget Phillipson, and I will campaign for her. Here is her video:\n\n"
        "I'm standing for deputy leader because I want to be the bridge to our members.\n\n"
        "— Bridget Phillipson (@bridgetphillipson.bsky.social) 8 September 2025 at 18:12\n\n"
        "I hope my members will help her campaign."
    )
    assert own_events(embedded, "Sharon Hodgson") == {("endorsement", "Bridget Phillipson")}
    # a press release quotes the MP's own words: those are the MP's event
    release = 'Wendy Chamberlain MP said: "I am standing to be deputy leader of our party."'
    assert ("leadership_bid", "Liberal Democrat deputy leader") in own_events(
        release, "Wendy Chamberlain"
    )


def test_a_heading_not_to_stand_again_above_the_election_gives_up_the_seat() -> None:
    text = (
        "I was leader of the city council before I came here. I will not be standing at the "
        "next general election, and I will not be endorsing anyone."
    )
    found = own_events(text, "Graham Stringer", title="Why I will not stand again")
    assert found == {("resignation", "the seat")}


def test_clauses_after_a_semicolon_and_backers_named_with_a_role_are_kept_apart() -> None:
    race = "The Labour deputy leadership contest opened on Monday.\n\n"
    text = (
        race + "Bridget Phillipson launched her bid on Monday. Paula Barker withdrew on Tuesday; "
        "Emily Thornberry pulled out on Wednesday night; and Alison McGovern stood aside this "
        "morning to back Ms Phillipson."
    )
    found = events_of(text)
    assert ("Alison McGovern", "endorsement", "Bridget Phillipson") in found
    assert not any(e[0] == "Emily Thornberry" and e[1] == "endorsement" for e in found)
    both = (
        race + "Bridget Phillipson, the education secretary, launched her bid on Monday.\n\n"
        "Lewis Atkinson and Sharon Hodgson nominate the education secretary."
    )
    assert ("Sharon Hodgson", "endorsement", "Lewis Atkinson") not in events_of(both)


def test_backers_listed_each_with_a_description_are_each_a_backer() -> None:
    text = (
        CONSERVATIVE_RACE + "Among his backers are Mel Stride, the shadow chancellor, Kit "
        "Malthouse, the former education secretary, and the Harborough MP Neil O'Brien."
    )
    assert events_of(text) - {BID} == {
        ("Mel Stride", "endorsement", "James Cleverly"),
        ("Kit Malthouse", "endorsement", "James Cleverly"),
        ("Neil O'Brien", "endorsement", "James Cleverly"),
    }


def test_history_in_a_relative_clause_is_not_news_but_a_fresh_event_is() -> None:
    old = "Tulip Siddiq, who quit as City minister in January, remains on the back benches."
    assert statements(old) == []
    fresh = (
        "The Liberal Democrat deputy leadership hustings began tonight.\n\n"
        "Christine Jardine, who withdrew from the race on Monday, was in the audience."
    )
    (found,) = statements(fresh)
    assert (found.mp, found.kind) == ("Christine Jardine", "leadership_declined")
    assert found.said_at_precision == "day"


def test_no_10_confirming_a_resignation_is_not_the_mps_statement() -> None:
    text = "Downing Street confirmed on Tuesday that Tulip Siddiq had resigned as City minister."
    assert statements(text) == []


# --- when it was said -----------------------------------------------------------------------


def test_a_wire_dateline_is_not_when_it_was_said() -> None:
    text = (
        "LONDON, Sept 10 (Wire) - Oliver Dowden said on Monday he would not stand for the "
        "Conservative leadership."
    )
    (found,) = statements(text)
    assert found.said_at is not None
    assert found.said_at.date().isoformat() == "2025-09-08"


def test_a_time_in_a_relative_clause_belongs_to_that_clause() -> None:
    text = (
        "The Conservative leadership race.\n\n"
        "Claire Coutinho, who launched her campaign on Monday, said: “Kevin ran a generous "
        "campaign.”"
    )
    (quote,) = [s for s in statements(text) if s.verbatim]
    assert quote.said_at_precision == "published"


# --- how real copy is written ------------------------------------------------------------------


def test_a_day_named_after_the_verb_is_not_a_speaker() -> None:
    text = (
        "Wes Streeting visited Ilford.\n\n“The hospital needs a new roof,” Streeting said Monday."
    )
    assert speakers(text) == {"Wes Streeting"}


def test_quotes_written_as_two_apostrophes_are_quotes() -> None:
    text = (
        "Rachel Reeves spoke in Leeds.\n\n''We will not borrow for day-to-day spending,'' she said."
    )
    [statement] = statements(text)
    assert statement.mp == "Rachel Reeves"
    assert statement.verbatim
    assert statement.text.startswith("We will not borrow")


def test_ordinary_words_of_a_headline_are_not_a_first_name() -> None:
    """'Railing Against Reeves' is no person called Against Reeves, who would make every
    later 'Reeves' someone else."""
    text = (
        "Railing Against Reeves, Unions Plan a Protest\n\n"
        "Unions marched against the budget on Saturday. Rachel Reeves was in Leeds.\n\n"
        "“We have fixed the foundations,” Reeves said."
    )
    assert speakers(text) == {"Rachel Reeves"}


def test_a_name_that_only_describes_the_speaker_does_not_speak() -> None:
    text = (
        "Sir Keir Starmer launched a new campaign on Monday.\n\n"
        "“You work hard. You pay your taxes. So why should you pay more?” a narrator in the "
        "Starmer ad asks."
    )
    assert speakers(text) == set()


def test_the_object_of_a_verb_does_not_speak_for_the_subject() -> None:
    text = (
        "The website has long backed the government.\n\n"
        "On Friday, it attacked Wes Streeting, saying he “has let down the NHS”."
    )
    assert speakers(text) == set()


def test_a_quote_continues_when_a_new_sentence_follows_it_in_the_paragraph() -> None:
    text = (
        "Wes Streeting opened the ward on Friday. “This is not a moment, it is a movement,” "
        "Streeting said. “By next winter every patient here will be seen within the hour.” "
        "Read the trust's statement below."
    )
    [statement] = statements(text)
    assert "every patient here will be seen" in statement.text


def test_a_speaker_set_off_by_commas_speaks_for_the_sentence() -> None:
    text = (
        "Lisa Nandy visited the library on Saturday.\n\n"
        "Libraries, Ms Nandy said, are the last free rooms left on the high street."
    )
    [statement] = statements(text)
    assert statement.mp == "Lisa Nandy"
    assert "last free rooms" in statement.text


def test_a_set_off_aside_with_more_than_a_speaker_gives_no_speaker() -> None:
    text = (
        "Lisa Nandy visited the library on Saturday.\n\n"
        "Libraries, a friend of Ms Nandy said, are the last free rooms on the high street."
    )
    assert speakers(text) <= {"Lisa Nandy"}
    assert not any("last free rooms" in s.text for s in statements(text))


def test_giving_up_a_government_post_and_a_party_leadership_are_two_resignations() -> None:
    text = (
        "Angela Rayner resigned as housing secretary on Friday morning.\n\n"
        "Ms Rayner said she would also resign as deputy leader of the Labour party."
    )
    found = sorted((s.kind, s.target) for s in statements(text))
    assert found == [("resignation", "housing secretary"), ("resignation", "labour deputy leader")]


def test_an_event_told_by_the_reporter_and_in_the_mp_s_words_is_shown_in_the_mp_s_words() -> None:
    text = (
        "Lee Barron, PPS to the work and pensions secretary, stepped down at 6.12pm.\n\n"
        "“I cannot defend these changes,” Mr Barron wrote. “So I am stepping down as your PPS "
        "with immediate effect.”"
    )
    [resignation] = [s for s in statements(text) if s.kind == "resignation"]
    assert resignation.verbatim
    assert "I am stepping down as your PPS" in resignation.text
    assert resignation.target == "parliamentary private secretary"
    assert resignation.said_at_text == "6.12pm"


def test_an_aide_who_quits_gives_up_the_aide_s_post_not_the_minister_s() -> None:
    text = "Lee Barron is PPS to the work and pensions secretary.\n\nMr Barron has quit."
    [resignation] = statements(text)
    assert resignation.target == "parliamentary private secretary"


def test_a_title_and_surname_are_the_mp_s_until_a_namesake_is_introduced() -> None:
    text = (
        "Dawn Butler is pressing ahead with her bid.\n\n"
        "Speaking in Harlesden this morning, Ms Butler said: “I am running to be Labour’s deputy "
        "leader because our party has to look like the country.”\n\n"
        "Among those there was Cllr Marcia Butler, who is no relation. Ms Butler said: “I have "
        "known her for twenty years.”"
    )
    found = statements(text)
    assert [(s.mp, s.kind) for s in found] == [("Dawn Butler", "leadership_bid")]


def test_a_place_is_not_a_person_who_stands_before_the_subject() -> None:
    text = (
        "Shoppers in Romford Market were divided yesterday after their MP of 25 years, Andrew "
        "Rosindell, crossed the floor to join Reform UK on Sunday."
    )
    [defection] = statements(text)
    assert (defection.mp, defection.kind, defection.target) == (
        "Andrew Rosindell",
        "defection",
        "Reform UK",
    )
    assert defection.said_at_text == "on Sunday"  # not 'yesterday', when shoppers were divided


def test_who_the_subject_is_does_not_make_their_words_someone_else_s() -> None:
    text = (
        "Robert Jenrick is standing for Conservative leader.\n\n"
        "Nick Timothy, the new MP for West Suffolk and a former Downing Street adviser, told "
        "reporters on Saturday night that he would be backing Mr Jenrick."
    )
    found = {(s.mp, s.kind, s.target) for s in statements(text)}
    assert ("Nick Timothy", "endorsement", "Robert Jenrick") in found


def test_giving_up_the_whip_in_the_reporter_s_words_is_a_resignation() -> None:
    text = "James McMurdock was elected for Reform.\n\nMr McMurdock gave up the whip on Saturday."
    [resignation] = statements(text)
    assert (resignation.kind, resignation.target) == ("resignation", "the whip")


def test_as_did_tells_the_same_event_of_each_mp_named_after_it() -> None:
    text = (
        "Two junior ministers quit, as did John Glen, the economic secretary to the Treasury, "
        "and Victoria Atkins, the prisons minister."
    )
    found = sorted((s.mp, s.kind, s.target) for s in statements(text))
    assert found == [
        ("John Glen", "resignation", "economic secretary to the treasury"),
        ("Victoria Atkins", "resignation", "prisons minister"),
    ]


def test_also_nominated_her_backs_the_candidate_backed_before() -> None:
    text = (
        "Bridget Phillipson is standing for Labour deputy leader.\n\n"
        "Catherine McKinnell said: “I'm nominating Bridget because she never forgot where she "
        "came from.”\n\n"
        "Sharon Hodgson has also nominated her, as has Mary Glindon, the MP for Newcastle upon "
        "Tyne East and Wallsend."
    )
    backers = {s.mp: s.target for s in statements(text) if s.kind == "endorsement"}
    assert backers == {
        "Catherine McKinnell": "Bridget Phillipson",
        "Sharon Hodgson": "Bridget Phillipson",
        "Mary Glindon": "Bridget Phillipson",
    }


def test_followed_suit_tells_the_event_before_of_its_subject() -> None:
    text = (
        "Priti Patel launched her campaign on Monday.\n\n"
        "Sir John Hayes was first to back her. Tatton MP Esther McVey followed suit this morning."
    )
    backers = {s.mp: s.target for s in statements(text) if s.kind == "endorsement"}
    assert backers == {"John Hayes": "Priti Patel", "Esther McVey": "Priti Patel"}


def test_the_same_again_gives_up_the_mp_s_own_post() -> None:
    text = "Rachel Reeves resigned as chancellor. Lisa Nandy did the same an hour later."
    nandy = [s for s in statements(text) if s.mp == "Lisa Nandy"]
    assert [(s.kind, s.target) for s in nandy] == [("resignation", None)]


def test_who_did_what_is_not_told_when_it_is_only_reported() -> None:
    text = "Reporters said Jo Platt had quit, as did Rachel Reeves."
    assert "Rachel Reeves" not in speakers(text)


def test_titles_and_initials_written_with_a_full_stop_do_not_end_the_sentence() -> None:
    text = (
        "Keir Starmer spoke at the opening.\n\n"
        "“We have shown the world what this city can do,” Mr. Starmer said, not even needing "
        "to name the architect, John F. Kennedy Jr., who designed it."
    )
    [statement] = statements(text)
    assert statement.mp == "Keir Starmer"


def test_a_name_with_a_middle_initial_is_the_tracked_mp() -> None:
    text = "Rachel J. Reeves said: “The numbers add up.”"
    assert speakers(text) == {"Rachel Reeves"}


def test_the_name_right_before_the_verb_speaks_whoever_else_the_words_name() -> None:
    text = (
        "Rachel Reeves published her plan on Monday.\n\n"
        "“I admire the mechanics” of the Reeves plan, Mr Stride said. “Not the quality.”"
    )
    assert speakers(text) == {"Mel Stride"}


def test_someone_named_in_the_possessive_is_not_the_one_reported() -> None:
    text = (
        "Rachel Reeves published her plan on Monday.\n\n"
        "In Ms Reeves's favour, all the economists we asked said her plan was more careful."
    )
    assert speakers(text) == set()


def test_the_register_s_honorific_gives_the_titles_an_mp_goes_by() -> None:
    rand = next(mp for mp in load_register() if mp.name == "Connor Rand")  # 'Mr' in the register
    assert "Mr Rand" in rand.aliases
    assert "Mrs Rand" not in rand.aliases


def test_a_pronoun_backs_the_nearest_person_of_its_gender_when_genders_are_known() -> None:
    text = (
        "Andy Burnham declared on Thursday that he will stand to succeed Keir Starmer as "
        "Labour leader.\n\n"
        "The Makerfield MP was joined on stage by Lisa Nandy, who said she would nominate him."
    )
    backers = {s.mp: s.target for s in statements(text) if s.kind == "endorsement"}
    assert backers == {"Lisa Nandy": "Andy Burnham"}


def test_a_pronoun_backs_nobody_when_someone_nearer_may_be_the_one() -> None:
    text = (
        "Lucy Powell launched her bid on Monday, backed by Alex Baker.\n\n"
        "Jo Platt said she would nominate her."
    )
    backers = {s.mp: s.target for s in statements(text) if s.kind == "endorsement"}
    assert backers.get("Jo Platt") == "Lucy Powell"  # the candidate, not her backer
    both = text.replace("Jo Platt said", "Alex Baker is standing too. Jo Platt said")
    backers = {s.mp: s.target for s in statements(both) if s.kind == "endorsement"}
    assert backers.get("Jo Platt") is None  # Alex Baker may be a woman: the name does not say


def test_a_first_name_alone_is_the_mp_named_in_full_before() -> None:
    text = (
        "Kemi Badenoch has today launched her campaign to lead the Conservative Party.\n\n"
        "Speaking in Essex, Kemi said: “I am standing to be leader because our party needs to "
        "tell the truth.”"
    )
    [bid] = statements(text)
    assert (bid.mp, bid.kind, bid.verbatim) == ("Kemi Badenoch", "leadership_bid", True)
    assert bid.text.startswith("I am standing to be leader")


def test_a_first_name_shared_with_someone_else_named_is_nobody() -> None:
    text = (
        "Kemi Badenoch launched her campaign today, introduced by Kemi Adeyemi, a councillor.\n\n"
        "Kemi said: “This is the campaign our members have waited for.”"
    )
    assert speakers(text) == set()


def test_a_pull_quote_is_not_given_to_the_speaker_of_the_paragraph_before() -> None:
    text = (
        "Launching her campaign, Kemi Badenoch said: “I am standing to be leader because our "
        "party needs to tell the truth about what went wrong.”\n\n"
        "Julia Lopez said: “Kemi will rebuild our party. She has my nomination.”\n\n"
        "“I am standing to be leader because our party needs to tell the truth”"
    )
    by_whom = {s.mp: s.kind for s in statements(text)}
    assert by_whom == {"Kemi Badenoch": "leadership_bid", "Julia Lopez": "endorsement"}


def test_a_quote_after_a_paragraph_that_ends_with_a_quote_is_not_that_speaker_s() -> None:
    text = (
        "Bridget Phillipson has entered the race to be Labour's deputy leader.\n\n"
        "In a video released at 4.30pm, the Houghton and Sunderland South MP said: “I'm "
        "putting myself forward to be deputy leader.”\n\n"
        "Earlier in the day the new home secretary, Shabana Mahmood, told broadcasters she "
        "would not be a candidate. “My job is the Home Office,” she said in a pooled "
        "interview. “I'm not running for deputy.”"
    )
    by_whom = {(s.mp, s.kind) for s in statements(text)}
    assert ("Bridget Phillipson", "leadership_declined") not in by_whom
    assert ("Shabana Mahmood", "leadership_declined") in by_whom


def test_a_role_with_a_describes_and_does_not_stand_between_a_pronoun_and_its_person() -> None:
    text = (
        "Earlier in the day the new home secretary, Shabana Mahmood, told broadcasters she "
        "would not be a candidate. “My job is the Home Office,” she said in a pooled interview "
        "this morning."
    )
    quoted = [s.mp for s in statements(text) if "My job is the Home Office" in s.text]
    assert quoted == ["Shabana Mahmood"]


def test_more_ways_of_reporting_speech_are_read() -> None:
    text = "Rachel Reeves noted that the deficit had fallen for a third year."
    [statement] = statements(text)
    assert (statement.mp, statement.verbatim) == ("Rachel Reeves", False)


def test_a_report_stops_where_someone_else_reports() -> None:
    text = (
        "Rachel Reeves stressed that the reforms were not complete, and business groups warned "
        "that the plan would cost jobs."
    )
    [statement] = statements(text)
    assert "business groups" not in statement.text
    assert statement.text.startswith("Rachel Reeves stressed that the reforms were not complete")


def test_an_age_with_a_description_stands_for_the_mp_named_before() -> None:
    text = (
        "JEREMY Corbyn today formally joined the party he co-founded.\n\n"
        "The 76-year-old veteran leftie, who has sat as an independent since leaving Labour, "
        "told the conference just after 11am: “I have joined Your Party today.”"
    )
    [statement] = statements(text)
    assert (statement.mp, statement.kind, statement.target) == (
        "Jeremy Corbyn",
        "defection",
        "Your Party",
    )


def test_an_event_told_of_an_mp_with_a_hyphenated_surname_is_theirs() -> None:
    text = "Lucy Powell is standing for Labour deputy leader.\n\nBell Ribeiro-Addy declares."
    found = {(s.mp, s.kind) for s in statements(text)}
    assert ("Bell Ribeiro-Addy", "leadership_bid") in found


def test_two_mps_listed_with_their_seats_share_the_verb() -> None:
    text = (
        "Two Green MPs have launched a joint campaign to become the party's co-leaders.\n\n"
        "Adrian Ramsay, the Waveney Valley MP, and Ellie Chowns, who represents North "
        "Herefordshire, confirmed on Monday that they would stand together on a single ticket."
    )
    found = {(s.mp, s.kind, s.target) for s in statements(text)}
    assert found == {
        ("Adrian Ramsay", "leadership_bid", "Green Party leader"),
        ("Ellie Chowns", "leadership_bid", "Green Party leader"),
    }


def test_a_pronoun_skips_a_person_governed_by_a_preposition() -> None:
    text = (
        "Rushanara Ali has resigned as homelessness minister.\n\n"
        "In a letter to the prime minister released at 5.15pm, Ms Ali said she had always "
        "followed the law.\n\n"
        "“I have therefore decided to step down from my ministerial role,” she wrote."
    )
    quoted = [s.mp for s in statements(text) if "step down from my ministerial role" in s.text]
    assert quoted == ["Rushanara Ali"]


def test_a_sir_and_first_name_shared_by_two_mps_is_the_one_named_here() -> None:
    text = (
        "Sharing the stage was Sir John Hayes, who declared for Robert Jenrick in the "
        "leadership race. “I'm backing Robert because he will cut immigration,” Sir John said."
    )
    assert {(s.mp, s.kind) for s in statements(text)} == {("John Hayes", "endorsement")}


def test_dr_and_a_surname_is_the_mp_the_register_names_doctor() -> None:
    text = (
        "Dame Diana Johnson, Caroline Johnson and Kim Johnson all spoke in the debate.\n\n"
        "“Recruitment is easy and retention is hard,” said Dr Johnson."
    )
    assert speakers(text) == {"Caroline Johnson"}


def test_a_second_verb_of_the_same_subject_keeps_the_subject() -> None:
    text = (
        "Two candidates tonight: Wendy Chamberlain and Tom Morrison.\n\n"
        "Chamberlain opens by paying tribute to Daisy Cooper, and says the party must “never "
        "again be taken for granted by Scotland”."
    )
    quoted = [s.mp for s in statements(text) if s.verbatim]
    assert quoted == ["Wendy Chamberlain"]


def test_the_mp_s_own_today_does_not_date_their_words() -> None:
    text = (
        "Andrew Rosindell has left the Conservatives.\n\n"
        "In a letter posted at 8pm on Monday, Mr Rosindell said: “I have today resigned as a "
        "shadow foreign office minister.”"
    )
    [resignation] = [s for s in statements(text) if s.verbatim]
    assert resignation.kind == "resignation"
    assert resignation.said_at_text == "8pm on Monday"
    assert resignation.said_at == datetime(2025, 9, 8, 19, 0, tzinfo=UTC)  # 8pm BST, Monday


def test_a_time_before_the_subject_is_no_subordinate_clause() -> None:
    text = (
        "Andrew Rosindell has left the Conservatives.\n\n"
        "In a statement issued shortly before 8pm on Sunday, Mr Rosindell said he had written "
        "to the party to resign.\n\n"
        "“It has been the hardest decision of my political life,” he wrote."
    )
    found = statements(text)
    assert {s.mp for s in found} == {"Andrew Rosindell"}
    quoted = next(s for s in found if s.verbatim)
    assert quoted.said_at_text == "shortly before 8pm on Sunday"


def test_a_source_close_to_an_mp_before_a_colon_is_not_the_mp() -> None:
    text = (
        "Lucy Powell is standing again.\n\n"
        "A source close to Education Secretary Bridget Phillipson, the other big name in the "
        "race, sniped: “This is about Lucy, not the party.”"
    )
    assert "Bridget Phillipson" not in speakers(text)


def test_a_name_and_verb_after_a_question_attribute_it() -> None:
    text = (
        "Ed Davey spoke at the summit.\n\n"
        "“Does anybody know what the Conservative environmental platform is?” Davey asked. "
        "“Neither do I.”"
    )
    [statement] = statements(text)
    assert statement.mp == "Ed Davey"
    assert "Neither do I." in statement.text


@pytest.mark.parametrize(
    "attribution",
    [
        "Tory education spokeswoman Laura Trott said on Monday.",
        "Laura Trott, the Tory education spokeswoman, said on Monday.",
    ],
)
def test_an_mp_s_own_title_of_spokeswoman_keeps_the_words_hers(attribution: str) -> None:
    text = f"Bridget Phillipson defended the plan.\n\n“This plan does not add up,” {attribution}"
    assert speakers(text) == {"Laura Trott"}


@pytest.mark.parametrize(
    "attribution",
    [
        "a spokeswoman for Laura Trott said.",
        "allies of Laura Trott said.",
        "Laura Trott’s spokeswoman said.",
        "a source close to Laura Trott said.",
        "allies of the shadow education secretary, Laura Trott, insisted.",
        "friends of Laura Trott, a former minister, said.",
    ],
)
def test_people_around_an_mp_do_not_speak_for_her(attribution: str) -> None:
    text = f"Bridget Phillipson defended the plan.\n\n“This plan does not add up,” {attribution}"
    assert speakers(text) == set()


def test_words_told_to_a_broadcaster_without_that_are_reported() -> None:
    text = "Mel Stride, the shadow chancellor, told Times Radio the numbers did not add up."
    [statement] = statements(text)
    assert (statement.mp, statement.verbatim) == ("Mel Stride", False)


def test_a_role_right_before_a_name_is_that_person() -> None:
    text = (
        "Angela Rayner resigned on Friday. Her friend, the MP Jess Phillips, said: “This is a "
        "sad day.”"
    )
    quoted = [s.mp for s in statements(text) if s.verbatim]
    assert quoted == ["Jess Phillips"]


def test_a_quote_that_ends_its_sentence_ends_the_report_too() -> None:
    text = (
        "Lisa Nandy, Wigan's MP, said: “We will win.” Rachel Reeves added that the town "
        "deserved better."
    )
    by_whom = {s.mp: s.text for s in statements(text)}
    assert by_whom["Lisa Nandy"] == "We will win."
    assert by_whom["Rachel Reeves"].startswith("Rachel Reeves added")


def test_an_event_told_twice_keeps_the_fuller_post() -> None:
    text = (
        "Gerald Jones has stepped down as a government whip over plans for the hospital.\n\n"
        "“I have resigned as a whip because I could not stay silent,” he said."
    )
    [resignation] = statements(text)
    assert (resignation.target, resignation.verbatim) == ("government whip", True)


def test_a_post_on_a_subject_keeps_its_subject() -> None:
    text = "Matt Western resigned as chair of the joint committee on national security."
    [resignation] = statements(text)
    assert resignation.target == "chair of the joint committee on national security"


def test_a_leader_s_title_elsewhere_in_the_item_names_no_race() -> None:
    text = (
        "Sir Ed Davey, the Liberal Democrat leader, has tabled a motion of no confidence.\n\n"
        "“The Tories cannot go on like this,” the Labour leader said.\n\n"
        "Jeremy Hunt said: “I will not be a candidate for the leadership.”"
    )
    found = {(s.mp, s.kind, s.target) for s in statements(text) if s.kind != "statement"}
    assert found == {("Jeremy Hunt", "leadership_declined", "Conservative leader")}


def test_whom_the_words_were_told_to_does_not_hide_who_told_them() -> None:
    text = (
        "Rachel Reeves is on her feet. “I am asking everyone to contribute a little more,” the "
        "chancellor told MPs."
    )
    assert speakers(text) == {"Rachel Reeves"}


def test_every_mp_listed_after_endorsed_by_backs_the_subject() -> None:
    text = (
        "The Conservative leadership contest is under way.\n\n"
        "Kemi Badenoch has been endorsed by Michael Gove and Lee Anderson."
    )
    backers = {s.mp: s.target for s in statements(text) if s.kind == "endorsement"}
    assert backers == {"Lee Anderson": "Kemi Badenoch"}


def test_a_withdrawal_told_as_an_ended_campaign_and_the_mp_s_own_race() -> None:
    text = (
        "The Labour and Conservative leadership contests are under way.\n\n"
        "Emily Thornberry ended her campaign on Friday."
    )
    [withdrawal] = statements(text)
    assert (withdrawal.kind, withdrawal.target) == ("leadership_declined", "Labour leader")


def test_a_peer_is_not_the_mp_of_the_same_surname() -> None:
    text = (
        "Hamish Falconer answered questions in the Commons.\n\n"
        "Opening the debate in the Lords, Lord Falconer said it offered “choice at the end”."
    )
    assert "Hamish Falconer" not in speakers(text)


def test_a_transcript_s_labelled_paragraphs_are_their_speaker_s_words() -> None:
    text = (
        "PRESENTER: Joining me now is the Middlesbrough MP Andy McDonald. Why did you go?\n\n"
        "ANDY McDONALD: Because I could not vote for these cuts and keep my job.\n\n"
        "PRESENTER: And if there is a leadership contest?\n\n"
        "ANDY McDONALD: I would back Louise Haigh, no question."
    )
    found = [(s.mp, s.kind, s.target, s.verbatim) for s in statements(text)]
    assert ("Andy McDonald", "endorsement", "Louise Haigh", True) in found
    assert {mp for mp, *_ in found} == {"Andy McDonald"}


def test_an_interview_s_initials_stand_for_the_speaker_labelled_by_name() -> None:
    text = (
        "Q: Will you stand if there is a vacancy?\n\n"
        "Lisa Nandy: There isn't a vacancy.\n\n"
        "Q: But you've run before.\n\n"
        "LN: I'm not going to be a candidate for the leadership this time."
    )
    found = {(s.mp, s.kind) for s in statements(text)}
    assert ("Lisa Nandy", "leadership_declined") in found


def test_a_label_that_names_no_mp_given_in_full_speaks_for_nobody() -> None:
    text = (
        "Analysis: Lisa Nandy is weighing her options.\n\n"
        "Update: nominations close at 5pm.\n\n"
        "LN: I'm not going to be a candidate this time."
    )
    assert speakers(text) == set()


def test_words_told_to_supporters_at_a_rally_are_the_mp_s_own() -> None:
    text = (
        "James Cleverly launched his campaign in Westminster.\n\n"
        "He was cheered as he arrived, telling supporters: “I am putting myself forward to be "
        "leader of the Conservative Party.”"
    )
    found = {(s.mp, s.kind, s.verbatim) for s in statements(text)}
    assert ("James Cleverly", "leadership_bid", True) in found


def test_words_told_to_friends_in_private_stay_hearsay() -> None:
    text = "Kemi Badenoch has told friends she will stand for the Conservative leadership."
    assert statements(text) == []


def test_an_event_dated_from_an_older_one_is_history() -> None:
    text = (
        "The government announced in February that aid would be cut. Anneliese Dodds resigned "
        "as international development minister days later in protest.\n\n"
        "Christian Wakeford crossed to Labour in January 2022. A year later Danny Kruger joined "
        "Reform UK."
    )
    assert statements(text) == []
    fresh = "Anneliese Dodds said on Monday the cuts were wrong. Days later she resigned."
    assert ("Anneliese Dodds", "resignation") in {(s.mp, s.kind) for s in statements(fresh)}


@pytest.mark.parametrize(
    "opening",
    [
        "A party spokesman says hustings dates will be published tomorrow.",
        "Later, a spokesman for the party said dates would follow.",
    ],
)
def test_he_after_an_unnamed_spokesman_is_not_the_mp_named_before(opening: str) -> None:
    text = (
        "James Cleverly passed the threshold.\n\n"
        f'{opening} "Members will see all three candidates in every region," he said.'
    )
    assert speakers(text) == set()


def test_a_role_that_describes_someone_does_not_stand_between_a_pronoun_and_the_mp() -> None:
    text = 'James Cleverly said he would not be a candidate. "I am out," he said.'
    assert speakers(text) == {"James Cleverly"}


def _events(text: str) -> set[tuple[str, str, str | None]]:
    return {(s.mp, s.kind, s.target) for s in statements(text)}


def test_a_titled_candidate_is_the_one_of_that_surname_the_title_fits() -> None:
    text = (
        "Ben Spencer said the party was a party of protest.\n\n"
        'Hannah Spencer said: "I am putting my name forward for deputy leader."\n\n'
        "Carla Denyer has endorsed Ms Spencer for deputy, as has Adrian Ramsay."
    )
    assert {
        ("Carla Denyer", "endorsement", "Hannah Spencer"),
        ("Adrian Ramsay", "endorsement", "Hannah Spencer"),
    } <= _events(text)


def test_a_broadcaster_told_something_is_not_the_her_backed_next() -> None:
    text = (
        "Helen Whately is standing for deputy leader. The Faversham and Mid Kent MP told "
        'Channel Nine: "I am standing to be deputy leader."\n\n'
        "Victoria Atkins, the shadow health secretary, has endorsed her."
    )
    assert ("Victoria Atkins", "endorsement", "Helen Whately") in _events(text)


def test_he_was_endorsed_by_backs_whom_he_stands_for() -> None:
    race = "The race to succeed Sir Ed Davey as Liberal Democrat leader took shape.\n\n"
    one = (
        "Tom Morrison declared on Sunday. He was endorsed on Sunday evening by Alistair Carmichael."
    )
    assert ("Alistair Carmichael", "endorsement", "Tom Morrison") in _events(race + one)
    two = "Tom Morrison and Ben Maguire spoke. He was endorsed by Alistair Carmichael."
    assert not {s.target for s in statements(race + two)} - {None}


def test_he_after_two_subjects_is_neither() -> None:
    assert speakers('Tom Morrison and Ben Maguire spoke. "We agree," he said.') == set()


def test_the_leader_of_a_council_is_not_the_mp_named_before() -> None:
    text = (
        "Lucy Powell said she was thrilled.\n\n"
        "The leader of Manchester City Council said she would also be supporting Ms Powell."
    )
    (found,) = statements(text)
    assert "Council" not in found.text


def test_she_has_my_vote_backs_the_candidate_named_before_in_the_quote() -> None:
    text = (
        "Labour's deputy leadership race goes on. Speaking in Salford, Andy Burnham said: "
        '"Lucy is a fighter for the North and for our members. She\'s got my vote."\n\n'
        "Lucy Powell thanked him."
    )
    assert ("Andy Burnham", "endorsement", "Lucy Powell") in _events(text)


def test_mps_said_by_colleagues_to_be_doing_something_say_nothing() -> None:
    text = (
        "Bridget Phillipson and Lucy Powell are both said by colleagues to be sounding out "
        "support, and one pollster predicted a winner “as the clear favourite”."
    )
    assert speakers(text) == set()


def test_a_knight_with_another_surname_is_not_the_tracked_knight() -> None:
    text = "Sir Nicholas Soames, who also lost the whip, said it was “a very sad way” to go."
    assert speakers(text) == set()
    assert speakers("Sir Nicholas said it was “a very sad way” to go.") == {"Nicholas Dakin"}


def test_words_of_the_office_of_an_mp_named_with_whose_are_not_the_mps() -> None:
    text = (
        "Iain Duncan Smith did not respond to a request for comment. Neither did Mr Davis, "
        "whose office said he was “in the constituency all weekend”."
    )
    assert speakers(text) == set()


def test_the_resignation_that_opened_a_contest_is_news_when_fresh() -> None:
    fresh = (
        "Nominations open today in the contest to replace Angela Rayner, who resigned as "
        "deputy leader on Friday."
    )
    assert events_of(fresh) == {("Angela Rayner", "resignation", "labour deputy leader")}
    told = (
        "Calum Miller is the first to declare in the race to succeed Sir Ed Davey, who "
        "announced on Friday that he would stand down as Liberal Democrat leader."
    )
    assert ("Ed Davey", "resignation", "liberal democrat leader") in events_of(told)
    old = (
        "Nominations open today in the contest to replace Angela Rayner, who resigned as "
        "deputy leader in September 2025."
    )
    assert statements(old) == []


def test_an_mp_who_is_not_a_candidate_this_time_has_not_ruled_herself_out_here() -> None:
    assert statements("Priti Patel, who stood in 2024, is not a candidate this time.") == []


def test_a_foreign_leader_after_an_abbreviated_country_is_a_person() -> None:
    text = (
        "U.S. President Donald Trump said on Friday that Nigel Farage would make a good "
        "prime minister.\n\n"
        "Asked whether he had spoken to Keir Starmer, Trump said: “Keir is a good man too.”"
    )
    assert speakers(text) == set()


def test_a_role_does_not_reach_across_a_quote_into_the_paragraph_before() -> None:
    text = (
        "Priti Patel went out first, and Mel Stride followed on Tuesday. Everyone picks a side.\n\n"
        "“We are arguing about the wallpaper,” one veteran MP told me. He is backing nobody, "
        "and says he will vote for whoever looks least likely to lose."
    )
    assert speakers(text) == set()


def test_he_after_a_list_of_men_is_none_of_them() -> None:
    text = (
        "Neil Duncan-Jordan is one of four Labour MPs to lose the whip. The others are "
        "Rachael Maskell, Brian Leishman and Chris Hinchliff.\n\n"
        "Speaking at 6pm, he said: “I was elected to stand up for the people of Poole.”"
    )
    assert speakers(text) == set()


def test_a_name_after_a_comma_that_closes_a_phrase_is_no_list() -> None:
    text = (
        "In an interview with Rusty Humphries, Nigel Farage made his misgivings about the "
        "armed forces under Prime Minister Keir Starmer clear.\n\n"
        "“It was demoralising to watch,” he told the host."
    )
    assert speakers(text) == {"Nigel Farage"}


def test_a_quote_followed_by_a_clause_of_its_own_is_not_that_clauses_subject() -> None:
    text = (
        "The advert ends with Nigel Farage saying, “That makes me smart,” when Ed Davey "
        "attacked him over his taxes."
    )
    assert "Ed Davey" not in speakers(text)


def test_a_leader_named_after_under_is_not_the_subject() -> None:
    assert speakers("In 2017, Labour’s manifesto under Jeremy Corbyn promised to end it.") == set()


def test_an_event_dated_last_month_or_last_year_is_background() -> None:
    assert statements("Robert Jenrick resigned over the Rwanda bill last December.") == []
    assert statements("Robert Jenrick left the Conservatives for Reform last month.") == []


def test_a_date_of_something_described_does_not_make_the_event_history() -> None:
    text = (
        "Dewsbury and Batley MP Iqbal Mohamed has joined Your Party, the party set up by "
        "Jeremy Corbyn and Zarah Sultana last year."
    )
    assert ("Iqbal Mohamed", "defection") in {(s.mp, s.kind) for s in statements(text)}


def test_sitting_as_an_independent_while_suspended_is_no_defection() -> None:
    text = "Rachael Maskell will sit as an independent while the suspension lasts."
    assert all(s.kind != "defection" for s in statements(text))


def test_a_second_subject_after_while_has_its_own_event() -> None:
    text = (
        "The Plaid Cymru Westminster leadership is open. Llinos Medi has endorsed Ben Lake, "
        "while Ann Davies ruled herself out yesterday."
    )
    assert ("Ann Davies", "leadership_declined") in {(s.mp, s.kind) for s in statements(text)}


def test_a_seat_in_the_possessive_before_a_name_is_that_mps_seat() -> None:
    text = (
        "The Conservative leadership contest goes on. Mid Buckinghamshire’s Greg Smith is "
        "throwing his weight behind Dame Priti Patel."
    )
    assert ("Greg Smith", "endorsement", "Priti Patel") in _events(text)


def test_an_mp_named_with_a_short_first_name_is_that_mp() -> None:
    assert speakers("Rob Jenrick said the party had to change.") == {"Robert Jenrick"}


def test_reporters_phrasings_of_backing_and_withdrawing() -> None:
    race = "The Liberal Democrat deputy leadership race has begun. "
    backed = race + "Munira Wilson entered on Thursday. Tim Farron gave her his backing."
    assert ("Tim Farron", "endorsement", "Munira Wilson") in _events(backed)
    declared = race + "Tim Farron tonight declared for Munira Wilson."
    assert ("Tim Farron", "endorsement", "Munira Wilson") in _events(declared)
    withdrew = race + "Hours later, Tim Farron also withdrew, leaving two candidates."
    assert ("Tim Farron", "leadership_declined") in {(s.mp, s.kind) for s in statements(withdrew)}


def test_a_title_with_and_in_it_is_the_whole_post() -> None:
    text = (
        "Pippa Heylings has stepped down as the Liberal Democrat energy and climate spokesperson."
    )
    (found,) = statements(text)
    assert found.kind == "resignation"
    assert found.target is not None
    assert "energy and climate spokesperson" in found.target


def test_words_reported_before_a_closing_he_said_are_the_mps() -> None:
    text = (
        "Ian Lavery spoke to the Journal on Monday. The party had lost its way and needed a "
        "fresh start, he said."
    )
    assert speakers(text) == {"Ian Lavery"}
    (found,) = statements(text)
    assert not found.verbatim
    assert (
        speakers("Keir Starmer met Emmanuel Macron. The deal was good for both, he said.") == set()
    )
    assert speakers("The deal was a good one, a spokesman for Ian Lavery said.") == set()


def test_an_opening_clause_does_not_hide_the_speaker_after_its_comma() -> None:
    text = "When he bought the club, Ian Lavery said he expected to sell it within a year."
    assert speakers(text) == {"Ian Lavery"}


def test_a_title_after_a_describes_someone_rather_than_names_them() -> None:
    text = (
        "Angela Rayner attacked a tweet mocking a former Miss Universe. She said it was "
        "“beneath the office”."
    )
    assert speakers(text) == {"Angela Rayner"}


def test_leaving_a_party_for_another_is_one_defection_not_also_a_resignation() -> None:
    text = (
        "Ben Spencer has defected to the Liberal Democrats.\n\n"
        "In a video, the Runnymede and Weybridge MP said: “I have decided to leave the "
        "Conservative Party and cross the floor.”"
    )
    assert {s.kind for s in statements(text)} == {"defection"}
    resigned = (
        "Andrew Rosindell, who resigned his Conservative Party membership last night, has "
        "joined Reform UK."
    )
    assert {s.kind for s in statements(resigned)} == {"resignation", "defection"}


def _own_post(mp: str, text: str) -> list[Statement]:
    source = Source(f"{mp} (Bluesky)", "bluesky", "https://bsky.app/profile/x", 300.0, mp=mp)
    item = Item(source, "urn:own", "", text, "https://bsky.app/profile/x/post/1", PUBLISHED)
    return extract_statements(item, load_register())


def test_news_of_another_mp_passed_on_in_an_own_post_is_not_the_owners_event() -> None:
    found = _own_post(
        "Andy McDonald", "Louise Haigh has resigned as transport secretary. A sad day."
    )
    assert [s.kind for s in found] == ["statement"]
    own = _own_post("Luke Myer", "Tonight I've stepped down as a PPS so I can vote against it.")
    assert [s.kind for s in own] == ["resignation"]


def test_support_for_the_winner_after_a_contest_is_no_endorsement() -> None:
    text = (
        "Kemi Badenoch has won the Conservative leadership.\n\nRobert Jenrick has posted on X:"
        "\n\nCongratulations to Kemi. She has my full support in taking on the government."
    )
    assert all(s.kind != "endorsement" for s in statements(text))


def test_the_race_to_succeed_a_knight_is_not_his_withdrawal() -> None:
    text = (
        "The race to succeed Sir Ed Davey as Liberal Democrat leader took shape over the "
        "weekend, with one likely contender ruling herself out."
    )
    assert statements(text) == []


def test_an_event_told_in_the_lead_is_dated_by_the_act_told_after_it() -> None:
    text = (
        "Rachel Taylor has resigned as a parliamentary private secretary in protest at the "
        "rail cuts.\n\nMs Taylor set out her decision in a letter to the transport secretary "
        "on Monday evening."
    )
    (found,) = statements(text)
    assert found.kind == "resignation"
    assert found.said_at_precision == "day"
    assert found.said_at is not None
    assert found.said_at.date().isoformat() == "2025-09-08"  # the Monday before publication
    other = (
        "Rachel Taylor has resigned as a parliamentary private secretary.\n\n"
        "David Taylor set out his decision in a letter on Monday evening."
    )
    (found,) = [s for s in statements(other) if s.mp == "Rachel Taylor"]
    assert found.said_at_precision == "published"


def test_a_time_of_an_earlier_occasion_does_not_date_the_mps_other_words() -> None:
    text = (
        "Reform UK will contest the seat. Lee Anderson, the Ashfield MP, said: “We will be "
        "throwing everything at it.”\n\n"
        "The Reform chief whip had predicted on 5 July that more MPs would leave early."
    )
    quoted = [s for s in statements(text) if s.verbatim]
    assert [s.said_at_precision for s in quoted] == ["published"]


def test_a_party_leadership_resigned_names_the_party() -> None:
    text = "Kemi Badenoch has resigned as leader of the Conservative Party."
    assert ("Kemi Badenoch", "resignation", "conservative leader") in _events(text)


def test_a_contest_for_a_group_at_westminster_or_a_nations_party_says_so() -> None:
    westminster = (
        "Ann Davies has ruled herself out of the race to be Plaid Cymru's Westminster leader."
    )
    assert ("Ann Davies", "leadership_declined", "Plaid Cymru Westminster leader") in _events(
        westminster
    )
    wales = "David Chadwick has ruled himself out of the Welsh Liberal Democrat leadership."
    found = {(s.kind, s.target) for s in statements(wales)}
    assert found == {("leadership_declined", "Welsh Liberal Democrat leader")}


def test_a_candidate_backed_by_a_short_first_name_is_the_one_the_item_names() -> None:
    text = (
        "Rebecca Long-Bailey has launched her bid for the Labour leadership. Ian Lavery "
        "said: “I’m backing Becky for leader.”"
    )
    assert ("Ian Lavery", "endorsement", "Rebecca Long Bailey") in _events(text)


def test_a_name_after_a_preposition_before_a_colon_does_not_speak_the_quote_after_it() -> None:
    text = (
        "The crowd's enthusiasm for Nigel Farage is recorded in detail:\n\n"
        "“Here he comes,” a woman said, clapping. “The man himself.”"
    )
    assert speakers(text) == set()
    read_out = (
        "The result was read out by Sir Bob Blackman, the chairman of the 1922 Committee:\n\n"
        "“The parliamentary party has voted that it does not have confidence in the leader.”"
    )
    assert speakers(read_out) == {"Bob Blackman"}


def test_an_mp_who_did_as_another_did_is_shown_the_reporters_own_sentence() -> None:
    text = (
        "Helen Whately is standing for the Conservative deputy leadership. Victoria Atkins "
        "has endorsed her, as has Caroline Nokes."
    )
    (nokes,) = [s for s in statements(text) if s.mp == "Caroline Nokes"]
    assert (nokes.kind, nokes.target) == ("endorsement", "Helen Whately")
    assert nokes.text == "Victoria Atkins has endorsed her, as has Caroline Nokes."
    assert not nokes.verbatim


def test_he_after_a_phrase_addressing_someone_is_not_the_addressee() -> None:
    text = (
        "Alex McIntyre, who won Gloucester in 2024, stepped down as a parliamentary private "
        "secretary at the Department for Education.\n\n"
        "In a letter to the Prime Minister sent at 6.42pm on Tuesday, he wrote: “It is with "
        "regret that I am resigning.”"
    )
    assert any(s.verbatim and s.mp == "Alex McIntyre" for s in statements(text))
    topic = (
        "For Kemi Badenoch it came on Saturday, when she told the party it was “time to get to "
        "work”."
    )
    assert speakers(topic) == {"Kemi Badenoch"}


def test_so_have_after_a_quote_reaches_the_event_two_sentences_back() -> None:
    text = (
        "Bell Ribeiro-Addy confirms she has nominated Rebecca Long-Bailey for the Labour "
        "leadership. “Rebecca will win with our policies,” the Streatham MP says. So have two "
        "of her colleagues, Nadia Whittome and Zarah Sultana."
    )
    found = _events(text)
    assert ("Nadia Whittome", "endorsement", "Rebecca Long Bailey") in found
    assert ("Zarah Sultana", "endorsement", "Rebecca Long Bailey") in found


def test_a_quote_he_began_or_interjected_is_his() -> None:
    text = (
        "Then Lee Anderson rose. “The honourable gentleman,” he began, pointing across the "
        "aisle, “wouldn’t know a border if he tripped over it.”"
    )
    assert speakers(text) == {"Lee Anderson"}
    assert speakers("Lee Anderson rose. “Rubbish, total rubbish,” he interjected.") == {
        "Lee Anderson"
    }


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("the Ashfield MP said", "the Ashfield MP"),
        ("the MP for Ashfield, said", "the MP for Ashfield"),
        ("Rachel Blake, the MP for Cities of London and Westminster.) Next", None),
        ("the member for Brighton Pavilion's view", "the member for Brighton Pavilion"),
        ("(Inverness, Skye and West Ross-shire MP) said", "Inverness, Skye and West Ross-shire MP"),
        ("the former Ashfield MP said", ""),
        ("the MP for Ashfieldshire said", ""),
    ],
)
def test_a_seat_is_found_before_mp_or_after_mp_for(text: str, named: str | None) -> None:
    roster = roster_for(load_register())
    found = [text[m.start : m.end] for m in roster._constituencies(text)]
    if named is None:
        assert found == ["the MP for Cities of London and Westminster"]
    else:
        assert found == ([named] if named else [])


# --- a second round on reporters' own words ---------------------------------------------------


def events_of(text: str) -> set[tuple[str, str, str | None]]:
    return {(s.mp, s.kind, s.target) for s in statements(text) if s.kind != "statement"}


def test_ruling_out_standing_in_the_reporters_words_is_a_withdrawal() -> None:
    text = "Carolyn Harris has ruled out standing for deputy leader of Welsh Labour."
    assert events_of(text) == {
        ("Carolyn Harris", "leadership_declined", "Welsh Labour deputy leader")
    }
    refused = "Carolyn Harris has refused to rule out a bid for the Labour leadership."
    assert events_of(refused) == set()


def test_she_had_his_support_backs_the_one_candidate_she_can_be() -> None:
    one = (
        "Lucy Powell will stand for deputy leader. "
        "Greater Manchester mayor Andy Burnham said she had his full support."
    )
    assert ("Andy Burnham", "endorsement", "Lucy Powell") in events_of(one)
    two = (
        "Lucy Powell and Bridget Phillipson will stand for deputy leader. "
        "Keir Starmer said she had his full support."
    )
    assert not {e for e in events_of(two) if e[1] == "endorsement"}


def test_sitting_as_an_independent_or_back_as_labour_after_a_whip_decision_is_no_move() -> None:
    suspended = (
        "Jon Trickett has had the Labour whip suspended after voting against the bill.\n\n"
        "The decision means he will sit as an independent for the time being."
    )
    assert events_of(suspended) == set()
    restored = (
        "Richard Burgon has had the Labour whip restored.\n\n"
        "Mr Burgon said: \u201cI am pleased to be back sitting as a Labour MP.\u201d"
    )
    assert events_of(restored) == set()


def test_a_radio_presenter_who_shares_an_mps_name_is_someone_else() -> None:
    text = (
        "Radio presenter Chris Evans has ruled out a move into politics.\n\n"
        "\u201cI'd never stand,\u201d he told listeners."
    )
    assert speakers(text) == set()


def test_standing_for_a_committee_chair_is_no_leadership_bid() -> None:
    text = (
        "The race to chair the Treasury Committee has two contenders.\n\n"
        "Paul Davies said: \u201cI am putting myself forward to chair the Treasury Committee.\u201d"
    )
    assert events_of(text) == set()


def test_an_event_told_to_date_another_or_after_a_past_election_is_background() -> None:
    text = (
        "Lucy Powell, sacked only days before she entered the race, beat Bridget Phillipson "
        "for deputy leader.\n\nRishi Sunak resigned as leader after the 2024 election."
    )
    assert events_of(text) == set()


def test_a_resignation_last_week_in_the_race_to_succeed_her_is_background() -> None:
    text = (
        "Bridget Phillipson has entered the race to succeed Angela Rayner as deputy leader. "
        "Ms Rayner resigned last week."
    )
    assert events_of(text) == {("Bridget Phillipson", "leadership_bid", "Labour deputy leader")}


def test_a_surname_before_a_namesake_is_introduced_is_the_one_named_so_far() -> None:
    text = (
        "Andy McDonald has come out for Lucy Powell as deputy leader.\n\n"
        "Mr McDonald wrote: \u201cI\u2019ll be nominating Lucy Powell.\u201d\n\n"
        "Chris McDonald, the MP for Stockton North, said he had yet to decide.\n\n"
        "Mr McDonald said: \u201cWe will see.\u201d"
    )
    found = {(s.mp, s.kind, s.text) for s in statements(text) if s.verbatim}
    assert ("Andy McDonald", "endorsement", "I\u2019ll be nominating Lucy Powell.") in found
    assert not any(text == "We will see." for _, _, text in found)  # either McDonald


def test_stepping_down_to_stand_for_leader_is_a_resignation_and_a_bid() -> None:
    text = (
        "Wendy Chamberlain has stepped down as the party\u2019s Chief Whip in the House of "
        "Commons to stand for leader of the Scottish Liberal Democrats."
    )
    assert events_of(text) == {
        ("Wendy Chamberlain", "resignation", "chief whip"),
        ("Wendy Chamberlain", "leadership_bid", "Scottish Liberal Democrat leader"),
    }


def test_someone_elses_resignation_inside_an_mps_reported_words_is_not_the_mps() -> None:
    text = (
        "Richard Tice told a radio programme that the party was in a hurry, after Zia Yusuf "
        "quit as chairman last week."
    )
    assert events_of(text) == set()


def test_a_wire_dateline_is_not_the_subject_and_alongside_governs() -> None:
    text = (
        "LONDON, Sept 8 (Global Wire) - Danny Kruger, a Conservative member of parliament, "
        "defected to Reform UK on Monday.\n\n"
        "Kruger appeared alongside Farage at a news conference. He said the Conservatives had "
        "\u201cstopped believing in anything\u201d."
    )
    found = statements(text)
    assert ("Danny Kruger", "defection", "Reform UK") in {(s.mp, s.kind, s.target) for s in found}
    assert "stopped believing in anything" in {s.text for s in found if s.mp == "Danny Kruger"}


def test_a_candidate_backed_is_named_without_the_title_before_the_name() -> None:
    text = "Suella Braverman said on Friday she was backing Foreign Secretary Liz Truss for leader."
    assert events_of(text) == {("Suella Braverman", "endorsement", "Liz Truss")}


def test_the_chancellor_is_not_the_shadow_chancellor() -> None:
    text = (
        "Mel Stride, the shadow chancellor, said the Budget broke every promise.\n\n"
        "The chancellor opens by telling MPs: \u201cI said I would bring stability.\u201d"
    )
    assert "I said I would bring stability." not in {s.text for s in statements(text)}


def test_a_role_after_to_is_not_set_beside_the_name_that_follows() -> None:
    text = (
        "Angela Rayner has resigned.\n\n"
        "In a letter to the Prime Minister, Ms Rayner wrote: \u201cI have decided to resign from "
        "my position as Deputy Prime Minister.\u201d\n\n"
        "In his reply, the Prime Minister wrote: \u201cYou have been a loyal colleague.\u201d"
    )
    found = {(s.mp, s.text) for s in statements(text)}
    assert ("Angela Rayner", "You have been a loyal colleague.") not in found


def test_a_live_blog_entry_starts_afresh_for_he() -> None:
    text = (
        "13:10\n\nAndrew Griffith has nominated James Cleverly. So did Gareth Bacon.\n\n"
        "11:30\n\nThe man himself was more cautious. \u201cWe'll see at five,\u201d he told us."
    )
    assert "We'll see at five," not in {s.text for s in statements(text)}


def test_words_before_and_urged_mr_x_are_not_mr_xs() -> None:
    text = (
        "Jim Allister said the resignation proved unionists had been \u201csold a pup\u201d "
        "and urged Mr Wilson to \u201cfollow his conscience\u201d. Sammy Wilson declined to reply."
    )
    assert "Sammy Wilson" not in speakers(text)


def test_he_far_below_a_paragraph_crowded_with_men_is_nobodys() -> None:
    text = (
        "Shockat Adam joined Jeremy Corbyn and Ayoub Khan in a loose grouping. A year later "
        "Corbyn set about founding a new party.\n\n"
        "\u201cI'm not ruling it out,\u201d he says."
    )
    assert speakers(text) == set()


def test_a_former_presenter_is_still_the_mp() -> None:
    text = "Former TV presenter Esther McVey said: \u201cI will not stand for leader.\u201d"
    assert speakers(text) == {"Esther McVey"}


def test_a_resignation_in_a_when_clause_is_told_and_a_vacancy_is_background() -> None:
    fresh = "The exodus began when Rishi Sunak resigned as chancellor on Tuesday evening."
    assert events_of(fresh) == {("Rishi Sunak", "resignation", "chancellor")}
    vacancy = "The vacancy arose when Angela Rayner resigned last week as deputy leader."
    assert events_of(vacancy) == set()


def test_backing_a_candidate_named_after_her_office() -> None:
    text = (
        "Bridget Phillipson is standing for deputy leader. Karin Smyth said she would be "
        "nominating the education secretary, Bridget Phillipson."
    )
    assert ("Karin Smyth", "endorsement", "Bridget Phillipson") in events_of(text)
    quote = (
        "Lucy Powell is standing for deputy leader. "
        "\u201cShe'll have my nomination,\u201d said Kim Johnson."
    )
    assert ("Kim Johnson", "endorsement", "Lucy Powell") in events_of(quote)


def test_he_after_a_subject_and_the_one_it_welcomed_is_the_subject() -> None:
    text = (
        "Andrew Rosindell has joined Reform UK.\n\n"
        "Nigel Farage welcomed Mr Rosindell at a rally. \u201cAndrew is a patriot,\u201d he said."
    )
    assert ("Nigel Farage", "Andrew is a patriot,") in {(s.mp, s.text) for s in statements(text)}


def test_two_mps_each_with_a_post_listed_as_one_subject_both_withdraw() -> None:
    text = (
        "Housing minister Kit Malthouse and Brexit minister James Cleverly pulled out of the "
        "contest to succeed Theresa May as Conservative leader on Tuesday."
    )
    assert events_of(text) == {
        ("Kit Malthouse", "leadership_declined", "Conservative leader"),
        ("James Cleverly", "leadership_declined", "Conservative leader"),
    }


def test_will_not_enter_the_race_is_a_withdrawal() -> None:
    text = "Suella Braverman has said she will not enter the race to be Conservative leader."
    assert events_of(text) == {("Suella Braverman", "leadership_declined", "Conservative leader")}


def test_a_quote_after_the_paragraph_that_tells_its_occasion_is_dated_by_it() -> None:
    text = (
        "Clive Betts has announced he will stand down at the next general election.\n\n"
        "Mr Betts made the announcement at a meeting of his local party last night.\n\n"
        "\u201cIt has been the privilege of my life,\u201d he told members."
    )
    (quote,) = [s for s in statements(text) if s.verbatim]
    assert quote.said_at is not None
    assert quote.said_at_precision == "day"
    assert quote.said_at.date() == datetime(2025, 9, 9).date()  # the night before publication


def test_an_interview_labelled_by_initials_of_an_mp_named_before() -> None:
    text = (
        "Clive Lewis has spent a decade on Labour's left. We spoke in his Norwich office.\n\n"
        "Q: Will you stand for deputy leader?\n\n"
        "CL: No. I think the party needs someone with more patience than me.\n\n"
        "Q: Who will you back?\n\n"
        "CL: Lucy Powell. She gets it."
    )
    assert speakers(text) == {"Clive Lewis"}
    shared = text.replace("We spoke", "Colin Lowther, his agent, sat in. We spoke")
    assert speakers(shared) == set()  # CL could be either


def test_reported_words_with_no_that_after_a_colon() -> None:
    text = (
        "Lucy Powell was asked whether she would stand. "
        "Her reply was brisk: she said the figures spoke for themselves."
    )
    assert speakers(text) == {"Lucy Powell"}
    declared = "Priti Patel and Mel Stride declared last week, and a third candidate confirmed."
    assert speakers(declared) == set()


@pytest.mark.parametrize(
    "quote",
    [
        "I was very sorry that Jeremy resigned. He was a superb colleague.",
        "It is a shame Jeremy has quit the cabinet.",
        "Kemi has stepped down as leader and I respect that.",
        "Robert has joined Reform UK. That is a betrayal.",
        "Many colleagues have backed Kemi Badenoch, but I am not one of them.",
    ],
)
def test_an_event_of_someone_else_in_an_mps_own_words_is_not_the_mps(quote: str) -> None:
    text = f"Mel Stride said: \u201c{quote}\u201d"
    assert events_of(text) == set()


@pytest.mark.parametrize(
    ("quote", "kind"),
    [
        ("Today I have resigned as shadow chancellor.", "resignation"),
        ("Proud to be joining Reform UK today.", "defection"),
        ("Just put my name on Kemi Badenoch's nomination papers for leader.", "endorsement"),
    ],
)
def test_the_mps_own_event_with_an_opening_word_is_the_mps(quote: str, kind: str) -> None:
    text = f"Mel Stride said: \u201c{quote}\u201d"
    assert {e[1] for e in events_of(text)} == {kind}


@pytest.mark.parametrize(
    "text",
    [
        "Mel Stride, whose deputy resigned on Monday, said the party would recover.",
        "Mel Stride said colleagues had backed Kemi Badenoch in large numbers.",
    ],
)
def test_others_doing_it_inside_an_mps_reported_words_is_not_the_mps(text: str) -> None:
    assert events_of(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The Conservative leadership contest continues. Separately, Priti Patel launched a "
        "campaign to save her local hospital on Friday.",
        "The Labour leadership contest is under way. Wes Streeting has launched a bid to "
        "reform the NHS.",
        "The Labour leadership contest is under way. Lucy Powell will stand in the by-election.",
    ],
)
def test_a_campaign_or_a_stand_for_something_else_is_no_leadership_bid(text: str) -> None:
    assert events_of(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Danny Kruger joined Reform supporters at a rally in Swindon on Friday.",
        "Jess Phillips joined Labour colleagues in voting against the bill.",
        "Lee Anderson joined Reform UK councillors for a photo.",
        "Zarah Sultana, now sitting as an independent, said the party had failed.",
        "Richard Burgon said he would leave the Labour Party if the policy passed.",
    ],
)
def test_a_party_as_a_word_a_state_or_a_condition_is_no_move(text: str) -> None:
    assert events_of(text) == set()


def test_backing_a_football_club_is_no_endorsement() -> None:
    text = (
        "The Labour leadership race is on. "
        "Jess Phillips supported Birmingham City in the cup final."
    )
    assert events_of(text) == set()
    candidate = (
        "Kate Forbes is standing for SNP leader. Dave Doogan said he was backing Kate Forbes."
    )
    assert events_of(candidate) == {("Dave Doogan", "endorsement", "Kate Forbes")}


def test_a_namesake_in_another_chamber_or_a_sport_is_not_the_mp() -> None:
    senedd = (
        "Paul Davies, the former leader of the Welsh Conservatives, has said he will not seek "
        "the job again.\n\n"
        "The Preseli Pembrokeshire MS told activists: \u201cI will not stand for it again.\u201d"
    )
    assert speakers(senedd) == set()
    rugby = (
        "RUGBY legend Gareth Thomas has hailed an NHS plan.\n\n"
        "\u201cToday I feel like the country has caught up,\u201d he said."
    )
    assert speakers(rugby) == set()
    msp_next = (
        "Keir Starmer visited Edinburgh on Friday. The Glasgow MSP Anas Sarwar said the visit "
        "went well. \u201cWe are delighted,\u201d Sir Keir said."
    )
    assert speakers(msp_next) == {"Keir Starmer"}


def test_dame_and_a_first_name_is_the_dame_named_in_full_here() -> None:
    text = (
        "Romsey and Southampton North MP Dame Caroline Nokes has crossed the floor.\n\n"
        "Dame Caroline said: \u201cI haven\u2019t changed. The party I joined has.\u201d"
    )
    assert speakers(text) == {"Caroline Nokes"}


def test_a_role_is_not_the_one_a_verb_governs_before_it() -> None:
    text = (
        "The race to succeed Rishi Sunak as Conservative leader gained another heavyweight on "
        "Sunday, with Kemi Badenoch confirming what her allies had hinted at.\n\n"
        "In an article, the former business secretary said the party had \u201cstopped "
        "believing in anything\u201d."
    )
    assert "Rishi Sunak" not in speakers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeremy Hunt ruled himself out at the start of the month.",
        "Munira Wilson launched her campaign for deputy leader a fortnight ago.",
        "Munira Wilson launched her campaign for deputy leader three weeks ago.",
    ],
)
def test_an_event_weeks_ago_or_at_the_start_of_the_month_is_history(text: str) -> None:
    assert events_of(text) == set()


def test_she_after_asked_about_another_womans_criticism_is_the_subject_before() -> None:
    text = (
        "Bridget Phillipson, on the media round, says the contest is being fought fairly. "
        "Asked about Ms Powell\u2019s criticism of No 10, she says: \u201cLucy and I agree on "
        "far more than we disagree on.\u201d\n\nLucy Powell is standing for deputy leader."
    )
    found = {(s.mp, s.text) for s in statements(text) if s.verbatim}
    assert ("Bridget Phillipson", "Lucy and I agree on far more than we disagree on.") in found


@pytest.mark.parametrize(
    "text",
    [
        "Emily Thornberry has run for deputy twice; she withdrew from the 2025 race early.",
        "Tom Tugendhat told a fringe meeting that if there were a contest, he would put his "
        "name forward for leader.",
        "James Cleverly said: \u201cThere is no vacancy and I am backing Kemi Badenoch.\u201d",
    ],
)
def test_a_past_race_a_condition_or_loyalty_with_no_vacancy_is_no_event(text: str) -> None:
    assert events_of(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Kemi Badenoch has the public support of more than half of Conservative MPs, her "
        "campaign claimed on Tuesday evening.",
        "Robert Jenrick, sacked in January, has previously called the convention \u201cthe "
        "single biggest obstacle\u201d to deportations.",
    ],
)
def test_a_campaign_s_claim_or_words_said_long_before_are_not_the_mps_statement(
    text: str,
) -> None:
    assert speakers(text) == set()


def test_words_reported_as_said_last_month_are_background() -> None:
    old = "Daisy Cooper, deputy leader since 2020, announced last month that she would step aside."
    assert speakers(old) == set()
    fresh = (
        "Stephen Kinnock said the government was looking at a longer-term settlement and "
        "pointed to the money announced last year."
    )
    assert speakers(fresh) == {"Stephen Kinnock"}


def test_a_capitalised_opening_word_is_no_other_subject_in_the_mps_words() -> None:
    text = "Ian Lavery wrote: \u201cFull support behind Rebecca Long Bailey for leader.\u201d"
    assert events_of(text) == {("Ian Lavery", "endorsement", "Rebecca Long Bailey")}


def test_backers_listed_in_the_reporters_words() -> None:
    signed = (
        "Munira Wilson launched her campaign to lead the party on Wednesday. Her nomination "
        "papers have been signed by Richmond Park MP Sarah Olney and Sutton and Cheam MP Luke "
        "Taylor. Wimbledon MP Paul Kohler came out for her on Wednesday evening."
    )
    assert {e for e in events_of(signed) if e[1] == "endorsement"} == {
        ("Sarah Olney", "endorsement", "Munira Wilson"),
        ("Luke Taylor", "endorsement", "Munira Wilson"),
        ("Paul Kohler", "endorsement", "Munira Wilson"),
    }
    include = (
        "Kemi Badenoch faces a leadership challenge. Those who have nominated her include "
        "Chris Philp and Stuart Andrew."
    )
    assert events_of(include) == {
        ("Chris Philp", "endorsement", "Kemi Badenoch"),
        ("Stuart Andrew", "endorsement", "Kemi Badenoch"),
    }
    papers = (
        "Daisy Cooper is standing for leader. Tessa Munt has signed Daisy Cooper\u2019s "
        "nomination papers. Josh Babarinde is the fourth candidate, having declared on Monday."
    )
    assert {
        ("Tessa Munt", "endorsement", "Daisy Cooper"),
        ("Josh Babarinde", "leadership_bid", "Liberal Democrat leader"),
    } <= events_of(papers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Munira Wilson launched her campaign to lead the Liberal Democrats on Wednesday.",
            ("Munira Wilson", "leadership_bid", "Liberal Democrat leader"),
        ),
        (
            "Kim Johnson has left Labour and will now sit as a Green, she confirmed at lunchtime.",
            ("Kim Johnson", "defection", "Green Party"),
        ),
        (
            "Layla Moran will not now stand for the Liberal Democrat leadership.",
            ("Layla Moran", "leadership_declined", "Liberal Democrat leader"),
        ),
    ],
)
def test_more_ways_reporters_tell_a_bid_a_move_and_a_withdrawal(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert events_of(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Colum Eastwood has announced he will not contest the next general election.",
        "Sir Edward Leigh said on Wednesday that this parliament would be his last, bringing "
        "to an end a Commons career that began in 1983.",
    ],
)
def test_standing_down_at_the_next_election_told_other_ways(text: str) -> None:
    assert {e[1:] for e in events_of(text)} == {("resignation", "the seat")}


def test_leaving_the_government_at_her_own_request_in_a_reshuffle_is_a_resignation() -> None:
    text = (
        "Seema Malhotra has left the government at her own request, Downing Street confirmed, "
        "as the prime minister carried out a reshuffle of junior ministers."
    )
    assert {e[:2] for e in events_of(text)} == {("Seema Malhotra", "resignation")}


def test_casting_a_ballot_for_a_candidate_and_words_joked() -> None:
    text = (
        "Lucy Powell is standing for deputy leader. Ian Lavery tells us he has cast his "
        "ballot for Lucy Powell.\n\n"
        "Louise Haigh is at a fringe meeting. She jokes that she has \u201cmore time for "
        "fringe meetings these days\u201d."
    )
    assert ("Ian Lavery", "endorsement", "Lucy Powell") in events_of(text)
    assert "Louise Haigh" in speakers(text)


def test_quitting_the_race_is_a_withdrawal() -> None:
    text = "Mel Stride quit the leadership race and backed Kemi Badenoch."
    assert events_of(text) == {
        ("Mel Stride", "leadership_declined", "Conservative leader"),
        ("Mel Stride", "endorsement", "Kemi Badenoch"),
    }


def test_a_one_word_answer_or_epithet_set_out_as_said_is_a_statement() -> None:
    assert speakers("Asked if she would resign, Kemi Badenoch replied: \u201cNo.\u201d") == {
        "Kemi Badenoch"
    }
    dismissed = "Kemi Badenoch dismissed the claims as \u201cnonsense\u201d."
    assert "nonsense" in {s.text for s in statements(dismissed)}
    scare = "Kemi Badenoch said the \u201cwoke\u201d agenda had gone too far."
    assert all(not s.verbatim for s in statements(scare))


def test_a_seat_named_beside_an_mp_is_not_another_person() -> None:
    text = (
        "Lucy Powell, who has represented Manchester Central since 2012, went second. "
        "\u201cMembers are not a focus group,\u201d she said."
    )
    assert speakers(text) == {"Lucy Powell"}


def test_a_place_named_beside_an_mp_is_not_another_person() -> None:
    text = (
        "Munira Wilson filmed a video on Eel Pie Island on Wednesday. "
        "\u201cSpecial needs funding is the first fight I pick,\u201d she said."
    )
    assert speakers(text) == {"Munira Wilson"}


def test_a_day_that_names_a_deadline_or_a_vote_is_not_when_it_was_said() -> None:
    text = "Lucy Powell said she would stand for deputy leader ahead of Thursday's deadline."
    (bid,) = statements(text)
    assert bid.said_at_precision == "published"
    paper = (
        "Suella Braverman backed Rishi Sunak for leader. Writing in yesterday\u2019s Sunday "
        "Telegraph, she said: \u201cHe has my vote.\u201d"
    )
    (quote,) = [s for s in statements(paper) if s.verbatim]
    assert quote.said_at_precision == "day"


def own_post(text: str, owner: str) -> set[tuple[str, str, str | None]]:
    source = Source("Own feed", "feed", "https://own.example/", 300.0, owner)
    item = Item(source, "urn:own", "", text, "https://own.example/1", PUBLISHED)
    return {(s.mp, s.kind, s.target) for s in extract_statements(item, load_register())}


def test_she_or_a_first_name_backed_in_an_mps_own_post_is_the_mp_it_names() -> None:
    one = "Lucy Powell is standing for deputy leader - she has my full support!"
    assert ("Jo Platt", "endorsement", "Lucy Powell") in own_post(one, "Jo Platt")
    two = "Lucy Powell and Bridget Phillipson are both standing - she has my full support!"
    assert {k for _, k, _ in own_post(two, "Jo Platt")} == {"statement"}


def test_the_candidate_after_a_possessive_and_a_place_is_the_person() -> None:
    text = "I've nominated my Manchester neighbour Lucy Powell for deputy leader."
    assert ("Jeff Smith", "endorsement", "Lucy Powell") in own_post(text, "Jeff Smith")
    told = "Helen Whately, who declared her support for Kemi Badenoch on Monday, said more."
    assert {e[2] for e in events_of(told) if e[1] == "endorsement"} <= {"Kemi Badenoch"}


def test_an_event_is_dated_by_the_attribution_after_it_or_the_act_told_next() -> None:
    trailing = (
        "Layla Moran will not now stand for the Liberal Democrat leadership, the Oxford West "
        "and Abingdon MP told local members in an email on Monday."
    )
    (declined,) = statements(trailing)
    assert declined.said_at_text == "on Monday"
    later = (
        "Brian Leishman has quit the Labour Party and will now sit as an independent.\n\n"
        "He announced the decision in a video posted on Saturday afternoon.\n\n"
        "He told the Herald yesterday he had no intention of joining another party."
    )
    moves = [s for s in statements(later) if s.kind != "statement"]
    assert moves
    assert {s.said_at_text for s in moves} == {"on Saturday afternoon"}


def test_she_after_a_report_that_names_another_woman_inside_it_is_the_reporter_s_subject() -> None:
    text = (
        "Bridget Phillipson is standing for deputy leader. Karin Smyth said she would be "
        "nominating the education secretary, Bridget Phillipson. \u201cBridget has the grit "
        "for this job, and she'll have my nomination,\u201d she said."
    )
    quotes = {(s.mp, s.kind) for s in statements(text) if s.verbatim}
    assert quotes == {("Karin Smyth", "endorsement")}


def test_he_after_a_subject_who_backs_another_man_is_the_subject() -> None:
    text = (
        "Clive Lewis has pulled out and is backing Andy Burnham. "
        "He said: \u201cI'm withdrawing, and I'll be nominating Andy today.\u201d"
    )
    assert {s.mp for s in statements(text) if s.verbatim} == {"Clive Lewis"}


def test_a_name_in_the_possessive_is_not_whom_she_means() -> None:
    text = (
        "Since Kemi Badenoch's resignation on Monday, colleagues have been urging Katie Lam "
        "to stand. She is, she admits, \u201cthinking about it very seriously\u201d."
    )
    assert "Kemi Badenoch" not in speakers(text)


def test_resigning_from_a_party_s_front_bench_is_not_leaving_the_party() -> None:
    text = "Jess Phillips has resigned from Labour's front bench after voting for a ceasefire."
    assert {e[2] for e in events_of(text)} == {"labour front bench"}


def test_a_spokesman_s_title_before_an_mp_s_name_is_the_mp_s_own() -> None:
    title = (
        "The Conservative leadership challenge is on. Within hours, junior opposition "
        "spokesman Gareth Davies quit as shadow Treasury minister."
    )
    assert events_of(title) == {("Gareth Davies", "resignation", "shadow treasury minister")}
    for_him = "A spokesman for Gareth Davies said he had quit as shadow Treasury minister."
    assert speakers(for_him) == set()
    whip = "James McMurdock has given up the party whip."
    assert events_of(whip) == {("James McMurdock", "resignation", "the whip")}


def test_backers_listed_with_so_is_and_mps_who_include() -> None:
    listed = (
        "James Cleverly is challenging Kemi Badenoch for the leadership. MPs who submitted "
        "nomination forms for James today include Jesse Norman and Alberto Costa."
    )
    assert {
        ("Jesse Norman", "endorsement", "James Cleverly"),
        ("Alberto Costa", "endorsement", "James Cleverly"),
    } <= events_of(listed)
    so_is = (
        "Victoria Collins is standing for deputy leader. Wera Hobhouse is backing her too. "
        "So is Bobby Dean, the Carshalton and Wallington MP."
    )
    assert ("Bobby Dean", "endorsement", "Victoria Collins") in events_of(so_is)


def test_a_fresh_resignation_in_passing_before_has_said_nothing_is_told() -> None:
    text = "Angela Rayner, who resigned as deputy prime minister on Friday, has said nothing."
    assert events_of(text) == {("Angela Rayner", "resignation", "deputy prime minister")}
    last = 'Edward Leigh said: "I have told my association that this will be my last parliament."'
    assert events_of(last) == {("Edward Leigh", "resignation", "the seat")}


def test_a_name_opening_a_condition_or_an_earlier_time_is_not_the_next_pronoun_s() -> None:
    condition = (
        "Wes Streeting is in danger of waiting too long. When I asked him whether he would "
        "stand if Keir Starmer went, he gave the usual answer. \u201cThere is no vacancy,\u201d "
        "he said."
    )
    assert "Keir Starmer" not in speakers(condition)
    earlier = (
        "Since leaving government, Louise Haigh has become a voice of the soft left. When "
        "Angela Rayner resigned in September, colleagues urged her to stand. She let the "
        "moment pass.\n\n\u201cI'm not going to pretend I don't have ambitions,\u201d she said."
    )
    assert "Angela Rayner" not in speakers(earlier)


def test_an_mp_s_column_is_the_mp_s_own_words() -> None:
    source = Source("Politics desk", "page", "https://news.example/", 300.0)
    text = (
        "When I was first elected in 2019, I promised to speak up for my constituents. "
        "So I am standing to be Labour's deputy leader, and I hope my colleagues will back me."
    )
    column = Item(
        source, "urn:c", "", text, "https://news.example/c", PUBLISHED, "Bell Ribeiro-Addy"
    )
    found = {(s.mp, s.kind) for s in extract_statements(column, load_register())}
    assert found == {("Bell Ribeiro-Addy", "leadership_bid")}


def test_a_race_s_party_is_the_one_the_item_tells_of_and_depute_is_deputy() -> None:
    tory = (
        "Robert Jenrick has become the third Conservative to declare for the party "
        "leadership, saying the Tories must win back voters who deserted them."
    )
    assert events_of(tory) == {("Robert Jenrick", "leadership_bid", "Conservative leader")}
    snp = "Seamus Logan has launched his bid to become the SNP's depute leader."
    assert events_of(snp) == {("Seamus Logan", "leadership_bid", "SNP deputy leader")}


def test_he_beside_someone_in_his_own_sentence_is_not_that_someone() -> None:
    text = (
        "Greg Smith has defected to Reform UK.\n\n"
        "Appearing alongside Nigel Farage at a press conference, he said: \u201cI have left the "
        "Conservatives and I am joining Reform UK today.\u201d"
    )
    assert "Nigel Farage" not in speakers(text)


def test_a_heading_in_name_and_single_quotes_is_no_transcript() -> None:
    text = (
        "Nandy: \u2018It\u2019s not my time\u2019\n\n"
        "Streeting: \u2018I am standing\u2019\n\n"
        "Lisa Nandy has ruled herself out. \u201cIt\u2019s not my time,\u201d the Wigan MP said."
    )
    quotes = [s.text for s in statements(text) if s.verbatim]
    assert all("\u2018" not in q for q in quotes)


def test_a_quote_split_by_he_said_shows_its_sentence_once() -> None:
    text = (
        "Sir Keir Starmer declined to gloat. \u201cI wish the leader of the opposition a long "
        "career,\u201d he said, \u201con the opposition benches.\u201d"
    )
    (quote,) = [s for s in statements(text) if s.mp == "Keir Starmer" and s.verbatim]
    assert quote.report is not None
    assert quote.report.count("I wish the leader") == 1


def test_a_sketch_s_quotes_after_when_she_rose_and_he_bellowed() -> None:
    text = (
        "A silence fell at 12.04pm, when Kemi Badenoch rose for her last PMQs.\n\n"
        "She did not look like a woman on her way out. \u201cThe prime minister has had more "
        "U-turns than a learner driver,\u201d she began.\n\n"
        "The Speaker, Sir Lindsay Hoyle, had to intervene. \u201cOrder! The member will have "
        "his turn,\u201d he bellowed."
    )
    assert speakers(text) == {"Kemi Badenoch", "Lindsay Hoyle"}
    headline_tense = "Energy minister Michael Shanks quits, citing irreconcilable differences."
    assert events_of(headline_tense) == {("Michael Shanks", "resignation", "energy minister")}


def test_backers_among_those_who_nominated_her_and_names_put_to_her_papers() -> None:
    among = (
        "Bell Ribeiro-Addy is standing for deputy leader. Richard Burgon and Nadia Whittome "
        "are among those who have nominated her."
    )
    assert {
        ("Richard Burgon", "endorsement", "Bell Ribeiro-Addy"),
        ("Nadia Whittome", "endorsement", "Bell Ribeiro-Addy"),
    } <= events_of(among)
    papers = (
        "Munira Wilson is standing for leader. Martin Wrigley has put his name to Munira "
        "Wilson\u2019s papers."
    )
    assert ("Martin Wrigley", "endorsement", "Munira Wilson") in events_of(papers)
    own_move = (
        "Apsana Begum lost the whip in 2024. Apsana Begum has resigned from the Labour Party "
        "and will sit as an independent MP."
    )
    assert ("Apsana Begum", "defection", "Independent") in events_of(own_move)


def test_a_withdrawal_quoted_inside_reported_words() -> None:
    text = (
        "Liz Saville Roberts told BBC Cymru Wales she would \u201cnot be putting myself forward "
        "this time\u201d for the leadership."
    )
    assert events_of(text) == {("Liz Saville Roberts", "leadership_declined", "Plaid Cymru leader")}


def test_an_interview_printed_without_labels_gives_the_mps_answers() -> None:
    text = (
        "Sir Julian Lewis has represented New Forest East since 1997. We spoke at his office "
        "on Monday.\n\n"
        "You turn 75 this autumn. Will you fight the next general election?\n\n"
        "No. I have decided not to stand again at the next general election.\n\n"
        "Who have you told?\n\n"
        "My wife and my agent, in that order.\n\n"
        "Is the party in better shape than in 2024?\n\n"
        "Kemi has steadied things.\n\n"
        "The association's chairman said members were \u201csorry to see him go\u201d."
    )
    found = statements(text)
    assert ("Julian Lewis", "resignation", "the seat") in {(s.mp, s.kind, s.target) for s in found}
    assert all(s.mp == "Julian Lewis" and s.verbatim for s in found)
    assert not any("sorry to see him go" in s.text for s in found)
    assert all(s.said_at and s.said_at.day == 8 for s in found)  # the Monday of the opening


def test_questions_without_an_mp_interviewed_are_no_interview() -> None:
    text = (
        "What does the party want? Who will lead it? Can you trust a poll?\n\n"
        "Angela Rayner is on holiday.\n\n"
        "Will you vote at all?\n\n"
        "Nobody at Westminster knows.\n\n"
        "Do you care?\n\n"
        "Keir Starmer does."
    )
    assert statements(text) == []


def test_backers_named_after_among_and_challenges_to_a_named_leader() -> None:
    among = (
        "Andy Burnham has cleared the threshold to challenge Keir Starmer for the Labour "
        "leadership. Among Mr Burnham\u2019s nominators are Ian Byrne and Olivia Blake."
    )
    assert {
        ("Ian Byrne", "endorsement", "Andy Burnham"),
        ("Olivia Blake", "endorsement", "Andy Burnham"),
    } <= events_of(among)
    challenge = (
        "Welcome to our coverage of the Labour leadership challenge. Andy Burnham launched his "
        "challenge to Sir Keir Starmer yesterday."
    )
    assert ("Andy Burnham", "leadership_bid", "Labour leader") in events_of(challenge)
    entered = "Bell Ribeiro-Addy entered Labour\u2019s deputy leadership race on Tuesday."
    assert events_of(entered) == {("Bell Ribeiro-Addy", "leadership_bid", "Labour deputy leader")}
    own_bid = (
        "The Labour deputy leadership contest is open. Ms Ribeiro-Addy, the Clapham and "
        "Brixton Hill MP, declared her own bid on Monday evening."
    )
    assert ("Bell Ribeiro-Addy", "leadership_bid", "Labour deputy leader") in events_of(own_bid)
    undecided = (
        "The Labour leadership challenge is on. Lisa Nandy, who said on Sunday she was "
        "considering a bid, has decided against."
    )
    assert ("Lisa Nandy", "leadership_declined", "Labour leader") in events_of(undecided)


def test_an_mp_named_by_seat_as_subject_and_a_place_that_is_no_person() -> None:
    seat = (
        "Ellie Chowns is expected in the Green deputy leadership race.\n\n"
        "The North Herefordshire MP confirmed her candidacy in an email to members at 9am."
    )
    assert ("Ellie Chowns", "leadership_bid", "Green Party deputy leader") in events_of(seat)
    place = (
        "Colum Eastwood is to stand aside as leader of the SDLP.\n\n"
        "The Foyle MP made the announcement in Derry\u2019s Guildhall at 11am.\n\n"
        "\u201cThe party needs fresh energy,\u201d he told reporters."
    )
    assert ("Colum Eastwood", "resignation", "sdlp leader") in events_of(place)
    assert any("fresh energy" in s.text and s.mp == "Colum Eastwood" for s in statements(place))
    described = (
        "Veteran Brexiteer Mark Francois also waded in, telling the Clarion: \u201cThis is the "
        "last thing we need.\u201d"
    )
    assert speakers(described) == {"Mark Francois"}


def test_the_candidate_named_and_not_a_pronoun_or_a_place() -> None:
    named = (
        "Alicia Kearns is challenging Kemi Badenoch for the Conservative leadership. Esther "
        "McVey said she should \u201chave a word with herself\u201d.\n\n"
        "The shadow Scotland secretary, Andrew Bowie, said in a statement: \u201cI have resigned "
        "from the shadow cabinet. Alicia has my vote, and I will campaign for her in every "
        "region.\u201d"
    )
    assert ("Andrew Bowie", "endorsement", "Alicia Kearns") in events_of(named)
    region = (
        "Alison McGovern has withdrawn from the deputy leadership race. \u201cI\u2019ll be "
        "campaigning for her across the North West,\u201d she said of Bridget Phillipson."
    )
    assert not any(target == "North West" for _, _, target in events_of(region))


def test_the_post_a_speaker_is_named_by_is_the_post_resigned() -> None:
    text = (
        "Andrew Bowie has quit.\n\nThe shadow Scotland secretary said in a statement: "
        "\u201cI have resigned from the shadow cabinet.\u201d"
    )
    assert events_of(text) == {("Andrew Bowie", "resignation", "shadow scotland secretary")}


def test_loyalty_with_no_vacancy_is_no_endorsement() -> None:
    text = (
        "James Cleverly has been urged to challenge the leader.\n\n"
        "\u201cIt\u2019s kind of them, but there is no vacancy and I\u2019m not campaigning for "
        "one,\u201d he said. \u201cKemi has my support.\u201d"
    )
    assert not any(kind == "endorsement" for _, kind, _ in events_of(text))


def test_sitting_as_a_new_partys_mp_from_today_and_a_named_seat_not_contested() -> None:
    lowe = (
        "Rupert Lowe had the Reform UK whip suspended last year.\n\n"
        "In a video, Mr Lowe said: \u201cFrom today I sit in Parliament as the Restore Britain "
        "MP for Great Yarmouth.\u201d"
    )
    assert ("Rupert Lowe", "defection", "Restore Britain") in events_of(lowe)
    cox = (
        "Sir Geoffrey Cox told this newsletter yesterday that he will not contest Torridge and "
        "Tavistock at the next election."
    )
    assert events_of(cox) == {("Geoffrey Cox", "resignation", "the seat")}


def test_a_relative_clause_after_a_description_is_read_apart() -> None:
    text = (
        "The Tory leadership race continues.\n\n"
        "Blake Stephenson, the Mid Bedfordshire MP, who nominated Dame Priti, tells me he will "
        "be voting for Tom Tugendhat this afternoon."
    )
    assert ("Blake Stephenson", "endorsement", "Tom Tugendhat") in events_of(text)
    resigned = (
        "Andrew Rosindell, the MP for Romford, who resigned his Conservative Party membership "
        "last night, has today joined Reform UK."
    )
    assert {
        ("Andrew Rosindell", "resignation", "the party"),
        ("Andrew Rosindell", "defection", "Reform UK"),
    } <= events_of(resigned)


CONTEST = "The Labour leadership contest is under way. "


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Danny Kruger has switched from the Conservatives to Reform UK.", "defection"),
        ("Danny Kruger has gone over to Reform UK.", "defection"),
        ("Danny Kruger quit the Tories for Reform UK on Monday.", "defection"),
        ("Danny Kruger has ditched the Conservatives and signed up with Reform UK.", "defection"),
        ("Danny Kruger has become Reform's fifth MP.", "defection"),
        ("Jon Pearce has quit his role as a parliamentary private secretary.", "resignation"),
        ("Rachel Reeves has left her post as chancellor.", "resignation"),
        ("Rachel Reeves has relinquished the whip.", "resignation"),
        ("Rachel Reeves is to retire from parliament at the next election.", "resignation"),
        ("Rachel Reeves became the latest minister to resign on Tuesday.", "resignation"),
        (CONTEST + "Wes Streeting is to stand for the Labour leadership.", "leadership_bid"),
        (CONTEST + "Wes Streeting is bidding to succeed Keir Starmer.", "leadership_bid"),
        (CONTEST + "Wes Streeting is seeking the Labour leadership.", "leadership_bid"),
        (
            CONTEST + "Wes Streeting will challenge Keir Starmer for the leadership.",
            "leadership_bid",
        ),
        (CONTEST + "Wes Streeting kicked off his leadership campaign in Ilford.", "leadership_bid"),
        (
            CONTEST + "Wes Streeting has secured enough nominations to make the ballot.",
            "leadership_bid",
        ),
        (CONTEST + "Wes Streeting has declared.", "leadership_bid"),
        (CONTEST + "Lisa Nandy has dropped her bid.", "leadership_declined"),
        (CONTEST + "Lisa Nandy has called time on her campaign.", "leadership_declined"),
        (
            CONTEST + "Lisa Nandy has stepped aside in favour of Andy Burnham.",
            "leadership_declined",
        ),
        (CONTEST + "Lisa Nandy is among Andy Burnham's backers.", "endorsement"),
        (CONTEST + "Lisa Nandy pulled the plug on her campaign.", "leadership_declined"),
        (CONTEST + "Lisa Nandy has decided against a run.", "leadership_declined"),
        (
            CONTEST + "Lisa Nandy, the former culture secretary, withdrew from the race.",
            "leadership_declined",
        ),
        (
            CONTEST + "In a video posted online, Wes Streeting announced his leadership bid.",
            "leadership_bid",
        ),
        ("Danny Kruger has jumped ship to Reform UK.", "defection"),
        (
            CONTEST + "Andy Burnham declared on Monday. Lisa Nandy is among his latest backers.",
            "endorsement",
        ),
        (
            CONTEST + "Andy Burnham is standing. Also putting their names to his papers by the "
            "afternoon were Lisa Nandy and Ian Byrne.",
            "endorsement",
        ),
        (
            CONTEST + "Andy Burnham launched his campaign. Among the first MPs to nominate Andy "
            "Burnham are Lisa Nandy and Ian Byrne.",
            "endorsement",
        ),
        (
            CONTEST + "Yasmin Qureshi has nominated Shabana Mahmood, hours after Birmingham "
            "Erdington MP Paulette Hamilton, who had been considering a bid, ruled herself out "
            "at 9.30am.",
            "leadership_declined",
        ),
    ],
)
def test_events_in_the_reporters_words(sentence: str, event: str) -> None:
    assert event in {kind for _, kind, _ in events_of(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Danny Kruger joined Labour colleagues in the lobby.",
        "Danny Kruger signed up for the marathon.",
        "Rachel Reeves left school as a teenager.",
        CONTEST + "Andy Burnham does not have the support of Lisa Nandy.",
        CONTEST + "Andy Burnham has lost the backing of Lisa Nandy.",
    ],
)
def test_no_event_where_none_is_told(sentence: str) -> None:
    assert events_of(sentence) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Lewis said it was time for Keir Starmer to step down as leader.",
        "Clive Lewis said it was time for him to step down as leader.",
        CONTEST + "Clive Lewis denied that he was backing Andy Burnham.",
        CONTEST + "Clive Lewis would not say whether he was backing Andy Burnham.",
    ],
)
def test_another_s_move_or_a_denial_is_no_event_of_the_speaker(sentence: str) -> None:
    assert events_of(sentence) == set()


def test_my_own_time_to_step_down_is_a_resignation() -> None:
    text = "\u201cIt is time for me to step down as leader,\u201d Clive Lewis said."
    assert {kind for _, kind, _ in events_of(text)} == {"resignation"}


def test_a_relative_named_by_first_name_is_the_she_who_speaks_next() -> None:
    text = (
        "Maria Eagle, the MP for Liverpool Garston, said she had nominated Wes Streeting.\n\n"
        "\u201cWes has the energy,\u201d she said.\n\n"
        "Her sister Angela is backing Andy Burnham. \u201cI signed his papers on Monday,\u201d "
        "she said."
    )
    found = statements(text)
    assert not any("signed his papers" in s.text for s in found if s.mp == "Maria Eagle")


def test_words_reported_on_a_date_over_a_week_before_are_background() -> None:
    old = "Sir Keir Starmer announced on 28 August that he would stand down as leader."
    assert statements(old) == []  # published 10 September
    recent = "Sir Keir Starmer announced on 8 September that he would be stepping down."
    assert speakers(recent) == {"Keir Starmer"}


def test_an_interview_of_the_mp_who_opens_it_while_others_are_named() -> None:
    text = (
        "Kit Malthouse has been MP for North West Hampshire since 2015. We spoke on Thursday, "
        "as the contest to succeed Kemi Badenoch gathered pace.\n\n"
        "Will you be a candidate this time?\n\n"
        "No. I have done my time as a candidate, and I won\u2019t be standing for leader in "
        "2027.\n\n"
        "So who gets your nomination?\n\n"
        "Until the field is settled I am not nominating anybody.\n\n"
        "What do you say to people tempted to switch?\n\n"
        "Look at who actually fixes the potholes."
    )
    found = statements(text)
    assert {s.mp for s in found} == {"Kit Malthouse"}
    assert ("leadership_declined", "Conservative leader") in {(s.kind, s.target) for s in found}


def test_a_backing_to_come_told_in_passing_after_the_speaker() -> None:
    text = (
        "Louise Haigh is standing for the Labour leadership.\n\n"
        "\u201cLouise says what everyone else is thinking,\u201d says Olivia Blake, the MP for "
        "Sheffield Hallam, who will nominate her."
    )
    assert ("Olivia Blake", "endorsement", "Louise Haigh") in events_of(text)


def test_mps_listed_with_someone_untracked_share_the_verb() -> None:
    listed = "Rishi Sunak and Sajid Javid resigned within minutes of each other."
    assert {(mp, kind) for mp, kind, _ in events_of(listed)} == {("Rishi Sunak", "resignation")}
    another = "Rishi Sunak said he was shocked that Sajid Javid resigned."
    assert events_of(another) == set()


def test_an_aide_to_a_minister_is_a_parliamentary_private_secretary() -> None:
    text = "Lewis Cocking has resigned as Mel Stride\u2019s aide."
    assert events_of(text) == {("Lewis Cocking", "resignation", "parliamentary private secretary")}


def test_a_press_conference_is_when_words_were_said() -> None:
    text = (
        "Lewis Cocking has joined Reform UK.\n\nAt a press conference in Westminster at 11am, "
        "the Broxbourne MP said: \u201cThis is not an easy thing to do.\u201d"
    )
    quoted = [s for s in statements(text) if s.verbatim]
    assert [(s.said_at.hour, s.said_at_precision) for s in quoted if s.said_at] == [(11, "minute")]


def test_the_former_deputy_prime_minister_is_the_mp_just_named() -> None:
    text = (
        "Louise Haigh is standing for the Labour leadership. Angela Rayner has shown her hand. "
        "Speaking on Times Radio, the former deputy prime minister said:\n\n"
        "\u201cLouise has my nomination.\u201d"
    )
    assert ("Angela Rayner", "endorsement", "Louise Haigh") in events_of(text)


def test_a_sentence_that_opens_by_describing_the_mp_through_another() -> None:
    text = (
        "The Tory leadership race: Priti Patel is out.\n\n"
        "One of Dame Priti's nominators, South Shropshire MP Stuart Anderson, tells me he will "
        "now be supporting Kemi Badenoch."
    )
    assert events_of(text) == {("Stuart Anderson", "endorsement", "Kemi Badenoch")}


def test_a_bid_told_in_passing_before_the_main_clause_s_source() -> None:
    passing = (
        "The Labour deputy leadership race is on. Bell Ribeiro-Addy, who entered the race on "
        "Tuesday, has passed 20 nominations, according to the party's tally."
    )
    assert ("Bell Ribeiro-Addy", "leadership_bid", "Labour deputy leader") in events_of(passing)
    forward = (
        "The Labour deputy leadership race is on. Alison McGovern, a junior housing minister, "
        "also put her name forward on Monday."
    )
    assert events_of(forward) == {("Alison McGovern", "leadership_bid", "Labour deputy leader")}


def test_a_handle_in_an_mps_post_names_the_mp_it_spells() -> None:
    own = Source(
        "Jeff Smith on Bluesky", "bluesky", "https://bsky.example/", 300.0, mp="Jeff Smith"
    )
    for text, backed in [
        ("Delighted to back @lucypowell.bsky.social for deputy leader", "Lucy Powell"),
        ("Proud to nominate @LucyPowellMP for deputy leader.", "Lucy Powell"),
        ("Proud to nominate @someone for deputy leader.", None),
    ]:
        item = Item(own, "urn:post", "", text, "https://bsky.example/1", PUBLISHED)
        found = {(s.kind, s.target) for s in extract_statements(item, load_register())}
        assert (("endorsement", backed) in found) == (backed is not None), text
        assert all(target is None or not target.startswith("@") for _, target in found)


def test_serving_as_a_minister_and_deciding_not_to_put_a_name_forward() -> None:
    resigned = (
        "\u201cIt has been an honour to serve as a minister, but today I have stepped down,"
        "\u201d said Jo Stevens."
    )
    assert events_of(resigned) == {("Jo Stevens", "resignation", "minister")}
    declined = (
        "The Labour deputy leadership race is on. \u201cI've decided not to put my name "
        "forward for deputy leader,\u201d said Jo Stevens."
    )
    assert events_of(declined) == {("Jo Stevens", "leadership_declined", "Labour deputy leader")}


def test_a_yes_or_no_to_whether_the_mp_will_stand() -> None:
    declined = (
        "The Labour leadership race is on.\n\nAsked whether she would stand, Lisa Nandy "
        "replied: \u201cNo. It's not my time.\u201d"
    )
    assert events_of(declined) == {("Lisa Nandy", "leadership_declined", "Labour leader")}
    weather = (
        "The weather is fine.\n\nAsked whether she would stand, Lisa Nandy replied: \u201cNo.\u201d"
    )
    assert events_of(weather) == set()


def test_a_quote_in_one_mps_reported_words_is_not_the_next_speakers() -> None:
    text = (
        "Pat McFadden told a campaign event on Tuesday that he was \u201cproud to be "
        "nominating Wes\u201d, and Peter Kyle said in an interview the same evening that he would "
        "be voting for him."
    )
    quoted = [s for s in statements(text) if "proud to be nominating" in s.text]
    assert quoted
    assert {s.mp for s in quoted} == {"Pat McFadden"}


def test_a_possessive_description_is_no_second_subject() -> None:
    text = (
        "Layla Moran is standing for the Liberal Democrat leadership. Tim Farron, "
        "Moran\u2019s most prominent backer, tells us he is \u201cabsolutely certain\u201d she can "
        "win."
    )
    assert "Layla Moran" not in {s.mp for s in statements(text) if "certain" in s.text}


def test_the_candidate_of_a_passive_backing_after_a_time() -> None:
    text = (
        "Louise Haigh is standing for the Labour leadership. On Wednesday morning Louise Haigh "
        "was endorsed by Clive Lewis."
    )
    assert ("Clive Lewis", "endorsement", "Louise Haigh") in events_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Reform UK has a new MP. He becomes Reform\u2019s ninth MP, joining Lee Anderson, Richard "
        "Tice and Danny Kruger.",
        "His defection comes four months after Dewsbury and Batley MP Iqbal Mohamed walked out "
        "of Your Party to sit as an independent.",
        "Energy Secretary Ed Miliband is on the brink of quitting the Cabinet.",
        "Party chairman Kevin Hollinrake said Mr Norman should \u201cdo the decent thing\u201d and "
        "resign his seat.",
        CONTEST
        + "Shabana Mahmood has said she is \u201cthinking hard\u201d about entering the race.",
        CONTEST + "Emily Thornberry said she would \u201cprobably\u201d vote for Ms McGovern.",
    ],
)
def test_no_event_of_the_mp_named(sentence: str) -> None:
    assert events_of(sentence) == set()


def test_leaving_a_party_to_join_someone_elses() -> None:
    text = (
        "John McDonnell last night quit Labour after more than four decades to join his old pal "
        "Jeremy Corbyn's Your Party."
    )
    assert ("John McDonnell", "defection", "Your Party") in events_of(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Stoke-on-Trent Central MP Gareth Snell has quit his government role so he can vote "
            "against the changes.",
            ("Gareth Snell", "resignation", "government role"),
        ),
        (
            "Ruth Cadbury has stepped down as chair of the Commons transport committee after "
            "accepting a job as a Treasury minister in Wednesday\u2019s mini-reshuffle.",
            ("Ruth Cadbury", "resignation", "chair of the transport committee"),
        ),
        (
            "Rosena Allin-Khan has quit as one of Keir Starmer\u2019s trade envoys.",
            ("Rosena Allin-Khan", "resignation", "trade envoy"),
        ),
        (
            "Stephen Morgan announced his resignation as early education minister on Tuesday. "
            "Less than an hour later, children's minister Janet Daby followed him out of the door.",
            ("Janet Daby", "resignation", "children's minister"),
        ),
        (
            "Veteran DUP MP Sammy Wilson has announced he will not contest the next Westminster "
            "election.",
            ("Sammy Wilson", "resignation", "the seat"),
        ),
        (
            "The Tory leadership race goes on. His exit came as shadow business secretary Andrew "
            "Griffith became the latest frontbencher to back Claire Coutinho.",
            ("Andrew Griffith", "endorsement", "Claire Coutinho"),
        ),
        (
            "Bell Ribeiro-Addy is standing for Labour deputy leader. She\u2019s over the line. Jon "
            "Trickett has signed Ribeiro-Addy\u2019s nomination, taking her to 81.",
            ("Jon Trickett", "endorsement", "Bell Ribeiro-Addy"),
        ),
        (
            "Andrew Bowie is standing for the Scottish Conservative leadership. Harriet Cross and "
            "John Lamont have both signed his nomination papers.",
            ("John Lamont", "endorsement", "Andrew Bowie"),
        ),
        (
            "Pamela Nash is standing for Scottish Labour deputy leader. Frank McNally has "
            "nominated her, and Imogen Walker followed suit on Tuesday morning.",
            ("Imogen Walker", "endorsement", "Pamela Nash"),
        ),
    ],
)
def test_more_events_in_the_reporters_words(text: str, event: tuple[str, str, str]) -> None:
    assert event in events_of(text)


def test_a_title_of_the_other_gender_is_not_the_mp_named() -> None:
    text = (
        "Rebecca Smith tonight declared for Robert Jenrick. Priti Patel is standing.\n\n"
        "Mr Smith said Dame Priti had the steel the party needed and revealed he had signed her "
        "nomination papers on Monday."
    )
    assert not any(mp == "Rebecca Smith" and kind == "endorsement" and target != "Robert Jenrick"
                   for mp, kind, target in events_of(text))  # fmt: skip
    assert "Rebecca Smith" not in {s.mp for s in statements(text) if "steel" in s.text}


def test_backing_a_role_backs_whoever_the_item_says_holds_it() -> None:
    text = (
        "The Liberal Democrat leadership race. Daisy Cooper, the deputy leader, is standing.\n\n"
        "More support for Cooper. Zöe Franklin is backing the deputy leader."
    )
    assert ("Zöe Franklin", "endorsement", "Daisy Cooper") in events_of(text)
    nobody = "The Labour leadership race is on. Jo Stevens is backing the health secretary."
    assert events_of(nobody) == set()


def test_the_speaker_of_a_relative_clause_and_a_clause_that_goes_on_past_the_quote() -> None:
    welcomed = (
        "James McMurdock has joined the Conservatives. He was welcomed into the fold by Tory "
        "leader Kemi Badenoch, who was also at Saturday\u2019s dinner and told guests: \u201cJames "
        "knows this part of Essex better than anyone.\u201d"
    )
    quoted = [s for s in statements(welcomed) if "knows this part" in s.text]
    assert [s.mp for s in quoted] == ["Kemi Badenoch"]
    urged = (
        "Louise Haigh is weighing a bid. Christina McAnea told the Review that the union would "
        "\u201cwant to see a woman from the north\u201d on the ballot and has urged Haigh to think "
        "seriously about it."
    )
    assert not any("woman from the north" in s.text for s in statements(urged))


def test_a_quote_in_a_line_of_links_and_habitual_explaining_are_no_statements() -> None:
    links = 'Ian Murray is the Edinburgh South MP.\n\nRelated: Ian Murray: "Edinburgh is my home"'
    assert not any("Edinburgh is my home" in s.text for s in statements(links))
    habit = "Shabana Mahmood is standing. She has always explained her decisions in plain words."
    assert not any(s.mp == "Shabana Mahmood" and s.kind == "statement" for s in statements(habit))


@pytest.mark.parametrize(
    "sentence",
    [
        "Calum Miller launches bid in Oxford as Pinkerton rules himself out",
        "\u201cI\u2019ll leave the Liberal Democrats to sort out their own affairs,\u201d said "
        "Yvette Cooper.",
        "\u201cI will sit as an independent Labour member for now,\u201d said Jonathan Hinder.",
    ],
)
def test_no_such_event_of_the_mp(sentence: str) -> None:
    assert not any(kind in ("leadership_declined", "resignation", "defection")
                   for _, kind, _ in events_of(sentence))  # fmt: skip


def test_not_standing_again_is_the_seat_or_the_race_by_what_the_words_tell() -> None:
    race = (
        "The Liberal Democrat leadership contest is open. \u201cI\u2019ve done the job and I "
        "loved it, but I won\u2019t be standing again,\u201d Tim Farron told BBC Radio Cumbria."
    )
    assert events_of(race) == {("Tim Farron", "leadership_declined", "Liberal Democrat leader")}
    seat = (
        "\u201cI will not be a candidate for Foyle at the next Westminster election,\u201d Colum "
        "Eastwood said."
    )
    assert events_of(seat) == {("Colum Eastwood", "resignation", "the seat")}


def test_a_role_whose_own_pronoun_is_of_another_gender_is_not_the_mp() -> None:
    text = (
        "Lisa Nandy kept her job in the reshuffle. The care minister posted his resignation "
        "letter on X at 10.24am."
    )
    assert events_of(text) == set()
    aide = "Jon Pearce has resigned as her parliamentary private secretary, Rachel Reeves said."
    assert ("Jon Pearce", "resignation", "parliamentary private secretary") in events_of(aide)


def test_a_leader_in_another_chamber_is_the_he_who_speaks() -> None:
    text = (
        "Q: Who has declared?\n\nA: Ben Lake, the Ceredigion Preseli MP, put his name forward "
        "on Tuesday.\n\nQ: What does Rhun ap Iorwerth think?\n\nA: The Senedd leader has stayed "
        "neutral. \u201cIt's a matter for the MPs,\u201d he said."
    )
    assert not any("matter for the MPs" in s.text for s in statements(text))


def test_the_leader_of_a_partys_mps_is_its_westminster_leader() -> None:
    text = (
        "Ben Lake has confirmed he will seek to succeed Liz Saville Roberts as leader of Plaid "
        "Cymru\u2019s MPs.\n\nThe Ceredigion Preseli MP confirmed his candidacy this morning."
    )
    assert ("Ben Lake", "leadership_bid", "Plaid Cymru Westminster leader") in events_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kirsty Blackman confirmed on Monday that she would stand to lead the SNP's group of MPs "
        "at Westminster.",
        "Kirsty Blackman has thrown her hat into the ring to lead the SNP's group of MPs in the "
        "Commons.",
        "Pete Wishart said he would not be a candidate to lead the group. The SNP's MPs will "
        "meet to elect their new leader on Tuesday.",
    ],
)
def test_a_race_to_lead_a_partys_group_of_mps_is_for_its_westminster_leader(
    sentence: str,
) -> None:
    targets = {target for _, kind, target in events_of(sentence) if kind != "endorsement"}
    assert targets == {"SNP Westminster leader"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Liz Saville Roberts is to step down as Plaid Cymru's leader at Westminster.",
        "Liz Saville Roberts said on Monday that she would step down as Plaid's leader at "
        "Westminster.",
        "Liz Saville Roberts announced on Monday that she would step down as the party's "
        "Westminster leader. The Plaid Cymru MPs will elect a successor.",
    ],
)
def test_a_westminster_leadership_given_up_names_the_party_and_the_commons(
    sentence: str,
) -> None:
    assert ("Liz Saville Roberts", "resignation", "plaid cymru westminster leader") in events_of(
        sentence
    )


def test_a_deputy_leadership_the_candidate_holds_is_not_the_race() -> None:
    text = (
        "Two SNP MPs will contest the leadership of the party's group at Westminster.\n\n"
        "Kirsty Blackman, the Aberdeen North MP and the group's deputy leader, confirmed at "
        "9.15am that she would stand.\n\nChris Law entered the race just before noon."
    )
    assert events_of(text) == {
        ("Kirsty Blackman", "leadership_bid", "SNP Westminster leader"),
        ("Chris Law", "leadership_bid", "SNP Westminster leader"),
    }


def test_a_name_governed_after_both_does_not_block_the_subject() -> None:
    text = (
        "Sir John Hayes last night joined Reform UK.\n\n"
        "The South Holland and the Deepings MP, a minister under both David Cameron and Theresa "
        "May, stunned his colleagues when he walked on stage.\n\n"
        "To roaring applause, he told the crowd: \u201cI have resigned from the Conservative "
        "Party.\u201d"
    )
    assert ("John Hayes", "resignation", "the party") in events_of(text)


def test_the_first_to_declare_their_support_back_the_one_candidate_told() -> None:
    one = (
        "James Cleverly has confirmed his candidacy for the Conservative leadership in a letter "
        "to MPs. Among the first to declare their support were Alex Burghart and Kit Malthouse."
    )
    assert {
        ("Alex Burghart", "endorsement", "James Cleverly"),
        ("Kit Malthouse", "endorsement", "James Cleverly"),
    } <= events_of(one)
    two = (
        "James Cleverly and Tom Tugendhat have both declared for the Conservative leadership. "
        "Among the first to declare their support were Alex Burghart and Kit Malthouse."
    )
    assert not any(s.mp in ("Alex Burghart", "Kit Malthouse") for s in statements(two))


def test_a_title_and_a_first_name_are_the_mp_named_so_in_full() -> None:
    text = (
        "Sir Ed Davey is stepping down as Liberal Democrat leader.\n\n"
        "Asked about the contest on a visit to Kingston, Sir Ed said: \u201cI\u2019m staying "
        "well out of it.\u201d"
    )
    assert any(s.mp == "Ed Davey" and "well out of it" in s.text for s in statements(text))


def test_backers_of_a_challenger_whose_bid_was_told_in_other_words() -> None:
    text = (
        "Shabana Mahmood last night launched a challenge to the prime minister's leadership of "
        "the Labour Party.\n\n"
        "Among the first to declare their support were Lucy Powell and Ian Byrne."
    )
    assert {
        ("Lucy Powell", "endorsement", "Shabana Mahmood"),
        ("Ian Byrne", "endorsement", "Shabana Mahmood"),
    } <= events_of(text)


def test_a_possessive_challenge_tells_the_candidate_backed() -> None:
    text = (
        "Wes Streeting\u2019s challenge to the prime minister, which he made public on Monday, "
        "picked up support in the Labour leadership contest on Wednesday.\n\n"
        "Among the latest to sign were Jess Phillips and Peter Kyle, according to the list the "
        "party publishes each night. So did Liz Kendall."
    )
    found = events_of(text)
    assert {
        ("Jess Phillips", "endorsement", "Wes Streeting"),
        ("Peter Kyle", "endorsement", "Wes Streeting"),
        ("Liz Kendall", "endorsement", "Wes Streeting"),
    } <= found


def test_backers_according_to_a_rumour_are_not_backers() -> None:
    text = (
        "Wes Streeting launched his campaign for the Labour leadership on Monday.\n\n"
        "Among the latest to sign were Jess Phillips and Peter Kyle, according to allies of "
        "the health secretary. So did Liz Kendall."
    )
    assert not {s.mp for s in statements(text)} & {"Jess Phillips", "Peter Kyle", "Liz Kendall"}


def test_nominations_that_came_from_named_mps() -> None:
    text = (
        CONTEST + "Alison McGovern launched her deputy leadership campaign in Birkenhead on "
        "Friday.\n\nHer first three nominations came from Justin Madders, Peter Dowd and "
        "Kim Johnson."
    )
    assert {
        ("Justin Madders", "endorsement", "Alison McGovern"),
        ("Peter Dowd", "endorsement", "Alison McGovern"),
        ("Kim Johnson", "endorsement", "Alison McGovern"),
    } <= events_of(text)


def test_sticking_with_a_challenged_leader_backs_them() -> None:
    text = (
        "Conservative MPs vote on Tuesday in the challenge to Kemi Badenoch's leadership.\n\n"
        "Rebecca Smith, the South West Devon MP, is sticking with Mrs Badenoch."
    )
    assert ("Rebecca Smith", "endorsement", "Kemi Badenoch") in events_of(text)
    plan = "Rebecca Smith said she was sticking with the plan to cut business rates."
    assert events_of(plan) == set()


def test_mps_listed_as_following_suit_after_and_back_the_same_candidate() -> None:
    text = (
        "Daisy Cooper, the deputy leader, launched her campaign for the Liberal Democrat "
        "leadership.\n\n"
        "More support for Cooper. Zöe Franklin is backing the deputy leader, and Sarah Olney "
        "and Vikki Slade have followed suit."
    )
    assert {
        ("Zöe Franklin", "endorsement", "Daisy Cooper"),
        ("Sarah Olney", "endorsement", "Daisy Cooper"),
        ("Vikki Slade", "endorsement", "Daisy Cooper"),
    } <= events_of(text)
    later = (
        "Pamela Nash launched her campaign for Scottish Labour deputy leader on Monday. Frank "
        "McNally has nominated her, and Imogen Walker followed suit on Tuesday morning."
    )
    assert ("Imogen Walker", "endorsement", "Pamela Nash") in events_of(later)


def test_a_candidate_described_as_an_msp_before_the_name() -> None:
    text = (
        "The Scottish Labour deputy leadership contest opened on Monday. Glenrothes MP Richard "
        "Baker said he would nominate the Glasgow MSP Paul Sweeney."
    )
    assert ("Richard Baker", "endorsement", "Paul Sweeney") in events_of(text)


def test_stepping_down_once_a_successor_is_chosen_gives_up_the_leadership() -> None:
    text = (
        "Nominations for the Conservative leadership open next week. Kemi Badenoch announced "
        "on Monday that she would step down once a successor had been chosen."
    )
    assert events_of(text) == {("Kemi Badenoch", "resignation", "conservative leader")}
    seat = "Kemi Badenoch said she would step down at the next election."
    assert events_of(seat) == {("Kemi Badenoch", "resignation", "the seat")}


def test_a_post_ends_before_a_passive_that_follows_it() -> None:
    text = (
        "Michael Shanks resigned as energy minister and his resignation was confirmed by "
        "Downing Street on Thursday. Kerry McCarthy's resignation as climate minister was "
        "confirmed by Downing Street shortly after."
    )
    assert ("Michael Shanks", "resignation", "energy minister") in events_of(text)


def test_the_time_in_a_relative_clause_is_not_when_the_main_words_were_said() -> None:
    text = (
        CONTEST + "Priti Patel, who declared her candidacy on Tuesday, said she would unite "
        "the party."
    )
    found = {s.kind: s for s in statements(text)}
    assert found["leadership_bid"].said_at_text == "on Tuesday"
    assert found["statement"].said_at_precision == "published"


def test_standing_too_again_and_not_standing_too() -> None:
    assert events_of(
        CONTEST + "Christine Jardine confirmed on Friday that she will stand too."
    ) == {("Christine Jardine", "leadership_bid", "Labour leader")}
    assert events_of(CONTEST + "Alistair Carmichael said that he, too, would not stand.") == {
        ("Alistair Carmichael", "leadership_declined", "Labour leader")
    }
    again = CONTEST + "Adrian Ramsay said he would stand again at the next election."
    assert events_of(again) == set()  # the seat, again: no bid, and nothing given up


def test_but_i_am_nominating_is_the_speakers_own_backing() -> None:
    text = (
        CONTEST + "Clive Betts said: \u201cI like Louise enormously, but I\u2019m nominating "
        "Lucy Powell.\u201d"
    )
    assert ("Clive Betts", "endorsement", "Lucy Powell") in events_of(text)
    other = CONTEST + "Clive Betts said: \u201cI was sorry that Lucy resigned.\u201d"
    assert events_of(other) == set()


def test_the_candidate_i_will_be_voting_for() -> None:
    text = (
        CONTEST + "Lara Bird said: \u201cLucy Powell is the candidate I\u2019ll be voting for. "
        "She has the drive we need.\u201d"
    )
    assert ("Lara Bird", "endorsement", "Lucy Powell") in events_of(text)


def test_a_post_named_later_in_the_words_outdoes_a_bare_resignation() -> None:
    text = (
        "Simon Opher said: \u201cI can\u2019t defend this plan, so I\u2019ve resigned. This "
        "morning I resigned as parliamentary private secretary to the health ministers.\u201d"
    )
    post = "parliamentary private secretary to the health ministers"
    assert events_of(text) == {("Simon Opher", "resignation", post)}


def test_a_team_or_an_office_that_speaks_is_not_the_mp() -> None:
    text = (
        CONTEST + "Louise Haigh is seven short of the number her team says it wants \u201cfor "
        "safety\u201d. James Wild has held talks with the Lib Dems, a claim his office last "
        "night dismissed as \u201cnonsense on stilts\u201d."
    )
    assert not {s.mp for s in statements(text)} & {"Louise Haigh", "James Wild"}
    own = (
        "Alicia Kearns, who will chair his campaign, said: \u201cI'm backing Tom Tugendhat "
        "because he can win.\u201d"
    )
    assert ("Alicia Kearns", "endorsement", "Tom Tugendhat") in events_of(CONTEST + own)


def test_a_former_mp_for_a_seat_and_a_council_leader_are_not_mps() -> None:
    text = (
        "Former Broxbourne MP Sir Charles Walker said the defectors were \u201cchasing a poll "
        "bounce\u201d.\n\nKemi Badenoch faces a leadership contest. The leader of the "
        "Conservative group on Norfolk County Council has come out for Mr Tugendhat, telling "
        "the Post: \u201cTom is the one who will win back the villages.\u201d"
    )
    assert not {s.mp for s in statements(text)} & {"Lewis Cocking", "Kemi Badenoch"}


def test_an_office_held_by_someone_else_earlier_is_not_the_person_named_last() -> None:
    text = (
        "Priti Patel threw her weight behind the shadow chancellor on Tuesday, saying Mel "
        "Stride was the grown-up the party needs.\n\n"
        "James Cleverly said he would not endorse anyone before the first ballot.\n\n"
        "The shadow chancellor said: \u201cPriti is one of the most experienced people in our "
        "party.\u201d"
    )
    assert "James Cleverly" not in {s.mp for s in statements(text) if s.verbatim}


def test_announced_before_christmas_is_history_in_january() -> None:
    text = (
        "Layla Moran has confirmed she will stand for Liberal Democrat leader. Sir Ed Davey "
        "announced before Christmas that he would stand down once a successor had been chosen."
    )
    item = Item(
        NEWS, "urn:test", "", text, "https://news.example/1", datetime(2027, 1, 15, 9, tzinfo=UTC)
    )
    found = {(s.mp, s.kind) for s in extract_statements(item, load_register())}
    assert ("Ed Davey", "resignation") not in found
    assert ("Layla Moran", "leadership_bid") in found


def test_backers_of_a_bid_told_in_a_participle_after_it() -> None:
    text = (
        "Daisy Cooper\u2019s Liberal Democrat leadership bid, already backed by Sarah Olney and "
        "Victoria Collins, gained a third MP on Wednesday."
    )
    assert {
        ("Sarah Olney", "endorsement", "Daisy Cooper"),
        ("Victoria Collins", "endorsement", "Daisy Cooper"),
    } <= events_of(text)


def test_papers_signed_and_switches_from_one_candidate_to_another() -> None:
    text = (
        CONTEST + "Andy Burnham and Tom Tugendhat have launched their campaigns. Paula Barker "
        "and Kim Johnson have both signed Mr Burnham's papers. James Cartlidge has moved from "
        "Atkins to Tugendhat, his office confirms."
    )
    found = events_of(text)
    assert ("Kim Johnson", "endorsement", "Andy Burnham") in found
    assert ("James Cartlidge", "endorsement", "Tom Tugendhat") in found


def test_backing_a_pronoun_before_but_or_a_quoted_phrase() -> None:
    text = (
        CONTEST + "Ellie Chowns launched her campaign on Tuesday. Adrian Ramsay said he would "
        "nominate her but would not stand himself. Chris Philp said he would be voting for "
        "her \u201cwithout a moment's hesitation\u201d."
    )
    found = events_of(text)
    assert ("Adrian Ramsay", "endorsement", "Ellie Chowns") in found
    assert ("Chris Philp", "endorsement", "Ellie Chowns") in found


def test_events_told_in_a_clause_after_after_as_or_with() -> None:
    withdrew = (
        "The Liberal Democrat leadership contest has become a two-horse race between Daisy "
        "Cooper and Munira Wilson, after Layla Moran ended her campaign on Monday."
    )
    assert ("Layla Moran", "leadership_declined", "Liberal Democrat leader") in events_of(withdrew)
    latest = (
        "Scottish Labour MPs are picking sides in the leadership contest, with Blair "
        "McDougall the latest to back Daniel Johnson."
    )
    assert ("Blair McDougall", "endorsement", "Daniel Johnson") in events_of(latest)


def test_a_clause_of_what_is_to_come_or_of_a_past_contest_is_no_event() -> None:
    coming = CONTEST + "Wes Streeting will speak when Lucy Powell launches her campaign next week."
    assert events_of(coming) == set()
    history = (
        "In the 2025 deputy contest, Bridget Phillipson and Lucy Powell reached the final "
        "round after Emily Thornberry pulled out."
    )
    assert "Emily Thornberry" not in {s.mp for s in statements(history)}


def test_a_sentence_that_opens_with_the_mps_own_event_tells_it() -> None:
    text = (
        "Mel Stride's resignation as shadow chancellor, in a letter published at 1.08pm, is "
        "the most senior departure yet."
    )
    assert events_of(text) == {("Mel Stride", "resignation", "shadow chancellor")}
    called = "Labour called for Mel Stride's resignation as shadow chancellor."
    assert events_of(called) == set()
    would = "Mel Stride's resignation as shadow chancellor would be a blow to the party."
    assert events_of(would) == set()


def test_backing_according_to_a_published_list_is_told() -> None:
    text = (
        "Helen Morgan is standing for the Liberal Democrat deputy leadership. Max Wilkinson "
        "has nominated Helen Morgan, according to a list circulated by her campaign."
    )
    assert ("Max Wilkinson", "endorsement", "Helen Morgan") in events_of(text)


def test_a_backer_who_defected_to_team_x_or_jumped_ship() -> None:
    text = (
        "The Conservative leadership contest: Tom Tugendhat and Claire Coutinho are standing. "
        "Within hours, Caroline Nokes had defected to Team Tugendhat.\n\n"
        "Helen Grant jumped ship to Claire Coutinho."
    )
    found = events_of(text)
    assert ("Caroline Nokes", "endorsement", "Tom Tugendhat") in found
    assert ("Helen Grant", "endorsement", "Claire Coutinho") in found
    assert not any(kind == "defection" for _, kind, _ in found)


def test_late_nominations_from_and_the_support_collected() -> None:
    text = (
        CONTEST + "Mel Stride launched his campaign on Monday. Mr Stride also collected the "
        "support of Alex Burghart. Ms Fahnbulleh scraped through, helped by late nominations "
        "from Nadia Whittome and Apsana Begum. Ms Begum nominated Richard Burgon in the 2020 "
        "deputy race."
    )
    found = events_of(text)
    assert ("Alex Burghart", "endorsement", "Mel Stride") in found
    assert ("Apsana Begum", "endorsement", "Richard Burgon") not in found


def test_a_colon_after_a_relative_clause_introduces_the_mps_words() -> None:
    text = (
        CONTEST + "Louise Haigh\u2019s campaign is over. The Sheffield Heeley MP, who was around "
        "20 names short of the threshold at lunchtime, posted a statement on X just after "
        "4pm:\n\n\u201cI have spoken to my team and I am withdrawing from this contest.\u201d"
    )
    found = [s for s in statements(text) if s.verbatim]
    assert [(s.mp, s.kind) for s in found] == [("Louise Haigh", "leadership_declined")]


def test_his_letter_said_gives_the_letters_writer_the_words() -> None:
    text = (
        "The Conservative MP Alberto Costa has defected to Labour. Costa wrote to Kemi "
        "Badenoch at 9.15am on Wednesday. \u201cI am resigning my membership of the "
        "Conservative party with immediate effect,\u201d his letter said."
    )
    quoted = [s for s in statements(text) if s.verbatim]
    assert [(s.mp, s.kind, s.target) for s in quoted] == [
        ("Alberto Costa", "resignation", "the party")
    ]
    someone = (
        "Alberto Costa has defected to Labour. The party's president, John Gardner, wrote to "
        "members. \u201cWe wish him well,\u201d his letter said."
    )
    assert not [s for s in statements(someone) if s.verbatim]  # the president's words


def test_so_did_after_followed_suit_and_not_from_further_back() -> None:
    chain = (
        "Jo White has quit as parliamentary private secretary. Rossendale and Darwen MP Andy "
        "MacNae followed her out of the door within the hour. So did Blackpool South\u2019s "
        "Chris Webb."
    )
    assert ("Chris Webb", "resignation") in {(mp, kind) for mp, kind, _ in events_of(chain)}
    skipped = (
        CONTEST + "Keir Starmer said on Tuesday evening that he would be a candidate. Pat "
        "McFadden, writing on X, said Starmer had his \u201ctotal support\u201d. Within the "
        "hour Darren Jones and Lucy Rigby had followed suit."
    )
    found = events_of(skipped)
    assert ("Darren Jones", "endorsement", "Keir Starmer") in found
    assert not any(mp == "Darren Jones" and kind == "leadership_bid" for mp, kind, _ in found)


def test_a_question_reports_nothing_and_an_aide_set_off_speaks_for_himself() -> None:
    question = "Has Jeremy Corbyn said he'll back you? You'd have to ask him."
    assert "Jeremy Corbyn" not in speakers(question)
    aide = (
        "Nigel Farage was not in his seat. He was, a Reform aide later explained, \u201con "
        "important business\u201d."
    )
    assert "Nigel Farage" not in speakers(aide)


def test_a_pronoun_backed_in_a_continued_quote_is_not_the_nearest_name_outside() -> None:
    text = (
        "Tom Tugendhat was elected Conservative leader at 6pm. Richard Tice welcomed the "
        "defection of Rebecca Paul.\n\n"
        "\u201cI've told Tom I won't be part of his shadow cabinet,\u201d Chris Philp said. "
        "\u201cI'll support him from the backbenches.\u201d"
    )
    assert ("Chris Philp", "endorsement", "Richard Tice") not in events_of(text)


def test_a_line_break_after_a_short_bold_heading_ends_it() -> None:
    from watcher.parse.text import html_to_text

    markup = (
        "<p><strong>Philp steps down from front bench</strong><br>A second blow for the new "
        "leader. Chris Philp said he was stepping down.</p>"
    )
    assert html_to_text(markup).split("\n\n")[0] == "Philp steps down from front bench"
    quoted = "<p>Ms Reeves told the Ledger:<br>\u201cI\u2019m nominating Wes.\u201d</p>"
    assert "\n" not in html_to_text(quoted)


def test_an_event_in_a_clause_about_someone_else_is_theirs() -> None:
    text = (
        "Ann Davies has announced she will stand to lead Plaid Cymru\u2019s group of MPs at "
        "Westminster, after Liz Saville Roberts said on Monday that she was stepping down "
        "from the role."
    )
    found = events_of(text)
    assert not any(mp == "Ann Davies" and kind == "resignation" for mp, kind, _ in found)
    assert any(mp == "Ann Davies" and kind == "leadership_bid" for mp, kind, _ in found)


def test_sitting_as_an_independent_mp_while_suspended_is_no_defection() -> None:
    text = (
        "David Taylor has had the Labour whip suspended after voting against the bill. Mr "
        "Taylor will sit as an independent MP while the suspension lasts."
    )
    assert events_of(text) == set()


def test_talks_about_defecting_and_standing_for_a_council_are_no_events() -> None:
    talks = (
        "Mid Norfolk's Conservative MP George Freeman is in advanced talks about defecting to "
        "the Liberal Democrats, senior party sources have claimed."
    )
    assert events_of(talks) == set()
    council = (
        "Steff Aquarone said: \u201cA few people have asked whether I'll stand for Norfolk "
        "County Council again on 6 May. I won't be standing this time: our brilliant local "
        "candidates deserve the space.\u201d"
    )
    assert events_of(council) == set()


def test_proposers_signatories_and_switched_nominations() -> None:
    text = (
        "Chris Law, the Dundee Central MP, entered the SNP Westminster leadership race just "
        "before noon. He was proposed by Lara Bird and seconded by Graham Leadbitter."
    )
    found = events_of(text)
    assert ("Lara Bird", "endorsement", "Chris Law") in found
    letter = (
        "Ben Spencer launched his campaign for the Conservative leadership on Monday. "
        "Signatories to the letter backing him include Blake Stephenson and Aphra Brandreth."
    )
    assert ("Aphra Brandreth", "endorsement", "Ben Spencer") in events_of(letter)
    switched = (
        CONTEST + "Florence Eshalomi is standing. Alex Davies-Jones and Anna Turley switched "
        "their nominations to Ms Eshalomi, the party's final list showed."
    )
    assert ("Anna Turley", "endorsement", "Florence Eshalomi") in events_of(switched)


def test_among_her_newest_backers_backs_the_one_told_before() -> None:
    text = (
        "Sarah Owen, the Luton North MP, remains ahead in the Labour deputy leadership race on "
        "63. Among her newest backers are Afzal Khan and Taiwo Owatemi. Catherine West, the "
        "third candidate, has 22 and faces a struggle to back her case."
    )
    found = events_of(text)
    assert ("Afzal Khan", "endorsement", "Sarah Owen") in found
    assert ("Afzal Khan", "endorsement", "Catherine West") not in found


def test_who_has_nominated_tells_fresh_backing_in_passing() -> None:
    text = (
        CONTEST + "Catherine West is standing. Rachael Maskell, who has nominated Ms West, urged "
        "colleagues to lend her their votes."
    )
    assert ("Rachael Maskell", "endorsement", "Catherine West") in events_of(text)


def test_an_undated_event_after_after_is_the_story_so_far() -> None:
    text = (
        "Daniel Okafor's bid to become Labour's deputy leader gathered pace after Helen Carrow "
        "stepped back from the contest."
    )
    assert events_of(text) == set()
    dated = (
        "The Liberal Democrat leadership contest has become a two-horse race, after Layla "
        "Moran ended her campaign on Monday."
    )
    assert ("Layla Moran", "leadership_declined") in {(m, k) for m, k, _ in events_of(dated)}


def test_no_intention_of_standing_is_a_refusal_but_not_of_standing_aside() -> None:
    refusal = CONTEST + "Kirsty Blackman said she had \u201cno intention\u201d of standing."
    assert ("Kirsty Blackman", "leadership_declined") in {
        (mp, kind) for mp, kind, _ in events_of(refusal)
    }
    staying = CONTEST + "Kemi Badenoch said she had no intention of standing aside."
    assert events_of(staying) == set()
    resigning = "Kemi Badenoch said she had no intention of resigning."
    assert events_of(resigning) == set()


def test_a_first_name_in_quotation_marks_is_the_one_backed() -> None:
    text = (
        CONTEST + "Munira Wilson is standing. Richard Foord told the programme that he would be "
        'nominating "Munira", whom he called the best campaigner in the party.'
    )
    assert ("Richard Foord", "endorsement", "Munira Wilson") in events_of(text)
    slogan = CONTEST + 'Richard Foord said he was backing "a fair deal" for farmers.'
    assert {kind for _, kind, _ in events_of(slogan)} <= {"statement"}


def test_a_refusal_after_but_is_the_speakers_own_and_others_standing_is_not() -> None:
    asked = (
        CONTEST + "Lucy Powell said she had been asked by several colleagues to put her name "
        "forward but would not be putting her name forward."
    )
    assert ("Lucy Powell", "leadership_declined") in {
        (mp, kind) for mp, kind, _ in events_of(asked)
    }
    others = CONTEST + "Lucy Powell said colleagues had stood before but would not stand again."
    assert {kind for _, kind, _ in events_of(others)} <= {"statement"}


def test_a_time_in_the_words_describing_the_speaker_is_not_when_they_spoke() -> None:
    text = (
        "The Green Party deputy leadership race.\n\n"
        "Adrian Ramsay, the candidate beaten on Monday, said: “I have no plans to stand again.”"
    )
    (quote,) = [s for s in statements(text) if s.verbatim]
    assert quote.said_at_precision == "published"


def test_whose_after_the_speaker_describes_them_but_before_the_verb_gives_the_words_away() -> None:
    described = (
        "“Special tax breaks let the richest avoid paying,” said Angela Rayner, whose campaign "
        "was built on attacks on the rich."
    )
    assert speakers(described) == {"Angela Rayner"}
    office = "“The figures are wrong,” Angela Rayner, whose office issued a statement, said."
    assert speakers(office) == set()


def test_a_transcript_label_with_a_tracked_mps_full_name_needs_no_other_mention() -> None:
    text = (
        "PRESENTER: Secretary of state, will you stand if the prime minister goes?\n\n"
        "ED MILIBAND: I have done that job before. I am not going to be a candidate.\n\n"
        "PRESENTER: That sounds like a no."
    )
    (said,) = statements(text, title="Sunday interview: Ed Miliband on energy bills")
    assert (said.mp, said.verbatim) == ("Ed Miliband", True)
    assert said.text.startswith("I have done that job before.")
    stranger = text.replace("ED MILIBAND", "TOM BALDWIN")
    assert statements(stranger) == []


def test_the_answers_of_a_labelled_interview_are_the_interviewees_dated_by_its_opening() -> None:
    opening = (
        "Rutland and Stamford's MP explains why she is sitting out the race.\n\n"
        "Alicia Kearns was one of the names most mentioned after Kemi Badenoch stood down.\n\n"
        "We spoke to her at her office on Monday.\n\n"
    )
    answers = (
        "Q: Will you be standing for leader?\n\n"
        "A: No. I won't be a candidate this time, and I'm at peace with that.\n\n"
        "Q: Who are you supporting?\n\n"
        "A: Tom Tugendhat. He'll have my nomination on Friday."
    )
    found = {(s.mp, s.kind, s.verbatim) for s in statements(opening + answers)}
    assert found == {
        ("Alicia Kearns", "leadership_declined", True),
        ("Alicia Kearns", "endorsement", True),
    }
    assert {s.said_at for s in statements(opening + answers)} == {
        datetime(2025, 9, 8, tzinfo=LONDON)
    }
    unsaid = opening.replace("We spoke to her at her office on Monday.", "She is 39.")
    assert statements(unsaid + answers) == []


def test_a_quote_inside_the_sentence_telling_an_event_is_that_event_in_the_mps_words() -> None:
    text = (
        "Transport minister Simon Lightwood quit last night over the rail plan, saying in his "
        "letter that he could “no longer defend it in good conscience”."
    )
    (quit,) = statements(text)
    assert (quit.mp, quit.kind, quit.verbatim) == ("Simon Lightwood", "resignation", True)
    assert quit.text == "no longer defend it in good conscience"
    assert (quit.report or "").startswith("Transport minister")
    assert quit.said_at == datetime(2025, 9, 9, tzinfo=LONDON)
    earlier = (
        "Mel Stride, who said on Friday that he was “seriously considering” a bid, confirmed "
        "this morning that he will stand to be leader of the Conservative Party."
    )
    kinds = sorted(s.kind for s in statements(earlier))
    assert kinds == ["leadership_bid", "statement"]


def test_a_role_someone_else_in_the_sentence_may_hold_is_nobodys() -> None:
    abroad = (
        "Yvette Cooper met the Irish foreign minister in Dublin. “We will work together,” the "
        "minister said."
    )
    assert speakers(abroad) == set()
    former = (
        "Robert Jenrick praised Boris Johnson at the dinner. “Brexit was the right call,” the "
        "former prime minister said."
    )
    assert speakers(former) == set()
    own = (
        "Rachel Reeves visited a factory in Leeds on Monday. “Growth is our mission,” the "
        "chancellor said."
    )
    assert speakers(own) == {"Rachel Reeves"}
    first = (
        "Bridget Phillipson has become the first cabinet minister to enter the race. In a "
        "video, the education secretary said: “I am standing to be deputy leader.”"
    )
    assert speakers(first) == {"Bridget Phillipson"}


def test_he_after_a_sentence_whose_own_he_is_someone_else_is_nobodys() -> None:
    text = (
        "Kit Malthouse keeps maps in his office.\n\n"
        "When Liz Truss fell he backed Rishi Sunak, and when Mr Sunak lost he held his seat. "
        "He told me on Wednesday that he will not stand at the next general election."
    )
    assert "Rishi Sunak" not in speakers(text)


def test_an_mps_office_which_said_speaks_and_a_council_leader_is_no_mp() -> None:
    office = (
        "Whispers that Ayoub Khan might follow were dismissed by his office, which said he had "
        "“no plans to join any party”."
    )
    assert speakers(office) == set()
    chair = (
        "Alicia Kearns, who will chair his campaign, said: “I'm backing Tom because he can "
        "take the fight to Reform.”"
    )
    assert speakers(chair) == {"Alicia Kearns"}
    council = "Bassetlaw District Council leader James Naish said the timing was “understandable”."
    assert speakers(council) == set()


def test_backing_is_an_endorsement_only_where_the_item_tells_of_a_contest() -> None:
    no_contest = (
        "Jess Phillips has resigned as a Home Office minister over refuge funding.\n\n"
        "Fellow Birmingham MP Liam Byrne backed her to the hilt."
    )
    assert events_of(no_contest) == {("Jess Phillips", "resignation", "home office minister")}
    live = (
        "Live: nominations close in the Labour deputy leadership race\n\n"
        + "\n\n".join(f"{hour}:00 Nothing new from the count yet." for hour in range(10, 20))
        + "\n\n20:00 Ian Byrne has now nominated Bell Ribeiro-Addy."
    )
    assert ("Ian Byrne", "endorsement", "Bell Ribeiro-Addy") in events_of(live)
    endorsed = (
        "Ian Lavery has endorsed Rebecca Long-Bailey. “I am backing Rebecca Long-Bailey because "
        "she is the best person to lead us,” the Blyth and Ashington MP said."
    )
    assert {(s.mp, s.kind) for s in statements(endorsed)} == {("Ian Lavery", "endorsement")}


def test_quitting_as_a_partys_spokesperson_is_not_leaving_the_party() -> None:
    text = "Tim Farron has quit as the Liberal Democrats’ rural affairs spokesperson."
    assert {(kind, target) for _, kind, target in events_of(text)} == {
        ("resignation", "the liberal democrats' rural affairs spokesperson")
    }


def test_a_clause_describing_the_subject_does_not_hide_the_main_clause() -> None:
    tipped = (
        CONTEST + "Siân Berry, who had been tipped to stand, said in a statement on her website "
        "on Wednesday that she would not be a candidate."
    )
    assert ("Siân Berry", "leadership_declined", "Labour leader") in events_of(tipped)
    whose = (
        CONTEST + "Andy Burnham, whose return was widely seen as a first step, ruled himself "
        "out in a post on social media at 6.05pm."
    )
    assert ("Andy Burnham", "leadership_declined", "Labour leader") in events_of(whose)


def test_an_interview_of_the_mp_the_meeting_sentence_points_to() -> None:
    text = (
        "Russell Findlay's decision to stand down has left the Scottish Conservatives looking "
        "for a leader. One name keeps coming up: Andrew Bowie, the MP for West Aberdeenshire "
        "and Kincardine. Harriet Cross, his neighbour in Gordon and Buchan, said on Monday that "
        "he would make a superb leader. When we met at his office on Friday, he had made up "
        "his mind.\n\n"
        "So, are you standing?\n\n"
        "No. I won't be a candidate in this leadership contest.\n\n"
        "Will you back anyone?\n\n"
        "I'm backing Meghan Gallacher. She is sharp and she is not afraid of a fight."
    )
    answers = [s for s in statements(text) if s.mp == "Andrew Bowie"]
    assert {s.kind for s in answers} >= {"leadership_declined", "endorsement"}
    assert {s.said_at for s in answers} == {datetime(2025, 9, 5, tzinfo=LONDON)}
    people = People(text, roster_for(load_register()))
    assert not [m for m in people.mentions if text[m.start : m.end] == "Gordon"]


def test_so_with_a_time_set_off_by_commas_did_the_same() -> None:
    text = (
        CONTEST + "Andy Burnham is standing. Lisa Nandy endorsed him on Thursday evening. So, "
        "later that night, did Ian Byrne."
    )
    assert ("Ian Byrne", "endorsement", "Andy Burnham") in events_of(text)


def test_the_signatories_of_a_letter_back_the_one_it_endorses() -> None:
    text = (
        "The Conservative leadership race is under way.\n\n"
        "Twelve MPs have put their names to a letter endorsing Claire Coutinho. In the letter, "
        "the MPs write: “She has a plan.” Among the signatories are Katie Lam and Nick Timothy."
    )
    assert {(mp, target) for mp, kind, target in events_of(text) if kind == "endorsement"} == {
        ("Katie Lam", "Claire Coutinho"),
        ("Nick Timothy", "Claire Coutinho"),
    }
