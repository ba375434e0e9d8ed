"""The events stage: PLOVER types, participants and modality on sentences of our own."""
from __future__ import annotations

import pytest

import sayso.nlp.builtin  # noqa: F401  (register the stages in pipeline order first)
from sayso.model import Analysis, Attribution, Content, Cue, Source
from sayso.nlp.events import code_events
from sayso.nlp.events.dictionary import code_verb
from sayso.nlp.events.lexicon import plover_for, trigger_lexicon
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text
from sayso.resources import read_table
from sayso.schema import validate


def events_of(nlp, text, attributions=()):
    document = read_text(text, "fixture")
    parsed = ParsedDocument(document, nlp(text))
    analysis = code_events(parsed, Analysis(document=document, attributions=tuple(attributions)))
    validate(analysis.to_dict())
    return analysis.events


def only_event(nlp, text):
    events = events_of(nlp, text)
    assert len(events) == 1, [e.to_dict() for e in events]
    return events[0]


@pytest.mark.parametrize("text, plover, actor, target", [
    ("Japan wants to cooperate with South Korea on energy.", "AGREE", "Japan", "South Korea"),
    ("The French president met the German chancellor in Berlin on Monday.",
     "CONSULT", "The French president", "the German chancellor"),
    ("The United States praised Kenya for its peaceful election.",
     "SUPPORT", "The United States", "Kenya"),
    ("The Egyptian government eased restrictions on the opposition.",
     "CONCEDE", "The Egyptian government", None),
    ("Hamas collaborated with the Islamic State in the Sinai.",
     "COOPERATE", "Hamas", "the Islamic State"),
    ("Germany sent humanitarian aid to Yemen.", "AID", "Germany", "Yemen"),
    ("Russian troops withdrew from the Ukrainian city of Kherson.",
     "RETREAT", "Russian troops", "Kherson"),
    ("The Arab League urged Syria to stop the violence.", "REQUEST", "The Arab League", "Syria"),
    ("Amnesty International accused the Nigerian army of torture.",
     "ACCUSE", "Amnesty International", "the Nigerian army"),
    ("North Korea refused to meet South Korean officials.",
     "REJECT", "North Korea", "South Korean officials"),
    ("North Korea threatened to attack South Korea.", "THREATEN", "North Korea", "South Korea"),
    ("Saudi Arabia severed diplomatic relations with Qatar.", "SANCTION", "Saudi Arabia", "Qatar"),
    ("Thousands of Kenyan students protested against the government in Nairobi.",
     "PROTEST", "Kenyan students", "the government"),
    ("China deployed troops to the Indian border.", "MOBILIZE", "China", None),
    ("Police arrested three opposition leaders in Minsk.",
     "COERCE", "Police", "three opposition leaders"),
    ("Syrian government forces bombed a hospital in Idlib.",
     "ASSAULT", "Syrian government forces", "a hospital"),
])
def test_each_plover_type_with_its_participants(nlp, text, plover, actor, target):
    event = only_event(nlp, text)
    assert event.type == plover
    assert actor in event.actor.text
    if target is not None:
        assert target in event.target.text
    assert text[slice(*event.trigger.span)] == event.trigger.text
    assert text[slice(*event.actor.span)] == event.actor.text


@pytest.mark.parametrize("text, modality", [
    ("Egypt has been waging a war against ISIS in the Sinai.", "asserted"),
    ("Turkish officials said Kurdish militants attacked a police station.", "reported"),
    ("Kurdish militants reportedly attacked a police station in Diyarbakir.", "hedged"),
    ("Rebels may have attacked the convoy.", "hedged"),
    ("The PKK denied that its fighters had attacked the police station.", "denied"),
    ("Israeli troops did not attack the camp.", "negated"),
    ("Russia would attack Ukraine.", "hypothetical"),
    ("North Korea threatened to attack South Korea.", "hypothetical"),
    ("If Turkey invades Syria, the Kurds will resist.", "hypothetical"),
    ("Armenia and Azerbaijan failed to agree on a ceasefire.", "negated"),
    ("Israeli jets allegedly bombed a school in Gaza.", "hedged"),
])
def test_modality(nlp, text, modality):
    assert events_of(nlp, text)[0].modality == modality


def test_author_voice_background_war_is_asserted_with_nominal_trigger(nlp):
    event = only_event(nlp, "Egypt has been waging a war against ISIS in the Sinai.")
    assert (event.type, event.modality, event.attribution) == ("ASSAULT", "asserted", None)
    assert (event.actor.text, event.target.text) == ("Egypt", "ISIS")
    assert event.trigger.text == "waging a war"


