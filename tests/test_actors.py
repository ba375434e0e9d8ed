"""The actors stage: kinds, one actor per entity, titles, roles, codes."""
from __future__ import annotations

import pytest

from sayso.model import Analysis
from sayso.nlp.actors import find_actors
from sayso.read.document import make_document
from sayso.schema import validate


@pytest.fixture(scope="module")
def actors_of(nlp):
    def run(text: str, **metadata):
        document = make_document("t", text, **metadata)
        return find_actors(document, nlp(text))
    return run


def named(actors, name):
    found = [a for a in actors if a.name == name]
    assert len(found) == 1, [a.name for a in actors]
    return found[0]


@pytest.mark.parametrize("text, name, kind", [
    ("Maj.-Gen. Yoav Mordechai said the crossing would stay closed.", "Yoav Mordechai", "person"),
    ("Militants of Ansar Beit al-Maqdis attacked a checkpoint.", "Ansar Beit al-Maqdis", "group"),
    ("The al-Nasser Salah al-Din Brigades fired rockets on Monday.", "al-Nasser Salah al-Din Brigades", "group"),
    ("The Palestinian Ministry of Interior closed the office.", "Palestinian Ministry of Interior", "organization"),
    ("Hamas spokesman Fawzi Barhoum rejected the plan.", "Fawzi Barhoum", "person"),
    ("The daily Haaretz reported the talks had failed.", "Haaretz", "outlet"),
    ("He told the Saudi news site Zawiya that talks had failed.", "Zawiya", "outlet"),
    ("He spoke in an interview translated by the Harbour Ledger on Monday.", "Harbour Ledger", "outlet"),
    ("Jordan closed its border with Syria on Tuesday.", "Jordan", "country"),
])
def test_kinds(actors_of, text, name, kind):
    assert named(actors_of(text), name).kind == kind


def test_surname_alone_is_the_same_person_not_a_place(actors_of):
    actors = actors_of("Brig.-Gen. Tamir Hadar visited the base. "
                       "Later, Hadar said the army was ready.")
    person = named(actors, "Tamir Hadar")
    assert person.kind == "person" and person.title == "Brig.-Gen."
    assert len(person.mentions) == 2
    assert "Hadar" in person.aliases
    assert not [a for a in actors if a.name == "Hadar"]


def test_aliases_of_one_group_are_one_actor(actors_of):
    actors = actors_of("ISIS claimed the attack. Iraqi officials blamed ISIL, "
                       "and the Islamic State, also called Daesh, did not reply.")
    group = named(actors, "Islamic State")
    assert group.kind == "group" and group.codes == {"cameo": "IMGMUSISI"}
    assert set(group.aliases) >= {"ISIS", "ISIL", "Daesh"}
    assert len(group.mentions) == 4


def test_role_and_affiliation_from_words_before_the_name(actors_of):
    actors = actors_of("Hamas spokesman in Gaza Sami Abu Zuhri denied the report.")
    person, hamas = named(actors, "Sami Abu Zuhri"), named(actors, "Hamas")
    assert person.role == "spokesman" and person.affiliation == hamas.id


def test_group_affiliation_from_apposition(actors_of):
    actors = actors_of("Ansar Beit al-Maqdis, ISIS' affiliate in the Sinai, "
                       "claimed the attack.")
    group, isis = named(actors, "Ansar Beit al-Maqdis"), named(actors, "Islamic State")
    assert group.affiliation == isis.id


def test_office_in_apposition_is_the_role_and_its_acronym_an_alias(actors_of):
    actors = actors_of("Maj.-Gen. Yoav Mordechai, the Coordinator of Government "
                       "Activities in the Territories (COGAT), spoke on Monday. "
                       "COGAT later denied it.")
    person = named(actors, "Yoav Mordechai")
    assert person.role == "Coordinator of Government Activities in the Territories"
    assert "COGAT" in person.aliases and len(person.mentions) == 4
    assert person.codes == {"cameo": "ISRMIL"}


def test_back_reference_joins_its_antecedent(actors_of):
    actors = actors_of("Hamas rejected the offer. The group said it would keep fighting.")
    hamas = named(actors, "Hamas")
    assert len(hamas.mentions) == 2


def test_anonymous_officials_get_a_composite_code(actors_of):
    actors = actors_of("Israeli defense officials declined to comment.")
    officials = named(actors, "Israeli defense officials")
    assert officials.kind == "anonymous" and officials.codes == {"cameo": "ISRMIL"}


def test_state_agency_is_affiliated_with_the_state(actors_of):
    actors = actors_of("Egypt's army said it had closed the crossing.")
    army, egypt = named(actors, "Egypt's army"), named(actors, "Egypt")
    assert army.kind == "organization" and army.affiliation == egypt.id
    assert army.codes == {"cameo": "EGYMIL"}


def test_ids_follow_first_mention_and_author_is_an_actor(actors_of):
    text = "By Dana Levi\n\nReuters said Hamas fired rockets."
    actors = actors_of(text, author="Dana Levi")
    assert [a.id for a in actors] == [f"a{n}" for n in range(1, len(actors) + 1)]
    assert [a.name for a in actors if a.kind == "author"] == ["Dana Levi"]
    assert [(a.name, a.kind) for a in actors][:3] == [
        ("Dana Levi", "author"), ("Reuters", "outlet"), ("Hamas", "group")]
    assert actors[0].mentions == ((3, 12),)


def test_every_analysis_fits_the_contract(actors_of):
    text = "Hamas spokesman Sami Abu Zuhri said the movement rejected the plan."
    document = make_document("t", text)
    analysis = Analysis(document=document, actors=actors_of(text))
    validate(analysis.to_dict())


def test_name_with_a_role_in_apposition_is_a_person(actors_of):
    actors = actors_of("Aleksandr Lukashevich, Russia's foreign minister, said the claims "
                       "were false.")
    person = named(actors, "Aleksandr Lukashevich")
    assert person.kind == "person" and person.role.lower() == "foreign minister"
    assert person.affiliation == named(actors, "Russia").id
    assert not [a for a in actors if a.kind == "anonymous"]


def test_nationality_and_title_are_not_part_of_the_name(actors_of):
    actors = actors_of("US President Barack Obama arrived in Cairo on Thursday.")
    person = named(actors, "Barack Obama")
    assert person.role == "President" and person.codes == {"cameo": "USAGOV"}


def test_surname_before_the_full_name_is_the_same_person(actors_of):
    actors = actors_of("Obama arrived on Monday. Later, President Barack Obama spoke.")
    person = named(actors, "Barack Obama")
    assert len(person.mentions) == 2 and person.id == "a1"
