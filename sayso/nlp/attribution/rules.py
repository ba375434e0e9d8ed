"""The rule finder: attribution candidates from the dependency parse.

Each rule reads spaCy tokens and yields `Candidate` spans:

- verb cues from the lexicon ("said", "denied", "pointed out"): the subject
  (or the agent of a passive, or the subject of the verb it hangs from) is
  the source; the clausal complement, the quotes it is attached to or, for
  cues such as "deny", the object is the content;
- noun cues ("X's claim that ...", "reports that ...");
- "according to X, ..." and "In a poll by X, ...";
- unsourced adverbs ("reportedly") and agentless passives ("is said to",
  "it is understood that"), without a source;
- headline and transcript colons ("Hamas: 'We will respond.'");
- quotes signed with a dash ('"We are ashamed." ― Maria Lopez').

Quotes are paired over the whole text first (`quotes.find_quotes`), so a
quote running over sentences or paragraphs is one content, and a quote
interrupted by its speaker ("The plan," he said, "will fail.") gets both
pieces.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ...model import Span
from ..parse import ParsedDocument, doc_text
from .candidates import Candidate
from .features import token_table
from .lexicon import CueEntry, lexicon
from .quotes import Quote, find_quotes, quoted
from .spans import hull, merge_spans, sentence_of, token_spans

FINDER = "rules"
CLAUSE_DEPS = ("ccomp", "xcomp", "csubj")
OBJECT_DEPS = ("dobj", "oprd", "attr")
OBJECT_PREPS = ("about", "for", "on", "of", "against", "over", "to", "as")
SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
INHERITING_DEPS = ("conj", "xcomp", "advcl", "pcomp")
CUE_HELPER_DEPS = ("aux", "auxpass", "neg")
ASIDE_DEPS = ("relcl", "acl", "appos", "advcl")
NAMING_DEPS = ("oprd", "xcomp", "ccomp")
NAMING_PREPS = ("for", "on", "as")
UNSOURCED_PASSIVES = ("say", "report", "believe", "think", "understand",
                      "allege", "rumor", "rumour", "expect", "know", "claim")
HEADLINE_SOURCE_MAX_TOKENS = 6
DASHES = "―—–"
SCARE_QUOTE_MAX_WORDS = 4
SPEECH_ENDINGS = (",", ".", "!", "?")


def rule_candidates(parsed: ParsedDocument) -> list[Candidate]:
    """Every attribution the rules find in a parsed document, in text order."""
    doc = parsed.doc
    quotes = find_quotes(parsed.text)
    found = [*verb_candidates(doc, quotes), *noun_candidates(doc),
             *according_to_candidates(doc), *adverb_candidates(doc, quotes),
             *colon_candidates(doc, quotes), *dash_candidates(doc, quotes),
             *in_document_candidates(doc)]
    return _one_per_cue(found)


def _one_per_cue(found: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: c.cue):
        if not any(_overlaps(candidate.cue, other.cue) for other in kept):
            kept.append(candidate)
    return kept


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside_quote(token: Token, quotes: Sequence[Quote]) -> bool:
    return quoted(quotes, token.idx)


# verb cues -----------------------------------------------------------------

def verb_candidates(doc: Doc, quotes: Sequence[Quote]) -> Iterator[Candidate]:
    """Candidates for cue verbs outside quotes."""
    pos = token_table(doc).pos
    cues = [(token, entry) for i in range(len(doc)) if pos[i] in ("VERB", "AUX")
            and (entry := verb_cue(token := doc[i])) and not _inside_quote(token, quotes)]
    attached = attach_quotes(doc, quotes, [token for token, _ in cues])
    for token, entry in cues:
        candidate = verb_candidate(token, entry, attached.get(token.i, []))
        if candidate is not None:
            yield candidate


def verb_cue(token: Token) -> CueEntry | None:
    """The lexicon entry of a verb token ("point" + "out" as "point out")."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
        return None
    particles = [child.lower_ for child in token.children if child.dep_ == "prt"]
    lex = lexicon()
    for particle in particles:
        if entry := lex.cue(f"{token.lemma_} {particle}", "verb"):
            return entry
    return lex.cue(token.lemma_, "verb")


def attach_quotes(doc: Doc, quotes: Sequence[Quote], cues: list[Token]
                  ) -> dict[int, list[Quote]]:
    """Which quotes each cue introduces: each quote goes to the nearest cue
    in a sentence it overlaps, or to a cue that ends in a colon just before it."""
    attached: dict[int, list[Quote]] = {}
    for quote in quotes:
        cue = (_colon_cue_before(doc, quote, cues) or _nearest_cue(doc, quote, cues)
               or _earlier_cue_in_paragraph(doc, quote, cues, attached))
        if cue is not None:
            attached.setdefault(cue.i, []).append(quote)
    return attached


