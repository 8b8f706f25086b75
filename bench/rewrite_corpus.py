"""Share of mono-stage Dockerfiles the rewriter converts, and why it skips the rest.

Usage: python bench/rewrite_corpus.py [CORPUS_DIR]
(the default is ../shared/corpus/dockerfiles beside the checkout)

Every file is rewritten without its build context (the corpus has none), so
rules that read manifests see less than they would in a real repository.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from refactor.plan.outcome import Failed, RewriteSettings, Rewritten, Skipped
from refactor.rewrite import rewrite

DEFAULT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dockerfiles"
)


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    counts: Counter[str] = Counter()
    commands: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        status = _status(path, commands)
        counts[status] += 1
    elapsed = time.perf_counter() - started

    _print_table(counts, commands, len(files), elapsed)
    return 0


def _status(path: Path, commands: Counter[str]) -> str:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    outcome = rewrite(text, settings=RewriteSettings())
    if isinstance(outcome, Rewritten):
        return "rewritten"
    if isinstance(outcome, Failed):
        return "failed"
    if isinstance(outcome, Skipped):
        if outcome.code == "unsafe-step" and outcome.reason.startswith("`"):
            commands[outcome.reason[1:].split()[0].strip("`:")] += 1
        return f"skipped: {outcome.code}"
    return "unchanged"


def _print_table(
    counts: Counter[str], commands: Counter[str], total: int, elapsed: float
) -> None:
    excluded = ("skipped: already-multi-stage", "skipped: parse-error", "not UTF-8")
    mono = total - sum(counts[k] for k in excluded)
    per_file = 1000 * elapsed / max(total, 1)
    print(f"{total} files, {elapsed:.1f} s ({per_file:.2f} ms a file)")
    print(f"{mono} mono-stage files that parse\n")
    print(f"| {'outcome':<32} | {'files':>6} | {'share of mono-stage':>19} |")
    print(f"|{'-' * 34}|{'-' * 8}|{'-' * 21}|")
    for status, count in counts.most_common():
        share = f"{100 * count / mono:.1f}%" if status not in excluded else "-"
        print(f"| {status:<32} | {count:>6} | {share:>19} |")
    print("\nCommands most often behind unsafe-step:")
    print(", ".join(f"{name} ({n})" for name, n in commands.most_common(15)))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
