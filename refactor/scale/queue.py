"""The RQ side: enqueue a campaign, wait for it, run a worker, rescue abandoned jobs.

RQ notices a worker that died mid-job only when the job's heartbeat entry in
the StartedJobRegistry runs out, at least a minute later. We notice sooner:
a job holds its repository's lease while it runs (`scale.lock`), so a job
that RQ still calls started, whose repository the state still calls running,
but whose lease has expired, was abandoned. Whoever sees it first (a worker's
reaper thread or a waiting `migrate`) takes its registry entry out with one
ZREM, so only one of them puts it back, through RQ's own `Retry` count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import redis
from rq import Queue, Retry, SimpleWorker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, StartedJobRegistry

from refactor.deliver.outcome import RepoOutcome
from refactor.scale import jobs
from refactor.scale.lock import lock_key
from refactor.scale.spec import BadSpec, JobSpec, from_mapping, to_mapping
from refactor.scale.state import RedisState

QUEUE_NAME = "dockerfile-refactor"
JOB_FUNCTION = "refactor.scale.jobs.handle"
RETRIES = 3
JOB_TIMEOUT = 4 * 3600  # a repository with many Dockerfiles to build
RESULT_TTL = 7 * 86_400
PENDING = frozenset(
    {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
)

OnOutcome = Callable[[RepoOutcome], None]


class BadQueue(ValueError):
    """A --queue URL that cannot be used; the message says why."""


def open_queue(url: str) -> Queue:
    """The campaign queue at `url`, checked with a PING."""
    if not jobs.is_redis(url):
        raise BadQueue(f"--queue takes a redis:// URL, not {url!r}")
    connection = jobs.connect(url)
    try:
        connection.ping()
    except redis.RedisError as error:
        raise BadQueue(f"cannot reach the queue at {_safe(url)}: {error}") from None
    return Queue(QUEUE_NAME, connection=connection)


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def enqueue(queue: Queue, specs: Iterable[JobSpec]) -> tuple[str, ...]:
    """One job per spec; a job still waiting or running is left as it is."""
    ids = []
    for spec in specs:
        ids.append(spec.job_id)
        if _status(queue, spec.job_id) in PENDING:
            continue
        queue.enqueue(
            JOB_FUNCTION,
            to_mapping(spec),
            job_id=spec.job_id,
            retry=Retry(max=RETRIES),
            job_timeout=JOB_TIMEOUT,
            result_ttl=RESULT_TTL,
            failure_ttl=RESULT_TTL,
            description=f"{spec.campaign}: {spec.repository}",
        )
    return tuple(ids)


def _status(queue: Queue, job_id: str) -> JobStatus | None:
    try:
        return Job.fetch(job_id, connection=queue.connection).get_status()
    except NoSuchJobError:
        return None


def wait(
    queue: Queue,
    job_ids: Sequence[str],
    *,
    on_outcome: OnOutcome,
    poll: float = 0.5,
    reap_every: float = 2.0,
) -> tuple[RepoOutcome, ...]:
    """Block until every job has an outcome, reporting each once as it lands."""
    pending = list(job_ids)
    done: list[RepoOutcome] = []
    last_reap = time.monotonic()
    while pending:
        fetched = Job.fetch_many(pending, connection=queue.connection)
        for job_id, job in zip(list(pending), fetched, strict=True):
            outcome = _outcome(job_id, job)
            if outcome is not None:
                pending.remove(job_id)
                done.append(outcome)
                on_outcome(outcome)
        if time.monotonic() - last_reap > reap_every:
            reap_abandoned(queue)
            last_reap = time.monotonic()
        if pending:
            time.sleep(poll)
    return tuple(done)


def _outcome(job_id: str, job: Job | None) -> RepoOutcome | None:
    """The job's outcome once it has one: finished, failed for good, or lost."""
    if job is None:
        return RepoOutcome(
            name=job_id, status="failed", stage="queue", reason="job vanished"
        )
    status = job.get_status(refresh=False)
    name = _repository(job)
    if status == JobStatus.FINISHED:
        return outcome_of(job.return_value())
    if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
        reason = (job.exc_info or str(status)).strip().splitlines()[-1]
        return RepoOutcome(name=name, status="failed", stage="worker", reason=reason)
    return None