def _earlier_cue_in_paragraph(doc: Doc, quote: Quote, cues: list[Token],
                              attached: dict[int, list[Quote]]) -> Token | None:
    """A quote with no cue of its own continues the last quote-introducing
    cue earlier in its paragraph ("A," he said. "B.")."""
    paragraph_start = doc_text(doc).rfind("\n", 0, quote.start) + 1
    earlier = [cue for cue in cues if paragraph_start <= cue.idx < quote.start
               and cue.i in attached]
    return earlier[-1] if earlier else None


def _colon_cue_before(doc: Doc, quote: Quote, cues: list[Token]) -> Token | None:
    before = doc_text(doc)[:quote.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before))
    if colon is None:
        return None
    sentence = sentence_of(colon[0])
    in_sentence = [cue for cue in cues if sentence.start <= cue.i < colon[0].i]
    return in_sentence[-1] if in_sentence else None


def _nearest_cue(doc: Doc, quote: Quote, cues: list[Token]) -> Token | None:
    """The innermost cue whose phrase holds the quote, else the nearest cue."""
    tokens = _quote_tokens(doc, quote)
    sentences = {sentence_of(token).start for token in tokens}
    if tokens and _sentence_follows_quote(doc, quote, tokens[-1]):
        sentences.add(sentence_of(tokens[-1]).end)
    near = [cue for cue in cues if sentence_of(cue).start in sentences]
    holding = [cue for cue in near
               if cue.left_edge.idx <= quote.start and quote.end <= _end(cue.right_edge)]
    if holding:
        return min(holding, key=lambda cue: cue.right_edge.i - cue.left_edge.i)
    if not near or _is_scare_quote(doc, quote):
        return None
    return min(near, key=lambda cue: _distance(cue, quote))


def _is_scare_quote(doc: Doc, quote: Quote) -> bool:
    """A few quoted words ("a con") mark a phrase, not someone's statement,
    unless a cue's phrase holds them or they end like speech ("No way," ...)."""
    words = doc_text(doc)[quote.start:quote.end]
    return len(words.split()) < SCARE_QUOTE_MAX_WORDS and not words.endswith(SPEECH_ENDINGS)


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _sentence_follows_quote(doc: Doc, quote: Quote, last: Token) -> bool:
    """The quote ends its sentence and the next one follows on the same line
    ('"Does anybody know?" Graham asked.')."""
    following = sentence_of(last).end
    if following >= len(doc):
        return False
    between = doc_text(doc)[quote.end:doc[following].idx]
    return "\n" not in between and len(between.strip()) <= 2


def _quote_tokens(doc: Doc, quote: Quote) -> list[Token]:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _distance(cue: Token, quote: Quote) -> int:
    if cue.idx >= quote.end:
        return cue.idx - quote.end
    return max(0, quote.start - _end(cue))


def verb_candidate(token: Token, entry: CueEntry, quotes: Sequence[Quote]
                   ) -> Candidate | None:
    if entry.content == "naming" and not _names_something(token):
        return None
    source = verb_source(token)
    content = verb_content(token, entry, quotes, source)
    if not content:
        return None
    if source is None and not _is_unsourced_passive(token):
        return None
    return Candidate(cue=cue_span(token), content=content,
                     source=_source_span(source), finder=FINDER)


def source_of_cue(doc: Doc, cue: Span) -> Span | None:
    """The rules' source for a cue found elsewhere (by the tagger): the
    subject or agent of its head verb, if it is a verb and has one."""
    tokens = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0 or tokens.root.pos_ not in ("VERB", "AUX"):
        return None
    source = _source_span(verb_source(tokens.root))
    return None if source is None or _overlaps(source, cue) else source


def cue_span(token: Token) -> Span:
    """The cue verb with its auxiliaries, negation and particle."""
    helpers = [child for child in token.children
               if child.dep_ in CUE_HELPER_DEPS and child.i < token.i
               and token.i - child.i <= 3]
    adverbs = [child for child in token.children if child.dep_ == "advmod"
               and child.i == token.i - 1 and child.pos_ == "ADV"]
    particles = [child for child in token.children if child.dep_ == "prt"
                 and child.i == token.i + 1]
    return hull(token_spans([*helpers, *adverbs, token, *particles]))


