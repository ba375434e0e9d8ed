"""Token features for the attribution span tagger (see `tagger.py`).

A tagged sequence is one paragraph of the parse. Each token is described by
what it is (word, lemma, part of speech, shape, entity), where it sits in the
dependency tree (head, children that take a subject or a clause), its
neighbours, whether it is inside quotation marks, what its sentence holds
(a quotation mark, cue-like words, or cue-like words only next door), and how
it relates to the nearest *cue-like* word: a word whose lemma was often part
of a cue in the training data (`CueLexicon`). That last group is what lets
the tagger find a source as the subject of "said" and a content as its
complement, also for predicates it never saw as cues.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_PUNCT, LEMMA, LOWER, ORTH, POS, SHAPE, TAG
from spacy.tokens import Doc, Token

from ..parse import doc_text

OPEN_QUOTES = frozenset("“«")
CLOSE_QUOTES = frozenset("”»")
STRAIGHT_QUOTE = '"'

CUE_LIKE = 0.2
"""A word counts as cue-like when at least this share of its training
occurrences were inside a cue."""

CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj",
                         "advcl", "parataxis", "mark", "prep", "agent", "attr"})
"""Child labels that say a word takes a subject or a complement clause."""

WINDOW = (-2, -1, 1, 2)
"""The neighbours whose words a token's features include, by offset."""
STRINGS_CACHED = 1 << 16
"""Feature-string combinations kept formatted (`own_strings`, `window_strings`)."""
SCORE_BUCKETS = (0.05, 0.2, 0.4, 0.6, 0.8)
DISTANCE_BUCKETS = (1, 2, 3, 5, 8, 13, 21)


@dataclass(frozen=True)
class CueLexicon:
    """How often each lemma was part of a cue in the training data.

    scores: lemma -> share of its training occurrences inside a cue span.
    """

    scores: Mapping[str, float]

    def __hash__(self) -> int:
        return id(self)

    def score(self, token: Token) -> float:
        return self.scores.get(token.lemma_.lower(), 0.0)


@dataclass(frozen=True)
class TokenTable:
    """What the features read of every token of a doc, read once per doc
    (`token_table`): spaCy builds a Token and looks its strings up anew on
    every attribute access, which was most of the features' time."""

    lower: list[str]
    lemma: list[str]
    """Lower-cased."""
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]
    iob: list[str]
    """"B", "I", "O" or "" (unset)."""
    ent_type: list[str]
    text: list[str]
    head: list[int]
    punct: list[bool]
    children: list[list[int]]

    def ancestors(self, i: int) -> Iterator[int]:
        """The token's heads up to the root, as ``Token.ancestors``."""
        while self.head[i] != i:
            i = self.head[i]
            yield i


@lru_cache(maxsize=8)
def token_table(doc: Doc) -> TokenTable:
    """The doc's `TokenTable`."""
    columns = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, SHAPE, ENT_IOB, ENT_TYPE,
                            ORTH, HEAD, IS_PUNCT]).T.tolist()
    lower, lemma, pos, tag, dep, shape, iob, ent_type, orth, head, punct = columns
    name = _string_lookup(doc)
    heads = [i + offset - (offset >= 1 << 63) * (1 << 64) for i, offset in enumerate(head)]
    children: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    return TokenTable(
        lower=list(map(name, lower)), lemma=[name(h).lower() for h in lemma],
        pos=list(map(name, pos)), tag=list(map(name, tag)), dep=list(map(name, dep)),
        shape=list(map(name, shape)),
        iob=[IOB_LETTERS[i] for i in iob], ent_type=list(map(name, ent_type)),
        text=list(map(name, orth)), head=heads, punct=[bool(p) for p in punct],
        children=children)


IOB_LETTERS = ("", "I", "O", "B")


def _string_lookup(doc: Doc):
    """The string of a hash (or symbol id), each looked up once."""
    return _Names(doc.vocab.strings).__getitem__


class _Names(dict):
    def __init__(self, strings):
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        found = self[key] = self.strings[key]
        return found


@lru_cache(maxsize=8)
def cue_scores(doc: Doc, lexicon: CueLexicon) -> list[float]:
    """`CueLexicon.score` of every token of the doc."""
    scores = lexicon.scores
    return [scores.get(lemma, 0.0) for lemma in token_table(doc).lemma]


@dataclass(frozen=True)
class Paragraph:
    """One tagged sequence: the tokens of a paragraph (no whitespace tokens)
    and, for each, the (start, end) token indices of its sentence."""

    tokens: list[Token]
    sentences: list[tuple[int, int]]


