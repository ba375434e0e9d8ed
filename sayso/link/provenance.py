"""Where a statement comes from: origin keys, independent origins, names.

An *origin* is the original source of a statement. One speaker quoted
through an interview, a translation and ten rewrites is one origin; the
copies of a syndicated article are one origin; two officials who each make
the claim are two. Outlets and documents that only carried a statement (the
channels in `via`, an outlet named as the source of a re-report) are not
origins when the claim also names the speaker behind them.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Analysis, Attribution

_NON_NAME = re.compile(r"[^\w\s]", re.UNICODE)
CARRIER_KINDS = ("outlet", "document")
DISPLAY_WORDS = 3


def name_key(name: str) -> str:
    """A comparable form of a name: lowercase words, punctuation dropped."""
    return " ".join(_NON_NAME.sub(" ", name).lower().split())


def source_name(analysis: Analysis, attribution: Attribution) -> str | None:
    """The source's name: its actor's name, else its text when that looks like
    a name; None when unsourced, anonymous, or only a pronoun or description
    ("he", "public statements")."""
    source = attribution.source
    if source is None or source.kind == "anonymous":
        return None
    actor = analysis.actor(source.actor)
    if actor is not None:
        return actor.name
    return source.text if looks_like_name(source.text) else None


def looks_like_name(text: str) -> bool:
    """Whether some word of the text is capitalised and not a function word."""
    return any(word[:1].isupper() and word.lower() not in STOP_WORDS
               for word in text.split())


def channel_names(analysis: Analysis, attribution: Attribution) -> set[str]:
    """Name keys of the channels the statement travelled through."""
    names = set()
    for channel in attribution.via:
        actor = analysis.actor(channel.actor)
        names.add(name_key(actor.name if actor is not None else channel.text))
    return names


def origin_key(analysis: Analysis, attribution: Attribution, root: str) -> str:
    """The statement's original source as a key.

    A named source is its name. An anonymous or missing source is traced to
    the first channel it went through ("according to a report in Elaph"),
    else to the article itself, identified by its earliest syndicated copy
    `root`, so that copies of one wire story share one origin.
    """
    name = source_name(analysis, attribution)
    if name:
        kind = "carrier" if attribution.source.kind in CARRIER_KINDS else "name"
        return f"{kind}:{name_key(name)}"
    if attribution.via:
        first = attribution.via[0]
        actor = analysis.actor(first.actor)
        return f"carrier:{name_key(actor.name if actor is not None else first.text)}"
    return f"document:{root}"


def same_person(a: str, b: str) -> bool:
    """Whether two name keys can name one person: the same letters but for
    spaces ("Abdel Baset al-Megrahi", "Abdelbaset al-Megrahi"), or the same
    last word and the shorter's words (initials aside) all in the longer
    ("Lew" and "Jacob J. Lew", "John A. Boehner" and "House Speaker John
    Boehner")."""
    words_a, words_b = a.split(), b.split()
    if words_a and "".join(words_a) == "".join(words_b):  # "Abdel Baset", "Abdelbaset"
        return True
    if not words_a or not words_b or words_a[-1] != words_b[-1]:
        return False
    short, long = sorted((words_a, words_b), key=len)
    return {w for w in short if len(w) > 1} <= set(long) or \
        {w for w in long if len(w) > 1} <= set(short)


def people(names: Iterable[str]) -> list[list[str]]:
    """Names grouped by `same_person` (on their name keys), in first-seen order."""
    groups: list[list[str]] = []
    for name in dict.fromkeys(names):
        key = name_key(name)
        group = next((g for g in groups if any(same_person(key, name_key(n)) for n in g)),
                     None)
        if group is None:
            groups.append([name])
        else:
            group.append(name)
    return groups


def independent_origins(keys: Iterable[str], channels: Iterable[str] = ()) -> set[str]:
    """The distinct original sources among origin keys, one key per source.

    Carriers (outlets, documents, channels) count only when no speaker is
    named; name variants of one person (`same_person`) count once.
    """
    keys = set(keys)
    carried = {name_key(c) for c in channels}
    speakers = sorted(k for k in keys if k.startswith("name:") and k[5:] not in carried)
    if not speakers:
        return keys
    return {max(group, key=len) for group in people(speakers)}


def distinct_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names in first-seen order, each person once: by the variant used most,
    then the longest of at most `DISPLAY_WORDS` words (longer ones tend to
    carry a title: "House Speaker John Boehner")."""
    names = list(names)
    uses = Counter(names)
    return tuple(max(group, key=lambda n: (uses[n], len(n.split()) <= DISPLAY_WORDS, len(n)))
                 for group in people(names))
