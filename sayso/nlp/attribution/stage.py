"""The "attributions" stage: find candidates, enrich them, add them to the analysis.

Two finders propose candidates: the learned tagger (`tagger.py`) and the
rules (`rules.py`); `merge.py` combines them, a candidate only the tagger
found takes the parse's subject of its cue verb as source, and `enrich.py`
turns each into a contract attribution with form, stance, hedge, channels,
source kind and the actor the earlier "actors" stage found for its source.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from ...model import Analysis, Attribution
from ...resources import read_table
from .. import actors  # noqa: F401  (registered first: this stage reads its actors)
from ..boilerplate import in_boilerplate
from ..language import in_foreign_paragraph
from ..parse import ParsedDocument
from ..stages import register
from .candidates import Candidate
from .document import read_candidates, read_document
from .enrich import cue_record, enrich, quoted_share
from .merge import merge_candidates
from .minilm import load_model as load_minilm, minilm_candidates
from .quotes import find_quotes
from .rules import rule_candidates, source_of_cue
from .tagger import FINDER as TAGGER, tag_candidates


@register("attributions")
def attributions_stage(parsed: ParsedDocument, analysis: Analysis) -> Analysis:
    """Attributions from the merged CRF tagger and rule candidates."""
    candidates = find_candidates(parsed, tag_candidates)
    return replace(analysis, attributions=read_whole(parsed, analysis, candidates))


@register("attributions-accurate", prepare=load_minilm)
def accurate_attributions_stage(parsed: ParsedDocument, analysis: Analysis) -> Analysis:
    """Attributions from the merged transformer tagger and rule candidates:
    more accurate, about six times slower (``sayso analyze --accurate``)."""
    candidates = find_candidates(parsed, minilm_candidates, prefer_tagger=True)
    return replace(analysis, attributions=read_whole(parsed, analysis, candidates))


def read_whole(parsed: ParsedDocument, analysis: Analysis,
               candidates: list[Candidate]) -> tuple[Attribution, ...]:
    """The sentence-level candidates read across the article (`document.py`),
    enriched, then read across the article again."""
    actors = analysis.actors
    read = read_candidates(parsed, actors, candidates)
    return read_document(parsed, actors, enrich(parsed, actors, read))


def find_candidates(parsed: ParsedDocument,
                    tagger: Callable[[ParsedDocument], list[Candidate]],
                    prefer_tagger: bool = False) -> list[Candidate]:
    """The tagger's and the rules' candidates, merged (see `merge.py`),
    except those cued in a paragraph not in English (`language.py`) or in
    boilerplate."""
    quotes = find_quotes(parsed.text)

    def trusted(candidate: Candidate) -> bool:
        """A listed cue, or a verbless cue (a headline colon, a signing
        dash) introducing a quote."""
        lemma = cue_record(parsed.doc, candidate.cue).lemma
        if lemma in rule_only_cues():
            return True
        verbless = not any(ch.isalpha() for ch in lemma)
        return verbless and quoted_share(candidate.content, quotes, parsed.text) == 1.0

    merged = merge_candidates(tagger(parsed), rule_candidates(parsed),
                              keep_rule_only=trusted, prefer_tagger=prefer_tagger)
    return [with_rule_source(parsed, c) if c.finder == TAGGER else c for c in merged
            if not in_foreign_paragraph(parsed.text, c.cue[0])
            and not in_boilerplate(parsed.document, c.cue[0])]


def with_rule_source(parsed: ParsedDocument, candidate: Candidate) -> Candidate:
    """A tagger-only candidate with the parse's subject of its cue verb as
    source, where there is one (measured: source F1 +0.003 on PolNeAR dev)."""
    source = source_of_cue(parsed.doc, candidate.cue)
    return candidate if source is None else replace(candidate, source=source)


@lru_cache(maxsize=1)
def rule_only_cues() -> frozenset[str]:
    """Cue lemmas for which the rules alone are trusted (rule_only_cues.tsv)."""
    return frozenset(row[0] for row in read_table("rule_only_cues.tsv"))
