"""`dockerfile-refactor bot serve`: the GitHub App webhook service."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from refactor.deliver.forge import PUBLIC_API
from refactor.deliver.secret import Secret

SECRET_ENV = "DOCKERFILE_REFACTOR_WEBHOOK_SECRET"
EXIT_CODES = """\b
Exit codes:
  0  the service stopped cleanly
  2  bad options (a missing secret, an unreadable key), or it could not start
"""


@click.group()
def bot() -> None:
    """Run the GitHub App that proposes multi-stage rewrites by itself."""


@bot.command(epilog=EXIT_CODES)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option(
    "--webhook-secret",
    envvar=SECRET_ENV,
    show_envvar=True,
    help="The App's webhook secret (better from the environment).",
)
@click.option("--app-id", type=int, help="The GitHub App's id.")
@click.option(
    "--private-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The App's private key (PEM file).",
)
@click.option(
    "--token-env",
    help="Instead of App auth: an environment variable holding a token.",
)
@click.option("--github-url", default=PUBLIC_API, show_default=True)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="dockerfile-refactor-bot.sqlite",
    show_default=True,
    help="Delivery queue and delivery state (SQLite).",
)
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--build-network", help="Network for builds (host where no bridge).")
@click.option("--max-prs-per-hour", type=click.IntRange(min=1))
@click.option(
    "--verify/--no-verify",
    "verify_builds",
    default=True,
    show_default=True,
    help="Build and compare each rewrite before proposing it.",
)
@click.option(
    "--write-interval",
    type=click.FloatRange(min=0),
    default=0.75,
    show_default=True,
    help="Seconds between content-creating API calls.",
)
@click.option(
    "--queue",
    "queue_url",
    help="Hand pushes and scans to this Redis queue's workers (redis://...).",
)
def serve(**options: Any) -> None:
    """Receive webhooks, queue them durably and work them off."""
    from refactor.bot.service import ServiceError, run

    try:
        run(**_credentials(options))
    except ServiceError as error:
        click.echo(f"dockerfile-refactor bot: {error}", err=True)
        sys.exit(2)


def _credentials(options: dict[str, Any]) -> dict[str, Any]:
    """Secrets are wrapped at once, so no later message can print them."""
    secret = options.pop("webhook_secret") or ""
    token_env = options.pop("token_env")
    token = Secret(os.environ.get(token_env, "")) if token_env else None
    return {
        **options,
        "webhook_secret": Secret(secret),
        "token": token,
        "token_env": token_env,
    }
