"""What verification reads from a Dockerfile: application paths and copies."""

from __future__ import annotations

from refactor.verify import facts

ORIGINAL = """\
FROM python:3.11
WORKDIR /srv
COPY requirements.txt ./
RUN pip install -r requirements.txt
WORKDIR app
COPY --chown=app:app . .
ADD ["data.tar", "/var/data/"]
CMD ["python", "main.py"]
"""

REWRITE = """\
# escape=\\
FROM python:3.11 AS builder
RUN python -m venv /opt/venv
FROM python:3.11-slim
COPY --from=builder \\
     /opt/venv /opt/venv
WORKDIR /srv/app
COPY --link --from=builder /srv/app ./
"""


def test_application_paths_follow_workdir() -> None:
    assert facts.application_paths(ORIGINAL) == ("/srv", "/srv/app", "/var/data")


def test_copies_from_stages_across_continuations_and_flags() -> None:
    assert facts.copied_from_stages(REWRITE) == ("/opt/venv", "/srv/app")
    last = facts.final_stage(REWRITE)
    assert last is not None and last.base == "python:3.11-slim"
