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
  punctuation are joined.

The model (`sayso/data/models/attribution-tagger.crfsuite`) and its cue
lexicon are written by ``scripts/train_attribution_tagger.py`` and loaded
once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...errors import InputError
from ...resources import data_file, read_table
from ..parse import ParsedDocument
from .candidates import Candidate
from .features import CueLexicon, paragraphs, sequence_features

MODEL_FILE = ("models", "attribution-tagger.crfsuite")
LEXICON_FILE = ("models", "attribution-cue-lemmas.tsv")
ROLES = ("SOURCE", "CUE", "CONTENT")
FINDER = "tagger"


@dataclass(frozen=True)
class TaggedSpan:
    """One run of tokens the CRF gave the same role."""

    role: str
    tokens: tuple[Token, ...]
    paragraph: int
    score: float

    @property
    def start(self) -> int:
        return self.tokens[0].i

    @property
    def end(self) -> int:
        return self.tokens[-1].i + 1

    @property
    def sentence(self) -> int:
        return self.tokens[0].sent.start

    @property
    def chars(self) -> tuple[int, int]:
        last = self.tokens[-1]
        return (self.tokens[0].idx, last.idx + len(last.text))

    def distance(self, other: TaggedSpan) -> int:
        """Tokens between the two spans (0 when they touch or overlap)."""
        return max(0, other.start - self.end, self.start - other.end)


def tag_candidates(parsed: ParsedDocument) -> list[Candidate]:
    """The attributions the tagger finds in a parsed document, in text order."""
    return tag_doc(parsed.doc)


def tag_doc(doc: Doc) -> list[Candidate]:
    """The attributions the tagger finds in a spaCy doc (see module docstring)."""
    spans = tagged_spans(doc)
    cues = [span for span in spans if span.role == "CUE"]
    sources = assign_sources(cues, [s for s in spans if s.role == "SOURCE"])
    contents = assign_contents(cues, [s for s in spans if s.role == "CONTENT"])
    return [Candidate(cue=cue.chars,
                      content=join_spans(doc.text, contents.get(index, [])),
                      source=sources[index].chars if index in sources else None,
                      finder=FINDER, score=cue.score)
            for index, cue in enumerate(cues)]


def tagged_spans(doc: Doc) -> list[TaggedSpan]:
    """Every role span the CRF tags in the doc, in text order."""
    tagger, lexicon = load_model()
    spans: list[TaggedSpan] = []
    for number, paragraph in enumerate(paragraphs(doc)):
        labels = tagger.tag(sequence_features(paragraph, lexicon))
        spans.extend(spans_from_labels(tagger, paragraph, labels, number))
    return spans


def spans_from_labels(tagger, paragraph: list[Token], labels: list[str],
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
    return [TaggedSpan(role, tuple(paragraph[p] for p in positions), number,
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
