"""Finding the stretches of text that name an actor.

Candidates come from the spaCy entities, the Phoenix phrase tables, the
outlet and alias lists, and names after a title; where they overlap, a listed
outlet wins, then the longer stretch, and the winner keeps what the losers
knew (a Phoenix code, the spaCy label).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from ..parse import doc_text
from . import lexicon, phoenix

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
LEADING = re.compile(r"^(?:the|The|THE)\s+")
TRAILING = re.compile(r"(?:['’]s|['’])$")
NAME_AFTER_TITLE = re.compile(r"\s+((?:(?:al|bin|ibn|abu|Abu|el|de|van|von)[- ]?)?"
                              r"[A-Z][\w'’-]+(?:\s+(?:(?:al|bin|ibn|el)[- ])?[A-Z][\w'’-]+){0,3})")
PERSON_BEFORE_BODY = re.compile(r"(?<![\w'’.-])(?P<person>[A-Z][a-z][\w'’-]*"
                                r"(?: [A-Z][a-z][\w'’-]*){1,2}) of (?:the )?$")
DANGLING = re.compile(r"\s+(?:of|and|the|for|in|on|to)$")
PRIORITY = {"outlet": 2}
TIE_ORDER = {"alias": 0, "phoenix": 1}


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names (or refers to) an actor.

    source: where it was found (ner, phoenix, outlet, alias, title, agent,
    reference, surname, acronym). label: the spaCy entity label, if any.
    """

    start: int
    end: int
    source: str
    label: str | None = None
    entry: phoenix.Entry | None = None
    known: lexicon.Known | None = None
    kind: str | None = None
    code: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A name's span without a leading "the" and a possessive ending."""
    surface = text[start:end]
    lead = LEADING.match(surface)
    if lead:
        start += lead.end()
    tail = TRAILING.search(text[start:end])
    if tail:
        end = start + tail.start()
    words = text[start:end].rsplit(None, 1)
    if len(words) == 2 and words[1].lower() in lexicon.cues("date_word"):
        end = start + len(words[0])
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    dangling = DANGLING.search(text, start, end)
    if dangling and dangling.start() > start:
        end = dangling.start()
    return start, end


def ner_mentions(doc: Doc) -> list[Mention]:
    """spaCy's name entities, trimmed, with split group names rejoined."""
    text, found = doc_text(doc), []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            start, end = trimmed(text, ent.start_char, ent.end_char)
            if end > start:
                found.append(Mention(start, end, "ner", ent.label_))
    return _rejoin_split_names(text, found)



def _only_a_title(name: str) -> bool:
    """"Lt", "Secretary of State" alone: a name that is only a title."""
    return name.rstrip(".").lower() in bare_titles()


@lru_cache(maxsize=1)
def bare_titles() -> frozenset[str]:
    """The titles without a final full stop, collected once."""
    return frozenset(t.rstrip(".") for t in lexicon.titles())


def _office_title(text: str, mention: Mention) -> bool:
    """"Deputy Secretary-General of the UN": an unlisted organisation name
    that starts with a role is a person's office, not a body."""
    if mention.label != "ORG" or mention.known:
        return False
    found = lexicon.title_pattern().match(text, mention.start)
    return bool(found) and lexicon.titles()[found.group().lower()].type == "role"


def _after_titles(text: str, start: int, end: int) -> int:
    """Where a person's name starts after the titles and nationality spaCy
    took into it ("US President Barack Obama" → "Barack Obama")."""
    while found := (lexicon.title_pattern().match(text, start)
                    or _nationality_at(text, start)):
        following = re.match(r"\s+", text[found.end():end])
        if not following or found.end() + following.end() >= end:
            break
        start = found.end() + following.end()
    return start


def _nationality_at(text: str, start: int) -> re.Match[str] | None:
    word = re.compile(r"[\w.]+").match(text, start)
    entry = phoenix.lookup(word.group()) if word else None
    return word if entry and entry.kind in ("country", "nationality") else None


def _rejoin_split_names(text: str, found: list[Mention]) -> list[Mention]:
    """Join "al-Nasser" + "Salah al-Din Brigades" when together they fit an
    organisation name pattern and only a space separates them."""
    joined: list[Mention] = []
    for mention in found:
        last = joined[-1] if joined else None
        if (last and {last.label, mention.label} <= {"ORG", "PERSON"}
                and text[last.end:mention.start] == " "
                and lexicon.org_kind(text[last.start:mention.end])):
            joined[-1] = replace(last, end=mention.end, label="ORG")
        else:
            joined.append(mention)
    return joined


def person_of_body_mentions(doc: Doc) -> list[Mention]:
    """"Pavel Drach of the Riverside Traders Guild": two or three capitalised
    words right before "of" and an organisation name the parse found name a
    person (not a title, nor a name Phoenix lists: "Bank of ...")."""
    text, found = doc_text(doc), []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        before = PERSON_BEFORE_BODY.search(text, max(0, ent.start_char - 60), ent.start_char)
        if (before and _plain_name(before.group("person"))
                and not lexicon.title_pattern().search(text, before.start(), ent.end_char)):
            found.append(Mention(before.start("person"), before.end("person"), "title", "PERSON"))
    return found


