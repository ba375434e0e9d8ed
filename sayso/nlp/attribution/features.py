"""Token features for the attribution span tagger (see `tagger.py`).

A tagged sequence is one paragraph of the parse. Each token is described by
what it is (word, lemma, part of speech, shape), where it sits in the
dependency tree, whether it is inside quotation marks, and how it relates to
the nearest *cue-like* word: a word whose lemma was often part of a cue in
the training data (`CueLexicon`). That last group is what lets the tagger
find a source as the subject of "said" and a content as its complement.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

OPEN_QUOTES = frozenset("“«")
CLOSE_QUOTES = frozenset("”»")
STRAIGHT_QUOTE = '"'

CUE_LIKE = 0.2
"""A word counts as cue-like when at least this share of its training
occurrences were inside a cue."""

SCORE_BUCKETS = (0.05, 0.2, 0.4, 0.6, 0.8)
DISTANCE_BUCKETS = (1, 2, 3, 5, 8, 13, 21)


@dataclass(frozen=True)
class CueLexicon:
    """How often each lemma was part of a cue in the training data.

    scores: lemma -> share of its training occurrences inside a cue span.
    """

    scores: Mapping[str, float]

    def score(self, token: Token) -> float:
        return self.scores.get(token.lemma_.lower(), 0.0)


def paragraphs(doc: Doc) -> Iterator[list[Token]]:
    """The doc's paragraphs (sentences between blank lines), without the
    whitespace tokens."""
    paragraph: list[Token] = []
    for sent in doc.sents:
        if paragraph and starts_paragraph(sent):
            yield paragraph
            paragraph = []
        paragraph.extend(token for token in sent if not token.is_space)
    if paragraph:
        yield paragraph


def starts_paragraph(sent: Span) -> bool:
    """Whether a blank line comes before this sentence."""
    doc = sent.doc
    if sent.start == 0:
        return True
    gap = doc.text[doc[sent.start - 1].idx:doc[sent.start].idx]
    return gap.count("\n") >= 2


def sequence_features(paragraph: list[Token], lexicon: CueLexicon) -> list[list[str]]:
    """The feature strings of every token in a paragraph, windows included."""
    own = [token_features(token, lexicon) for token in paragraph]
    short = [window_features(token, lexicon) for token in paragraph]
    quoted = quote_states(paragraph)
    anchors = cue_anchors(paragraph, lexicon)
    for i, token in enumerate(paragraph):
        own[i].append(f"q={quoted[i]}")
        own[i].extend(anchor_features(token, anchors.get(token.sent.start, [])))
        own[i].extend(governing_cue_features(token, lexicon))
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(paragraph):
                own[i].extend(f"{offset}:{name}" for name in short[j])
                own[i].append(f"{offset}:q={quoted[j]}")
            else:
                own[i].append(f"{offset}:edge")
    return own


def token_features(token: Token, lexicon: CueLexicon) -> list[str]:
    """What the token itself is and where it hangs in the parse."""
    lower = token.lower_
    head = token.head
    features = [
        "bias", f"w={lower}", f"l={token.lemma_.lower()}", f"p={token.pos_}",
        f"t={token.tag_}", f"d={token.dep_}", f"s={token.shape_}",
        f"suf={lower[-3:]}", f"hl={head.lemma_.lower()}", f"hp={head.pos_}",
        f"dhl={token.dep_}|{head.lemma_.lower()}", f"hd={head.dep_}",
        f"cs={bucket(lexicon.score(token), SCORE_BUCKETS)}",
        f"hcs={bucket(lexicon.score(head), SCORE_BUCKETS)}",
        f"ent={token.ent_iob_}{token.ent_type_}",
    ]
    if token.is_sent_start:
        features.append("sent_start")
    if token.i + 1 == token.sent.end:
        features.append("sent_end")
    if token.sent.start == 0:
        features.append("headline")
    return features


def window_features(token: Token, lexicon: CueLexicon) -> list[str]:
    """The few features a token lends to its neighbours' windows."""
    return [f"w={token.lower_}", f"p={token.pos_}", f"d={token.dep_}",
            f"cs={bucket(lexicon.score(token), SCORE_BUCKETS)}"]


def quote_states(paragraph: list[Token]) -> list[str]:
    """For each token: "in" inside double quotation marks, "mark" on one,
    else "out". A straight quote opens or closes by turns."""
    states = []
    inside = False
    for token in paragraph:
        text = token.text
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


def cue_anchors(paragraph: list[Token], lexicon: CueLexicon) -> dict[int, list[Token]]:
    """The cue-like tokens of a paragraph by sentence start: words often
    inside training cues."""
    anchors: dict[int, list[Token]] = {}
    for token in paragraph:
        if not token.is_punct and lexicon.score(token) >= CUE_LIKE:
            anchors.setdefault(token.sent.start, []).append(token)
    return anchors


def anchor_features(token: Token, anchors: list[Token]) -> list[str]:
    """How the token relates to the nearest cue-like word in its sentence."""
    if not anchors:
        return ["anchor=none"]
    anchor = min(anchors, key=lambda a: abs(a.i - token.i))
    if anchor.i == token.i:
        return ["anchor=self"]
    side = "L" if token.i < anchor.i else "R"
    distance = bucket(abs(anchor.i - token.i), DISTANCE_BUCKETS)
    relation = tree_relation(token, anchor)
    lemma = anchor.lemma_.lower()
    return [f"anchor={side}{distance}", f"arel={relation}",
            f"arel_side={relation}|{side}", f"alemma={lemma}|{side}",
            f"arel_lemma={relation}|{lemma}"]


def governing_cue_features(token: Token, lexicon: CueLexicon) -> list[str]:
    """The nearest cue-like word above the token in the tree, and the label of
    the branch under it that holds the token ("nsubj" for a source, "ccomp"
    for a content)."""
    child = token
    for depth, ancestor in enumerate(token.ancestors, start=1):
        if lexicon.score(ancestor) >= CUE_LIKE:
            lemma = ancestor.lemma_.lower()
            return [f"gov={child.dep_}", f"gov_lemma={child.dep_}|{lemma}",
                    f"gov_depth={bucket(depth, DISTANCE_BUCKETS)}"]
        child = ancestor
    return ["gov=none"]


def tree_relation(token: Token, anchor: Token) -> str:
    """The dependency label under `anchor` that dominates `token`, if any."""
    child = token
    for ancestor in token.ancestors:
        if ancestor.i == anchor.i:
            return "under:" + child.dep_
        child = ancestor
    if anchor in token.children:
        return "head_of"
    if anchor.head.i == token.head.i:
        return "sibling:" + anchor.dep_
    return "other"


def bucket(value: float, edges: tuple[float, ...]) -> int:
    """The index of the first edge above `value` (len(edges) past the last)."""
    for index, edge in enumerate(edges):
        if value < edge:
            return index
    return len(edges)
