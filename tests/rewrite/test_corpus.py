"""Over the shared corpus of public Dockerfiles, every file gets an Outcome and
none a traceback; every rewrite is proven (re-parses, two stages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.plan.outcome import Failed, RewriteSettings, Rewritten
from refactor.rewrite import rewrite
from refactor.syntax.parser import parse
from refactor.syntax.stages import stages

pytestmark = pytest.mark.corpus


def test_no_file_breaks_the_rewriter(shared_corpus: Path) -> None:
    failures = []
    rewritten = 0
    for path in sorted(p for p in shared_corpus.rglob("*") if p.is_file()):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        outcome = rewrite(text, settings=RewriteSettings())
        if isinstance(outcome, Failed):
            failures.append(f"{path}: {outcome.reason}\n{outcome.evidence[-600:]}")
        elif isinstance(outcome, Rewritten):
            rewritten += 1
            assert len(stages(parse(outcome.text))) == 2

    assert failures == []
    assert rewritten > 0
