"""Enrichment: from candidate spans to contract `Attribution` records.

Whichever finder proposed a candidate, enrichment reads the text and the
parse to give it its form (direct, mixed, indirect, according_to,
unsourced), cue lemma, stance, hedge, channels, source kind and actor, and
its parent when its cue sits inside another attribution's content. Ids are
q1, q2, ... in text order.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...model import Actor, Attribution, Channel, Content, Cue, Source, Span
from ..parse import ParsedDocument, doc_text
from .candidates import Candidate
from .channels import find_channels
from .coref import head_token, named_person, source_actor, speaker_part
from .lexicon import lexicon
from .quotes import Quote, find_quotes
from .spans import hull, sentence_of, token_spans

DIRECT_SHARE = 0.9
ACTOR_SOURCE_KINDS = {"person": "named", "organization": "organization",
                      "country": "organization", "group": "organization",
                      "location": "organization", "outlet": "outlet",
                      "anonymous": "anonymous", "author": "author"}
ENTITY_SOURCE_KINDS = {"PERSON": "named", "ORG": "organization",
                       "NORP": "organization", "GPE": "organization"}
DETERMINERS = ("the ", "a ", "an ")


def enrich(parsed: ParsedDocument, actors: Sequence[Actor],
           candidates: Sequence[Candidate]) -> tuple[Attribution, ...]:
    """Contract attributions for candidates, with ids in text order."""
    quotes = find_quotes(parsed.text)
    ordered = sorted(candidates, key=_first_offset)
    ids = {id(c): f"q{n}" for n, c in enumerate(ordered, start=1)}
    contents = _content_index(ordered)
    found: list[Attribution] = []
    speakers: list[tuple[str, int]] = []
    for candidate in ordered:
        found.append(attribution(parsed, actors, quotes, candidate, ids[id(candidate)],
                                 _parent(candidate, ordered, ids, contents), speakers))
        if (source := found[-1].source) and source.actor:
            speakers.append((source.actor, source.span[1]))
    return tuple(found)


def _first_offset(candidate: Candidate) -> tuple[int, int]:
    starts = [candidate.cue[0], *(s for s, _ in candidate.content)]
    if candidate.source:
        starts.append(candidate.source[0])
    return (min(starts), candidate.cue[0])


ContentIndex = tuple[list[int], list[tuple[int, int, int]], int]


def _content_index(ordered: Sequence[Candidate]) -> ContentIndex:
    """Every content span as (start, end, candidate's place), by start, and
    the longest span's length."""
    spans = sorted((s, e, n) for n, c in enumerate(ordered) for s, e in c.content)
    return [s for s, _, _ in spans], spans, max((e - s for s, e, _ in spans), default=0)


def _parent(candidate: Candidate, ordered: Sequence[Candidate],
            ids: dict[int, str], contents: ContentIndex) -> str | None:
    """The innermost other attribution whose content holds this one's cue
    (the first in order among equally long ones)."""
    holders = [ordered[n] for n in sorted(_holding(contents, candidate.cue))]
    holders = [other for other in holders if other is not candidate
               and not _holds(candidate, other.cue)]
    if not holders:
        return None
    innermost = min(holders, key=lambda o: sum(e - s for s, e in o.content))
    return ids[id(innermost)]


def _holding(contents: ContentIndex, span: Span) -> set[int]:
    """The places of the candidates with a content span holding span."""
    starts, spans, longest = contents
    index = bisect_right(starts, span[0])
    found = set()
    while index > 0 and starts[index - 1] + longest >= span[1]:
        index -= 1
        if spans[index][1] >= span[1]:
            found.add(spans[index][2])
    return found


def _holds(candidate: Candidate, span: Span) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in candidate.content)