def verb_source(token: Token) -> list[Token] | None:
    """The tokens of the source of a cue verb, or None when it has none."""
    if quoting := _quoted_as_saying(token):
        return quoting
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
            return noun_phrase(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return noun_phrase(objects[0]) if objects else None
    if any(child.dep_ in PASSIVE_SUBJECT_DEPS for child in token.children):
        return None
    if token.dep_ in INHERITING_DEPS and token.head is not token:
        head = token.head
        if head.dep_ == "prep" and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return verb_source(head)
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [token.head]
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(token.head)
    return None


def noun_phrase(head: Token) -> list[Token]:
    """A noun phrase without the verb clauses and coordinations hanging from
    it ("Its spokesman, Omar Saleh, called ... and" is "Its spokesman, Omar Saleh")."""
    pruned: set[int] = set()
    for token in head.subtree:
        if token is not head and (verb_cue(token) or token.dep_ == "cc"
                                  or token.dep_ == "conj" and token.pos_ == "VERB"):
            pruned.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in pruned]


def _quoted_as_saying(token: Token) -> list[Token] | None:
    """"X quoted Y as saying ...": Y is the source of "saying"."""
    head = token.head
    if token.lemma_ != "say" or head.lower_ != "as" or head.head.lemma_ != "quote":
        return None
    objects = [c for c in head.head.children if c.dep_ == "dobj"]
    return list(objects[0].subtree) if objects else None


def _is_unsourced_passive(token: Token) -> bool:
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)
    return passive and token.lemma_ in UNSOURCED_PASSIVES


def _source_span(tokens: list[Token] | None) -> Span | None:
    if not tokens:
        return None
    spans = token_spans(tokens)
    return hull(spans) if spans else None


def verb_content(token: Token, entry: CueEntry, quotes: Sequence[Quote],
                 source: list[Token] | None) -> tuple[Span, ...]:
    """The content spans of a cue verb: its complement clause or object,
    joined with the quotes attached to it; never the source or cue."""
    excluded = {t.i for t in source or ()} | {token.i}
    tokens = [t for t in complement_tokens(token, entry) if t.i not in excluded]
    spans = [*token_spans(tokens)]
    for quote in quotes:
        spans.extend(quote.pieces)
    return merge_spans(spans, doc_text(token.doc))


def complement_tokens(token: Token, entry: CueEntry) -> list[Token]:
    """The tokens of a cue verb's clausal complement (and object, where the
    lexicon allows it), or those of the clause it interrupts as parataxis."""
    tokens: list[Token] = []
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS:
            tokens.extend(child.subtree)
        elif _is_object(child, entry):
            tokens.extend(_without_aside(child))
    if not tokens and any(child.dep_ == "agent" for child in token.children):
        tokens = [t for child in token.children if child.dep_ in PASSIVE_SUBJECT_DEPS
                  for t in child.subtree]
    if not tokens:
        tokens = _nested_that_clause(token)
    if not tokens and token.dep_ in ("parataxis", "ccomp"):
        tokens = _interrupted_clause(token, token.head)
    if not tokens and token.dep_ == "acl" and _ends_sentence(token):
        tokens = _interrupted_clause(token, sentence_of(token).root)
    return tokens


def _nested_that_clause(token: Token) -> list[Token]:
    """A "that" clause the parser hung lower down, after the cue: "told the
    site in an interview translated by X that ..." ."""
    for descendant in token.subtree:
        if (descendant.dep_ == "ccomp" and descendant.i > token.i
                and _opens_with_that(descendant) and not verb_cue(descendant.head)):
            return list(descendant.subtree)
    return []


def _interrupted_clause(cue: Token, head: Token) -> list[Token]:
    """The clause a cue interrupts or closes ("..., a general charged"),
    without the cue's own phrase."""
    own = cue.head if cue.dep_ == "acl" else cue
    sentence = sentence_of(cue)
    return [t for t in head.subtree if sentence.start <= t.i < sentence.end
            and not _in_subtree(t, own)
            and not _in_subtree(t, cue)]


def _ends_sentence(token: Token) -> bool:
    return all(t.is_punct or t.is_space or t.dep_ == "npadvmod" or t.head.dep_ == "npadvmod"
               for t in token.doc[token.right_edge.i + 1:sentence_of(token).end])


def _without_aside(phrase: Token) -> list[Token]:
    """A phrase without the asides set off by a comma inside it ("criticism
    of Lauer, who took heat for ..." is "criticism of Lauer")."""
    dropped: set[int] = set()
    for token in phrase.subtree:
        before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
        if (token.dep_ in ASIDE_DEPS and before is not None and before.text == ","
                and token is not phrase):
            dropped.update(t.i for t in token.subtree)
            dropped.add(before.i)
    return [t for t in phrase.subtree if t.i not in dropped]


