"""Paragraphs not in English.

English news quotes other languages: a Global Voices article gives a
Spanish blogger's words, then their translation. The English pipeline reads
the original as noise ("los despropósitos de García" became an actor and a
source), so the stages skip what these paragraphs say.

A paragraph of at least `MIN_WORDS` words (of two letters or more, so not
the "u" and "s" of "U.S.") is foreign when most of its letters are outside
the Latin alphabet, or when function words of other languages (spaCy's
stop-word lists, less English's) outnumber English ones and make up at
least `FOREIGN_SHARE` of its words. A headline in title case or a list of
names stays English: its capitalised words say nothing about language.
"""
from __future__ import annotations

import re
import runpy
from bisect import bisect_right
from functools import lru_cache
from importlib.resources import files

from ..model import Span

OTHER_LANGUAGES = ("es", "fr", "pt", "de", "it", "nl", "pl", "ro", "sv", "tr", "id")
"""The Latin-alphabet languages whose function words are looked for."""
MIN_WORDS = 8
FOREIGN_SHARE = 0.3
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
PARAGRAPH = re.compile(r"[^\n]+")
LATIN_LETTERS = re.compile(r"[a-zA-Z\u00C0-\u024F\u1E00-\u1EFF]+")
"""Basic Latin, Latin-1, Latin Extended-A and -B, Latin Extended Additional."""


@lru_cache(maxsize=1)
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(English function words, those of the other languages that are not English)."""
    english = stop_words("en")
    other = frozenset().union(*(stop_words(code) for code in OTHER_LANGUAGES))
    return english, other - english


def stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words for a language, read from the module's file alone:
    importing ``spacy.lang.fr.stop_words`` would first import the language's
    package, whose tokenizer exceptions took 2.4 s to build."""
    path = files("spacy.lang") / code / "stop_words.py"
    return frozenset(runpy.run_path(str(path))["STOP_WORDS"])


@lru_cache(maxsize=8)
def foreign_paragraphs(text: str) -> tuple[Span, ...]:
    """The (start, end) spans of the text's paragraphs that are not English."""
    return tuple(found.span() for found in PARAGRAPH.finditer(text)
                 if is_foreign(found.group()))


def is_foreign(paragraph: str) -> bool:
    written = [word for word in WORD.findall(paragraph) if len(word) > 1]
    capitalised = sum(word[0].isupper() for word in written)
    if len(written) < MIN_WORDS or capitalised > len(written) / 2:
        return False
    words = [word.lower() for word in written]
    letters = sum(map(len, words))
    if sum(len(run) for word in words for run in LATIN_LETTERS.findall(word)) < letters / 2:
        return True
    english, other = function_words()
    foreign = sum(w in other for w in words)
    return (foreign >= FOREIGN_SHARE * len(words)
            and foreign > sum(w in english for w in words))


def in_foreign_paragraph(text: str, position: int) -> bool:
    """Whether the character at `position` lies in a foreign paragraph."""
    spans = foreign_paragraphs(text)
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
