"""The corpus cases the rewriter must reproduce, and how to refresh their goldens.

`python -m tests.rewrite.goldens` writes each rewrite case's expected.Dockerfile
from the tool's current output. Read every changed golden before committing it:
a golden is a reviewed answer, not a recording.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from refactor.context import DirectoryContext
from refactor.plan.outcome import Outcome, RewriteSettings
from refactor.rewrite import rewrite

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


@dataclass(frozen=True)
class Case:
    folder: Path
    expect: str
    code: str | None

    @property
    def name(self) -> str:
        return f"{self.folder.parent.name}/{self.folder.name}"

    @property
    def original(self) -> str:
        return (self.folder / "Dockerfile").read_bytes().decode("utf-8")

    @property
    def golden(self) -> Path:
        return self.folder / "expected.Dockerfile"

    def outcome(self) -> Outcome:
        context = DirectoryContext(self.folder)
        return rewrite(self.original, settings=RewriteSettings(), context=context)


def cases() -> list[Case]:
    found = []
    for case_file in sorted(CORPORA.glob("*/*/case.toml")):
        data = tomllib.loads(case_file.read_text(encoding="utf-8"))
        expect = data.get("expect", "rewrite")
        found.append(Case(case_file.parent, expect, data.get("code")))
    return found


def main() -> int:
    for case in cases():
        outcome = case.outcome()
        text = getattr(outcome, "text", None)
        if case.expect != "rewrite" or text is None:
            continue
        if not case.golden.exists() or case.golden.read_bytes() != text.encode():
            case.golden.write_bytes(text.encode("utf-8"))
            print(f"wrote {case.golden}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
