"""The ELF reader against binutils' readelf on the host's own binaries."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refactor.verify import elf


def _readelf_needed(path: Path) -> tuple[str, ...]:
    out = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return tuple(
        line.split("[")[1].rstrip("]")
        for line in out.splitlines()
        if "(NEEDED)" in line
    )


@pytest.mark.parametrize("name", ["python", "libz", "ls"])
def test_needed_libraries_match_readelf(name: str) -> None:
    if shutil.which("readelf") is None:
        pytest.skip("binutils' readelf is not installed")
    candidates = {
        "python": Path(sys.executable).resolve(),
        "libz": Path("/usr/lib/x86_64-linux-gnu/libz.so.1"),
        "ls": Path("/usr/bin/ls"),
    }
    path = candidates[name]
    info = elf.parse(path.read_bytes())
    assert info is not None
    assert info.needed == _readelf_needed(path)


def test_the_loader_of_an_executable() -> None:
    info = elf.parse(Path("/usr/bin/ls").read_bytes())
    assert info is not None
    assert info.interpreter is not None and info.interpreter.startswith("/lib")


def test_text_and_truncated_files_are_not_elf() -> None:
    assert elf.parse(b"#!/bin/sh\necho hi\n") is None
    assert elf.parse(elf.MAGIC + b"\x02\x01") is None
