"""Every command and option has help text; the public API is sorted and real."""
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
