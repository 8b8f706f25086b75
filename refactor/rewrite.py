"""Rewrite one mono-stage Dockerfile into a builder stage and a slim final stage.

`rewrite` is pure (text, settings and a read-only context view in, an Outcome
out) and never raises: it gates the file, walks its stage, plans the two new
stages, renders them, and proves the result before returning it.
"""

from __future__ import annotations

import re
import traceback

from refactor.analysis.walk import walk
from refactor.analysis.words import arg_declarations
from refactor.context import ContextView
from refactor.plan.outcome import (
    Failed,
    Outcome,
    RewriteReport,
    RewriteSettings,
    Rewritten,
    Skipped,
)
from refactor.plan.planner import plan
from refactor.render.dockerfile import render
from refactor.syntax.errors import DockerfileSyntaxError
from refactor.syntax.model import Dockerfile, Stage
from refactor.syntax.parser import parse
from refactor.syntax.stages import global_args, stages

__all__ = ["RewriteReport", "RewriteSettings", "rewrite"]

_WINDOWS_BASE = re.compile(
    r"(^|/)(windows|nanoserver|servercore)|windowsservercore|nanoserver|:ltsc\d",
    re.IGNORECASE,
)
_WINDOWS_SHELL = re.compile(r"powershell|pwsh|cmd(\.exe)?\b", re.IGNORECASE)


def rewrite(
    text: str, *, settings: RewriteSettings, context: ContextView | None = None
) -> Outcome:
    try:
        return _rewrite(text, settings=settings, context=context)
    except Exception:  # a bug here must cost one file, never the batch
        return Failed("the rewriter raised an internal error", traceback.format_exc())


def _rewrite(
    text: str, *, settings: RewriteSettings, context: ContextView | None
) -> Outcome:
    try:
        dockerfile = parse(text)
        found = stages(dockerfile)
    except DockerfileSyntaxError as error:
        return Skipped("parse-error", str(error))

    gated = _gate(dockerfile, found)
    if gated is not None:
        return gated

    stage = found[0]
    arguments = _global_values(dockerfile)
    walked = walk(stage, global_args=arguments, context=context)
    planned = plan(dockerfile, stage, walked, settings=settings, global_args=arguments)
    if isinstance(planned, Skipped):
        return planned

    lowercase = stage.origin.source.startswith("from")
    new_text = render(
        planned,
        newline=dockerfile.newline,
        escape=dockerfile.escape,
        lowercase=lowercase,
    )
    return prove(new_text, planned.report, settings=settings)


def _gate(dockerfile: Dockerfile, found: tuple[Stage, ...]) -> Skipped | None:
    if len(found) > 1:
        return Skipped(
            "already-multi-stage", f"the file already has {len(found)} stages"
        )
    stage = found[0]
    if _WINDOWS_BASE.search(stage.base):
        return Skipped("windows-image", f"{stage.base} is a Windows image")
    for instruction in stage.instructions:
        shell = " ".join(instruction.exec_form or ())
        if instruction.keyword == "SHELL" and _WINDOWS_SHELL.search(shell):
            return Skipped("windows-image", f"SHELL {shell} is a Windows shell")
    return None


def _global_values(dockerfile: Dockerfile) -> dict[str, str]:
    values = {}
    for instruction in global_args(dockerfile):
        for name, default in arg_declarations(instruction.value):
            if default is not None:
                values[name] = default
    return values


def prove(text: str, report: RewriteReport, *, settings: RewriteSettings) -> Outcome:
    """The rewrite re-parses into two stages, agrees with BuildKit's parser where
    it is installed, and rewriting it again changes nothing."""
    try:
        reparsed = parse(text)
        count = len(stages(reparsed))
    except DockerfileSyntaxError as error:
        return Failed(f"the rewrite does not parse: {error}", text)
    if count != 2:
        return Failed(f"the rewrite has {count} stages instead of 2", text)

    disagreement = buildkit_disagreement(text, reparsed)
    if disagreement is not None:
        return Failed(
            f"BuildKit's parser reads the rewrite differently: {disagreement}", text
        )

    again = _rewrite(text, settings=settings, context=None)
    if not (isinstance(again, Skipped) and again.code == "already-multi-stage"):
        return Failed("rewriting the rewrite again would change it", text)
    return Rewritten(text, report)


def buildkit_disagreement(text: str, dockerfile: Dockerfile) -> str | None:
    """Where BuildKit's own parser (the optional `dockerfile` package) disagrees
    with ours on keywords or line spans; None when they agree or it is absent."""
    try:
        import dockerfile as buildkit
    except ImportError:
        return None
    try:
        theirs = buildkit.parse_string(text)
    except buildkit.GoParseError as error:
        return f"it refuses the text: {error}"
    ours = [(i.keyword, i.start_line, i.end_line) for i in dockerfile.instructions]
    spans = [(c.cmd.upper(), c.start_line, c.end_line) for c in theirs]
    for mine, its in zip(ours, spans, strict=False):
        if mine != its:
            return f"ours {mine}, BuildKit's {its}"
    if len(ours) != len(spans):
        return f"ours has {len(ours)} instructions, BuildKit's {len(spans)}"
    return None
