"""`dockerfile-refactor inspect`: what the tool sees in one Dockerfile.

`describe` turns a parsed file into plain data (the JSON output, and the golden
files of the syntax tests); `render_text` lays the same data out for people.
The click command only reads the bytes and picks the format.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.model import Dockerfile, Instruction
from refactor.syntax.parser import parse_bytes
from refactor.syntax.shell import commands, run_scripts
from refactor.syntax.stages import stages


def describe(dockerfile: Dockerfile) -> dict[str, Any]:
    """Plain data for one parsed file; raises DockerfileSyntaxError without FROM."""
    found = stages(dockerfile)
    stage_of = {
        id(instruction): stage.index
        for stage in found
        for instruction in (stage.origin, *stage.instructions)
    }
    return {
        "directives": [
            {"name": d.name, "value": d.value, "line": d.line}
            for d in dockerfile.directives
        ],
        "escape": dockerfile.escape,
        "newline": dockerfile.newline,
        "stages": [
            {
                "index": stage.index,
                "base": stage.base,
                "name": stage.name,
                "platform": stage.platform,
                "start_line": stage.origin.start_line,
                "end_line": (stage.instructions or (stage.origin,))[-1].end_line,
            }
            for stage in found
        ],
        "instructions": [
            _instruction(instruction, stage_of.get(id(instruction)))
            for instruction in dockerfile.instructions
        ],
    }


def _instruction(instruction: Instruction, stage: int | None) -> dict[str, Any]:
    described = _fields(instruction)
    described["stage"] = stage
    described["commands"] = [
        {
            "name": command.name,
            "arguments": list(command.arguments),
            "assignments": list(command.assignments),
            "redirects": list(command.redirects),
            "text": command.text,
        }
        for script in run_scripts(instruction)
        for command in commands(script)
    ]
    return described


def _fields(instruction: Instruction) -> dict[str, Any]:
    inner = instruction.inner
    return {
        "keyword": instruction.keyword,
        "start_line": instruction.start_line,
        "end_line": instruction.end_line,
        "flags": [flag.raw for flag in instruction.flags],
        "value": instruction.value,
        "exec_form": (
            None if instruction.exec_form is None else list(instruction.exec_form)
        ),
        "heredocs": [
            {
                "delimiter": heredoc.delimiter,
                "quoted": heredoc.quoted,
                "strip_tabs": heredoc.strip_tabs,
                "body": heredoc.body,
            }
            for heredoc in instruction.heredocs
        ],
        "inner": None if inner is None else _fields(inner),
    }


def render_text(described: dict[str, Any]) -> str:
    lines = []
    for directive in described["directives"]:
        lines.append(f"directive {directive['name']}={directive['value']}")
    for stage in described["stages"]:
        label = stage["base"] + (f" AS {stage['name']}" if stage["name"] else "")
        span = f"lines {stage['start_line']}-{stage['end_line']}"
        lines.append(f"stage {stage['index']}: {label} ({span})")

    for instruction in described["instructions"]:
        lines.append(_instruction_line(instruction))
        for command in instruction["commands"]:
            lines.append(f"{'':12}$ {_one_line(command['text'])}")
    return "\n".join(lines) + "\n"


def _instruction_line(instruction: dict[str, Any]) -> str:
    start, end = instruction["start_line"], instruction["end_line"]
    span = str(start) if start == end else f"{start}-{end}"
    stage = "-" if instruction["stage"] is None else str(instruction["stage"])
    words = [instruction["keyword"], *instruction["flags"]]
    form = "exec form" if instruction["exec_form"] is not None else ""
    heredocs = ", ".join(f"<<{h['delimiter']}" for h in instruction["heredocs"])
    notes = "; ".join(
        note for note in (form, heredocs and f"heredocs {heredocs}") if note
    )
    text = f"{span:>9}  [{stage}] {' '.join(words)} {_one_line(instruction['value'])}"
    return text.rstrip() + (f"  ({notes})" if notes else "")


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


@click.command()
@click.argument("path")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs",
)
def inspect(path: str, output_format: str) -> None:
    """Show the stages, instructions, flags and RUN commands of PATH (- is stdin).

    Exits 0, or 2 with one line on stderr when PATH cannot be read as a
    Dockerfile.
    """
    name = "<stdin>" if path == "-" else path
    try:
        described = describe(parse_bytes(_read(path)))
    except OSError as error:
        click.echo(f"{name}: cannot read it: {error.strerror or error}", err=True)
        raise SystemExit(2) from None
    except DockerfileSyntaxError as error:
        click.echo(f"{name}: {error}", err=True)
        raise SystemExit(2) from None

    if output_format == "json":
        click.echo(json.dumps(described, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(described), nl=False)