def _in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i


def _is_object(child: Token, entry: CueEntry) -> bool:
    if entry.content == "naming":
        return (child.dep_ in OBJECT_DEPS + NAMING_DEPS
            or child.dep_ == "prep" and child.lower_ in NAMING_PREPS)
    if entry.content != "object":
        return False
    if child.dep_ in OBJECT_DEPS:
        return True
    return child.dep_ == "prep" and child.lower_ in OBJECT_PREPS


def _names_something(verb: Token) -> bool:
    """"Called the plan a disaster", "called for talks": a naming verb says
    something only with a predicate, a clause or a for/on/as phrase;
    "a group called Hamas" and "called him" say nothing."""
    if _is_naming_participle(verb):
        return False
    return any(c.dep_ in NAMING_DEPS or c.dep_ == "prep" and c.lower_ in NAMING_PREPS
               for c in verb.children)


def _is_naming_participle(verb: Token) -> bool:
    """"a group called X", "the program, called X, ...": a participle
    right after its noun, or set off between commas."""
    if verb.dep_ != "acl":
        return False
    doc = verb.doc
    before = doc[verb.i - 1].text if verb.i > 0 else ""
    after = doc[verb.right_edge.i + 1].text if verb.right_edge.i + 1 < len(doc) else ""
    return before != "," or after == ","


# noun cues -----------------------------------------------------------------

def noun_candidates(doc: Doc) -> Iterator[Candidate]:
    """"X's claim that ...", "reports that ...", "a statement by X saying ..."."""
    lex, table = lexicon(), token_table(doc)
    for i in range(len(doc)):
        if table.pos[i] != "NOUN" or not lex.cue(table.lemma[i], "noun"):
            continue
        token = doc[i]
        clause = [c for c in token.children if c.dep_ in ("acl", "ccomp", "appos")
                  and _opens_with_that(c)]
        if not clause:
            continue
        content = token_spans(clause[0].subtree)
        verb = _speech_verb_over(token)
        if content and verb is not None:
            yield Candidate(cue=cue_span(verb), content=content,
                            source=_source_span(verb_source(verb)), finder=FINDER)
        elif content:
            yield Candidate(cue=(token.idx, token.idx + len(token.text)),
                            content=content, source=_source_span(_noun_source(token)),
                            finder=FINDER)


