"""The one error the syntax layer raises: a line number and one clear sentence."""

from __future__ import annotations


class DockerfileSyntaxError(Exception):
    """Input that cannot be read as a Dockerfile; `line` is 1-based, 0 when unknown."""

    def __init__(self, message: str, *, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message
