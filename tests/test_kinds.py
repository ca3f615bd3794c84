"""kinds.classify: what kind of statement, by rules that keep hedges and negations plain."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.evaluate import case_item, load_cases
from watcher.extract.kinds import _COMPILED, _KIND_WORDS, Voice, classify, sentences
from watcher.extract.phrasings import clean_post

pytestmark = pytest.mark.timeout(10)


def events(text: str, voice: Voice = "first", context: str = "") -> list[tuple[str, str | None]]:
    return [(e.kind, e.target) for e in classify(text, voice, context)]


# --- the MP's own words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("I will not be standing in the leadership contest.", "leadership_declined", "leader"),
        ("I am standing to be deputy leader.", "leadership_bid", "deputy leader"),
        ("I am standing for the leadership.", "leadership_bid", "leader"),
        ("I've decided to stand for deputy leader.", "leadership_bid", "deputy leader"),
        (
            "I am throwing my full support behind Rebecca Long Bailey.",
            "endorsement",
            "Rebecca Long Bailey",
        ),
        ("I am backing Lisa Nandy.", "endorsement", "Lisa Nandy"),
        ("I have resigned as home secretary.", "resignation", "home secretary"),
        (
            "I have today resigned as Home Secretary with immediate effect.",
            "resignation",
            "home secretary",
        ),
        ("I have resigned the Conservative whip.", "resignation", "the whip"),
        ("I have resigned as an MP.", "resignation", "the seat"),
        ("I have joined Reform UK.", "defection", "Reform UK"),
        ("I will sit as an independent.", "defection", "Independent"),
    ],
)
def test_first_voice_events(text: str, kind: str, target: str) -> None:
    assert events(text) == [(kind, target)]


def test_an_event_keeps_its_sentence_rule_and_confidence() -> None:
    (event,) = classify("Thank you all. I have resigned as home secretary.", "first")

    assert event.sentence == "I have resigned as home secretary."
    assert event.rule == "resigned as"
    assert event.confidence == 0.9
    assert event.at == event.sentence.index("resigned")


@pytest.mark.parametrize(
    "text",
    [
        "I am not ruling anything out.",
        "I am not ruling anything out in the leadership contest.",
        "I am considering standing for leader.",
        "I have not yet decided whether to stand for the leadership.",
        "I would be honoured to stand for leader.",
        "I will not resign.",
        "I will not resign as home secretary.",
        "I have no plans to defect to Reform.",
        "I joined Labour in 1997.",
        "He should resign as chancellor.",
        "I support the bill.",
        "I am not backing Keir Starmer.",
        "I may well throw my hat into the ring for the leadership.",
        "I could yet stand for the leadership.",
    ],
)
def test_hedges_negations_background_and_calls_stay_plain(text: str) -> None:
    assert classify(text, "first") == []


# --- reported speech ------------------------------------------------------------------------


def test_reported_declined() -> None:
    (event,) = classify("he would not stand for the leadership", "reported")

    assert (event.kind, event.target) == ("leadership_declined", "leader")
    assert event.confidence == 0.8  # a journalist's report is less sure than the MP's own words


def test_reported_endorsement_keeps_the_name_as_written() -> None:
    # The register's "Tom Tugendhat" is resolved later, in extract.
    assert events("she was backing Mr Tugendhat", "reported") == [("endorsement", "Mr Tugendhat")]


@pytest.mark.parametrize(
    "text",
    [
        "He should resign as chancellor.",
        "Rachel Reeves is facing calls to resign as chancellor.",
        "She was urged to stand for the leadership.",
        "He is expected to resign as chancellor.",
    ],
)
def test_reported_calls_and_expectations_stay_plain(text: str) -> None:
    assert classify(text, "reported") == []


def test_reported_resignation() -> None:
    assert events("He had resigned as chancellor.", "reported") == [("resignation", "chancellor")]


def test_a_ministerial_aide_is_a_parliamentary_private_secretary() -> None:
    found = events("Saqib Bhatti quit as a ministerial aide in the health department.", "reported")
    assert found == [("resignation", "parliamentary private secretary")]


# --- a contest in sight ---------------------------------------------------------------------


def test_standing_needs_a_leadership_contest_in_sight() -> None:
    assert classify("I will not be standing.", "first") == []
    assert classify("I am standing.", "first") == []


def test_the_context_can_bring_the_contest_in_sight() -> None:
    """A sentence that names no post leaves it to the item (see `extract`): None here."""
    assert events("I will not be standing.", context="The Labour leadership contest") == [
        ("leadership_declined", None)
    ]
    assert events("I am standing.", context="Nominations for the leadership opened today") == [
        ("leadership_bid", None)
    ]


def test_not_standing_at_the_next_election_gives_up_the_seat() -> None:
    assert events("I will not be standing at the next election.") == [("resignation", "the seat")]
    found = events("I will not stand again for co-leader.", context="The Green leadership contest")
    assert found == [("leadership_declined", "leader")]


def test_leaving_for_another_party_is_one_defection_to_sit_alone_also_a_resignation() -> None:
    assert events("I have left the Labour Party and joined Plaid Cymru.") == [
        ("defection", "Plaid Cymru")
    ]
    assert events("I have left the Labour party and will sit as an independent.") == [
        ("resignation", "the party"),
        ("defection", "Independent"),
    ]


def test_being_a_party_s_mp_is_a_defection_only_when_it_is_new() -> None:
    assert events("Danny Kruger is now a Reform MP.", "reported") == [("defection", "Reform UK")]
    assert events("From today I am a Green MP.") == [("defection", "Green Party")]
    assert classify("Lee Anderson is a Reform MP.", "reported") == []


def test_the_post_is_the_leadership_named_nearest() -> None:
    found = events(
        "Ms Rayner, the deputy leader, said she would not stand for the leadership.", "reported"
    )
    assert found == [("leadership_declined", "leader")]


def test_a_declined_bid_is_not_also_a_bid() -> None:
    found = events("I will not be standing for the leadership.")

    assert found == [("leadership_declined", "leader")]


# --- several events -------------------------------------------------------------------------


def test_two_events_come_out_in_order() -> None:
    text = "I am withdrawing from the leadership race. I am backing Lisa Nandy."

    assert events(text) == [("leadership_declined", "leader"), ("endorsement", "Lisa Nandy")]


def test_two_events_in_reverse_order_come_out_in_reverse_order() -> None:
    text = "I am backing Lisa Nandy. I am withdrawing from the leadership race."

    assert events(text) == [("endorsement", "Lisa Nandy"), ("leadership_declined", "leader")]


def test_two_events_in_one_sentence_come_out_in_the_order_they_appear() -> None:
    text = "I am backing Keir Starmer and I will not be standing for the leadership."

    found = classify(text, "first")

    assert [(e.kind, e.target) for e in found] == [
        ("endorsement", "Keir Starmer"),
        ("leadership_declined", "leader"),
    ]
    assert [e.at for e in found] == sorted(e.at for e in found)


def test_at_most_one_event_of_each_kind() -> None:
    text = "I am backing Lisa Nandy. I am also backing Angela Rayner."

    assert events(text) == [("endorsement", "Lisa Nandy")]


# --- clean_post -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        ("Home Secretary with immediate effect", "home secretary"),
        ("an MP", "the seat"),
        ("Member of Parliament", "the seat"),
        ("the MP for Blyth and Ashington", "the seat"),
        ("my post as shadow chancellor", "shadow chancellor"),
        ("a minister", "minister"),
        ("the Labour party", "the party"),
        ("", None),
    ],
)
def test_clean_post(post: str, expected: str | None) -> None:
    assert clean_post(post) == expected


def test_an_event_told_of_whoever_who_stands_for_is_not_the_subject_s() -> None:
    sentence = "Jeremy Corbyn, the former leader who now sits as an independent, said it was sad."
    assert classify(sentence, "reported") == []


def test_an_event_done_by_others_named_right_before_the_verb_is_not_the_subject_s() -> None:
    sentence = "Ed Davey said the party was lucky to have people putting themselves forward."
    assert classify(sentence, "reported", "The leadership contest") == []


def test_a_sentence_set_in_a_past_year_tells_history() -> None:
    sentence = "In the summer of 2022 he stood, came fifth and threw his support behind Liz Truss."
    assert classify(sentence, "reported", "The leadership contest") == []


def test_not_seeking_re_election_as_co_leader_does_not_give_up_the_seat() -> None:
    found = events("Carla Denyer will not seek re-election as co-leader.", "reported")
    assert ("resignation", "the seat") not in found


def test_throwing_one_s_weight_behind_is_backing_and_weighing_up_a_hedge() -> None:
    assert events("Jess Phillips threw her weight behind Lucy Powell.", "reported") == [
        ("endorsement", "Lucy Powell")
    ]
    assert classify("She is weighing up whether to back Lucy Powell.", "reported") == []


def test_words_that_only_begin_like_a_hedge_are_no_hedge() -> None:
    assert events("I am standing for leader because change is urgent.") == [
        ("leadership_bid", "leader")
    ]
    assert events("I am standing for leader with considerable support.") == [
        ("leadership_bid", "leader")
    ]


def test_unveiled_as_a_party_s_newest_mp_is_a_defection() -> None:
    found = events("Suella Braverman was unveiled as Reform's newest MP on Monday.", "reported")
    assert found == [("defection", "Reform UK")]


def test_a_post_and_the_party_given_up_in_one_sentence_are_two_resignations() -> None:
    sentence = (
        "I have today resigned as a shadow foreign office minister and as a member of the "
        "Conservative Party."
    )
    assert events(sentence, "first") == [
        ("resignation", "shadow foreign office minister"),
        ("resignation", "the party"),
    ]
    assert events("I have resigned from the Conservative front bench.", "first") == [
        ("resignation", "the conservative front bench")
    ]


def test_deputy_alone_names_the_deputy_race() -> None:
    found = events("I'm not going to stand for deputy. My focus is my constituency.", "first")
    assert found == [("leadership_declined", "deputy leader")]
    assert events("I will not be a candidate in the deputy race.", "first") == [
        ("leadership_declined", "deputy leader")
    ]


def test_a_wire_s_interior_minister_is_the_home_secretary() -> None:
    found = events(
        "Britain's interior minister Suella Braverman resigned on Wednesday.", "reported"
    )
    assert found == [("resignation", "home secretary")]
    quits = events("He is to quit as the member of parliament for Caithness.", "reported")
    assert quits == [("resignation", "the seat")]


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("I will be applying for the Chiltern Hundreds.", "resignation", "the seat"),
        ("I can no longer serve in the government.", "resignation", "the government"),
        ("I can no longer serve as health secretary.", "resignation", "health secretary"),
        ("My nomination will go to Bridget Phillipson.", "endorsement", "Bridget Phillipson"),
        ("I will be campaigning for Lucy Powell.", "endorsement", "Lucy Powell"),
    ],
)
def test_more_of_how_mps_put_it(text: str, kind: str, target: str) -> None:
    assert [(e.kind, e.target) for e in classify(text, "first", "the deputy leadership")] == [
        (kind, target)
    ]


def test_campaigning_for_a_cause_is_no_endorsement() -> None:
    assert classify("I will be campaigning for a fairer deal.", "first", "the leadership") == []


@pytest.mark.parametrize(
    ("written", "post"),
    [
        ("leader of Reform UK", "reform uk leader"),
        ("deputy leader of the Labour Party", "labour deputy leader"),
        ("Plaid Cymru's leader", "plaid cymru leader"),
        ("our rural affairs spokesperson", "rural affairs spokesperson"),
        ("chair of the Treasury select committee", "chair of the treasury committee"),
        ("leader as soon as a successor has been chosen", "leader"),
    ],
)
def test_a_post_is_written_one_way(written: str, post: str) -> None:
    assert clean_post(written) == post


@pytest.mark.timeout(120)
def test_every_phrasing_found_in_the_corpus_holds_a_word_its_kind_needs() -> None:
    """The quick test of a kind's words never hides a sentence one of its rules would match."""
    for folder in ("cases", "heldout"):
        for case in load_cases(Path(__file__).parent / "corpus" / folder):
            text = (case_item(case).text or "").replace("\u2019", "'")
            for sentence in sentences(text):
                for voice in ("first", "reported"):
                    for rule, pattern in _COMPILED[voice]:
                        if pattern.search(sentence):
                            assert _KIND_WORDS[rule.kind].search(sentence), (rule.name, sentence)