def _speech_verb_over(noun: Token) -> Token | None:
    """The speech verb of "told Reuters in an interview on Sunday that ...",
    "said in a statement that ...", where the parse hangs the that-clause
    on the noun: the verb is the cue, its subject the source."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "during"):
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and verb_cue(verb) is not None else None


def _opens_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" or any(c.dep_ == "mark" and c.lower_ == "that"
                                         for c in clause.children)


def _noun_source(noun: Token) -> list[Token] | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return [t for t in child.subtree if t.dep_ != "case"]
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return list(objects[0].subtree)
    return None


# according to ----------------------------------------------------------------

def according_to_candidates(doc: Doc) -> Iterator[Candidate]:
    """"According to X, ..." and "..., according to X": X is the source and
    the rest of the sentence the content."""
    lower = token_table(doc).lower
    for i in range(len(doc)):
        if lower[i] != "according" or i + 1 >= len(doc):
            continue
        token = doc[i]
        to = doc[token.i + 1]
        if to.lower_ != "to":
            continue
        objects = [c for c in to.children if c.dep_ == "pobj"] or \
                  [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase = {t.i for t in (token, to, *objects[0].subtree)}
        content = [t for t in sentence_of(token) if t.i not in phrase]
        spans = token_spans(content)
        if spans:
            yield Candidate(cue=(token.idx, to.idx + len(to.text)), content=spans,
                            source=_source_span(list(objects[0].subtree)),
                            finder=FINDER)


# "in a poll" -----------------------------------------------------------------

def in_document_candidates(doc: Doc) -> Iterator[Candidate]:
    """"In the latest poll, Clinton led by five points": a sentence opening
    with "In" and a document (source_kinds.tsv) speaks through it, unless a
    cue verb speaks ("In a statement, the firm said ...": a channel)."""
    kinds = lexicon().source_kinds
    for sentence in doc.sents:
        opener = sentence[0]
        objects = [c for c in opener.children if c.dep_ == "pobj"]
        if opener.lower_ != "in" or not objects:
            continue
        if kinds.get(objects[0].lemma_.lower()) != "document" or verb_cue(sentence.root):
            continue
        phrase = {t.i for t in (opener, *objects[0].subtree)}
        content = token_spans(t for t in sentence if t.i not in phrase)
        if content:
            yield Candidate(cue=(opener.idx, opener.idx + len(opener.text)),
                            content=content, source=_source_span(list(objects[0].subtree)),
                            finder=FINDER)


# unsourced adverbs -----------------------------------------------------------

def adverb_candidates(doc: Doc, quotes: Sequence[Quote]) -> Iterator[Candidate]:
    """"Reportedly", "allegedly": the clause they modify, with no source."""
    lex, lower = lexicon(), token_table(doc).lower
    for i in range(len(doc)):
        if not lex.cue(lower[i], "adverb") or _inside_quote(token := doc[i], quotes):
            continue
        clause = token.head if token.head is not token else token
        sentence = sentence_of(token)
        content = [t for t in clause.subtree
                   if t.i != token.i and sentence.start <= t.i < sentence.end]
        spans = token_spans(content)
        if spans:
            yield Candidate(cue=(token.idx, token.idx + len(token.text)),
                            content=spans, source=None, finder=FINDER)


# colons ----------------------------------------------------------------------

def colon_candidates(doc: Doc, quotes: Sequence[Quote]) -> Iterator[Candidate]:
    """Headline style "Speaker: what they said": a short noun phrase opening
    the sentence, a colon, then the content (often a quote)."""
    for sentence in doc.sents:
        candidate = _colon_candidate(sentence, quotes)
        if candidate is not None:
            yield candidate


def _colon_candidate(sentence: TokenSpan, quotes: Sequence[Quote]) -> Candidate | None:
    colon = next((t for t in sentence[:HEADLINE_SOURCE_MAX_TOKENS + 1]
                  if t.text == ":"), None)
    if colon is None or colon.i == sentence.start:
        return None
    speaker = [t for t in sentence.doc[sentence.start:colon.i] if not t.is_punct]
    if not speaker or not _looks_like_speaker(speaker, headline=sentence.start == 0):
        return None
    if _inside_quote(colon, quotes) and not _opens_quote(sentence, quotes):
        return None
    rest = sentence.doc[colon.i + 1:sentence.end]
    content = token_spans(rest)
    if not content or verb_cue_in(speaker):
        return None
    return Candidate(cue=(colon.idx, colon.idx + 1), content=content,
                     source=hull(token_spans(speaker)), finder=FINDER)


def _looks_like_speaker(tokens: list[Token], *, headline: bool) -> bool:
    """A name ("Hamas", "WALLACE"), or in a headline any noun ("Poll")."""
    if any(t.pos_ in ("VERB", "AUX", "NUM") for t in tokens):
        return False
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
               or (headline and t.pos_ == "NOUN") or t.text.isupper()
               for t in tokens)


def _opens_quote(sentence: TokenSpan, quotes: Sequence[Quote]) -> bool:
    """The sentence starts a quote (a transcript line: '"PENCE: Well, ...')."""
    return any(quote.start <= sentence.start_char + 1
               and quote.covers(sentence.start_char + 1) for quote in quotes)


# dashes ----------------------------------------------------------------------

def dash_candidates(doc: Doc, quotes: Sequence[Quote]) -> Iterator[Candidate]:
    """A quote signed with a dash: '"We are ashamed." ― Maria Lopez'."""
    for quote in quotes:
        candidate = _dash_candidate(doc, quote)
        if candidate is not None:
            yield candidate


def _dash_candidate(doc: Doc, quote: Quote) -> Candidate | None:
    after = doc_text(doc)[quote.end + 1:quote.end + 4]
    offset = quote.end + 1 + (len(after) - len(after.lstrip(" ")))
    if offset >= len(doc_text(doc)) or doc_text(doc)[offset] not in DASHES:
        return None
    dash = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if dash is None:
        return None
    name = []
    for token in doc[dash.end:dash.end + HEADLINE_SOURCE_MAX_TOKENS]:
        if token.is_space or token.is_punct or "\n" in token.whitespace_:
            if name or not token.is_space:
                break
            continue
        name.append(token)
    if not name or not any(t.pos_ == "PROPN" for t in name):
        return None
    return Candidate(cue=(offset, offset + 1), content=quote.pieces,
                     source=hull(token_spans(name)), finder=FINDER)


def verb_cue_in(tokens: Iterable[Token]) -> bool:
    return any(verb_cue(t) for t in tokens)
