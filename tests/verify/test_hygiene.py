"""Warnings about secrets a build context would send to the engine."""

from __future__ import annotations

from pathlib import Path

from refactor.verify.hygiene import warnings


def _context(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_git_and_credentials_are_named_by_path_only(tmp_path: Path) -> None:
    context = _context(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".env": "API_KEY=very-secret\n",
            "deploy/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n",
            ".npmrc": "//registry.npmjs.org/:_authToken=npm_secret\n",
            "app.py": "print(1)\n",
        },
    )
    found = warnings(context)

    assert len(found) == 4
    assert any(".git" in w for w in found)
    assert any(w.startswith("deploy/id_rsa") for w in found)
    assert not any("secret" in w for w in found)


def test_dockerignore_silences_the_warnings(tmp_path: Path) -> None:
    context = _context(
        tmp_path,
        {
            ".dockerignore": ".git\n.env\n**/*.pem\n",
            ".git/HEAD": "ref: refs/heads/main\n",
            ".env": "API_KEY=very-secret\n",
            "tls/server.pem": "-----BEGIN CERTIFICATE-----\n",
            ".npmrc": "registry=https://registry.npmjs.org/\n",
        },
    )
    assert warnings(context) == ()
