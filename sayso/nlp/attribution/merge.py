"""Merging the tagger's and the rules' candidates into one list.

Measured on PolNeAR dev (docs/QUALITY.md, "Attribution"): where both
finders propose a cue, the rules' source and content spans match the gold
more often (quotes paired over paragraphs, complement clauses), while the
tagger's cue span follows PolNeAR's conventions; a cue only the tagger
finds is kept when its score is high enough; a cue only the rules find
is kept when its cue is listed in rule_only_cues.tsv ("said",
"according to"), where the rules are precise. A candidate without content
says nothing and is dropped.

The accurate tagger (`minilm.py`) finds sources and contents better than
the rules, so with it a paired candidate keeps the tagger's spans and takes
the rules' only where the tagger has none (``prefer_tagger=True``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .candidates import Candidate

TAGGER_MIN_SCORE = 0.5
MERGED = "tagger+rules"


def merge_candidates(tagged: Sequence[Candidate], ruled: Sequence[Candidate], *,
                     keep_rule_only: Callable[[Candidate], bool],
                     prefer_tagger: bool = False) -> list[Candidate]:
    """One candidate per cue: paired ones combined, lone ones filtered
    (``keep_rule_only`` says which rule-only candidates to keep)."""
    combine = _tagger_first if prefer_tagger else _combined
    merged: list[Candidate] = []
    paired: set[int] = set()
    for rule in ruled:
        partner = next((t for t in tagged if _overlaps(t.cue, rule.cue)), None)
        if partner is None:
            if keep_rule_only(rule):
                merged.append(rule)
            continue
        paired.add(id(partner))
        merged.append(combine(partner, rule))
    merged += [t for t in tagged if id(t) not in paired and t.score >= TAGGER_MIN_SCORE
               and t.content and not any(_overlaps(t.cue, m.cue) for m in merged)]
    return sorted(merged, key=lambda c: c.cue)


def _combined(tagged: Candidate, rule: Candidate) -> Candidate:
    """The tagger's cue span, unless it runs into the rules' source or content."""
    return Candidate(cue=_cue(tagged, rule, rule.source, rule.content), content=rule.content,
                     source=rule.source, finder=MERGED,
                     score=max(tagged.score, rule.score))


def _tagger_first(tagged: Candidate, rule: Candidate) -> Candidate:
    """The tagger's spans, the rules' where the tagger has none; a content
    fragment that is the source itself (the subject tagged as content) is
    dropped, and the tagger's cue gives way to the rules' where it runs
    into a source or content taken from the rules."""
    source = tagged.source or rule.source
    content = tuple(span for span in tagged.content
                    if source is None or not _overlaps(span, source))
    content = content or rule.content
    return Candidate(cue=_cue(tagged, rule, source, content), content=content, source=source,
                     finder=MERGED, score=max(tagged.score, rule.score))


def _cue(tagged: Candidate, rule: Candidate, source: tuple[int, int] | None,
         content: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The tagger's cue span, or the rules' where the tagger's overlaps the
    chosen source or content."""
    spans = [*content, *([source] if source else [])]
    clash = any(_overlaps(tagged.cue, span) for span in spans)
    return rule.cue if clash else tagged.cue


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
