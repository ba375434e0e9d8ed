"""Reading a whole article: what spans sentences and paragraphs.

Sentence-level extraction finds each attribution on its own; a reader
carries things across the article. Two passes:

Before enrichment, on candidate spans (`read_candidates`):
- a content with an unbalanced quotation mark takes its closing mark
  (`called the strike "illegal"`);
- a content stops before a trailing ", a claim the union rejects"
  (content_tails.tsv);
- "According to local sources in the city reported by the Daily Ledger":
  the source stops before "reported by", whose outlet is a channel;
- a source never lies inside its own content: the parse's subject of the
  cue replaces it, or none;
- a quote standing alone as a sentence is given to the speaker in focus:
  it is one more content span of the statement in the sentence before
  ('Schiff said. "The other factor ..."', or a quoted statement ending the
  paragraph before), or the direct statement of the person who is the
  subject of the sentence before ("Governor Lena Brooks stepped to the
  microphone. "The bridge will reopen in June."").

After enrichment, on attributions (`read_document`):
- channels (an interview, a translation, a statement, a press conference)
  named once for a speaker are carried by the same speaker's later
  statements, until the speaker names another channel or a new scene
  starts ("On Tuesday, ...");
- an unnamed description ("a senior army officer has revealed") is the
  person named next with that description ("Tomas Wren, the officer") or,
  for a cataphoric lead, with a title of the same service ("Maj. Gen.");
- an organisation that publishes reports, or that the article names as a
  channel, is an outlet.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span as TokenSpan

from ...model import Actor, Attribution, Channel, Span
from ...resources import read_table
from ..actors import lexicon as actor_lexicon
from ..parse import ParsedDocument
from .candidates import Candidate
from .channels import find_channels
from .enrich import quoted_share
from .quotes import find_quotes
from .rules import source_of_cue

CLOSING_MARKS = "\"”"
RELAYED_BY = re.compile(r"\s+(?:as\s+)?(?:reported|cited|quoted|relayed)\s+by\s+")
CONTENT_RELAYED = re.compile(r"^(?:as\s+)?(?:reported|cited|quoted)\s+by\s+[^,]{2,60},\s*")
NEW_SCENE = re.compile(r"^(?:On|Later|Earlier|Afterwards|Speaking|At)\b[^,]{0,60},")
SCENE_WORDS = re.compile(r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                         r"later|earlier|afterwards|conference|briefing|rally|meeting|hearing)")
CARRIED_ROLES = ("interview", "statement", "translation", "report")
INDEFINITE = re.compile(r"^(?:a|an|one)\s", re.IGNORECASE)
PUBLISHING = re.compile(r"\b(?:publish|published|publishes|reports?)\b", re.IGNORECASE)
PERSON_REACH = 2
"""How many sentences after an unnamed description its name may come."""


# ---- candidates -------------------------------------------------------------

def read_candidates(parsed: ParsedDocument, actors: Sequence[Actor],
                    candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with their spans read against the whole article, and
    the standalone quotes given to the speaker in focus."""
    return standalone_quotes(parsed, actors, [_fixed(parsed, c) for c in candidates])


def _fixed(parsed: ParsedDocument, candidate: Candidate) -> Candidate:
    """One candidate's content and source spans read against the article
    (see the module docstring, first list)."""
    text = parsed.text
    content, source = _quote_overrun(text, candidate.content, candidate.source)
    content = tuple(_balanced(text, _without_tail(text, _unrelayed(text, s))) for s in content)
    source = _unrelayed_source(text, source)
    if source is not None and any(s <= source[0] and source[1] <= e for s, e in content):
        source = _outside(source_of_cue(parsed.doc, candidate.cue), content)
    return replace(candidate, content=content, source=source)


def _quote_overrun(text: str, content: tuple[Span, ...], source: Span | None
                   ) -> tuple[tuple[Span, ...], Span | None]:
    """'"We lost two cranes," harbour chief Ada Lenz said': a quoted content
    ends at its closing mark; the words between the mark and the source
    belong to the source."""
    if len(content) != 1 or source is None:
        return content, source
    start, end = content[0]
    quote = next((q for q in find_quotes(text) if len(q.pieces) == 1
                  and q.start - 1 <= start <= q.start and q.end < end), None)
    if quote is None or not quote.end < source[0] <= end + 1 or '"' in text[quote.end + 1:end]:
        return content, source
    tail = re.search(r"[^\W_]", text[quote.end:source[0]])
    begin = quote.end + tail.start() if tail else source[0]
    return ((start, quote.end),), (begin, source[1])


def _outside(source: Span | None, content: Sequence[Span]) -> Span | None:
    if source is None or any(s < source[1] and source[0] < e for s, e in content):
        return None
    return source


def _balanced(text: str, span: Span) -> Span:
    """A content with an odd number of quotation marks takes the closing
    mark right after it."""
    start, end = span
    inside = text[start:end]
    odd = inside.count('"') % 2 == 1 or inside.count("“") > inside.count("”")
    if odd and end < len(text) and text[end] in CLOSING_MARKS:
        return (start, end + 1)
    return span