def attribution(parsed: ParsedDocument, actors: Sequence[Actor],
                quotes: Sequence[Quote], candidate: Candidate, ident: str,
                parent: str | None, speakers: Sequence[tuple[str, int]] = ()
                ) -> Attribution:
    """One candidate as a contract attribution (speakers: the source actors
    of the attributions before it and where their sources end, for
    resolving "he said")."""
    doc, text = parsed.doc, parsed.text
    cue = cue_record(doc, candidate.cue)
    content = Content(text=_joined(text, candidate.content), spans=candidate.content)
    source = source_record(doc, actors, candidate.source, speakers)
    sentence = sentence_of(_cue_token(doc, candidate.cue))
    via = find_channels(sentence, candidate.content, actors)
    return Attribution(
        id=ident, form=form(cue, source, candidate.content, quotes, text),
        source=source, cue=cue, content=content,
        stance=stance(doc, cue, candidate.content), hedged=hedged(doc, candidate),
        via=_beyond_source(via, doc, source), parent=parent)


def _beyond_source(via: Sequence[Channel], doc: Doc, source: Source | None
                   ) -> tuple[Channel, ...]:
    """Channels that are not the source itself (or what its "which" stands for)."""
    if source is None:
        return tuple(via)
    own = [source.span, antecedent(doc, source.span) or source.span]
    return tuple(c for c in via if not any(c.span[0] < e and s < c.span[1] for s, e in own)
                 and (c.actor is None or c.actor != source.actor))


def _joined(text: str, spans: Sequence[Span]) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def _cue_token(doc: Doc, span: Span) -> Token:
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else doc[0]


def cue_record(doc: Doc, span: Span) -> Cue:
    """The cue with its lemma: the head verb's or noun's, or the words."""
    text = doc_text(doc)[span[0]:span[1]]
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0 or text.lower() == "according to":
        return Cue(text=text, lemma=text.lower(), span=span)
    root = tokens.root
    lemma = root.lemma_.lower() if root.is_alpha else text
    particles = [t.lower_ for t in tokens if t.dep_ == "prt" and t.head == root]
    return Cue(text=text, lemma=" ".join([lemma, *particles]), span=span)


def source_record(doc: Doc, actors: Sequence[Actor], span: Span | None,
                  speakers: Sequence[tuple[str, int]] = ()) -> Source | None:
    """The source with its actor and kind, both read from what the span
    refers to: the person it names as speaker (`coref.named_person`), the
    antecedent of "which", the speaker's part of "a spokesperson for Sen.
    Chuck Grassley" (`coref.speaker_part`)."""
    if span is None:
        return None
    text = doc_text(doc)[span[0]:span[1]]
    person = named_person(actors, doc, antecedent(doc, span) or span)
    if person is not None:
        return Source(text=text, span=span, actor=person, kind="named")
    referent = speaker_part(doc, antecedent(doc, span) or span)
    actor = source_actor(actors, doc, referent, speakers)
    kinds = {a.id: a.kind for a in actors}
    return Source(text=text, span=span, actor=actor,
                  kind=source_kind(doc, referent, kinds.get(actor)))


def antecedent(doc: Doc, span: Span) -> Span | None:
    """What a relative pronoun source stands for: "the Daily Ledger, which
    has published ..." -> "the Daily Ledger"."""
    head = head_token(doc, span)
    if head is None or head.tag_ not in ("WDT", "WP") or head.head.dep_ != "relcl":
        return None
    noun = head.head.head
    spans = token_spans(t for t in noun.subtree if t.i < head.head.left_edge.i)
    return hull(spans) if spans else None


def source_kind(doc: Doc, span: Span, actor_kind: str | None) -> str:
    """named | anonymous | organization | outlet | document | author.

    In order: a whole phrase in source_kinds.tsv ("the New York Times"); a
    person's name in the phrase ("Its spokesman, Omar Saleh"); the kind of
    the actor it refers to; the head word in source_kinds.tsv ("officials",
    "a report"); the head's entity type; else named for names and pronouns.
    """
    kinds = lexicon().source_kinds
    phrase = doc_text(doc)[span[0]:span[1]].lower()
    for determiner in DETERMINERS:
        phrase = phrase.removeprefix(determiner)
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand") or []
    head = head_token(doc, span)
    if phrase in kinds:
        return kinds[phrase]
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return "named"
    if any(kinds.get(t.lower_) == "outlet" for t in tokens):
        return "outlet"
    if actor_kind in ACTOR_SOURCE_KINDS:
        return ACTOR_SOURCE_KINDS[actor_kind]
    return _kind_from_head(head, kinds)


