"""Coreference of sources: pronouns that respect gender, descriptions that
name an office ("the senator" is "Sen. X"), and "Its spokesman, X"."""
from __future__ import annotations

import pytest

import sayso

from sayso.model import Actor, Analysis
from sayso.nlp.actors import find_actors
from sayso.nlp.attribution import gender
from sayso.nlp.attribution.enrich import enrich
from sayso.nlp.attribution.rules import rule_candidates
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text
from sayso.read.document import make_document
from sayso.schema import validate


def person(ident: str, name: str, text: str, *, title: str | None = None,
           role: str | None = None, also: tuple[str, ...] = ()) -> Actor:
    """A person actor mentioned wherever its name or one of also occurs."""
    spans = sorted({(start, start + len(form)) for form in (name, *also)
                    for start in _occurrences(text, form)})
    return Actor(id=ident, name=name, kind="person", title=title, role=role,
                 mentions=tuple(spans))


def _occurrences(text: str, form: str) -> list[int]:
    found, start = [], text.find(form)
    while start >= 0:
        found.append(start)
        start = text.find(form, start + 1)
    return found


def speakers(nlp, text: str, actors: tuple[Actor, ...]) -> list[str | None]:
    """The source actor of each attribution the rule finder sees, in order."""
    document = read_text(text, "t")
    parsed = ParsedDocument(document, nlp(document.text))
    found = enrich(parsed, actors, rule_candidates(parsed))
    validate(Analysis(document=document, actors=actors, attributions=found).to_dict())
    return [a.source.actor if a.source else None for a in found]


def test_she_skips_the_nearer_man(nlp):
    text = ("Mary Lopez met John Carter on Monday. Carter spoke first. "
            "She said the bill was fair.")
    actors = (person("a1", "Mary Lopez", text, also=("Lopez",)),
              person("a2", "John Carter", text, also=("Carter",)))
    assert speakers(nlp, text, actors) == ["a1"]


def test_he_skips_the_last_speaker_when_she_is_a_woman(nlp):
    text = '"We are ready," Anna Berg told Peter Hale. "We are not," he said.'
    actors = (person("a1", "Anna Berg", text), person("a2", "Peter Hale", text))
    assert speakers(nlp, text, actors)[-1] == "a2"


def test_an_honorific_before_a_surname_gives_the_gender(nlp):
    text = "Mrs. Lopez met Mr. Carter on Monday. Carter spoke first. She said the bill was fair."
    actors = (person("a1", "Lopez", text), person("a2", "Carter", text))
    assert speakers(nlp, text, actors) == ["a1"]


def test_a_pronoun_resolved_earlier_gives_the_gender(nlp):
    text = ('Carter opened the meeting. "We are ready," he said. Lopez nodded. '
            "Carter sat down. She said the plan was fair.")
    actors = (person("a1", "Carter", text), person("a2", "Lopez", text))
    assert speakers(nlp, text, actors) == ["a1", "a2"]


def test_an_unknown_gender_fits_any_pronoun(nlp):
    text = "Kane spoke on Monday. She said the valley was quiet."
    assert speakers(nlp, text, (person("a1", "Kane", text),)) == ["a1"]


@pytest.mark.parametrize("title, role, description", [
    ("Sen.", None, "The senator"),
    ("Rep.", None, "The congressman"),
    ("Gov.", None, "The governor"),
    ("Gen.", None, "The general"),
    ("Lt.", None, "The officer"),
    (None, "PM", "The prime minister"),
    (None, "spokeswoman", "The spokesperson"),
    (None, "Foreign Minister", "The minister"),
])
def test_a_description_names_the_office_of_an_earlier_person(nlp, title, role, description):
    text = f"Tom Hale met Rosa Diaz on Monday. {description} said the talks had failed."
    actors = (person("a1", "Tom Hale", text, title=title, role=role),
              person("a2", "Rosa Diaz", text))
    assert speakers(nlp, text, actors) == ["a1"]


@pytest.mark.parametrize("description, speaker", [
    ("The general", "a1"),           # a general, not the attorney general
    ("The attorney general", "a2"),  # still the attorney general
])
def test_general_and_attorney_general_are_told_apart(nlp, description, speaker):
    text = f"Tom Hale met Rosa Diaz on Monday. {description} said the talks had failed."
    actors = (person("a1", "Tom Hale", text, title="Gen."),
              person("a2", "Rosa Diaz", text, role="Attorney General"))
    assert speakers(nlp, text, actors) == [speaker]


def test_a_gendered_description_skips_the_other_gender(nlp):
    text = "Ann Reyes met Tom Hale on Monday. The spokeswoman said the talks had failed."
    actors = (person("a1", "Ann Reyes", text, role="spokesperson"),
              person("a2", "Tom Hale", text, role="spokesperson"))
    assert speakers(nlp, text, actors) == ["a1"]


def test_plural_lawmakers_are_no_single_senator(nlp):
    text = "Sen. Tom Hale spoke on Monday. Other lawmakers said the talks had failed."
    actors = (person("a1", "Tom Hale", text, title="Sen."),)
    assert speakers(nlp, text, actors) == [None]


