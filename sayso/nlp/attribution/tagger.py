"""The learned attribution span tagger: a CRF trained on PolNeAR.

Each paragraph of the parse is tagged token by token with BIO labels for
SOURCE, CUE and CONTENT (`features.py` says what the CRF sees). The tagged
spans are then grouped into attributions around their cues:

- every CUE span starts one candidate;
- a SOURCE goes to the cues of its sentence, each cue taking the nearest
  source (one source may serve "X said ... and added ...");
- a CONTENT goes to the nearest cue of its sentence, else of its paragraph,
  else to the last cue of the paragraph before (a quote running on over
  paragraphs); content spans of one cue separated only by spaces and
  punctuation are joined;
- a cue left without a source or a content takes it from the parse where no
  tagged span is in the way: its subject as the source, its complement
  clause as the content.

The model (`sayso/data/models/attribution-tagger.crfsuite`) and its cue
lexicon are written by ``scripts/train_attribution_tagger.py`` and loaded
once per process.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...errors import InputError
from ...resources import data_file, read_table
from ..parse import ParsedDocument, doc_text
from .candidates import Candidate
from .features import CueLexicon, Paragraph, paragraphs, sequence_features
from .spans import trimmed_run

MODEL_FILE = ("models", "attribution-tagger.crfsuite")
LEXICON_FILE = ("models", "attribution-cue-lemmas.tsv")
ROLES = ("SOURCE", "CUE", "CONTENT")
FINDER = "tagger"
SOURCE_DEPS = frozenset({"nsubj"})
PREP_SOURCE_DEPS = frozenset({"pobj"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp"})


@dataclass(frozen=True)
class TaggedSpan:
    """One run of tokens the CRF gave the same role."""

    role: str
    tokens: tuple[Token, ...]
    paragraph: int
    sentence: int
    score: float

    @property
    def start(self) -> int:
        return self.tokens[0].i

    @property
    def end(self) -> int:
        return self.tokens[-1].i + 1

    @property
    def chars(self) -> tuple[int, int]:
        last = self.tokens[-1]
        return (self.tokens[0].idx, last.idx + len(last.text))

    def without_edge(self, drop: Callable[[Token], bool]) -> TaggedSpan | None:
        """The span less the tokens at either end for which `drop` holds
        (a comma after a source, the quotation marks around a quote);
        None when nothing is left."""
        tokens = trimmed_run(list(self.tokens), drop)
        return replace(self, tokens=tuple(tokens)) if tokens else None

    def distance(self, other: TaggedSpan) -> int:
        """Tokens between the two spans (0 when they touch or overlap)."""
        return max(0, other.start - self.end, self.start - other.end)


def tag_candidates(parsed: ParsedDocument) -> list[Candidate]:
    """The attributions the tagger finds in a parsed document, in text order."""
    return tag_doc(parsed.doc)


def tag_doc(doc: Doc) -> list[Candidate]:
    """The attributions the tagger finds in a spaCy doc (see module docstring)."""
    return candidates_from_spans(doc, tagged_spans(doc))


def candidates_from_spans(doc: Doc, spans: list[TaggedSpan]) -> list[Candidate]:
    """Tagged role spans grouped into attributions around their cues (see
    module docstring); shared with the transformer tagger (`minilm.py`)."""
    cues = [span for span in spans if span.role == "CUE"]
    sources = assign_sources(cues, edge_trimmed(spans, "SOURCE", is_punctuation))
    contents = assign_contents(cues, edge_trimmed(spans, "CONTENT", is_quotation_mark))
    taken = [span.chars for span in spans]
    text = doc_text(doc)
    return [candidate(text, cue, sources.get(index), contents.get(index, []), taken)
            for index, cue in enumerate(cues)]


def candidate(text: str, cue: TaggedSpan, source: TaggedSpan | None,
              contents: list[TaggedSpan], taken: list[tuple[int, int]]) -> Candidate:
    """One cue with its tagged source and contents, or the parse's where the
    tagger found none."""
    head = cue_head(cue)
    content = join_spans(text, contents)
    source_span = source.chars if source else source_from_tree(head, taken)
    if source_span is None and head.dep_ == "prep":
        source_span = subtree_span(cue.tokens[-1], PREP_SOURCE_DEPS, [])
        content = cut_out(text, content, source_span)
    if not content:
        from_tree = subtree_span(head, CONTENT_DEPS, taken) or governing_clause(head, taken)
        content = (from_tree,) if from_tree else ()
    return Candidate(cue=cue.chars, content=content, source=source_span,
                     finder=FINDER, score=cue.score)


def edge_trimmed(spans: list[TaggedSpan], role: str, drop: Callable[[Token], bool]
                 ) -> list[TaggedSpan]:
    """The spans of a role without the tokens `drop` rejects at their edges."""
    return [trimmed for span in spans if span.role == role
            and (trimmed := span.without_edge(drop)) is not None]


def is_punctuation(token: Token) -> bool:
    return token.is_punct


def is_quotation_mark(token: Token) -> bool:
    return token.is_quote


def source_from_tree(head: Token, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The subject of the cue, where no tagged span is in the way."""
    return subtree_span(head, SOURCE_DEPS, taken)


def cut_out(text: str, spans: tuple[tuple[int, int], ...], cut: tuple[int, int] | None
            ) -> tuple[tuple[int, int], ...]:
    """The spans without the characters of `cut`, trimmed of the spaces and
    punctuation left at their edges ("according to X, ..." tagged whole as
    content keeps X as the source)."""
    if cut is None:
        return spans
    pieces = []
    for start, end in spans:
        pieces += [(start, min(end, cut[0])), (max(start, cut[1]), end)]
    return tuple(trimmed for piece in pieces if (trimmed := trim(text, piece)))