def _kind_from_head(head: Token | None, kinds: dict[str, str]) -> str:
    if head is None:
        return "named"
    word_kind = kinds.get(head.lower_) or kinds.get(head.lemma_.lower())
    if word_kind and (head.pos_ == "NOUN" or head.lower_ in ("i", "ap", "reuters")):
        return word_kind
    if head.ent_type_ in ENTITY_SOURCE_KINDS:
        return ENTITY_SOURCE_KINDS[head.ent_type_]
    if head.pos_ == "NOUN":
        return "anonymous"
    return "named"


def form(cue: Cue, source: Source | None, content: Sequence[Span],
         quotes: Sequence[Quote], text: str) -> str:
    """direct | mixed | indirect | according_to | unsourced."""
    if cue.lemma == "according to":
        return "according_to"
    if source is None:
        return "unsourced"
    share = quoted_share(content, quotes, text)
    if share >= DIRECT_SHARE:
        return "direct"
    return "mixed" if share > 0 else "indirect"


def quoted_share(content: Sequence[Span], quotes: Sequence[Quote], text: str) -> float:
    """The share of the content's letters and digits that lie inside quotes."""
    letters = sum(_letter_count(text, s, e) for s, e in content)
    if not letters:
        return 0.0
    pieces = [piece for quote in quotes for piece in quote.pieces]
    inside = sum(_letter_count(text, max(s, start), min(e, end))
                 for s, e in content for start, end in pieces if start < e and s < end)
    return inside / letters


def _letter_count(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if _counts(ch))


def _counts(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def stance(doc: Doc, cue: Cue, content: Sequence[Span]) -> str:
    """The cue's default stance, or a dispute the content words make.

    A denying cue with a noun object denies only a claim ("denied the
    reports"); "rejected two offers" asserts.
    """
    lex = lexicon()
    entry = (lex.cue(cue.lemma, "verb") or lex.cue(cue.lemma, "noun")
             or lex.cue(cue.lemma, "adverb"))
    default = entry.stance if entry else "asserts"
    if default in ("denies", "disputes") and not _is_claim(doc, content):
        return "asserts"
    if default != "asserts":
        return default
    words = _words(" ".join(doc_text(doc)[s:e] for s, e in content))
    for terms, term_stance in lex.stance_terms.items():
        if _contains(words, terms):
            return term_stance
    return default


def _is_claim(doc: Doc, content: Sequence[Span]) -> bool:
    """Whether a content is a clause or a noun phrase naming a claim."""
    tokens = doc.char_span(content[0][0], content[0][1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return True
    root = tokens.root
    if root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return True
    return lexicon().cue(root.lemma_, "noun") is not None


def hedged(doc: Doc, candidate: Candidate) -> bool:
    """Whether a hedge occurs in the cue, the content or the verbs above the cue."""
    cue = _cue_token(doc, candidate.cue)
    scope: list[Token] = [cue, *list(cue.ancestors)[:2]]
    scope += [t for token in list(scope) for t in token.children
              if t.dep_ in ("aux", "auxpass", "advmod", "neg")]
    for start, end in (candidate.cue, *candidate.content):
        tokens = doc.char_span(start, end, alignment_mode="expand")
        scope += list(tokens) if tokens is not None else []
    words = _token_words(sorted(set(scope), key=lambda t: t.i))
    return any(_contains(words, hedge) for hedge in lexicon().hedges)


def _token_words(tokens: Sequence[Token]) -> list[str]:
    """Lowercased words, with names left out ("May" the month is no hedge)."""
    return [t.lower_ for t in tokens if not t.is_punct and t.pos_ != "PROPN"]


def _words(text: str) -> list[str]:
    return "".join(ch.lower() if ch.isalnum() or ch == "-" else " " for ch in text).split()


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the words hold the phrase as a run of whole words."""
    return f" {' '.join(phrase)} " in f" {' '.join(words)} "
