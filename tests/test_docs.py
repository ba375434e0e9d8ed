"""Every command, option and export field is documented; the public API is sorted and real."""
import re
from pathlib import Path

import click
import typer.main

import sayso
from sayso.cli import app


def _commands(command, prefix=""):
    yield prefix + command.name, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, prefix + command.name + " ")


def test_every_command_and_option_has_help():
    root = typer.main.get_command(app)
    missing = []
    for name, command in _commands(root):
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip():
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []


def test_public_api_is_sorted_and_importable():
    assert sayso.__all__ == sorted(sayso.__all__)
    for name in sayso.__all__:
        assert getattr(sayso, name) is not None


ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT = (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")


def _documented_in(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_every_command_and_option_is_in_the_readme():
    root = typer.main.get_command(app)
    missing = []
    for name, command in _commands(root):
        usage = "sayso" + name.partition(" ")[1] + name.partition(" ")[2]
        if not _documented_in(README, usage):
            missing.append(usage)
        for param in command.params:
            if isinstance(param, click.Option):
                missing += [f"{usage} {opt}" for opt in (*param.opts, *param.secondary_opts)
                            if opt.startswith("--") and opt != "--help"
                            and not _documented_in(README, opt)]
    assert missing == []


def test_every_export_field_is_documented_in_the_contract():
    from sayso.store.claim_graph import EDGE_KEYS, NODE_KEYS
    from sayso.store.export import FIELDS
    from sayso.store.flat import CSV_FIELDS, GDELT_FIELDS
    fields = {*(f for names in FIELDS.values() for f in names),
              *(f for names in CSV_FIELDS.values() for f in names), *GDELT_FIELDS,
              *NODE_KEYS, *EDGE_KEYS}
    undocumented = sorted(f for f in fields
                          if f"`{f}`" not in CONTRACT and f'"{f}"' not in CONTRACT)
    assert undocumented == []
    assert [what for what in [*FIELDS, "graph"] if not _documented_in(CONTRACT, what)] == []


def test_readme_and_help_point_only_at_shipped_paths():
    assert "../shared" not in README and "../shared" not in CONTRACT
    assert (ROOT / "docs" / "CONTRACT.md").exists()
    root = typer.main.get_command(app)
    for name, command in _commands(root):
        texts = [command.help or ""] + [getattr(p, "help", "") or "" for p in command.params]
        assert not any("../shared" in text for text in texts), name


def test_help_lists_values_not_python_types():
    from typer.testing import CliRunner
    runner = CliRunner()
    root = typer.main.get_command(app)
    for name, _ in _commands(root):
        args = name.split()[1:] + ["-h"]
        shown = runner.invoke(app, args).output
        assert not re.search(r"<(str|int|bool|path|list\[\w+\])>", shown), (name, shown)
    assert "[json|jsonl|table]" in runner.invoke(app, ["analyze", "-h"]).output
    assert runner.invoke(app, ["--version"]).output.startswith("sayso ")
