"""Lay out the two stages: the builder keeps every step, the final only run time.

Builder: the original stage renamed `builder`, with the rules' insertions
(a virtualenv before the first pip install, a prune after the last build) and
command replacements. Final: the slim base, then the original instructions the
running container depends on, in their order, with one block where the first
build step was: the run-time packages, the `COPY --from=builder` lines and the
ENV the rules ask for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from refactor.analysis.walk import ClaimedCommand, Placement, Step, Walk
from refactor.analysis.words import referenced_names
from refactor.plan import bases, choice, lines
from refactor.plan.facts import Facts, builds, gather, goes_to_final, refusal
from refactor.plan.model import Kept, Piece, Plan, Written
from refactor.plan.outcome import RewriteReport, RewriteSettings, Skipped
from refactor.rules.base import Insertion, Role
from refactor.syntax.model import Dockerfile, Instruction, Stage

_AS_NAME = re.compile(r"(\s+[Aa][Ss]\s+)\S+(\s*)$")


def plan(
    dockerfile: Dockerfile,
    stage: Stage,
    walked: Walk,
    *,
    settings: RewriteSettings,
    global_args: Mapping[str, str],
) -> Plan | Skipped:
    unknown = Skipped(
        "unknown-base",
        f"no known slim counterpart for {stage.base} and no --base-map entry",
    )
    refused = refusal(walked)
    if refused is not None and refused.code == "no-build-step":
        return refused
    if not choice.known_base(stage.base, settings, global_args):
        return unknown
    if refused is not None:
        return refused

    facts = gather(walked)
    if not facts.artifacts:
        reason = (
            "no rule could name the build's output, so the final stage would lack it"
        )
        return Skipped("unsafe-step", reason)
    final_base, shell_free = choice.final_base(
        stage, walked, facts, settings, global_args
    )
    if final_base is None:
        return unknown
    if shell_free:
        facts = choice.with_shell_free_copies(facts)

    name = settings.builder_name
    builder = _builder(stage, walked, name, dockerfile.escape)
    final = _final(
        stage, walked, facts, final_base, name, dockerfile.escape, shell_free
    )
    prelude = tuple(
        Kept(i)
        for i in dockerfile.instructions
        if i.start_line < stage.origin.start_line
    )
    report = RewriteReport(
        builder_base=stage.base,
        final_base=final_base,
        stages=(name, "final"),
        moved=_moved(walked, facts),
        artifacts=facts.artifacts,
        runtime_packages=facts.runtime_packages,
        planned_env=dict(facts.final_env),
        left_behind=facts.left_behind,
    )
    return Plan(prelude, builder, final, dockerfile.trailing, report)


def _builder(stage: Stage, walked: Walk, name: str, escape: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = [_named_origin(stage.origin, name)]
    done: set[str] = set()
    for step in walked.steps:
        if step.placement is Placement.FINAL:
            continue
        if step.placement is not Placement.RUN:
            pieces.append(Kept(step.instruction))
            continue
        before = _insertions(step, "before", done)
        if before:
            pieces.append(
                Written("\n".join(i.text for i in before), step.instruction.leading)
            )
            pieces.append(Kept(replace(_edited(step), leading="")))
        else:
            pieces.append(Kept(_edited(step)))
    end = [i for step in walked.steps for i in _insertions(step, "end", done)]
    return tuple(_append_end(pieces, end, walked.final_state.workdir))


def _named_origin(origin: Instruction, name: str) -> Written | Kept:
    body = origin.source.rstrip("\r\n")
    ending = origin.source[len(body) :]
    if _AS_NAME.search(body):
        named = _AS_NAME.sub(lambda m: f"{m.group(1)}{name}{m.group(2)}", body)
    else:
        keyword = "as" if body.startswith("from") else "AS"
        named = f"{body} {keyword} {name}"
    return Kept(replace(origin, source=named + (ending or "\n")))


def _insertions(step: Step, where: str, done: set[str]) -> list[Insertion]:
    found = []
    for claimed in step.commands:
        for insertion in claimed.claim.insertions if claimed.claim else ():
            if insertion.where == where and insertion.text not in done:
                done.add(insertion.text)
                found.append(insertion)
    return found


def _edited(step: Step) -> Instruction:
    """The RUN with the rules' command replacements applied to its source."""
    source = step.instruction.source
    position = 0
    for claimed in step.commands:
        replacement = claimed.claim.replacement if claimed.claim else None
        if replacement is None:
            continue
        found = source.find(claimed.command.text, position)
        if found < 0:
            continue
        source = (
            source[:found] + replacement + source[found + len(claimed.command.text) :]
        )
        position = found + len(replacement)
    return replace(step.instruction, source=source)


def _append_end(pieces: list[Piece], end: list[Insertion], workdir: str) -> list[Piece]:
    """The end insertions, merged into a last RUN in the same folder if there is one."""
    for insertion in end:
        last = pieces[-1]
        folder = insertion.workdir or workdir
        command = insertion.text.removeprefix("RUN ")
        if (
            folder == workdir
            and isinstance(last, Kept)
            and _plain_run(last.instruction)
        ):
            body = last.instruction.source.rstrip("\r\n")
            ending = last.instruction.source[len(body) :] or "\n"
            source = f"{body} && {command}{ending}"
            pieces[-1] = Kept(replace(last.instruction, source=source))
            continue
        if folder != workdir:
            pieces.append(Written(f"WORKDIR {folder}"))
            workdir = folder
        pieces.append(Written(insertion.text))
    return pieces


