"""rewrite(): files that must not change (each with its skip code) and files that
must, with the whole expected output."""

from __future__ import annotations

import pytest

from refactor.context import MemoryContext
from refactor.plan.outcome import Failed, RewriteSettings, Rewritten, Skipped
from refactor.rewrite import buildkit_disagreement, prove, rewrite
from refactor.syntax.parser import parse

SETTINGS = RewriteSettings()


def rewritten(text: str, context: MemoryContext | None = None) -> str:
    outcome = rewrite(text, settings=SETTINGS, context=context)
    assert isinstance(outcome, Rewritten), outcome
    return outcome.text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(
            "FROM golang:1.19 AS b\nRUN go build -o /app\n"
            "FROM scratch\nCOPY --from=b /app /\n",
            "already-multi-stage",
            id="two stages",
        ),
        pytest.param(
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN msbuild\n",
            "windows-image",
            id="windows base",
        ),
        pytest.param(
            'FROM python:3.11\nSHELL ["powershell", "-Command"]\nRUN pip install x\n',
            "windows-image",
            id="windows shell",
        ),
        pytest.param(
            "FROM corp/buildbox:7\nRUN pip install flask\n",
            "unknown-base",
            id="base with no slim counterpart",
        ),
        pytest.param(
            "FROM python:3.11\nCOPY app.py /app/\nCMD python /app/app.py\n",
            "no-build-step",
            id="nothing built",
        ),
        pytest.param(
            "FROM python:3.11\nRUN curl -fsSL https://x.example/install | sh\n"
            "RUN pip install flask\n",
            "unsafe-step",
            id="script piped into a shell",
        ),
        pytest.param(
            "FROM python:3.11\nRUN pip install flask && frobnicate --all\n",
            "unsafe-step",
            id="a command no rule knows",
        ),
        pytest.param(
            "FROM python:3.11\nRUN <<EOF\npip install x\n",
            "parse-error",
            id="unterminated heredoc",
        ),
        pytest.param(
            "FROM python:3.11\nWORKDIR /\nCOPY . .\n"
            "RUN pip install -r requirements.txt\n",
            "unsafe-step",
            id="context copied to /",
        ),
    ],
)
def test_skipped(text: str, code: str) -> None:
    outcome = rewrite(text, settings=SETTINGS)
    assert isinstance(outcome, Skipped), outcome
    assert outcome.code == code
    assert outcome.reason


PIP = """\
FROM python:3.11

# the app lives here
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

EXPOSE 8000
CMD ["python", "app.py"]
"""
PIP_REWRITTEN = """\
FROM python:3.11 AS builder

# the app lives here
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

FROM python:3.11-slim

# the app lives here
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
ENV PATH=/opt/venv/bin:$PATH

EXPOSE 8000
CMD ["python", "app.py"]
"""

NPM = """\
FROM node:18
WORKDIR /srv
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
CMD ["node", "dist/main.js"]
"""
NPM_REWRITTEN = """\
FROM node:18 AS builder
WORKDIR /srv
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:18-slim
WORKDIR /srv
COPY --from=builder /srv /srv
CMD ["node", "dist/main.js"]
"""

APT = """\
ARG PY=3.11
FROM python:${PY}
ARG UNUSED=1
ARG PORT=8000
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
WORKDIR /home/app
COPY --chown=app . .
RUN pip install --no-cache-dir -r requirements.txt && mkdir -p /var/run/app
USER app
ENV PORT=$PORT
CMD gunicorn -b 0.0.0.0:$PORT app:wsgi
"""
APT_REWRITTEN = """\
ARG PY=3.11
FROM python:${PY} AS builder
ARG UNUSED=1
ARG PORT=8000
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
WORKDIR /home/app
COPY --chown=app . .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt && mkdir -p /var/run/app
USER app
ENV PORT=$PORT

FROM python:${PY}-slim
ARG PORT=8000
RUN apt-get update \\
    && apt-get install -y --no-install-recommends libpq5 \\
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
WORKDIR /home/app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /home/app /home/app
ENV PATH=/opt/venv/bin:$PATH
RUN mkdir -p /var/run/app
USER app
ENV PORT=$PORT
CMD gunicorn -b 0.0.0.0:$PORT app:wsgi
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(PIP, PIP_REWRITTEN, id="pip into a virtualenv, comments kept"),
        pytest.param(NPM, NPM_REWRITTEN, id="npm build, pruned in the last RUN"),
        pytest.param(APT, APT_REWRITTEN, id="run-time packages, setup replayed, ARGs"),
        pytest.param(
            PIP.replace("\n", "\r\n"),
            PIP_REWRITTEN.replace("\n", "\r\n"),
            id="CRLF stays CRLF",
        ),
    ],
)
def test_rewritten(text: str, expected: str) -> None:
    assert rewritten(text) == expected


def test_a_rewrite_rewritten_again_is_skipped() -> None:
    once = rewritten(PIP)

    again = rewrite(once, settings=SETTINGS)

    assert again == Skipped("already-multi-stage", "the file already has 2 stages")


def test_report_lists_planned_env_and_what_the_final_stage_lacks() -> None:
    text = "FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\n"
    context = MemoryContext({"go.mod": "module x\n", "main.go": "package main\n"})

    outcome = rewrite(text + 'CMD ["app"]\n', settings=SETTINGS, context=context)

    assert isinstance(outcome, Rewritten)
    assert [a.source for a in outcome.report.artifacts] == ["/bin/app"]
    assert "/src/**" in outcome.report.left_behind
    python = rewrite(PIP, settings=SETTINGS)
    assert isinstance(python, Rewritten)
    assert python.report.planned_env == {"PATH": "/opt/venv/bin:$PATH"}


def test_base_map_overrides_the_policy() -> None:
    settings = RewriteSettings(base_map={"python:3.11": "mirror.corp/python:3.11-slim"})

    outcome = rewrite(PIP, settings=settings)

    assert isinstance(outcome, Rewritten)
    assert "\nFROM mirror.corp/python:3.11-slim\n" in outcome.text
    assert outcome.report.final_base == "mirror.corp/python:3.11-slim"


def test_lowercase_files_get_lowercase_new_lines() -> None:
    text = PIP.replace("FROM", "from").replace("RUN", "run").replace("COPY", "copy")

    out = rewritten(text)

    assert "from python:3.11 as builder\n" in out
    assert "run python -m venv /opt/venv\n" in out
    assert "copy --from=builder /app /app\n" in out


def test_prove_refuses_a_text_that_is_not_two_stages() -> None:
    outcome = rewrite(PIP, settings=SETTINGS)
    assert isinstance(outcome, Rewritten)

    proven = prove("FROM python:3.11\nRUN true\n", outcome.report, settings=SETTINGS)

    assert isinstance(proven, Failed)
    assert proven.reason == "the rewrite has 1 stages instead of 2"
    assert proven.evidence == "FROM python:3.11\nRUN true\n"


def test_buildkit_disagreement_names_the_first_difference() -> None:
    text = "FROM a AS b\nRUN x \\\n  y\nFROM c\n"
    shifted = parse("FROM a AS b\nRUN x\nFROM c\n")

    assert buildkit_disagreement(text, parse(text)) is None
    assert buildkit_disagreement(text, shifted) == (
        "ours ('RUN', 2, 2), BuildKit's ('RUN', 2, 3)"
    )