def paragraphs(doc: Doc) -> Iterator[Paragraph]:
    """The doc's paragraphs: sentences between blank lines.

    Sentence bounds and the text are read once here: ``Token.sent`` and
    ``Doc.text`` rebuild them from all tokens on every call."""
    text = doc_text(doc)
    tokens: list[Token] = []
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        if tokens and blank_line_before(doc, text, sent.start):
            yield Paragraph(tokens, bounds)
            tokens, bounds = [], []
        for token in sent:
            if not token.is_space:
                tokens.append(token)
                bounds.append((sent.start, sent.end))
    if tokens:
        yield Paragraph(tokens, bounds)


def blank_line_before(doc: Doc, text: str, start: int) -> bool:
    """Whether a blank line comes before the token at `start`."""
    if start == 0:
        return True
    return text.count("\n", doc[start - 1].idx, doc[start].idx) >= 2


def sequence_features(paragraph: Paragraph, lexicon: CueLexicon) -> list[list[str]]:
    """The feature strings of every token in a paragraph, windows included."""
    doc = paragraph.tokens[0].doc
    table, scores = token_table(doc), cue_scores(doc, lexicon)
    positions = [token.i for token in paragraph.tokens]
    sentences = paragraph.sentences
    own = [token_features(table, scores, i, bounds) for i, bounds in zip(positions, sentences)]
    short = [window_features(table, scores, i) for i in positions]
    quoted = quote_states(table, positions)
    anchors = cue_anchors(table, scores, positions, sentences)
    context = sentence_context(paragraph, quoted, anchors)
    for n, i in enumerate(positions):
        own[n].append(f"q={quoted[n]}")
        own[n].extend(context[sentences[n][0]])
        own[n].extend(anchor_features(table, i, anchors.get(sentences[n][0], [])))
        own[n].extend(governing_cue_features(table, scores, i))
        for offset in WINDOW:
            j = n + offset
            if 0 <= j < len(positions):
                own[n].extend(short[j][offset])
                own[n].append(f"{offset}:q={quoted[j]}")
            else:
                own[n].append(f"{offset}:edge")
    return own


def sentence_context(paragraph: Paragraph, quoted: list[str],
                     anchors: dict[int, list[int]]) -> dict[int, list[str]]:
    """Per sentence (by start): whether it holds a quotation mark, and where
    the paragraph's nearest cue-like words are when it has none itself (a
    quote running over several sentences belongs to a cue next door)."""
    starts = sorted({start for start, _ in paragraph.sentences})
    marked = {start for (start, _), state in zip(paragraph.sentences, quoted)
              if state == "mark"}
    context = {}
    for number, start in enumerate(starts):
        features = [f"sq={start in marked}", f"sno={min(number, 3)}"]
        if start not in anchors:
            features.append(f"prev_anchor={number > 0 and starts[number - 1] in anchors}")
            features.append(f"next_anchor={number + 1 < len(starts) and starts[number + 1] in anchors}")
        context[start] = features
    return context


def token_features(table: TokenTable, scores: list[float], i: int,
                   sentence: tuple[int, int]) -> list[str]:
    """What token i itself is and where it hangs in the parse."""
    head = table.head[i]
    features = list(own_strings(
        table.lower[i], table.lemma[i], table.pos[i], table.tag[i], table.dep[i],
        table.shape[i], table.lemma[head], table.pos[head], table.dep[head],
        bucket(scores[i], SCORE_BUCKETS), bucket(scores[head], SCORE_BUCKETS),
        table.iob[i], table.ent_type[i]))
    if i == sentence[0]:
        features.append("sent_start")
    if i + 1 == sentence[1]:
        features.append("sent_end")
    if sentence[0] == 0:
        features.append("headline")
    features.extend(children_features(table, i))
    return features


@lru_cache(maxsize=STRINGS_CACHED)
def own_strings(lower: str, lemma: str, pos: str, tag: str, dep: str, shape: str,
                head_lemma: str, head_pos: str, head_dep: str, score: int,
                head_score: int, iob: str, ent_type: str) -> tuple[str, ...]:
    """The feature strings of a token's own attributes; the same few thousand
    combinations recur, so each is formatted once."""
    return ("bias", f"w={lower}", f"l={lemma}", f"p={pos}", f"t={tag}", f"d={dep}",
            f"s={shape}", f"suf={lower[-3:]}", f"hl={head_lemma}", f"hp={head_pos}",
            f"dhl={dep}|{head_lemma}", f"hd={head_dep}", f"cs={score}",
            f"hcs={head_score}", f"ent={iob}{ent_type}")