def _repository(job: Job) -> str:
    try:
        return from_mapping(job.args[0]).repository
    except (BadSpec, IndexError):
        return job.id


def outcome_of(result: Any) -> RepoOutcome:
    """A job's JSON result back as an outcome (its files stay in the state)."""
    if not isinstance(result, dict):
        return RepoOutcome(name="?", status="failed", stage="queue", reason="no result")
    retry_at = result.get("retry_at")
    return RepoOutcome(
        name=str(result.get("name", "?")),
        status=str(result.get("status", "failed")),
        reason=str(result.get("reason", "")),
        stage=str(result.get("stage", "")),
        pr_url=str(result.get("pr_url", "")),
        fingerprint=str(result.get("fingerprint", "")),
        retry_at=float(retry_at) if retry_at is not None else None,
    )


def reap_abandoned(queue: Queue, *, grace: float | None = None) -> int:
    """Put back every started job whose worker died; how many were put back."""
    grace = jobs.lease() if grace is None else grace
    registry = StartedJobRegistry(queue=queue)
    # RQ's own check first: entries whose heartbeat ran out (a job killed
    # before it marked its repository running) are retried by RQ itself.
    registry.cleanup()
    rescued = 0
    for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
        job = Job.fetch_many([job_id], connection=queue.connection)[0]
        if job is None or not _abandoned(job, queue.connection, grace):
            continue
        removed = queue.connection.zrem(registry.key, f"{job_id}:{execution_id}")
        if removed:
            _put_back(job, queue)
            rescued += 1
    return rescued


def _abandoned(job: Job, connection: redis.Redis, grace: float) -> bool:
    try:
        spec = from_mapping(job.args[0])
    except (BadSpec, IndexError):
        return False
    started = job.started_at
    if started is None:
        return False
    age = datetime.now(UTC).timestamp() - started.replace(tzinfo=UTC).timestamp()
    if age < grace:
        return False  # it may not have taken its lease yet
    if connection.exists(lock_key(spec.repository)):
        return False
    state = RedisState(jobs.connect(spec.state), campaign=spec.campaign)
    return state.status_of(spec.repository) == "running"


def _put_back(job: Job, queue: Queue) -> None:
    with queue.connection.pipeline() as pipeline:
        if job.retries_left:
            job.retry(queue, pipeline)
        else:
            job.set_status(JobStatus.FAILED, pipeline=pipeline)
            FailedJobRegistry(queue=queue).add(
                job,
                exc_string="abandoned by its worker; no retries left",
                pipeline=pipeline,
            )
        pipeline.execute()


def run_worker(
    url: str, *, name: str | None = None, burst: bool = False, reap_every: float = 5.0
) -> bool:
    """Work the queue until stopped (or empty, with `burst`), rescuing abandoned
    jobs on the side. SimpleWorker runs jobs in this process: no fork per job,
    and a kill -9 of the worker is a kill of its job, which the lease detects."""
    queue = open_queue(url)
    stop = threading.Event()
    reaper = threading.Thread(
        target=_reap_until, args=(stop, queue, reap_every), daemon=True
    )
    reaper.start()
    try:
        worker = SimpleWorker([queue], connection=queue.connection, name=name)
        return bool(worker.work(burst=burst, logging_level="INFO"))
    finally:
        stop.set()


def _reap_until(stop: threading.Event, queue: Queue, every: float) -> None:
    while not stop.wait(every):
        try:
            reap_abandoned(queue)
        except redis.RedisError:
            continue  # the worker itself will report a lost connection
