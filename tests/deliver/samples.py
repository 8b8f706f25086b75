"""Small repositories the rewriter splits: a Go CLI built with the standard library."""

from __future__ import annotations

from refactor.deliver.forge import Forge, ForgeSettings
from refactor.deliver.polite import IntervalPacer
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from tests.forge.forge import Forge as LocalForge

GO_MOD = "module example.com/hello\n\ngo 1.19\n"
MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n'


def go_dockerfile(tool: str = "hello") -> str:
    return (
        "FROM golang:1.19\n\n"
        "WORKDIR /src\n"
        "COPY go.mod main.go ./\n"
        f"RUN go build -o /usr/local/bin/{tool} .\n\n"
        f'ENTRYPOINT ["{tool}"]\n'
    )


def go_repository(tool: str = "hello") -> dict[str, str]:
    return {"Dockerfile": go_dockerfile(tool), "go.mod": GO_MOD, "main.go": MAIN_GO}


def client_for(local_forge: LocalForge, *, token: str | None = None) -> Forge:
    settings = ForgeSettings(
        base_url=local_forge.api_url,
        token=Secret(token or local_forge.token),
        backoff=0.05,
    )
    return Forge(settings, pacer=IntervalPacer(0.0))


def settings_for(local_forge: LocalForge, **changes: object) -> DeliverySettings:
    """Rewrite-only delivery (no image builds) with the forge's token."""
    base: dict[str, object] = {
        "verify_builds": False,
        "token": Secret(local_forge.token),
        "labels": ("dockerfile-refactor",),
    }
    return DeliverySettings(**{**base, **changes})  # type: ignore[arg-type]
