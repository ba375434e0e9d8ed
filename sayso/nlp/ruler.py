"""The same matches as spaCy's attribute ruler, found through an index.

The ruler of ``en_core_web_sm`` (the tag map and a few word rules: 179 keys)
runs spaCy's ``Matcher``, which tries every pattern at every token: 0.64 s of
a 5.2 s parse of 30 PolNeAR articles, the third most costly step of the
pipeline. Its patterns are simple (one or two tokens, each a conjunction of
conditions on TAG, LOWER, DEP or IS_SPACE), and what fits a token depends
only on its tag, label, whether it is a space and, of its lowercase form,
only whether it is one of the few words the patterns name (else which of
their regular expressions it fits). `IndexedMatcher` works that out once per
combination, keeps it, and returns the very list ``AttributeRuler.match``
returns; the ruler then sets the attributes as before. A ruler with any other
kind of pattern keeps spaCy's matcher (`speed_up_attribute_ruler`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes patterns may test, by their Matcher names."""
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")
ATTRIBUTE_IDS = [TAG, LOWER, DEP, IS_SPACE]
MEMO_SIZE = 100_000
"""Combinations (and lowercase forms) remembered; the memo starts over past this."""

Value = str | bool
Condition = Callable[[Value], bool]


@dataclass(frozen=True)
class TokenPattern:
    """One token of a pattern: a condition per attribute."""

    conditions: tuple[tuple[str, Condition], ...]
    specs: dict

    def fits(self, values: dict[str, Value]) -> bool:
        return all(condition(values[attr]) for attr, condition in self.conditions)


@dataclass(frozen=True)
class Pattern:
    """One pattern of rule number `order` (key: the rule's Matcher key)."""

    key: int
    order: int
    tokens: tuple[TokenPattern, ...]


@dataclass(frozen=True)
class Fits:
    """For one combination of attribute values: the (rule, key) of the
    one-token patterns that fit it, the longer patterns whose first token
    fits it, and the (pattern, position) of their later tokens that fit it."""

    single: tuple[tuple[int, int], ...]
    first: tuple[int, ...]
    later: frozenset[tuple[int, int]]


