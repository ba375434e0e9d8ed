"""The JSON Schema of `sayso.analysis/1`, and checks beyond what a schema says.

`validate` checks an analysis dict against the schema, then that every span
indexes ``document.text``, that ``text`` fields equal the text they span,
and that ids referenced by other records exist.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from .errors import SchemaError


@lru_cache(maxsize=1)
def analysis_schema() -> dict[str, Any]:
    path = resources.files("sayso") / "data" / "schema" / "analysis-1.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    """The schema's validator, the schema itself checked once, not per analysis."""
    schema = analysis_schema()
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate(analysis: dict[str, Any]) -> None:
    """Raise SchemaError naming the first problem in this analysis dict."""
    try:
        error = jsonschema.exceptions.best_match(_validator().iter_errors(analysis))
        if error is not None:
            raise error
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise SchemaError(f"{where}: {exc.message}") from exc
    for problem in span_problems(analysis):
        raise SchemaError(problem)


def span_problems(analysis: dict[str, Any]) -> list[str]:
    """Every span that does not index document.text or whose text differs."""
    text = analysis["document"]["text"]
    problems = []

    def check(where: str, span: list[int], surface: str | None = None) -> None:
        start, end = span
        if not 0 <= start <= end <= len(text):
            problems.append(f"{where}: span {span} outside text of length {len(text)}")
        elif surface is not None and text[start:end] != surface:
            problems.append(f"{where}: text {surface!r} != text at span {text[start:end]!r}")

    for i, item in enumerate(analysis["document"]["boilerplate"]):
        check(f"document/boilerplate/{i}", item["span"])
    for actor in analysis["actors"]:
        for span in actor["mentions"]:
            check(f"actor {actor['id']}/mentions", span)
    for q in analysis["attributions"]:
        if q["source"]:
            check(f"attribution {q['id']}/source", q["source"]["span"], q["source"]["text"])
        if q["cue"]:
            check(f"attribution {q['id']}/cue", q["cue"]["span"], q["cue"]["text"])
        for span in q["content"]["spans"]:
            check(f"attribution {q['id']}/content", span)
        for c in q["via"]:
            check(f"attribution {q['id']}/via", c["span"], c["text"])
    for e in analysis["events"]:
        check(f"event {e['id']}/trigger", e["trigger"]["span"], e["trigger"]["text"])
        check(f"event {e['id']}/sentence", e["sentence"])
        for role in ("actor", "target"):
            if e[role]:
                check(f"event {e['id']}/{role}", e[role]["span"], e[role]["text"])
    return problems + _reference_problems(analysis)


def _reference_problems(analysis: dict[str, Any]) -> list[str]:
    actor_ids = {a["id"] for a in analysis["actors"]}
    attribution_ids = {q["id"] for q in analysis["attributions"]}
    refs = [(f"actor {a['id']}/affiliation", a["affiliation"], actor_ids)
            for a in analysis["actors"]]
    for q in analysis["attributions"]:
        refs.append((f"attribution {q['id']}/parent", q["parent"], attribution_ids))
        if q["source"]:
            refs.append((f"attribution {q['id']}/source", q["source"]["actor"], actor_ids))
        refs += [(f"attribution {q['id']}/via", c["actor"], actor_ids) for c in q["via"]]
    for e in analysis["events"]:
        refs.append((f"event {e['id']}/attribution", e["attribution"], attribution_ids))
        refs += [(f"event {e['id']}/{role}", e[role]["actor"], actor_ids)
                 for role in ("actor", "target") if e[role]]
    return [f"{where}: unknown id {ref!r}" for where, ref, known in refs
            if ref is not None and ref not in known]