@pytest.mark.parametrize(
    ("written", "post"),
    [
        ("minister for victims", "victims minister"),
        ("minister in the Scotland Office", "scotland office minister"),
        ("Secretary of State for Health", "health secretary"),
        ("shadow minister for domestic violence", "shadow domestic violence minister"),
        ("chair of Welsh affairs committee | Gwent Gazette", "chair of welsh affairs committee"),
        ("leader of this party at our conference in October", "leader"),
        ("resigned as a minister", "minister"),
        ("Chancellor of the Exchequer", "chancellor of the exchequer"),
    ],
)
def test_a_post_written_title_first_or_with_a_tail_is_one_post(written: str, post: str) -> None:
    assert clean_post(written) == post


@pytest.mark.parametrize(
    "text",
    [
        "Rachael Maskell has withdrawn her support for Al Carns.",
        "Rachael Maskell has pulled her backing for Al Carns.",
    ],
)
def test_backing_taken_back_is_no_endorsement(text: str) -> None:
    context = "The Labour deputy leadership contest opened on Monday."
    assert classify(text, "reported", context, context) == []


# --- moves talked of, not made ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ('He added that he had "never once" discussed joining Reform with anyone.', "reported"),
        ("She said there had been talk of defecting to the Liberal Democrats.", "reported"),
        (
            "She said she would have nominated Bell in a heartbeat if she had been allowed to.",
            "reported",
        ),
        (
            "Lucy ran a brilliant campaign and she has my full support as our new deputy leader.",
            "first",
        ),
        ("You may have seen that a Conservative frontbencher resigned this week.", "first"),
    ],
)
def test_a_move_talked_of_not_done_or_a_race_already_won_is_no_event(
    text: str, voice: Voice
) -> None:
    context = "The Labour deputy leadership contest opened on Monday."
    assert events(text, voice, context) == []


