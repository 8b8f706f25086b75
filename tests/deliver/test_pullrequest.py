from __future__ import annotations

from refactor.deliver import pullrequest
from refactor.deliver.outcome import Check, FileChange


def change(
    path: str, before: int | None, after: int | None, **extra: object
) -> FileChange:
    return FileChange(
        path=path,
        status="verified",
        bytes_before=before,
        bytes_after=after,
        checks=(Check("builds", "passed"), Check("smoke", "passed")),
        diff=f"--- a/{path}\n+++ b/{path}\n@@ -1 +1,2 @@\n+FROM x AS builder\n",
        **extra,  # type: ignore[arg-type]
    )


def test_fingerprint_depends_on_every_input_and_the_version() -> None:
    files = {"Dockerfile": "FROM a\n", "api/Dockerfile": "FROM b\n"}
    base = pullrequest.fingerprint(files, version="1.0")

    assert pullrequest.fingerprint(dict(reversed(files.items())), version="1.0") == base
    assert (
        pullrequest.fingerprint({**files, "Dockerfile": "FROM c\n"}, version="1.0")
        != base
    )
    assert pullrequest.fingerprint(files, version="1.1") != base
    assert pullrequest.fingerprint({"Dockerfile": "FROM a\n"}, version="1.0") != base


def test_body_starts_with_the_size_table_and_ends_with_the_marker() -> None:
    changes = (
        change("Dockerfile", 1_160_000_000, 480_000_000),
        change("worker/Dockerfile", 500_000_000, 100_000_000),
    )
    text = pullrequest.body(
        changes, left_alone=(), fingerprint_="abc123", version="0.1.0"
    )

    table = text.index("| File | Before | After | Saved |")
    assert table < text.index("### Checks") < text.index("<details>")
    assert "| `Dockerfile` | 1,160.0 MB | 480.0 MB | 680.0 MB (58.6%) |" in text
    assert "| **Total** | 1,660.0 MB | 580.0 MB | 1,080.0 MB (65.1%) |" in text
    assert text.rstrip().endswith(
        "<!-- dockerfile-refactor: fingerprint=abc123 version=0.1.0 -->"
    )
    assert pullrequest.read_fingerprint(text) == "abc123"


def test_a_single_file_has_no_total_row_and_unmeasured_sizes_say_so() -> None:
    text = pullrequest.body(
        (change("Dockerfile", None, None),),
        left_alone=(),
        fingerprint_="f",
        version="v",
    )
    assert "**Total**" not in text
    assert "| `Dockerfile` | n/a | n/a | n/a |" in text


def test_files_left_alone_are_listed_with_their_reason() -> None:
    skipped = FileChange(
        path="ci.Dockerfile", status="skipped", reason="no-build-step: x"
    )
    text = pullrequest.body(
        (change("Dockerfile", 10, 5),),
        left_alone=(skipped,),
        fingerprint_="f",
        version="v",
    )
    assert "- `ci.Dockerfile`: skipped, no-build-step: x" in text


def test_a_huge_diff_is_replaced_and_the_body_stays_under_githubs_limit() -> None:
    huge = change("Dockerfile", 10, 5, logs="x" * 10)
    huge = FileChange(**{**huge.__dict__, "diff": "+RUN x\n" * 20_000})
    text = pullrequest.body((huge,), left_alone=(), fingerprint_="f", version="v")
    assert len(text) < 65_536
    assert "too long for a PR body" in text
    assert pullrequest.read_fingerprint(text) == "f"


def test_a_body_without_a_marker_has_no_fingerprint() -> None:
    assert pullrequest.read_fingerprint("Written by a person") is None
    assert pullrequest.read_fingerprint(None) is None


def test_commit_message_carries_the_fingerprint_trailer() -> None:
    message = pullrequest.commit_message(
        [change("Dockerfile", 1, 1)], fingerprint_="ff"
    )
    assert message.splitlines()[-1] == "Dockerfile-Refactor-Fingerprint: ff"