def _without_tail(text: str, span: Span) -> Span:
    """A content without a trailing ", a claim the union rejects"."""
    start, end = span
    found = content_tail().search(text, start, end)
    return (start, found.start()) if found and found.start() > start else span


@lru_cache(maxsize=1)
def content_tail() -> re.Pattern[str]:
    """", a claim ..." and the like (content_tails.tsv), up to the span's end."""
    nouns = "|".join(re.escape(row[0]) for row in read_table("content_tails.tsv"))
    return re.compile(rf",\s+(?:a|an|the)\s+(?:\w+\s+)?(?:{nouns})\b[^.;\"“”]*\.?$",
                      re.IGNORECASE)


def _unrelayed(text: str, span: Span) -> Span:
    """A content without a leading "reported by the Daily Ledger," (the
    outlet is a channel, not what was said)."""
    found = CONTENT_RELAYED.match(text[span[0]:span[1]])
    return (span[0] + found.end(), span[1]) if found and span[0] + found.end() < span[1] else span


def _unrelayed_source(text: str, source: Span | None) -> Span | None:
    """"local sources in the city reported by the Daily Ledger" -> "local
    sources in the city"."""
    if source is None:
        return None
    found = RELAYED_BY.search(text, source[0], source[1])
    return (source[0], found.start()) if found and found.start() > source[0] else source


def standalone_quotes(parsed: ParsedDocument, actors: Sequence[Actor],
                      candidates: list[Candidate]) -> list[Candidate]:
    """Quotes that are whole sentences of their own with no cue, given to
    the speaker in focus: the quote is one more content span of the
    statement in the sentence before (as PolNeAR annotates it), or, after
    a sentence whose subject is a person but that states nothing, a direct
    statement of that person."""
    text = parsed.text
    sentences = list(parsed.doc.sents)
    found = list(candidates)
    for quote in find_quotes(text):
        taken = [span for c in found for span in (*c.content, c.cue)]
        if len(quote.pieces) != 1 or any(s < quote.end and quote.start < e for s, e in taken):
            continue
        first = _sentence_index(sentences, quote.start)
        last = _sentence_index(sentences, quote.end - 1)
        if first is None or last is None or first == 0 or not _alone(
                text, sentences[first:last + 1], quote.pieces[0]):
            continue
        _give_to_focus(parsed, actors, found, sentences[first - 1], quote.pieces[0])
    return found


def _give_to_focus(parsed: ParsedDocument, actors: Sequence[Actor], found: list[Candidate],
                   before: TokenSpan, piece: Span) -> None:
    """Add the quote to the statement cued in the sentence before (in the
    same paragraph, or a quoted one ending the paragraph before), or make
    it the statement of that sentence's subject person."""
    text = parsed.text
    gap = text[before.start_char:piece[0]]
    same_paragraph = "\n" not in gap[len(before.text.rstrip()):]
    stated = [c for c in found if before.start_char <= c.cue[0] < before.end_char
              and c.source is not None]
    last = max(stated, key=lambda c: c.cue[0], default=None)
    quotes = find_quotes(text)
    if last is not None and (same_paragraph or quoted_share(last.content, quotes, text) >= 0.5):
        found[found.index(last)] = replace(last, content=(*last.content, piece))
        return
    speaker = _subject_person(before, actors) if same_paragraph and last is None else None
    if speaker is not None:
        found.append(Candidate(cue=(piece[0] - 1, piece[0]), content=(piece,),
                               source=speaker, finder="document"))


def _sentence_index(sentences: Sequence[TokenSpan], position: int) -> int | None:
    """The index of the sentence holding a position (sentences in order)."""
    index = bisect_right([s.start_char for s in sentences], position) - 1
    return index if index >= 0 and position < sentences[index].end_char else None


def _alone(text: str, sentences: Sequence[TokenSpan], piece: Span) -> bool:
    """Whether a quote is its sentences, with no words outside its marks."""
    outside = text[sentences[0].start_char:piece[0]] + text[piece[1]:sentences[-1].end_char]
    return not any(ch.isalnum() for ch in outside) and text[piece[1] - 1:piece[1]] in ".!?"


def _subject_person(sentence: TokenSpan, actors: Sequence[Actor]) -> Span | None:
    """The span of the sentence's subject where it names a person."""
    subject = next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass")
                    and t.head.dep_ == "ROOT"), None)
    if subject is None:
        return None
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    people = [a for a in actors if a.kind == "person"]
    if any(start <= s and e <= end for a in people for s, e in a.mentions):
        return (start, end)
    return None


# ---- attributions -----------------------------------------------------------

