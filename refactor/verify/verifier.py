"""Verification end to end: build both images, inspect, run the checks, clean up.

The steps read top to bottom; each check is a pure function in `checks` or
`smoke`, fed by the engine calls made here. The images we tag are removed
before returning, whatever happened; the build cache is kept, so the next run
(and the rewrite's builder stage) reuses the original's layers.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from refactor.render.diff import unified_diff
from refactor.verify import checks, facts, hygiene, sizes, smoke
from refactor.verify import engine as engine_
from refactor.verify.filesystem import Tree, glob_matcher, index_tar
from refactor.verify.model import (
    Check,
    ImageSize,
    PlannedChanges,
    Verification,
    VerifySettings,
)


@dataclass
class _Run:
    """What one verification accumulates as it goes (internal, never returned)."""

    engine: engine_.Engine
    settings: VerifySettings
    tags: list[str] = field(default_factory=list)
    logs: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds[step] = time.monotonic() - started

    def build(self, name: str, dockerfile: Path, context: Path) -> engine_.Built:
        tag = engine_.new_tag(name)
        self.tags.append(tag)
        built = engine_.build(
            self.engine,
            dockerfile=dockerfile,
            context=context,
            tag=tag,
            network=self.settings.build_network,
            timeout=self.settings.build_timeout,
            tail_lines=self.settings.log_tail_lines,
        )
        self.logs[name] = built.log
        self.seconds[f"build_{name}"] = built.seconds
        return built


def verify(
    *,
    dockerfile: Path,
    context: Path,
    rewritten: str,
    report: PlannedChanges | None,
    settings: VerifySettings,
) -> Verification:
    """Build the original and `rewritten` from `context` and compare the images."""
    found = engine_.find_engine()
    if isinstance(found, engine_.Unavailable):
        return Verification("could-not-run", found.reason)
    try:
        original_text = dockerfile.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Verification("could-not-run", f"cannot read {dockerfile}: {error}")

    run = _Run(found, settings)
    started = time.monotonic()
    try:
        result = _verify(run, dockerfile, context, original_text, rewritten, report)
    except engine_.EngineError as error:
        result = Verification("could-not-run", f"the engine failed: {error}")
    except Exception:  # a bug here must cost one file, never a whole batch
        run.logs["verify"] = traceback.format_exc()
        result = Verification("could-not-run", "verification raised an internal error")
    finally:
        if not settings.keep_images:
            for tag in run.tags:
                engine_.remove_image(run.engine, tag)
    run.seconds["total"] = time.monotonic() - started
    return replace(
        result,
        warnings=hygiene.warnings(context),
        diff=unified_diff(original_text, rewritten, dockerfile.name),
        logs=run.logs,
        seconds=run.seconds,
    )


def _verify(
    run: _Run,
    dockerfile: Path,
    context: Path,
    original_text: str,
    rewritten: str,
    report: PlannedChanges | None,
) -> Verification:
    if not run.build("original", dockerfile, context).image:
        reason = "the original does not build (not a failure of the rewrite)"
        return Verification("original-does-not-build", reason)

    with tempfile.TemporaryDirectory(prefix="dockerfile-refactor-") as folder:
        rewrite_file = Path(folder) / "Dockerfile"
        rewrite_file.write_text(rewritten, encoding="utf-8")
        built = run.build("rewrite", rewrite_file, context)
    if not built.image:
        evidence = "the rewritten Dockerfile does not build; see the rewrite log"
        return Verification(
            "failed",
            "the rewrite does not build",
            checks=(Check("build", "failed", evidence),),
        )

    original_image, rewrite_image = run.tags
    with run.timed("inspect"):
        original = engine_.inspect(run.engine, original_image)
        rewrite = engine_.inspect(run.engine, rewrite_image)
    # The engine does most of the work (save, export, run), so the sizes, the
    # smoke runs and the file checks proceed side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        measured = pool.submit(_sizes, run, original, rewrite)
        proof = pool.submit(_smoke, run, original["Config"])
        found = _checks(run, original_text, rewritten, report, original, rewrite)
        found += (proof.result(),)
        original_size, rewrite_size = measured.result()
    failed = [c.name for c in found if c.status == "failed"]
    reason = f"failed: {', '.join(failed)}" if failed else "every check passed"
    return Verification(
        "failed" if failed else "verified",
        reason,
        original=original_size,
        rewrite=rewrite_size,
        checks=(Check("build", "passed", "both images build"), *found),
    )


def _sizes(
    run: _Run, original: dict[str, Any], rewrite: dict[str, Any]
) -> tuple[ImageSize, ImageSize]:
    compressed = run.settings.measure_compressed
    with run.timed("sizes"):
        return (
            sizes.measure(run.engine, run.tags[0], original, compressed=compressed),
            sizes.measure(run.engine, run.tags[1], rewrite, compressed=compressed),
        )


def _checks(
    run: _Run,
    original_text: str,
    rewritten: str,
    report: PlannedChanges | None,
    original: dict[str, Any],
    rewrite: dict[str, Any],
) -> tuple[Check, ...]:
    original_config, rewrite_config = original["Config"], rewrite["Config"]
    copied = facts.copied_from_stages(rewritten)
    with run.timed("config"):
        bases = checks.Bases(
            _base_config(run, original_text), _base_config(run, rewritten)
        )
        planned = dict(report.planned_env) if report else {}
        config = checks.config(
            original_config, rewrite_config, bases=bases, planned_env=planned
        )

    with run.timed("closure"):
        rewrite_tree = _export(run, run.tags[1], copied)
        closure = checks.closure(rewrite_config, rewrite_tree, copied)

    with run.timed("files"):
        roots = facts.application_paths(original_text)
        original_tree = _copy_out(run, run.tags[0], roots)
        left = glob_matcher(report.left_behind) if report else None
        files = checks.files(original_tree, roots, rewrite_tree, left_behind=left)
    return (config, closure, files)


def _smoke(run: _Run, original_config: dict[str, Any]) -> Check:
    with run.timed("smoke"):
        return smoke.smoke(
            run.engine, run.tags[0], run.tags[1], original_config, run.settings
        )


def _base_config(run: _Run, text: str) -> dict[str, Any] | None:
    last = facts.final_stage(text)
    if last is None or "$" in last.base or not engine_.exists(run.engine, last.base):
        return None
    config: dict[str, Any] = engine_.inspect(run.engine, last.base)["Config"]
    return config


def _export(run: _Run, image: str, copied: tuple[str, ...]) -> Tree:
    """The whole file tree of the (slim) rewrite image, streamed once."""
    with (
        engine_.created(run.engine, image) as container,
        engine_.tar_stream(run.engine, ["export", container], timeout=60) as stream,
    ):
        return index_tar(stream, inspect_elf=lambda p: checks.under(p, copied))


def _copy_out(run: _Run, image: str, roots: tuple[str, ...]) -> Tree:
    """Only the application's folders of the (big) original image."""
    entries: dict[str, Any] = {}
    with engine_.created(run.engine, image) as container:
        for root in roots:
            args = ["cp", f"{container}:{root}", "-"]
            with engine_.tar_stream(run.engine, args, timeout=60) as stream:
                tree = index_tar(
                    stream, parent=_parent(root), inspect_elf=lambda p: False
                )
            entries.update(tree.entries)
    return Tree(entries)


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] or "/"
