"""The bot's side of the queue: a push or a scan becomes a job for any worker.

With `bot serve --queue URL`, the bot still receives, verifies and durably
records each delivery and reads the repository's configuration; the delivery
itself (clone, rewrite, verify, PR) goes to the same RQ queue a campaign uses,
as one job per delivery, under the shared per-repository lock and pacer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refactor.deliver.repository import DeliverySettings
from refactor.scale.queue import enqueue, open_queue
from refactor.scale.spec import JobSpec, delivery_of

CAMPAIGN = "bot"


@dataclass(frozen=True, kw_only=True)
class QueueDispatch:
    """Hands a repository's delivery to the queue; the job carries the App's id
    and the path of its key (on the workers' machines), never a token."""

    queue_url: str
    forge_url: str
    token_env: str
    app_id: int | None
    private_key: Path | None
    write_interval: float

    def check(self) -> None:
        """Raise `BadQueue` now, at start-up, rather than on the first push."""
        open_queue(self.queue_url)

    def __call__(
        self,
        name: str,
        settings: DeliverySettings,
        installation: int | None,
        delivery: str,
    ) -> str:
        spec = JobSpec(
            repository=name,
            campaign=CAMPAIGN,
            forge_url=self.forge_url,
            token_env=self.token_env,
            state=self.queue_url,
            delivery=delivery_of(settings),
            write_interval=self.write_interval,
            once=False,
            installation=installation,
            app_id=self.app_id,
            private_key=str(self.private_key.resolve()) if self.private_key else None,
            delivery_id=delivery,
        )
        (job,) = enqueue(open_queue(self.queue_url), [spec])
        return f"{name}: queued as job {job}"
