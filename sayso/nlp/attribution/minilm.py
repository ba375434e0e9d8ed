"""The accurate attribution tagger: MiniLM-L6 fine-tuned on PolNeAR train,
averaged with the CRF.

A small transformer (6 layers, 384 wide) reads the text in overlapping
windows of word pieces and gives every piece a probability for each BIO
label of SOURCE, CUE and CONTENT. A spaCy token takes the probabilities of
its first piece, averaged with the CRF tagger's marginal probabilities for
the same labels (the two err in different places: measured on PolNeAR dev,
docs/QUALITY.md). Within each paragraph the best label path that respects
BIO order is decoded, and the runs become the same tagged spans the CRF
tagger makes, so grouping into attributions (`tagger.candidates_from_spans`),
the merge with the rules and enrichment are shared.

It is more accurate than the CRF alone and about six times slower (the stage
costs 1.5 times the spaCy parse instead of 0.23; docs/QUALITY.md),
so it runs only when asked for (``sayso analyze --accurate``). The model is
an int8 ONNX file run by onnxruntime, with its word-piece tokenizer, both
written by ``scripts/train_attribution_minilm.py``; they need the extra
``sayso[accurate]``.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

from ...errors import MissingExtraError
from ...resources import data_file
from ..parse import ParsedDocument
from .candidates import Candidate
from .features import Paragraph, paragraphs, sequence_features
from .tagger import TaggedSpan, candidates_from_spans, spans_from_labels
from .tagger import load_model as load_crf

MODEL_FILE = ("models", "attribution-minilm-int8.onnx")
TOKENIZER_FILE = ("models", "attribution-minilm-tokenizer.json")
LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
WINDOW = 192
STRIDE = 96
CLS, SEP = 101, 102
TRANSFORMER_WEIGHT = 0.7
"""The transformer's share of the averaged label probabilities (the CRF has the rest)."""