def children_features(table: TokenTable, i: int) -> list[str]:
    """What hangs below the token: a cue usually has a subject that names a
    speaker and a clause or object that holds the content."""
    children = table.children[i]
    features = [f"kid={table.dep[c]}" for c in children if table.dep[c] in CLAUSE_DEPS]
    for c in children:
        dep = table.dep[c]
        if dep in ("nsubj", "nsubjpass"):
            kind = table.ent_type[c] or table.pos[c]
            features.append(f"subj={kind}")
            features.append(f"subj_lemma={table.lemma[c]}")
        elif dep in ("prep", "agent"):
            features.append(f"kid_prep={table.lower[c]}")
    return features


def window_features(table: TokenTable, scores: list[float], i: int
                    ) -> dict[int, tuple[str, ...]]:
    """The few features a token lends to its neighbours' windows, by the
    neighbour's offset from it."""
    return window_strings(table.lower[i], table.pos[i], table.dep[i],
                          bucket(scores[i], SCORE_BUCKETS))


@lru_cache(maxsize=STRINGS_CACHED)
def window_strings(lower: str, pos: str, dep: str, score: int) -> dict[int, tuple[str, ...]]:
    names = (f"w={lower}", f"p={pos}", f"d={dep}", f"cs={score}")
    return {offset: tuple(f"{offset}:{name}" for name in names) for offset in WINDOW}


def quote_states(table: TokenTable, positions: list[int]) -> list[str]:
    """For each token: "in" inside double quotation marks, "mark" on one,
    else "out". A straight quote opens or closes by turns."""
    states = []
    inside = False
    for i in positions:
        text = table.text[i]
        if text in OPEN_QUOTES:
            inside = True
        elif text in CLOSE_QUOTES:
            inside = False
        elif text == STRAIGHT_QUOTE:
            inside = not inside
        else:
            states.append("in" if inside else "out")
            continue
        states.append("mark")
    return states


def cue_anchors(table: TokenTable, scores: list[float], positions: list[int],
                sentences: list[tuple[int, int]]) -> dict[int, list[int]]:
    """The cue-like tokens of a paragraph by sentence start: words often
    inside training cues."""
    anchors: dict[int, list[int]] = {}
    for i, (start, _) in zip(positions, sentences):
        if not table.punct[i] and scores[i] >= CUE_LIKE:
            anchors.setdefault(start, []).append(i)
    return anchors


def anchor_features(table: TokenTable, i: int, anchors: list[int]) -> list[str]:
    """How token i relates to the nearest cue-like word in its sentence."""
    if not anchors:
        return ["anchor=none"]
    anchor = min(anchors, key=lambda a: abs(a - i))
    if anchor == i:
        return ["anchor=self"]
    side = "L" if i < anchor else "R"
    distance = bucket(abs(anchor - i), DISTANCE_BUCKETS)
    relation = tree_relation(table, i, anchor)
    lemma = table.lemma[anchor]
    return [f"anchor={side}{distance}", f"arel={relation}",
            f"arel_side={relation}|{side}", f"alemma={lemma}|{side}",
            f"arel_lemma={relation}|{lemma}"]


def governing_cue_features(table: TokenTable, scores: list[float], i: int) -> list[str]:
    """The nearest cue-like word above the token in the tree, and the label of
    the branch under it that holds the token ("nsubj" for a source, "ccomp"
    for a content)."""
    child = i
    for depth, ancestor in enumerate(table.ancestors(i), start=1):
        if scores[ancestor] >= CUE_LIKE:
            dep = table.dep[child]
            return [f"gov={dep}", f"gov_lemma={dep}|{table.lemma[ancestor]}",
                    f"gov_depth={bucket(depth, DISTANCE_BUCKETS)}"]
        child = ancestor
    return ["gov=none"]


def tree_relation(table: TokenTable, i: int, anchor: int) -> str:
    """The dependency label under `anchor` that dominates token i, if any."""
    child = i
    for ancestor in table.ancestors(i):
        if ancestor == anchor:
            return "under:" + table.dep[child]
        child = ancestor
    if anchor in table.children[i]:
        return "head_of"
    if table.head[anchor] == table.head[i]:
        return "sibling:" + table.dep[anchor]
    return "other"


def bucket(value: float, edges: tuple[float, ...]) -> int:
    """The index of the first edge above `value` (len(edges) past the last)."""
    return bisect_right(edges, value)
