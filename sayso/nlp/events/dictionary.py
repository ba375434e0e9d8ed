"""Coding a verb with the CAMEO verb dictionary (tables derived by `derive`).

A verb belongs to one or more blocks; each block has patterns of words
expected before and after the verb ("- * (TO BORDER) [154]"). The pattern
matching the most words wins; without one, the verb's own code applies. The
words after the verb are looked for in the verb's own clause (its subtree
without nested clauses, which are coded on their own); the words before it in
the few tokens that precede it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from ...resources import read_table

CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis",
                         "csubj", "acl"})
AFTER_WINDOW = 12
MAX_DEPTH = 3
BEFORE_WINDOW = 6


@dataclass(frozen=True)
class Pattern:
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    reversed: bool = False

    @cached_property
    def size(self) -> int:
        return len(self.before) + len(self.after)

    @cached_property
    def function_words_only(self) -> bool:
        """ "CALL ON", "CONDUCT * TO": words after the verb that are all function
        words, which must follow it at once ("called on Poland", not "called a
        press conference on Monday")."""
        return bool(self.after) and all(w in STOP_WORDS for w in self.after)

    @property
    def vetoes_on_function_words(self) -> bool:
        """A "not an event" pattern made of function words only ("- * SINCE [---]"):
        a leftover of noun/verb disambiguation that a parse does not need."""
        return self.code == "---" and all(w in STOP_WORDS for w in self.before + self.after)


@dataclass(frozen=True)
class VerbCode:
    """What the dictionary says about one verb in its sentence."""

    cameo: str
    reversed: bool
    pattern: Pattern | None


@dataclass(frozen=True)
class VerbDictionary:
    """synsets: name → first word → the member phrases starting with it."""

    synsets: dict[str, dict[str, tuple[tuple[str, ...], ...]]]
    verbs: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]
    patterns: dict[str, tuple[Pattern, ...]]


def by_first_word(members: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for member in members:
        index[member[0]].append(member)
    return {word: tuple(found) for word, found in index.items()}


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    synsets: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name, member in read_table("cameo_synsets.tsv"):
        synsets[name].append(tuple(member.split()))
    verbs: dict[str, list] = defaultdict(list)
    for verb, block, code, *needs in read_table("cameo_verbs.tsv"):
        verbs[verb].append((block, code, tuple((needs or [""])[0].split())))
    patterns: dict[str, list[Pattern]] = defaultdict(list)
    for block, before, after, code, reverse in read_table("cameo_patterns.tsv"):
        pattern = Pattern(tuple(before.split()), tuple(after.split()), code, reverse == "1")
        if not pattern.vetoes_on_function_words:
            patterns[block].append(pattern)
    return VerbDictionary({k: by_first_word(v) for k, v in synsets.items() if v},
                          {k: tuple(v) for k, v in verbs.items()},
                          {k: tuple(v) for k, v in patterns.items()})


def token_forms(token: Token) -> frozenset[str]:
    return frozenset({token.lower_, token.lemma_.lower()})


def element_lengths(element: str, forms: list[frozenset[str]], at: int,
                    synsets: dict) -> list[int]:
    """How many tokens from `at` the pattern element can cover (none: [])."""
    if element.startswith("&"):
        index = synsets.get(element, {})
        members = [m for form in forms[at] for m in index.get(form, ())] if index else []
        return [len(m) for m in members
                if at + len(m) <= len(forms)
                and all(word in forms[at + k] for k, word in enumerate(m[1:], start=1))]
    alternatives = element.split("/")
    return [1] if at < len(forms) and any(a in forms[at] for a in alternatives) else []


def can_start(element: str, words: frozenset[str], synsets: dict) -> bool:
    """Can the element start at one of these words? (A quick test before the scan.)"""
    if element.startswith("&"):
        index = synsets.get(element, {})
        return any(word in index for word in words)
    return any(a in words for a in element.split("/"))


@dataclass(frozen=True)
class Window:
    """The forms of some tokens, in order, and all their words together."""

    forms: list[frozenset[str]]
    words: frozenset[str]

    @classmethod
    def of(cls, tokens: list[Token]) -> "Window":
        forms = [token_forms(t) for t in tokens]
        return cls(forms, frozenset().union(*forms))


def matches_in_order(elements: tuple[str, ...], window: Window, synsets: dict) -> bool:
    """Do the elements occur in order (gaps allowed) among the window's forms?"""
    if not all(can_start(element, window.words, synsets) for element in elements):
        return False
    forms, position = window.forms, 0
    for element in elements:
        while position < len(forms):
            lengths = element_lengths(element, forms, position, synsets)
            if lengths:
                position += max(lengths)
                break
            position += 1
        else:
            return False
    return True


def depth_below(token: Token, ancestor: Token) -> int:
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def clause_after(verb: Token) -> list[Token]:
    """The tokens after the verb in its own clause, nested clauses left out."""
    nested = {t.i for child in verb.children if child.dep_ in CLAUSE_DEPS
              for t in child.subtree}
    after = [t for t in verb.subtree if t.i > verb.i and t.i not in nested
             and not t.is_punct and depth_below(t, verb) <= MAX_DEPTH]
    return after[:AFTER_WINDOW]


def words_before(verb: Token) -> list[Token]:
    start = max(verb.sent.start, verb.i - BEFORE_WINDOW)
    return [t for t in verb.doc[start:verb.i] if not t.is_punct]


def base_forms(verb: Token) -> list[str]:
    """The verb's lemma and fallbacks for lemmas the tagger gets wrong
    ("waging" → "wag"): its text, and its text without -ing/-ed plus "e"."""
    lemma, text = verb.lemma_.lower(), verb.lower_
    stems = [text[:-suffix_length] for suffix_length, suffix in ((3, "ing"), (2, "ed"))
             if text.endswith(suffix)]
    return [lemma, text, lemma.removeprefix("re-"), *(s + "e" for s in stems), *stems]


def code_verb(verb: Token) -> VerbCode | None:
    """The CAMEO code the dictionary gives this verb here, or None."""
    dictionary = verb_dictionary()
    entries = next((dictionary.verbs[form] for form in base_forms(verb)
                    if form in dictionary.verbs), None)
    if not entries:
        return None
    after_tokens = clause_after(verb)
    after, before = Window.of(after_tokens), Window.of(words_before(verb))
    best: VerbCode | None = None
    best_size = -1
    for block, code, needs in entries:
        if needs and not matches_in_order(needs, Window.of(after_tokens[:len(needs) + 2]),
                                          dictionary.synsets):
            continue
        if code != "---" and len(needs) > best_size:
            best, best_size = VerbCode(code, False, None), len(needs)
        for pattern in dictionary.patterns.get(block, ()):
            if pattern.size + len(needs) <= best_size:
                continue
            window = (Window.of(after_tokens[:len(pattern.after)])
                      if pattern.function_words_only else after)
            if (matches_in_order(pattern.after, window, dictionary.synsets)
                    and matches_in_order(pattern.before, before, dictionary.synsets)):
                best = VerbCode(pattern.code, pattern.reversed, pattern)
                best_size = pattern.size + len(needs)
    return best
