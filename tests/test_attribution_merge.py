"""Merging tagger and rule candidates, and the "attributions" stage."""
from __future__ import annotations

from sayso.model import Analysis
from sayso.nlp.attribution.candidates import Candidate
from sayso.nlp.attribution.merge import TAGGER_MIN_SCORE, merge_candidates
from sayso.nlp.attribution.stage import attributions_stage, with_rule_source
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text
from sayso.schema import validate


def tagged(cue, content=((20, 30),), source=(0, 5), score=0.9):
    return Candidate(cue=cue, content=content, source=source, finder="tagger", score=score)


def ruled(cue, content=((13, 40),), source=(0, 5)):
    return Candidate(cue=cue, content=content, source=source, finder="rules")


def keep_all(candidate):
    return True


def test_a_cue_both_find_takes_the_tagger_cue_and_the_rule_spans():
    [merged] = merge_candidates([tagged((6, 12))], [ruled((6, 10))], keep_rule_only=keep_all)
    assert (merged.cue, merged.source, merged.content) == ((6, 12), (0, 5), ((13, 40),))
    assert merged.finder == "tagger+rules"


def test_a_tagger_cue_running_into_the_rule_source_gives_way():
    [merged] = merge_candidates([tagged((3, 12))], [ruled((6, 10))], keep_rule_only=keep_all)
    assert merged.cue == (6, 10)


def test_with_the_accurate_tagger_its_spans_win_and_the_rules_fill_gaps():
    [merged] = merge_candidates([tagged((6, 12), content=((20, 30),), source=None)],
                                [ruled((6, 10))], keep_rule_only=keep_all, prefer_tagger=True)
    assert (merged.cue, merged.source, merged.content) == ((6, 12), (0, 5), ((20, 30),))


def test_with_the_accurate_tagger_its_cue_gives_way_to_a_rule_span_it_runs_into():
    [merged] = merge_candidates([tagged((6, 16), content=(), source=None)],
                                [ruled((6, 10))], keep_rule_only=keep_all, prefer_tagger=True)
    assert (merged.cue, merged.content) == ((6, 10), ((13, 40),))


def test_an_unsourced_rule_candidate_stays_unsourced():
    [merged] = merge_candidates([tagged((6, 12))], [ruled((6, 10), source=None)],
                                keep_rule_only=keep_all)
    assert merged.source is None


def test_lone_tagger_candidates_need_a_score_and_a_content():
    low = tagged((50, 55), score=TAGGER_MIN_SCORE - 0.1)
    empty = tagged((60, 65), content=())
    good = tagged((70, 75))
    assert merge_candidates([low, empty, good], [], keep_rule_only=keep_all) == [good]


def test_lone_rule_candidates_are_kept_only_when_trusted():
    said, shows = ruled((6, 10)), ruled((50, 55))
    found = merge_candidates([], [said, shows], keep_rule_only=lambda c: c is said)
    assert found == [said]


def test_stage_output_fits_the_contract(nlp):
    text = ('Police said the road was closed. "It will reopen soon," the mayor said.\n\n'
            "The company denied the reports.")
    document = read_text(text, "t")
    analysis = attributions_stage(ParsedDocument(document, nlp(text)),
                                  Analysis(document=document))
    validate(analysis.to_dict())
    cues = [(a.id, a.cue.lemma, a.stance) for a in analysis.attributions]
    assert ("q1", "say", "asserts") in cues
    assert any(lemma == "deny" and stance == "denies" for _, lemma, stance in cues)


def test_a_lone_tagger_candidate_takes_the_subject_of_its_cue_verb(nlp):
    text = "The senator said the bill would fail."
    parsed = ParsedDocument(read_text(text, "t"), nlp(text))
    candidate = Candidate(cue=(12, 16), content=((17, 37),), source=None,
                          finder="tagger", score=0.9)
    assert with_rule_source(parsed, candidate).source == (0, 11)