@pytest.mark.parametrize("name, text, expected", [
    ("Mary Lopez", "Mary Lopez spoke.", "f"),
    ("John Carter", "John Carter spoke.", "m"),
    ("Lopez", "Ms. Lopez spoke.", "f"),
    ("Dana Hale", "Dana Hale spoke.", None),
    ("Hale", "The spokeswoman Hale spoke.", "f"),
])
def test_actor_gender(name, text, expected):
    actor = person("a1", name, text)
    assert gender.actor_gender(actor, text) == expected


def test_an_unnamed_source_has_the_gender_of_its_description():
    text = "A spokeswoman spoke."
    actor = Actor(id="a1", name="spokeswoman", kind="anonymous", mentions=((2, 13),))
    assert gender.actor_gender(actor, text) == "f"


def test_gender_from_pronouns_needs_a_majority():
    actor = person("a1", "Hale", "Hale spoke.")
    assert gender.actor_gender(actor, "Hale spoke.", ["he", "he", "she"]) == "m"
    assert gender.actor_gender(actor, "Hale spoke.", ["he", "she"]) is None


@pytest.fixture(scope="module")
def actors_of(nlp):
    def run(text: str):
        return find_actors(make_document("t", text), nlp(text))
    return run


def _by_name(actors, name):
    return next(a for a in actors if a.name == name)


@pytest.mark.parametrize("text, role, owner", [
    (("The Northern Front rejected the offer on Monday. "
      "Its spokesman, Omar Saleh, said the plan was dead."), "spokesman", "Northern Front"),
    (("The Northern Front fired rockets at the town. "
      "The group's spokesman, Omar Saleh, said more would follow."),
     "spokesman", "Northern Front"),
    ("Hamas's chief spokesman, Omar Saleh, said the plan was dead.",
     "chief spokesman", "Hamas"),
])
def test_a_possessed_role_gives_role_and_affiliation(actors_of, text, role, owner):
    actors = actors_of(text)
    saleh = _by_name(actors, "Omar Saleh")
    assert (saleh.role, saleh.affiliation) == (role, _by_name(actors, owner).id)


def test_its_skips_a_person_and_a_place(actors_of):
    text = ("The Northern Front met Tom Hale in Cairo. "
            "Its spokesman, Omar Saleh, said the talks had failed.")
    actors = actors_of(text)
    assert _by_name(actors, "Omar Saleh").affiliation == _by_name(actors, "Northern Front").id


def test_a_role_the_name_is_in_apposition_to_is_its_role(actors_of):
    text = ("A spokeswoman for the Harbour Workers Union, Ruth Adams, "
            "said the strike would go on.")
    actors = actors_of(text)
    adams = _by_name(actors, "Ruth Adams")
    assert (adams.role, adams.affiliation) == (
        "spokeswoman", _by_name(actors, "Harbour Workers Union").id)
    assert [a.kind for a in actors if a.kind == "anonymous"] == []


def test_a_name_after_a_preposition_takes_no_role_from_before_it(actors_of):
    actors = actors_of("A spokesperson for Tom Hale said the claims were false.")
    assert _by_name(actors, "Tom Hale").role is None


def test_a_titled_name_after_a_preposition_keeps_only_its_title(actors_of):
    actors = actors_of("A spokesperson for Sen. Tom Hale said the claims were false.")
    hale = _by_name(actors, "Tom Hale")
    assert (hale.title, hale.role) == ("Sen.", None)
    assert _by_name(actors, "spokesperson").affiliation == hale.id


def test_a_spokesperson_for_someone_is_the_source_not_the_one_served(nlp):
    text = "A spokesperson for Sen. Tom Hale said the claims were false."
    analysis = sayso.analyze(text)
    spokesperson = next(a for a in analysis.actors if a.name == "spokesperson")
    [attribution] = analysis.attributions
    assert attribution.source.text == "A spokesperson for Sen. Tom Hale"
    assert (attribution.source.actor, attribution.source.kind) == (spokesperson.id, "anonymous")


@pytest.mark.parametrize("description, expected", [
    ("The spokeswoman", "a1"),
    ("A spokeswoman", "a2"),
])
def test_a_definite_description_is_the_named_actor_before_an_unnamed_one(
        nlp, description, expected):
    text = f"Ruth Adams spoke first. {description} added that the strike would go on."
    start = text.index("spokeswoman")
    actors = (person("a1", "Ruth Adams", text, role="spokeswoman"),
              Actor(id="a2", name="spokeswoman", kind="anonymous",
                    mentions=((start, start + len("spokeswoman")),)))
    assert speakers(nlp, text, actors) == [expected]


def test_a_description_matches_whole_words_only(nlp):
    text = "Kim Coleman spoke on Monday. The man said the talks had failed."
    actors = (person("a1", "Kim Coleman", text),)
    assert speakers(nlp, text, actors) == [None]
