"""Line-by-line checks of whole fixture articles (issue 14, "reading a whole article").

Each ``tests/fixtures/article/NAME.txt`` has a ``NAME.checks.json``: a list
of checks, each one fact a reader takes from the article (a source, a
channel, a kind, a stance, a hedge, an actor, an affiliation, a boilerplate
line, an event). ``heldout/`` holds articles written with the others but
not looked at while the rules were tuned.

``python tests/article_checks.py [--heldout] [-v]`` prints how many pass.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "article"


def articles(heldout: bool = False) -> list[Path]:
    """The fixture articles (or the held-out ones)."""
    return sorted((FIXTURES / "heldout" if heldout else FIXTURES).glob("*.txt"))


def load_checks(article: Path) -> list[dict]:
    return json.loads(article.with_suffix(".checks.json").read_text(encoding="utf-8"))


def failures(analysis: dict, checks: list[dict]) -> list[tuple[dict, str]]:
    """(check, why) for every check the analysis fails."""
    failed = []
    for check in checks:
        why = CHECKS[check["type"]](analysis, check)
        if why:
            failed.append((check, why))
    return failed


def _actor_names(analysis: dict) -> dict[str, dict]:
    return {a["id"]: a for a in analysis["actors"]}


def _find_attribution(analysis: dict, check: dict) -> dict | None:
    for attribution in analysis["attributions"]:
        if "content_has" in check and check["content_has"] not in attribution["content"]["text"]:
            continue
        if "cue" in check and attribution["cue"]["text"] != check["cue"]:
            continue
        return attribution
    return None


def _source_actor_name(analysis: dict, attribution: dict) -> str | None:
    source = attribution["source"]
    if not source or not source["actor"]:
        return None
    return _actor_names(analysis)[source["actor"]]["name"]


def _channel_ok(channel: dict, wanted: str) -> bool:
    role, _, text = wanted.partition(":")
    return channel["role"] == role and text in channel["text"]


def check_attribution(analysis: dict, check: dict) -> str:
    found = _find_attribution(analysis, check)
    if found is None:
        return "no such attribution"
    source = found["source"] or {}
    name = _source_actor_name(analysis, found)
    tests: list[tuple[str, Callable[[], bool]]] = [
        ("source_actor", lambda: name == check["source_actor"]),
        ("source_actor_has", lambda: name is not None and check["source_actor_has"] in name),
        ("source_has", lambda: check["source_has"] in (source.get("text") or "")),
        ("source_text", lambda: source.get("text") == check["source_text"]),
        ("kind", lambda: source.get("kind") == check["kind"]),
        ("kind_in", lambda: source.get("kind") in check["kind_in"]),
        ("form", lambda: found["form"] == check["form"]),
        ("stance", lambda: found["stance"] == check["stance"]),
        ("hedged", lambda: found["hedged"] == check["hedged"]),
        ("content_not_has", lambda: check["content_not_has"] not in found["content"]["text"]),
        ("via", lambda: len(found["via"]) == len(check["via"]) and all(
            _channel_ok(c, w) for c, w in zip(found["via"], check["via"]))),
        ("via_not", lambda: not any(c["role"] in check["via_not"] for c in found["via"])),
        ("source_outside_content", lambda: _source_outside(found)),
    ]
    wrong = [key for key, test in tests if key in check and not test()]
    return f"wrong {', '.join(wrong)}: {_brief(analysis, found)}" if wrong else ""


def _brief(analysis: dict, attribution: dict) -> str:
    source = attribution["source"] or {}
    return (f"source={source.get('text')!r}->{_source_actor_name(analysis, attribution)!r} "
            f"kind={source.get('kind')} form={attribution['form']} "
            f"stance={attribution['stance']} hedged={attribution['hedged']} "
            f"via={[(c['role'], c['text']) for c in attribution['via']]} "
            f"content={attribution['content']['text'][:60]!r}")


def _source_outside(attribution: dict) -> bool:
    source = attribution["source"]
    if not source:
        return True
    s, e = source["span"]
    return not any(cs <= s and e <= ce for cs, ce in attribution["content"]["spans"])


def check_sources_outside(analysis: dict, check: dict) -> str:
    inside = [a["id"] for a in analysis["attributions"] if not _source_outside(a)]
    return f"sources inside their content: {inside}" if inside else ""


def _find_actor(analysis: dict, check: dict) -> list[dict]:
    if "name" in check:
        return [a for a in analysis["actors"] if a["name"] == check["name"]]
    return [a for a in analysis["actors"] if check["name_has"] in a["name"]]


def check_actor(analysis: dict, check: dict) -> str:
    found = _find_actor(analysis, check)
    if not found:
        return "no such actor"
    actor = found[0]
    names = _actor_names(analysis)
    affiliation = names.get(actor["affiliation"], {}).get("name") if actor["affiliation"] else None
    tests: list[tuple[str, Callable[[], bool]]] = [
        ("count", lambda: len(found) == check["count"]),
        ("kind", lambda: actor["kind"] == check["kind"]),
        ("role_has", lambda: check["role_has"] in (actor["role"] or "")),
        ("affiliation", lambda: affiliation == check["affiliation"]),
        ("affiliation_has", lambda: check["affiliation_has"] in (affiliation or "")),
    ]
    wrong = [key for key, test in tests if key in check and not test()]
    same = [(a["name"], a["kind"], a["role"], a["affiliation"]) for a in found]
    return f"wrong {', '.join(wrong)}: {same} affiliation={affiliation!r}" if wrong else ""


def check_no_actor_text(analysis: dict, check: dict) -> str:
    text = analysis["document"]["text"]
    bad = [a["name"] for a in analysis["actors"] if check["text_has"] in a["name"]
           or any(check["text_has"] in text[s:e] for s, e in a["mentions"])]
    return f"actors holding {check['text_has']!r}: {bad}" if bad else ""


def check_no_edge_punct(analysis: dict, check: dict) -> str:
    text = analysis["document"]["text"]
    bad = [text[s:e] for a in analysis["actors"] for s, e in a["mentions"]
           if text[s:e] and (_edge(text[s]) or _edge(text[e - 1]))]
    bad += [a["name"] for a in analysis["actors"] if _edge(a["name"][0]) or _edge(a["name"][-1])]
    return f"edge punctuation: {bad}" if bad else ""


def _edge(char: str) -> bool:
    return not char.isalnum() and char not in ")'’"


def check_boilerplate(analysis: dict, check: dict) -> str:
    text = analysis["document"]["text"]
    for item in analysis["document"]["boilerplate"]:
        s, e = item["span"]
        if check["text_has"] in text[s:e]:
            return "" if item["kind"] == check["kind"] else f"kind {item['kind']}"
    return "not marked"


def check_nothing_in_boilerplate(analysis: dict, check: dict) -> str:
    spans = [b["span"] for b in analysis["document"]["boilerplate"]]

    def inside(span: list[int]) -> bool:
        return any(s <= span[0] < e for s, e in spans)
    bad = [a["id"] for a in analysis["attributions"] if inside(a["cue"]["span"])]
    bad += [a["name"] for a in analysis["actors"] for m in a["mentions"] if inside(m)]
    bad += [e["id"] for e in analysis["events"] if inside(e["trigger"]["span"])]
    return f"records in boilerplate: {bad}" if bad else ""


def check_balanced_quotes(analysis: dict, check: dict) -> str:
    bad = [a["content"]["text"] for a in analysis["attributions"]
           if _unbalanced(a["content"]["text"])]
    return f"unbalanced contents: {bad}" if bad else ""


def _unbalanced(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    return straight or text.count("“") != text.count("”")


def check_event(analysis: dict, check: dict) -> str:
    attributions = {a["id"]: a for a in analysis["attributions"]}
    for event in analysis["events"]:
        if event["type"] != check["event_type"] or check["trigger_has"] not in event["trigger"]["text"]:
            continue
        holder = attributions.get(event["attribution"])
        name = _source_actor_name(analysis, holder) if holder else None
        if name == check["attribution_source_actor"]:
            return ""
        return f"attributed to {name!r}"
    return "no such event"


CHECKS: dict[str, Callable[[dict, dict], str]] = {
    "attr": check_attribution, "actor": check_actor,
    "no_actor_text": check_no_actor_text, "no_actor_edge_punct": check_no_edge_punct,
    "boilerplate": check_boilerplate, "nothing_in_boilerplate": check_nothing_in_boilerplate,
    "balanced_quotes": check_balanced_quotes, "sources_outside_contents": check_sources_outside,
    "event": check_event,
}


def main(argv: list[str]) -> None:
    from sayso.api import analyze
    from sayso.config import Config
    config = Config(accurate="--accurate" in argv)
    passed = total = 0
    for article in articles(heldout="--heldout" in argv):
        checks = load_checks(article)
        analysis = analyze(article.read_text(encoding="utf-8"), doc_id=article.stem,
                           config=config).to_dict()
        failed = failures(analysis, checks)
        passed += len(checks) - len(failed)
        total += len(checks)
        print(f"{article.stem}: {len(checks) - len(failed)}/{len(checks)}")
        for check, why in failed if "-v" in argv else ():
            print(f"  FAIL {json.dumps(check)}\n       {why}")
    print(f"total: {passed}/{total}")


if __name__ == "__main__":
    main(sys.argv[1:])
