"""GitHub App authentication through PyGithub: the app's JWT buys installation
tokens, which expire after an hour; a token is reused until shortly before
that and then bought again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from github import Auth, GithubIntegration

from refactor.deliver.secret import Secret

# Renew this long before GitHub's expiry, so a job never starts on a token that
# dies halfway through a clone and a push.
MARGIN = 300.0


@dataclass(frozen=True)
class _Held:
    token: Secret
    expires_at: float


class InstallationTokens:
    def __init__(
        self,
        *,
        app_id: int,
        private_key: str,
        base_url: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._integration = GithubIntegration(
            auth=Auth.AppAuth(app_id, private_key), base_url=base_url
        )
        self._clock = clock
        self._held: dict[int, _Held] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "InstallationTokens(...)"

    def token(self, installation_id: int) -> Secret:
        with self._lock:
            held = self._held.get(installation_id)
            if held is None or held.expires_at - MARGIN <= self._clock():
                held = self._buy(installation_id)
                self._held[installation_id] = held
            return held.token

    def _buy(self, installation_id: int) -> _Held:
        bought = self._integration.get_access_token(installation_id)
        return _Held(Secret(bought.token), bought.expires_at.timestamp())