class IndexedMatcher:
    """``AttributeRuler.match`` for rulers whose patterns `compile_pattern` reads."""

    def __init__(self, patterns: list[Pattern], words: frozenset[int],
                 word_tests: list[Callable[[str], object]]):
        self.patterns = patterns
        self.index = first_token_index(patterns)
        self.later = [(number, offset, token) for number, pattern in enumerate(patterns)
                      for offset, token in enumerate(pattern.tokens) if offset]
        self.words = words
        self.word_tests = word_tests
        self.memo: dict[tuple, Fits] = {}
        self.word_classes: dict[int, object] = {}

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, rule key, start, end) of every match, sorted as the
        ruler sorts them: rule by rule, so later rules win."""
        fits = self._fits(doc)
        found = set()
        for start, fit in enumerate(fits):
            for order, key in fit.single:
                found.add((order, key, start, start + 1))
            for number in fit.first:
                pattern = self.patterns[number]
                end = start + len(pattern.tokens)
                if end <= len(fits) and all((number, offset) in fits[start + offset].later
                                            for offset in range(1, len(pattern.tokens))):
                    found.add((pattern.order, pattern.key, start, end))
        return sorted(found)

    def _fits(self, doc: Doc) -> list[Fits]:
        """What fits each token, from the memo where the combination was seen."""
        memo, words, classes = self.memo, self.words, self.word_classes
        fits = []
        for tag, lower, dep, space in doc.to_array(ATTRIBUTE_IDS).tolist():
            key = (tag, lower if lower in words else classes.get(lower)
                   or self._word_class(doc, lower), dep, space)
            fit = memo.get(key)
            if fit is None:
                fit = self._remember(doc, key, (tag, lower, dep, space))
            fits.append(fit)
        return fits

    def _remember(self, doc: Doc, key: tuple, row: tuple[int, int, int, int]) -> Fits:
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        strings = doc.vocab.strings
        tag, lower, dep, space = row
        fit = self.memo[key] = self._work_out({
            "TAG": strings[tag], "LOWER": strings[lower], "DEP": strings[dep],
            "IS_SPACE": bool(space)})
        return fit

    def _word_class(self, doc: Doc, lower: int) -> tuple[bool, ...]:
        """A word the patterns do not name stands for the answers of their
        regular expressions (one it names stands for itself)."""
        if len(self.word_classes) >= MEMO_SIZE:
            self.word_classes.clear()
        text = doc.vocab.strings[lower]
        found = self.word_classes[lower] = tuple(bool(test(text)) for test in self.word_tests)
        return found

    def _work_out(self, values: dict[str, Value]) -> Fits:
        candidates = {*self.index.get(None, ()), *(
            number for attr in INDEXED for number in self.index.get((attr, values[attr]), ()))}
        fitting = [(number, self.patterns[number]) for number in sorted(candidates)
                   if self.patterns[number].tokens[0].fits(values)]
        return Fits(
            single=tuple((p.order, p.key) for _, p in fitting if len(p.tokens) == 1),
            first=tuple(number for number, p in fitting if len(p.tokens) > 1),
            later=frozenset((number, offset) for number, offset, token in self.later
                            if token.fits(values)))


def first_token_index(patterns: list[Pattern]) -> dict:
    """Pattern numbers by an (attribute, value) their first token requires
    (the first of `INDEXED` it fixes); under None those that fix none."""
    index: dict = {}
    for number, pattern in enumerate(patterns):
        for entry in required_values(pattern.tokens[0].specs):
            index.setdefault(entry, []).append(number)
    return index


def required_values(token: dict) -> list:
    for attr in INDEXED:
        spec = token.get(attr)
        if isinstance(spec, (str, bool)):
            return [(attr, spec)]
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return [(attr, value) for value in spec["IN"]]
    return [None]


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the indexed matcher, when it has
    a ruler and every one of its patterns can be indexed."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = indexed_matcher(ruler)
    if matcher is not None:
        ruler.match = matcher.match


def indexed_matcher(ruler) -> IndexedMatcher | None:
    """The ruler's patterns compiled; None if one cannot be."""
    patterns: list[Pattern] = []
    for order, rule in enumerate(ruler.patterns):
        key = ruler.vocab.strings[str(order)]
        for tokens in rule["patterns"]:
            compiled = compile_pattern(tokens)
            if compiled is None:
                return None
            patterns.append(Pattern(key, order, compiled))
    specs = [token.get("LOWER") for rule in ruler.patterns
             for tokens in rule["patterns"] for token in tokens]
    return IndexedMatcher(patterns, named_words(specs), word_tests(specs))


def named_words(specs: list) -> frozenset[int]:
    """The ids of the words LOWER conditions name (plain, IN or NOT_IN)."""
    words: set[str] = set()
    for spec in specs:
        if isinstance(spec, str):
            words.add(spec)
        elif isinstance(spec, dict) and ("IN" in spec or "NOT_IN" in spec):
            words.update(spec.get("IN", spec.get("NOT_IN")))
    return frozenset(get_string_id(word) for word in words)


def word_tests(specs: list) -> list[Callable[[str], object]]:
    return [re.compile(spec["REGEX"]).search for spec in specs
            if isinstance(spec, dict) and "REGEX" in spec]


def compile_pattern(tokens: list[dict]) -> tuple[TokenPattern, ...] | None:
    """A pattern's tokens as conditions; None for anything but plain values
    and IN, NOT_IN or REGEX on TAG, LOWER, DEP and IS_SPACE."""
    compiled = []
    for token in tokens:
        conditions = []
        for attr, spec in token.items():
            condition = compile_condition(attr, spec)
            if condition is None:
                return None
            conditions.append((attr, condition))
        compiled.append(TokenPattern(tuple(conditions), token))
    return tuple(compiled) if compiled else None


def compile_condition(attr: str, spec) -> Condition | None:
    if attr not in ATTRIBUTES:
        return None
    if isinstance(spec, (str, bool)) and (attr == "IS_SPACE") == isinstance(spec, bool):
        return lambda value: value == spec
    if not isinstance(spec, dict) or len(spec) != 1 or attr == "IS_SPACE":
        return None
    (operator, argument), = spec.items()
    if operator == "IN":
        allowed = frozenset(argument)
        return lambda value: value in allowed
    if operator == "NOT_IN":
        banned = frozenset(argument)
        return lambda value: value not in banned
    if operator == "REGEX":
        search = re.compile(argument).search
        return lambda value: bool(search(value))
    return None