def read_document(parsed: ParsedDocument, actors: Sequence[Actor],
                  attributions: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """The attributions with descriptions resolved to the person named
    later, outlets as outlets, and channels carried across the article."""
    described = [_described(parsed, actors, a) for a in attributions]
    outlets = _outlets(described)
    return tuple(carried_channels(parsed, actors, [_outlet_kind(a, outlets) for a in described]))


def carried_channels(parsed: ParsedDocument, actors: Sequence[Actor],
                     attributions: Sequence[Attribution]) -> list[Attribution]:
    """Each speaker's channels, carried to their later statements that name
    none, until they name another or a new scene starts."""
    by_sentence: dict[int, list[Attribution]] = {}
    sentences = list(parsed.doc.sents)
    for attribution in attributions:
        index = _sentence_index(sentences, attribution.cue.span[0]) or 0
        by_sentence.setdefault(index, []).append(attribution)
    context: dict[str, tuple[Channel, ...]] = {}
    done: dict[str, Attribution] = {}
    people = {a.id for a in actors if a.kind == "person"}
    for index, sentence in enumerate(sentences):
        if _new_scene(sentence.text):
            context.clear()
        own = by_sentence.get(index, [])
        if not own:
            _channels_without_statement(sentence, actors, context)
        for attribution in own:
            done[attribution.id] = _carried(attribution, context, people)
    return [done.get(a.id, a) for a in attributions]


def _new_scene(sentence: str) -> bool:
    opening = NEW_SCENE.match(sentence)
    return bool(opening) and bool(SCENE_WORDS.search(opening.group()))


def _channels_without_statement(sentence: TokenSpan, actors: Sequence[Actor],
                                context: dict[str, tuple[Channel, ...]]) -> None:
    """"X spoke of the developments in an interview with Al-Marsad, as
    translated by the Ledger": the channels of X's next statements."""
    speaker = _subject_person(sentence, actors)
    person = _person_at(actors, speaker) if speaker is not None else None
    if person is None:
        return
    people = {a.id for a in actors if a.kind == "person"}
    channels = tuple(c for c in find_channels(sentence, (), actors)
                     if c.role in CARRIED_ROLES and c.actor not in people)
    if channels:
        context[person] = channels


def _person_at(actors: Sequence[Actor], span: Span) -> str | None:
    return next((a.id for a in actors if a.kind == "person" and any(
        span[0] <= s and e <= span[1] for s, e in a.mentions)), None)


def _carried(attribution: Attribution, context: dict[str, tuple[Channel, ...]],
             people: set[str]) -> Attribution:
    """A statement with the speaker's channels (none through a person:
    "told Netanyahu" is no interview a later statement went through)."""
    actor = attribution.source.actor if attribution.source else None
    if actor is None:
        return attribution
    own = tuple(c for c in attribution.via if c.role in CARRIED_ROLES and c.actor not in people)
    if own:
        context[actor] = own
        return attribution
    if actor in context and not attribution.via:
        return replace(attribution, via=context[actor])
    return attribution


def _described(parsed: ParsedDocument, actors: Sequence[Actor],
               attribution: Attribution) -> Attribution:
    """An unnamed description as source, resolved to the person named next
    with that description."""
    source = attribution.source
    if source is None or source.kind != "anonymous" or not INDEFINITE.match(source.text):
        return attribution
    person = _named_description(parsed, actors, source.text, source.span[1])
    if person is None:
        return attribution
    return replace(attribution, source=replace(source, actor=person, kind="named"))


def _named_description(parsed: ParsedDocument, actors: Sequence[Actor],
                       description: str, after: int) -> str | None:
    """The person named in the next sentences as "Name, the officer" (the
    description's last word), or, for an indefinite description whose words
    give a service ("army": MIL), the next subject person with a title of
    that service."""
    text = parsed.text
    head = description.split()[-1].lower()
    sentences = [s for s in parsed.doc.sents if s.start_char >= after][:PERSON_REACH]
    people = [a for a in actors if a.kind == "person"]
    for sentence in sentences:
        for person in people:
            for start, end in person.mentions:
                if sentence.start_char <= start < sentence.end_char and re.match(
                        rf",\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}{re.escape(head)}\b",
                        text[end:end + 80], re.IGNORECASE):
                    return person.id
    service = _service(description)
    if service is None or not sentences:
        return None
    subject = _subject_person(sentences[0], actors)
    person = _person_at(actors, subject) if subject else None
    titled = next((a for a in people if a.id == person), None)
    return person if titled is not None and _title_service(titled) == service else None


def _service(description: str) -> str | None:
    words = actor_lexicon.cues("agent_word")
    return next((words[w] for w in description.lower().split() if w in words), None)


def _title_service(person: Actor) -> str | None:
    title = actor_lexicon.titles().get((person.title or "").lower())
    return title.agent if title is not None else None


def _outlets(attributions: Sequence[Attribution]) -> set[str]:
    """The actors the article names as channels."""
    return {c.actor for a in attributions for c in a.via if c.actor}


def _outlet_kind(attribution: Attribution, outlets: set[str]) -> Attribution:
    """An organisation that publishes reports, or that is named elsewhere
    as a channel, is an outlet source."""
    source = attribution.source
    if source is None or source.kind != "organization":
        return attribution
    publishes = bool(PUBLISHING.search(attribution.cue.text)) or bool(
        re.match(r"(?i)reports?\s+(?:of|that)\b", attribution.content.text))
    if publishes or (source.actor is not None and source.actor in outlets):
        return replace(attribution, source=replace(source, kind="outlet"))
    return attribution