def trim(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The span without leading and trailing characters that are not letters
    or digits; None when nothing is left."""
    start, end = span
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (start, end) if start < end else None


def tagged_spans(doc: Doc) -> list[TaggedSpan]:
    """Every role span the CRF tags in the doc, in text order."""
    tagger, lexicon = load_model()
    spans: list[TaggedSpan] = []
    for number, paragraph in enumerate(paragraphs(doc)):
        labels = tagger.tag(sequence_features(paragraph, lexicon))
        spans.extend(spans_from_labels(tagger, paragraph, labels, number))
    return spans


def spans_from_labels(tagger, paragraph: Paragraph, labels: list[str],
                      number: int) -> list[TaggedSpan]:
    """Turn BIO labels into spans; an I- label after another role starts one."""
    runs: list[tuple[str, list[int]]] = []
    for position, label in enumerate(labels):
        prefix, _, role = label.partition("-")
        if not role:
            continue
        if prefix == "I" and runs and runs[-1][0] == role and \
                runs[-1][1][-1] == position - 1:
            runs[-1][1].append(position)
        else:
            runs.append((role, [position]))
    return [TaggedSpan(role, tuple(paragraph.tokens[p] for p in positions), number,
                       paragraph.sentences[positions[0]][0],
                       run_score(tagger, labels, positions))
            for role, positions in runs]


def run_score(tagger, labels: list[str], positions: list[int]) -> float:
    """The CRF's mean marginal probability of the labels over a run."""
    total = sum(tagger.marginal(labels[p], p) for p in positions)
    return round(total / len(positions), 3)


def assign_sources(cues: list[TaggedSpan], sources: list[TaggedSpan]
                   ) -> dict[int, TaggedSpan]:
    """For each cue (by index), the nearest source span in its sentence."""
    chosen = {}
    for index, cue in enumerate(cues):
        near = [s for s in sources if s.sentence == cue.sentence]
        if near:
            chosen[index] = min(near, key=cue.distance)
    return chosen


def assign_contents(cues: list[TaggedSpan], contents: list[TaggedSpan]
                    ) -> dict[int, list[TaggedSpan]]:
    """For each cue (by index), the content spans that belong to it."""
    chosen: dict[int, list[TaggedSpan]] = {}
    for content in contents:
        index = owning_cue(cues, content)
        if index is not None:
            chosen.setdefault(index, []).append(content)
    return chosen


def owning_cue(cues: list[TaggedSpan], content: TaggedSpan) -> int | None:
    """The cue a content span belongs to: nearest in its sentence, else in its
    paragraph, else the last cue of the paragraph before."""
    for same in (lambda c: c.sentence == content.sentence,
                 lambda c: c.paragraph == content.paragraph):
        near = [i for i, cue in enumerate(cues) if same(cue)]
        if near:
            return min(near, key=lambda i: cues[i].distance(content))
    before = [i for i, cue in enumerate(cues) if cue.paragraph == content.paragraph - 1]
    return before[-1] if before else None


def cue_head(cue: TaggedSpan) -> Token:
    """The cue's syntactic head: its first token whose head lies outside it."""
    inside = {token.i for token in cue.tokens}
    return next((token for token in cue.tokens
                 if token.head.i not in inside or token.head.i == token.i),
                cue.tokens[0])


def subtree_span(head: Token, deps: frozenset[str], taken: list[tuple[int, int]]
                 ) -> tuple[int, int] | None:
    """The subtree of the first child of `head` with one of these labels, as
    a character span trimmed of punctuation; None if it overlaps `taken`."""
    child = next((c for c in head.children if c.dep_ in deps), None)
    if child is None:
        return None
    return token_run_span([t for t in child.subtree if not t.is_space], taken)


def governing_clause(head: Token, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """For a prepositional cue ("according to X"), the clause it modifies
    after the cue phrase, or before it when the phrase comes last."""
    if head.dep_ != "prep":
        return None
    phrase = {token.i for token in head.subtree}
    clause = [t for t in head.head.subtree if t.i not in phrase and not t.is_space]
    after = [t for t in clause if t.i > max(phrase)]
    return token_run_span(after or [t for t in clause if t.i < min(phrase)], taken)


def token_run_span(tokens: list[Token], taken: list[tuple[int, int]]
                   ) -> tuple[int, int] | None:
    """The character span from the first to the last token, trimmed of
    punctuation; None if empty or overlapping `taken`."""
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if any(a < end and start < b for a, b in taken):
        return None
    return (start, end)


def join_spans(text: str, spans: list[TaggedSpan]) -> tuple[tuple[int, int], ...]:
    """Character spans of the content, joining those with only spaces and
    punctuation between them."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(span.chars for span in spans):
        if joined and not any(ch.isalnum() for ch in text[joined[-1][1]:start]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


@lru_cache(maxsize=1)
def load_model():
    """The CRF tagger and its cue lexicon, loaded once per process."""
    import pycrfsuite

    model = data_file(*MODEL_FILE)
    if not model.is_file():
        raise InputError(str(model), "the attribution tagger model is missing; "
                         "train it with scripts/train_attribution_tagger.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger, load_lexicon()


def load_lexicon() -> CueLexicon:
    """The cue lexicon written next to the model."""
    return CueLexicon({lemma: float(score) for lemma, score in read_table(*LEXICON_FILE)})