def test_nominal_trigger_between_two_actors(nlp):
    events = events_of(nlp, "The collaboration between Hamas and the Islamic State worries Egypt.")
    assert [(e.type, e.actor.text, e.target.text, e.trigger.text) for e in events] == [
        ("COOPERATE", "Hamas", "the Islamic State", "collaboration")]


def test_speech_verbs_are_not_events(nlp):
    assert events_of(nlp, "The minister said the talks were useful.") == ()


ALLEGATION = ("An Israeli army spokesman said Hamas fighters trained with ISIS militants "
              "in the Sinai. Hamas denied that its fighters had trained with ISIS.")


def attribution(text, id_, source, cue, content, stance):
    def span(part):
        start = text.index(part)
        return (start, start + len(part))
    return Attribution(
        id=id_, form="indirect", stance=stance,
        source=Source(text=source, span=span(source), kind="organization"),
        cue=Cue(text=cue, lemma="say" if stance == "asserts" else "deny", span=span(cue)),
        content=Content(text=content, spans=(span(content),)))


def test_allegation_reported_then_denied_by_the_accused(nlp):
    quotes = [
        attribution(ALLEGATION, "q1", "An Israeli army spokesman", "said",
                    "Hamas fighters trained with ISIS militants in the Sinai", "asserts"),
        attribution(ALLEGATION, "q2", "Hamas", "denied",
                    "that its fighters had trained with ISIS", "denies"),
    ]
    events = events_of(nlp, ALLEGATION, quotes)
    assert [(e.type, e.attribution, e.modality) for e in events] == [
        ("COOPERATE", "q1", "reported"), ("COOPERATE", "q2", "denied")]


def test_allegation_and_denial_from_the_parse_alone(nlp):
    events = events_of(nlp, ALLEGATION)
    assert [(e.type, e.attribution, e.modality) for e in events] == [
        ("COOPERATE", None, "reported"), ("COOPERATE", None, "denied")]


def test_a_named_actor_saying_another_attacked_accuses_it(nlp):
    events = events_of(nlp, "Iraq said that ISIS fighters attacked a village near Mosul.")
    assert [(e.type, e.actor.text, e.target and e.target.text, e.modality) for e in events] == [
        ("ACCUSE", "Iraq", "ISIS fighters", "asserted"),
        ("ASSAULT", "ISIS fighters", "a village", "reported")]


def test_a_promise_not_to_help_is_a_refusal(nlp):
    event = only_event(nlp, "Turkey said it would not provide support to the Kurdish militia.")
    assert (event.type, event.actor.text) == ("REJECT", "Turkey")


def test_a_speakers_own_future_act_is_an_intent(nlp):
    event = only_event(nlp, "Israel announced it would free 50 Palestinian prisoners.")
    assert (event.type, event.cameo[:2], event.actor.text) == ("AGREE", "03", "Israel")


def test_compound_actor_meets_its_partners(nlp):
    event = only_event(nlp, "Brazil and Argentina met in Montevideo on Friday.")
    assert (event.actor.text, event.target.text) == ("Brazil", "Argentina")


def test_event_ids_are_numbered_in_text_order(nlp):
    events = events_of(nlp, "Police arrested two activists in Cairo. "
                            "Protesters then attacked the police station.")
    assert [e.id for e in events] == ["e1", "e2"]
    assert events[0].trigger.span < events[1].trigger.span


def test_dictionary_pattern_beats_verb_default(nlp):
    doc = nlp("The United States launched an air strike against a camp.")
    assert code_verb(doc[3]).cameo == "195"


def test_plover_for_falls_back_to_parent_code():
    assert plover_for("1902").type == "ASSAULT"
    assert plover_for("010") is None


def test_trigger_lexicon_agrees_with_the_cameo_to_plover_table():
    for trigger, _pos, cameo, *columns in read_table("event_triggers.tsv"):
        if cameo == "---":
            continue
        plover, *mode = columns
        expected = plover_for(cameo)
        assert (expected.type, expected.mode or "") == (plover, (mode or [""])[0]), trigger
    assert trigger_lexicon()


def test_every_frame_row_has_a_known_role():
    roles = {"report", "deny", "hedge", "hedge_modal", "future", "transparent", "intent",
             "promise", "threat", "request", "refuse", "compel", "receive", "light",
             "condition", "fail", "obligation"}
    assert {role for _word, role in read_table("event_frames.tsv")} <= roles


