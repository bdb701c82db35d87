"""The periodic side of the task worker: heartbeat and jobs due every N seconds.

django-tasks-db runs queued tasks but has no periodic jobs and no heartbeat. A scheduler thread
beside the task loop supplies both. Each job's schedule is a database row; while a job runs its
worker holds a lock named after it, so several workers share the jobs instead of repeating them.

The lock is not a row lock inside a transaction wrapped round the job: every job commits its
own work in steps (the alert sweep advances each alert in its own transaction, retention works
in batches), and one transaction round the whole job held every row it touched until the end,
so an officer acknowledging an alert could deadlock with the sweep.
"""

import logging
import os
import socket
import threading
import zlib
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicJob, WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "last_seen_at": now},
        create_defaults={
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": now,
            "last_seen_at": now,
        },
    )


@contextmanager
def job_lock(name):
    """Whether this worker may run the job now; at most one worker holds each job's lock.

    A PostgreSQL session advisory lock: it needs no open transaction, and it goes with the
    connection if the worker dies, so another worker runs the job at once. SQLite, for
    `make run`'s single worker, has no such lock and needs none.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(f"periodic-job:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (held,) = cursor.fetchone()
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def run_due_jobs(jobs=None, now=None):
    """Run every job whose time has come and that no other worker is running; return their names."""
    jobs = settings.PERIODIC_JOBS if jobs is None else jobs
    ran = []
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=name) for name in jobs], ignore_conflicts=True
    )
    for name, (path, interval) in jobs.items():
        with job_lock(name) as held:
            if not held:
                continue
            # Read under the lock: a worker that just ran the job has moved next_run_at on.
            job = PeriodicJob.objects.filter(
                name=name, next_run_at__lte=now or timezone.now()
            ).first()
            if job is None:
                continue
            job.last_started_at = timezone.now()
            try:
                import_string(path)()  # the job commits its own work, step by step
            except Exception as exc:
                logger.exception("Periodic job %s failed", name)
                job.last_error = f"{type(exc).__name__}: {exc}"
            else:
                job.last_error = ""
            job.last_finished_at = timezone.now()
            job.next_run_at = job.last_started_at + timedelta(seconds=interval)
            job.save()
            ran.append(name)
    return ran


class Scheduler(threading.Thread):
    def __init__(self, worker_id, tick):
        super().__init__(name="periodic-jobs", daemon=True)
        self.worker_id = worker_id
        self.tick = tick
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            close_old_connections()
            try:
                beat(self.worker_id)
                run_due_jobs()
            except Exception:
                logger.exception("Scheduler tick failed; trying again in %ss", self.tick)
            self.stopping.wait(self.tick)
        close_old_connections()