def test_the_same_moves_done_are_events() -> None:
    assert events("He said he was joining Reform UK.", "reported") == [("defection", "Reform UK")]
    context = "The Labour deputy leadership contest opened on Monday."
    assert events("Bell has my full support.", "first", context) == [("endorsement", "Bell")]
    assert events("I resigned as a minister this week.") == [("resignation", "minister")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Emily Thornberry pulled out of Labour's deputy leadership contest at 4.55pm.",
            "leadership_declined",
        ),
        ("Emily Thornberry quit Labour's deputy race on Monday.", "leadership_declined"),
        ("Emily Thornberry withdrew from Labour's deputy race on Monday.", "leadership_declined"),
        ("Emily Thornberry joined Labour's deputy leadership race on Monday.", "leadership_bid"),
    ],
)
def test_a_race_named_with_its_partys_possessive_is_the_race_not_the_party(
    text: str, kind: str
) -> None:
    context = "The Labour deputy leadership contest opened on Monday."
    assert events(text, "reported", context) == [(kind, "deputy leader")]


def test_a_party_named_by_its_leaders_possessive_is_the_party_joined() -> None:
    joined = "Sir Desmond Swayne joins Rupert Lowe's Restore Britain."
    assert events(joined, "reported") == [("defection", "Restore Britain")]
    assert events("She joined Nigel Farage's Reform UK.", "reported") == [
        ("defection", "Reform UK")
    ]
    assert events("She joined Nigel Farage's campaign.", "reported") == []