def test_a_refusal_is_stated_not_negated(nlp):
    event = only_event(nlp, "Iran will not negotiate with the United States.")
    assert (event.type, event.modality) == ("REJECT", "asserted")


@pytest.mark.parametrize("text", [
    "Hamas denied reports that its fighters had trained with ISIS.",
    "Egypt rejected claims that it had blockaded Gaza.",
])
def test_the_clause_of_a_denied_report_is_denied(nlp, text):
    assert [e.modality for e in events_of(nlp, text)] == ["denied"]


def test_according_to_a_named_actor_accuses_with_the_attribution(nlp):
    text = "According to Israel, Hamas fighters attacked the kibbutz."
    start = text.index("Hamas")
    quote = Attribution(
        id="q1", form="according_to", stance="asserts",
        source=Source(text="Israel", span=(13, 19), kind="organization"),
        cue=Cue(text="According to", lemma="according to", span=(0, 12)),
        content=Content(text=text[start:-1], spans=((start, len(text) - 1),)))
    events = events_of(nlp, text, [quote])
    assert [(e.type, e.trigger.text, e.actor.text, e.modality, e.attribution)
            for e in events] == [("ACCUSE", "According to", "Israel", "asserted", None),
                                 ("ASSAULT", "attacked", "Hamas fighters", "reported", "q1")]


def test_a_possessor_acts_without_its_possessive_ending(nlp):
    event = only_event(nlp, "Israel's attack on the hospital drew criticism.")
    assert (event.type, event.actor.text, event.target.text) == ("ASSAULT", "Israel", "the hospital")


def test_frame_codes_are_plover_codes_of_known_frames():
    roles = {role for _word, role in read_table("event_frames.tsv")}
    for frame, _root, cameo in read_table("event_frame_codes.tsv"):
        assert frame in roles and plover_for(cameo) is not None, (frame, cameo)


def test_a_passive_report_without_a_reporter_hedges(nlp):
    event = only_event(nlp, "The missile is believed to have been fired by pro-Russian rebels.")
    assert (event.type, event.actor.text, event.target.text, event.modality) == (
        "ASSAULT", "pro-Russian rebels", "The missile", "hedged")


def test_a_quoted_question_before_its_verb_is_no_request(nlp):
    assert events_of(nlp, "\u201cWho\u2019s gonna pay?\u201d he asks.") == ()


@pytest.mark.parametrize("text, plover, actor, target", [
    ("Chile and Peru agreed to reopen their border crossing.", "AGREE", "Chile", "Peru"),
    ("Norway is ready to host the peace talks.", "AGREE", "Norway", None),
    ("The Kenyan president promised to send food aid to Somalia.",
     "AGREE", "The Kenyan president", "Somalia"),
    ("Japan will provide Vietnam with patrol boats.", "AGREE", "Japan", "Vietnam"),
    ("Moscow turned down the offer of a ceasefire.", "REJECT", "Moscow",
     "the offer of a ceasefire"),
    ("Egypt and Qatar restored diplomatic ties.", "COOPERATE", "Egypt", "Qatar"),
    ("The rebels who seized the town attacked a police post.",
     "ASSAULT", "The rebels", "a police post"),
])
def test_commitments_two_word_triggers_and_relative_clauses(nlp, text, plover, actor, target):
    events = [e for e in events_of(nlp, text) if e.type == plover]
    assert events, [e.to_dict() for e in events_of(nlp, text)]
    event = events[-1]
    assert event.actor.text == actor
    assert (event.target.text if event.target else None) == target


def test_a_relative_clause_acts_for_its_antecedent(nlp):
    events = events_of(nlp, "Militants who attacked the army in Sinai fled to Gaza.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert (assault.actor.text, assault.target.text) == ("Militants", "the army")


@pytest.mark.parametrize("text", [
    "The Ghanaian president called a press conference in Accra on Monday.",
    "The president left the stage after the speech.",
    "The foreign minister said the economy grew by three percent.",
])
def test_speech_acts_and_background_are_no_events(nlp, text):
    assert events_of(nlp, text) == ()


def test_a_commitment_is_hypothetical_in_its_own_voice(nlp):
    event = only_event(nlp, "Serbia is willing to resume the dialogue with Kosovo.")
    assert (event.type, event.modality, event.attribution) == ("AGREE", "hypothetical", None)
