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
    tokens, sentences = paragraph.tokens, paragraph.sentences
    own = [token_features(token, bounds, lexicon)
           for token, bounds in zip(tokens, sentences)]
    short = [window_features(token, lexicon) for token in tokens]
    quoted = quote_states(tokens)
    anchors = cue_anchors(paragraph, lexicon)
    context = sentence_context(paragraph, quoted, anchors)
    for i, token in enumerate(tokens):
        own[i].append(f"q={quoted[i]}")
        own[i].extend(context[sentences[i][0]])
        own[i].extend(anchor_features(token, anchors.get(sentences[i][0], [])))
        own[i].extend(governing_cue_features(token, lexicon))
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(tokens):
                own[i].extend(f"{offset}:{name}" for name in short[j])
                own[i].append(f"{offset}:q={quoted[j]}")
            else:
                own[i].append(f"{offset}:edge")
    return own


def sentence_context(paragraph: Paragraph, quoted: list[str],
                     anchors: dict[int, list[Token]]) -> dict[int, list[str]]:
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


def token_features(token: Token, sentence: tuple[int, int], lexicon: CueLexicon
                   ) -> list[str]:
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
    if token.i == sentence[0]:
        features.append("sent_start")
    if token.i + 1 == sentence[1]:
        features.append("sent_end")
    if sentence[0] == 0:
        features.append("headline")
    features.extend(children_features(token))
    return features


def children_features(token: Token) -> list[str]:
    """What hangs below the token: a cue usually has a subject that names a
    speaker and a clause or object that holds the content."""
    features = [f"kid={child.dep_}" for child in token.children
                if child.dep_ in CLAUSE_DEPS]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or child.pos_
            features.append(f"subj={kind}")
            features.append(f"subj_lemma={child.lemma_.lower()}")
        elif child.dep_ in ("prep", "agent"):
            features.append(f"kid_prep={child.lower_}")
    return features


def window_features(token: Token, lexicon: CueLexicon) -> list[str]:
    """The few features a token lends to its neighbours' windows."""
    return [f"w={token.lower_}", f"p={token.pos_}", f"d={token.dep_}",
            f"cs={bucket(lexicon.score(token), SCORE_BUCKETS)}"]


def quote_states(tokens: list[Token]) -> list[str]:
    """For each token: "in" inside double quotation marks, "mark" on one,
    else "out". A straight quote opens or closes by turns."""
    states = []
    inside = False
    for token in tokens:
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


def cue_anchors(paragraph: Paragraph, lexicon: CueLexicon) -> dict[int, list[Token]]:
    """The cue-like tokens of a paragraph by sentence start: words often
    inside training cues."""
    anchors: dict[int, list[Token]] = {}
    for token, (start, _) in zip(paragraph.tokens, paragraph.sentences):
        if not token.is_punct and lexicon.score(token) >= CUE_LIKE:
            anchors.setdefault(start, []).append(token)
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
    return bisect_right(edges, value)