@lru_cache(maxsize=1)
def load_model():
    """The ONNX session and the tokenizer, loaded once per process."""
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise MissingExtraError("the accurate attribution tagger", "accurate",
                                exc.name or "onnxruntime") from exc
    model = data_file(*MODEL_FILE).read_bytes()
    session = onnxruntime.InferenceSession(model, session_options(onnxruntime),
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_str(data_file(*TOKENIZER_FILE).read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return session, tokenizer


def session_options(onnxruntime):
    """Settings that make the int8 model give the same output on every x86-64 CPU
    as far as onnxruntime can.

    ``session.x64quantprecision`` matters most: without VNNI (AVX2, AVX-512
    without VNNI) onnxruntime's u8s8 matrix product saturates 16-bit sums, so
    the model's probabilities move by up to 0.19 and spans change; with it,
    such CPUs take the exact u8u8 path (CPUs with VNNI are unaffected).
    One thread, run in order, and the full graph optimisation the model was
    measured with take thread scheduling and fused-kernel choice out of the
    output. Float kernels still differ a little between instruction sets
    (up to 0.02 measured), so tests check what must hold, not bytes
    (docs/QUALITY.md, "Accurate mode on other CPUs")."""
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.x64quantprecision", "1")
    return options


def window_starts(length: int, stride: int = STRIDE) -> list[int]:
    """Where the windows over `length` pieces start: every `stride` pieces,
    the last one flush with the end."""
    starts = list(range(0, max(length - WINDOW, 0) + 1, stride))
    if starts[-1] + WINDOW < length:
        starts.append(length - WINDOW)
    return starts


def piece_probabilities(text: str) -> tuple[np.ndarray, np.ndarray]:
    """((start, end) offsets of each word piece, its label probabilities).

    A piece seen by several windows averages their outputs, weighted by how
    far it sits from the window's edges (more context on both sides)."""
    session, tokenizer = load_model()
    encoding = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(encoding.ids, dtype=np.int64)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    total = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
    weight = np.zeros(len(ids), dtype=np.float32)
    for first in window_starts(len(ids)) if len(ids) else []:
        chunk = ids[first:first + WINDOW]
        batch = np.concatenate(([CLS], chunk, [SEP]))[None, :]
        logits = session.run(None, {"input_ids": batch,
                                    "attention_mask": np.ones_like(batch)})[0][0, 1:-1]
        probabilities = softmax(logits)
        position = np.arange(len(chunk))
        closeness = 1.0 + np.minimum(position, position[::-1])
        total[first:first + len(chunk)] += probabilities * closeness[:, None]
        weight[first:first + len(chunk)] += closeness
    return offsets, total / np.maximum(weight, 1e-9)[:, None]


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def token_probabilities(doc: Doc, text: str) -> np.ndarray:
    """Label probabilities per spaCy token: those of the word piece its
    first character is in (spaCy splits "cannot" where the tokenizer keeps
    one piece), else of the first piece starting inside it; "O" for a token
    no piece touches, such as whitespace."""
    offsets, probabilities = piece_probabilities(text)
    out = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    out[:, 0] = 1.0
    if not len(offsets):
        return out
    starts, ends = offsets[:, 0], offsets[:, 1]
    token_starts = np.fromiter((token.idx for token in doc), dtype=np.int64, count=len(doc))
    token_ends = token_starts + np.fromiter((len(token.text) for token in doc),
                                            dtype=np.int64, count=len(doc))
    covering = np.searchsorted(starts, token_starts, side="right") - 1
    inside = np.minimum(covering + 1, len(starts) - 1)
    covers = (covering >= 0) & (ends[np.maximum(covering, 0)] > token_starts)
    piece = np.where(covers, covering, inside)
    found = covers | ((starts[inside] >= token_starts) & (starts[inside] < token_ends))
    out[found] = probabilities[piece[found]]
    return out


@lru_cache(maxsize=1)
def transition_scores() -> np.ndarray:
    """0 where one label may follow another, -inf-like where BIO forbids it
    (an I- label only continues its own role)."""
    scores = np.zeros((len(LABELS), len(LABELS)))
    for after, label in enumerate(LABELS):
        if label.startswith("I-"):
            for before, previous in enumerate(LABELS):
                if previous[2:] != label[2:]:
                    scores[before, after] = -1e9
    return scores


def best_labels(probabilities: np.ndarray) -> list[str]:
    """The most probable BIO-valid label sequence (Viterbi)."""
    log_p = np.log(probabilities + 1e-9)
    transitions = transition_scores()
    start_ok = np.array([0.0 if not label.startswith("I-") else -1e9 for label in LABELS])
    score = log_p[0] + start_ok
    back = np.zeros(log_p.shape, dtype=np.int64)
    for position in range(1, len(log_p)):
        candidates = score[:, None] + transitions
        back[position] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_p[position]
    path = [int(score.argmax())]
    for position in range(len(log_p) - 1, 0, -1):
        path.append(int(back[position][path[-1]]))
    return [LABELS[index] for index in reversed(path)]


class Marginals:
    """The per-token label probabilities of one paragraph, read through the
    ``marginal(label, position)`` call the CRF tagger answers too."""

    def __init__(self, probabilities: np.ndarray):
        self.probabilities = probabilities

    def marginal(self, label: str, position: int) -> float:
        return float(self.probabilities[position, LABELS.index(label)])


def minilm_candidates(parsed: ParsedDocument) -> list[Candidate]:
    """The attributions the transformer finds in a parsed document."""
    return candidates_from_spans(parsed.doc, tagged_spans(parsed.doc, parsed.text))


def tagged_spans(doc: Doc, text: str) -> list[TaggedSpan]:
    """Every role span the transformer and the CRF together tag in the doc,
    in text order."""
    probabilities = token_probabilities(doc, text)
    spans: list[TaggedSpan] = []
    for number, paragraph in enumerate(paragraphs(doc)):
        rows = probabilities[[token.i for token in paragraph.tokens]]
        rows = TRANSFORMER_WEIGHT * rows + (1 - TRANSFORMER_WEIGHT) * crf_marginals(paragraph)
        spans.extend(spans_from_labels(Marginals(rows), paragraph, best_labels(rows), number))
    return spans


def crf_marginals(paragraph: Paragraph) -> np.ndarray:
    """The CRF tagger's probability of each label (in LABELS order) per token."""
    crf, lexicon = load_crf()
    crf.set(sequence_features(paragraph, lexicon))
    return np.array([[crf.marginal(label, position) for label in LABELS]
                     for position in range(len(paragraph.tokens))], dtype=np.float32)
