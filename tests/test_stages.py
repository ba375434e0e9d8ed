"""The stage registry runs built-in stages in pipeline order."""
from sayso.nlp import stages
from sayso.nlp.builtin import PIPELINE


def test_default_stages_follow_the_pipeline_not_import_order(monkeypatch):
    monkeypatch.setattr(stages, "STAGES", {"extra": None, **{
        name: stages.STAGES[name] for name in reversed(PIPELINE)}})
    assert [name for name, _ in stages.resolve(None)] == [*PIPELINE, "extra"]


def test_every_pipeline_stage_is_registered():
    assert [name for name, _ in stages.resolve(PIPELINE)] == list(PIPELINE)