def _plain_run(instruction: Instruction) -> bool:
    return (
        instruction.keyword == "RUN"
        and instruction.exec_form is None
        and not instruction.heredocs
    )


def _final(
    stage: Stage,
    walked: Walk,
    facts: Facts,
    base: str,
    name: str,
    escape: str,
    shell_free: bool,
) -> tuple[Piece, ...]:
    platform = stage.origin.flag("platform")
    origin = f"FROM {platform.raw} {base}" if platform else f"FROM {base}"
    if not bases.parse_image(base).tag and "@" not in base:
        # Distroless images publish one moving tag; naming none is deliberate.
        origin = f"# hadolint ignore=DL3006\n{origin}"
    pieces: list[tuple[Step | None, Piece]] = [(None, Written(origin, "\n"))]
    packages_done = copies_done = False
    vanished = _vanished_workdirs(walked, facts)
    for step in walked.steps:
        placement = step.placement
        if placement in (Placement.BOTH, Placement.FINAL) or goes_to_final(step, facts):
            pieces.append((step, Kept(step.instruction)))
            continue
        leading = step.instruction.leading
        block = []
        if not packages_done and _has_role(step, Role.INSTALL):
            block.append(lines.packages(facts, escape))
            packages_done = True
        if not copies_done and _produces(step, facts):
            block.append(lines.copies(facts, name))
            copies_done = True
        text = "\n".join(b for b in block if b)
        if text:
            pieces.append((None, Written(text, lines.blank_part(leading))))
            leading = ""
        replay = _replay(step, leading, shell_free)
        if replay is not None:
            pieces.append((None, replay))
    gone = {id(walked.steps[index]) for index in vanished}
    return _without_dropped(pieces, gone)


def _vanished_workdirs(walked: Walk, facts: Facts) -> set[int]:
    """WORKDIRs of build folders the build deletes, when a later WORKDIR takes
    over before the final stage uses them: the original image lacks the folder."""
    steps = walked.steps
    dropped = set()
    for index, step in enumerate(steps):
        if step.instruction.keyword != "WORKDIR":
            continue
        after = steps[index + 1].state if index + 1 < len(steps) else walked.final_state
        if after.workdir not in walked.removed:
            continue
        for later in steps[index + 1 :]:
            if later.instruction.keyword == "WORKDIR":
                dropped.add(index)
                break
            if later.placement is Placement.FINAL or goes_to_final(later, facts):
                break
            if _replay(later, "", shell_free=False) is not None:
                break
    return dropped


def _has_role(step: Step, role: Role) -> bool:
    return any(c.claim and c.claim.role is role for c in step.commands)


def _produces(step: Step, facts: Facts) -> bool:
    """The first step of the build proper: the final stage's copies go there."""
    if step.placement is Placement.INPUT:
        return builds(step, facts)
    return _has_role(step, Role.BUILD)


def _replay(step: Step, leading: str, shell_free: bool) -> Piece | None:
    """The run-time setup commands of a RUN, for the final stage to repeat;
    with `shell_free`, those whose files are copied instead are left out."""
    setup = [
        c
        for c in step.commands
        if c.claim
        and c.claim.role is Role.SETUP
        and not (shell_free and c.claim.shell_free)
    ]
    if not setup:
        return None
    others = [c for c in step.commands if c not in setup and c.command.name != "cd"]
    if not others and leading == step.instruction.leading:
        return Kept(step.instruction)
    text = " && ".join(_in_folder(c) for c in setup)
    return Written(f"RUN {text}", lines.blank_part(leading))


def _in_folder(claimed: ClaimedCommand) -> str:
    state = claimed.state
    text = claimed.command.text
    return text if state.cwd == state.workdir else f"cd {state.cwd} && {text}"


def _without_dropped(
    pieces: list[tuple[Step | None, Piece]], gone: set[int]
) -> tuple[Piece, ...]:
    """The pieces without the `gone` steps and the ARGs the final stage never
    uses; the blank line above a dropped one still separates what follows."""
    used: set[str] = set()
    for step, piece in pieces:
        if step is None or step.instruction.keyword != "ARG":
            used |= referenced_names(_piece_text(piece))

    def dropped(step: Step | None) -> bool:
        if step is None or id(step) in gone:
            return step is not None
        if step.instruction.keyword != "ARG":
            return False
        declared = {w.split("=")[0] for w in step.instruction.value.split()}
        return not declared & used

    kept: list[Piece] = []
    blank = ""
    for step, piece in pieces:
        if dropped(step) and step is not None:
            blank = blank or lines.blank_part(step.instruction.leading)
            continue
        kept.append(_with_blank(piece, blank))
        blank = ""
    return tuple(kept)


def _with_blank(piece: Piece, blank: str) -> Piece:
    if not blank:
        return piece
    if isinstance(piece, Written):
        return (
            piece if lines.blank_part(piece.leading) else replace(piece, leading="\n")
        )
    instruction = piece.instruction
    if lines.blank_part(instruction.leading):
        return piece
    return Kept(replace(instruction, leading="\n" + instruction.leading))


def _piece_text(piece: Piece) -> str:
    return piece.instruction.source if isinstance(piece, Kept) else piece.text


def _moved(walked: Walk, facts: Facts) -> tuple[str, ...]:
    moved = []
    for step in walked.steps:
        if builds(step, facts):
            first_line = step.instruction.source.splitlines()[0].strip()
            moved.append(f"line {step.instruction.start_line}: {first_line}")
    return tuple(moved)
