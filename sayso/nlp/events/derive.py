"""Deriving sayso's verb tables from the CAMEO verb dictionary (PETRARCH format).

Run once, offline, when the dictionary changes::

    python -m sayso.nlp.events.derive CAMEO.2.0.txt Phoenix.agents.txt sayso/data/

It writes four TSV files beside each other:

- ``cameo_synsets.tsv``: synonym set (``&WEAPON``) → member phrase;
- ``cameo_verbs.tsv``: verb → block, its own code, and the words a
  multi-word verb needs after it (``+WAGE_WAR`` is ``wage`` + ``war``);
- ``cameo_patterns.tsv``: block → words before the verb, words after it,
  CAMEO code, and whether the code runs from target to source (``[:173]``);
- ``cameo_agents.tsv``: one-word agent nouns of the Phoenix agent dictionary
  ("rebels", "police") → agent code, to tell political actors from others.

A pattern applies to every verb of its block, as in PETRARCH. Codes ``---``
are kept: they mark a phrase as *not* an event ("killed in an accident").
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

AGENT = re.compile(r"^([A-Z][A-Z-]*)_?\s*(?:\{([^}]*)\})?\s*\[~(\w+)\]")
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
MARKERS = str.maketrans({c: " " for c in "{}()$+^%|"})


@dataclass(frozen=True)
class VerbRow:
    verb: str
    block: str
    code: str
    needs: str


@dataclass(frozen=True)
class PatternRow:
    block: str
    before: str
    after: str
    code: str
    reversed: bool


def phrase(word: str) -> str:
    """A dictionary phrase in sayso's form: lower case, words split by spaces."""
    return " ".join(word.lower().replace("_", " ").split())


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_code(field: str) -> tuple[str, bool]:
    """``"190"`` → (190, False); ``":173"`` → (173, True); ``"036:036"`` → (036, False)."""
    source_side, _, target_side = field.strip().partition(":")
    if source_side.strip():
        return source_side.strip(), False
    return target_side.strip() or "---", bool(target_side.strip())


def pattern_words(text: str) -> str:
    return " ".join(w.lower() for w in text.translate(MARKERS).split())


def parse_synsets(lines: list[str]) -> Iterator[tuple[str, str]]:
    current = None
    for raw in lines:
        line = strip_comment(raw).strip()
        if line.startswith("&"):
            current = line.rstrip("_").lower()
        elif line.startswith("+") and current:
            yield current, phrase(line[1:].rstrip("_"))
        elif not line:
            continue
        else:
            current = None


def parse_agents(text: str) -> Iterator[tuple[str, str]]:
    """One-word agent nouns and their codes (phrases and templates left out)."""
    for line in text.splitlines():
        match = AGENT.match(line.strip())
        if match:
            for noun in [match.group(1), *(match.group(2) or "").split()]:
                yield noun.lower(), match.group(3)


def parse_verb_line(line: str, block: str, block_code: str) -> VerbRow | None:
    code_match = CODE.search(line)
    code = parse_code(code_match.group(1))[0] if code_match else block_code
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
    if not head:
        return None
    words = phrase(head[0].lstrip("+")).split()
    return VerbRow(words[0], block, code, " ".join(words[1:]))


def parse_pattern_line(line: str, block: str) -> PatternRow | None:
    code_match = CODE.search(line)
    if not code_match or "*" not in line:
        return None
    code, reverse = parse_code(code_match.group(1))
    body = line[1:code_match.start()]
    before, _, after = body.partition("*")
    return PatternRow(block, pattern_words(before), pattern_words(after), code, reverse)


def parse_dictionary(text: str) -> tuple[list, list[VerbRow], list[PatternRow]]:
    head, _, body = text.partition("####### VERB PATTERNS #######")
    synsets = list(parse_synsets(head.splitlines()))
    verbs: list[VerbRow] = []
    patterns: list[PatternRow] = []
    block, block_code = None, "---"
    for raw in body.splitlines():
        header = HEADER.match(raw)
        if header:
            block, block_code = header.group(1).lower(), parse_code(header.group(2))[0]
            continue
        line = strip_comment(raw)
        if not line.strip() or block is None:
            continue
        if line.startswith("-"):
            row = parse_pattern_line(line, block)
            patterns.extend([row] if row else [])
        else:
            row = parse_verb_line(line, block, block_code)
            verbs.extend([row] if row else [])
    return synsets, verbs, patterns


NOTE = ("# Derived by sayso.nlp.events.derive from the CAMEO verb dictionary "
        "CAMEO.2.0.txt\n# and Phoenix.agents.txt (PETRARCH-2, "
        "github.com/openeventdata/petrarch2, MIT licence, "
        "(c) 2015 Open Event Data Alliance).\n# Do not edit by hand: re-derive.\n")


def write_tables(dictionary: Path, agents: Path, out_dir: Path) -> None:
    synsets, verbs, patterns = parse_dictionary(dictionary.read_text(encoding="utf-8"))
    agent_rows = [f"{noun}\t{code}" for noun, code in
                  parse_agents(agents.read_text(encoding="utf-8"))]
    tables = {
        "cameo_synsets.tsv": ("# synset\tmember", [f"{s}\t{m}" for s, m in synsets]),
        "cameo_verbs.tsv": ("# verb\tblock\tcode\tneeds (words after a multi-word verb)",
                            [f"{v.verb}\t{v.block}\t{v.code}\t{v.needs}" for v in verbs]),
        "cameo_patterns.tsv": (
            "# block\tbefore\tafter\tcode\treversed (1: code runs target -> source)",
            [f"{p.block}\t{p.before}\t{p.after}\t{p.code}\t{int(p.reversed)}"
             for p in patterns]),
        "cameo_agents.tsv": ("# agent noun\tagent code (Phoenix.agents.txt)", agent_rows),
    }
    for name, (columns, rows) in tables.items():
        body = "\n".join(dict.fromkeys(rows))
        (out_dir / name).write_text(NOTE + columns + "\n" + body + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python -m sayso.nlp.events.derive CAMEO.2.0.txt "
                 "Phoenix.agents.txt OUT_DIR")
    write_tables(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