def test_being_asked_to_stand_and_a_rule_read_out_are_no_moves_of_ones_own() -> None:
    context = "The Labour deputy leadership contest opened on Monday."
    asked = (
        "Genuinely overwhelmed by the messages from members asking me to put my name forward "
        "for deputy leader."
    )
    assert events(asked, "first", context) == []
    assert events("I'm not ruling anything in or out.", "first", context) == []
    rule = "The candidate with the fewest votes will drop out."
    assert events(rule, "first", context) == []
    assert events("I will drop out of the race.", "first", context) == [
        ("leadership_declined", None)
    ]


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("He said he would not stand down to fight a by-election.", "reported"),
        ("I'm not going to stand here and tell you everything's fine.", "first"),
        ("I am proud of the campaign we are running.", "first"),
        (
            "She becomes the fourth cabinet minister to declare for the health secretary.",
            "reported",
        ),
        ("I offered my resignation to the justice secretary.", "first"),
        ('She told Times Radio that she would "never, ever" join Reform.', "reported"),
        ("Three councillors have joined the Liberal Democrats.", "first"),
    ],
)
def test_idioms_offers_quoted_refusals_and_others_moves_are_no_events(
    text: str, voice: Voice
) -> None:
    assert events(text, voice, "The Conservative leadership contest opened on Monday.") == []


def test_quitting_a_partys_leadership_race_is_no_resignation_of_the_party() -> None:
    text = "Shabana Mahmood last night quit the Labour leadership race."
    context = "The Labour leadership contest opened on Monday."
    assert events(text, "reported", context) == [("leadership_declined", "leader")]


def test_the_support_someone_enjoys_and_a_ward_selection_are_no_endorsements() -> None:
    context = "The Labour deputy leadership contest opened on Monday."
    enjoys = "She was pointing at the support Phillipson enjoys in Downing Street."
    assert events(enjoys, "reported", context) == []
    ward = (
        "Ms Kaur has also thrown her support behind Priya Nandra in Labour's selection for "
        "the Bevois ward by-election."
    )
    assert events(ward, "reported", context) == []
    race = "Ms Kaur has thrown her support behind Lucy Powell in the deputy leadership contest."
    assert events(race, "reported", context) == [("endorsement", "Lucy Powell")]


def test_standing_to_keep_a_job_is_a_bid_for_that_job_only_when_it_is_a_leadership() -> None:
    context = "The Reform UK deputy leadership contest opened on Monday."
    kept = "Richard Tice confirmed that he would stand to keep his job as deputy leader."
    assert events(kept, "reported", context) == [("leadership_bid", "deputy leader")]
    chair = "He would stand to keep his job as chair of the committee."
    assert events(chair, "reported", context) == []


def test_the_first_candidate_to_quit_withdraws_from_the_race() -> None:
    context = "The Conservative leadership contest opened on Monday."
    quit_race = "James Cleverly has become the first candidate to quit."
    assert events(quit_race, "reported", context) == [("leadership_declined", None)]
    quit_post = "James Cleverly has become the first minister to quit."
    assert events(quit_post, "reported", context) == [("resignation", "minister")]
