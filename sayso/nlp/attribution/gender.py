"""A person's grammatical gender as far as the article tells it, so that
"she said" never resolves to a man and "he said" never to a woman.

The signals, strongest first: an honorific or role word in the actor's
title or role or right before one of its names ("Mrs. Lopez", "spokeswoman
Jane Doe"); the first name (first_names.tsv); the pronouns earlier
attributions already resolved to the actor. No signal leaves the gender
unknown (None), and an unknown gender fits every pronoun.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ...model import Actor
from ...resources import read_table

WORD_BEFORE = re.compile(r"([\w.]+)\s+$")
LAST_WORD = re.compile(r"(\w+)\W*$")
PEOPLE = ("person", "author", "anonymous")


@lru_cache(maxsize=1)
def gender_words() -> dict[str, tuple[str, str]]:
    """Lower-cased word to (gender, where it counts: pronoun | title)."""
    return {word.lower(): (gender, where) for word, gender, where in
            (row[:3] for row in read_table("gender_words.tsv"))}


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Lower-cased first name to gender."""
    return {name.lower(): gender for name, gender, *_ in read_table("first_names.tsv")}


def pronoun_gender(word: str) -> str | None:
    """"f" for she/her, "m" for he/him, else None."""
    return _word_gender(word, "pronoun")


def title_gender(phrase: str) -> str | None:
    """The gender the honorific or role words of a phrase give, if any
    ("Mrs.", "the spokeswoman", "first lady")."""
    lowered = phrase.lower()
    if found := _word_gender(lowered, "title"):
        return found
    return next(filter(None, (_word_gender(w, "title") for w in lowered.split())), None)


def compatible(first: str | None, second: str | None) -> bool:
    """Whether two genders may be the same person's (unknown fits both)."""
    return first is None or second is None or first == second


def actor_gender(actor: Actor, text: str, pronouns: Iterable[str] = ()) -> str | None:
    """The gender of a person actor (pronouns: the source words of the
    attributions already resolved to it)."""
    if actor.kind not in PEOPLE:
        return None
    return _named_gender_once(actor, text) or _pronouns_gender(pronouns)


_named: dict[int, tuple[Actor, str, str | None]] = {}


def _named_gender_once(actor: Actor, text: str) -> str | None:
    """`_named_gender`, worked out once per actor and text (not once per
    pronoun: it reads the words before every mention)."""
    cached = _named.get(id(actor))
    if cached is None or cached[0] is not actor or cached[1] is not text:
        if len(_named) >= 50_000:
            _named.clear()
        cached = _named[id(actor)] = (actor, text, _named_gender(actor, text))
    return cached[2]


def resolved_pronouns(text: str, speakers: Sequence[tuple[str, int]]
                      ) -> dict[str, list[str]]:
    """Actor id to the pronouns among the earlier sources resolved to it
    (speakers: actor ids and where their source spans end)."""
    found: dict[str, list[str]] = {}
    for actor, end in speakers:
        word = LAST_WORD.search(text[max(0, end - 12):end])
        if word and pronoun_gender(word.group(1)):
            found.setdefault(actor, []).append(word.group(1))
    return found


def _word_gender(word: str, where: str) -> str | None:
    entry = gender_words().get(word.lower())
    return entry[0] if entry and entry[1] == where else None


def _named_gender(actor: Actor, text: str) -> str | None:
    """The gender the honorifics, titles, roles and first names give (an
    unnamed source's name is its description: "spokeswoman")."""
    labels = [actor.title or "", actor.role or "", actor.name if actor.kind == "anonymous" else ""]
    labels += [found.group(1) for start, _ in actor.mentions
               if (found := WORD_BEFORE.search(text[max(0, start - 20):start]))]
    described = next(filter(None, map(title_gender, labels)), None)
    return described or _first_name_gender([actor.name, *actor.aliases])


def _first_name_gender(names: list[str]) -> str | None:
    firsts = [name.split()[0] for name in names if len(name.split()) > 1]
    return next(filter(None, (first_names().get(f.lower()) for f in firsts)), None)


def _pronouns_gender(pronouns: Iterable[str]) -> str | None:
    votes = Counter(filter(None, map(pronoun_gender, pronouns))).most_common()
    if not votes or (len(votes) > 1 and votes[0][1] == votes[1][1]):
        return None
    return votes[0][0]