def _plain_name(name: str) -> bool:
    words = name.split()
    return (not lexicon.title_pattern().search(name) and not lexicon.org_kind(name)
            and phoenix.lookup(name) is None and phoenix.lookup(words[0]) is None)


def phoenix_mentions(text: str) -> list[Mention]:
    """Phoenix phrases naming states, places, groups, bodies and people
    (a nationality word alone is not an actor)."""
    return [Mention(m.start, m.end, "phoenix", entry=m.entry)
            for m in phoenix.find_phrases(text) if m.entry.kind != "nationality"]


def listed_mentions(text: str) -> list[Mention]:
    """Names from the outlet list and the alias groups."""
    found = []
    for match in lexicon.outlet_pattern().finditer(text):
        known, needs_cue = lexicon.outlets()[match.group().lower()]
        if any(c.isupper() for c in match.group()) and not needs_cue:
            found.append(Mention(match.start(), match.end(), "outlet", known=known))
    found += [Mention(m.start(), m.end(), "alias",
                      known=lexicon.aliases()[m.group().lower()])
              for m in lexicon.alias_pattern().finditer(text)]
    return found


def titled_mentions(text: str) -> list[Mention]:
    """Capitalised names right after a title or role: "Maj.-Gen. Yoav Mordechai"."""
    found = []
    for title in lexicon.title_pattern().finditer(text):
        name = NAME_AFTER_TITLE.match(text, title.end())
        if name and not lexicon.title_pattern().match(text, name.start(1)):
            start, end = trimmed(text, name.start(1), name.end(1))
            found.append(Mention(start, end, "title", "PERSON"))
    return found


def choose(candidates: list[Mention]) -> list[Mention]:
    """Keep non-overlapping candidates: listed names first, then the longest;
    a kept mention takes the spaCy label and Phoenix entry of those it beat."""
    ranked = sorted(candidates, key=lambda m: (-PRIORITY.get(m.source, 1),
                                               -(m.end - m.start),
                                               TIE_ORDER.get(m.source, 2)))
    kept: list[Mention] = []
    spans: list[tuple[int, int, int]] = []
    longest = 0
    for candidate in ranked:
        rival = _first_overlapping(spans, longest, candidate)
        if rival is None:
            insort(spans, (candidate.start, candidate.end, len(kept)))
            longest = max(longest, candidate.end - candidate.start)
            kept.append(candidate)
        else:
            kept[rival] = _absorb(kept[rival], candidate)
    return sorted(kept, key=lambda m: m.start)


def _first_overlapping(spans: list[tuple[int, int, int]], longest: int,
                       mention: Mention) -> int | None:
    """The earliest kept of the kept spans (start, end, place; by start, none
    longer than longest) that overlaps the mention."""
    index = bisect_left(spans, (mention.end,))
    places = []
    while index > 0 and spans[index - 1][0] + longest > mention.start:
        index -= 1
        start, end, place = spans[index]
        if start < mention.end and mention.start < end:
            places.append(place)
    return min(places, default=None)


def _absorb(winner: Mention, loser: Mention) -> Mention:
    covers = winner.start <= loser.start and loser.end <= winner.end
    label = winner.label or (loser.label if covers else None)
    entry = winner.entry
    if (entry is None and covers and loser.entry and loser.end == winner.end
            and _mostly(loser, winner)):
        entry = loser.entry
    same = winner.span == loser.span
    return replace(winner, label=label, entry=entry,
                   known=winner.known or (loser.known if same else None))


def _in_a_title(titles: list[tuple[int, int]], mention: Mention) -> bool:
    """Whether a title holds the mention (titles: regular expression
    matches, so in order and apart: their ends never decrease)."""
    index = bisect_right(titles, (mention.start, float("inf")))
    return index > 0 and titles[index - 1][1] >= mention.end


def _mostly(part: Mention, whole: Mention) -> bool:
    """Whether part covers at least half of whole."""
    return 2 * (part.end - part.start) >= whole.end - whole.start


def named_mentions(doc: Doc) -> list[Mention]:
    """Every name in the document, one mention per stretch of text."""
    text = doc_text(doc)
    candidates = (ner_mentions(doc) + phoenix_mentions(text)
                  + listed_mentions(text) + titled_mentions(text)
                  + person_of_body_mentions(doc))
    titles = [t.span() for t in lexicon.title_pattern().finditer(text)]
    chosen = choose([m for m in candidates if not _only_a_title(text[m.start:m.end])
                     and not _office_title(text, m) and not _in_a_title(titles, m)])
    return [replace(m, start=_after_titles(text, m.start, m.end))
            if m.label == "PERSON" else m for m in chosen]
