"""The periodic side of the task worker: heartbeat and jobs due every N seconds.

django-tasks-db runs queued tasks but has no periodic jobs and no heartbeat. A scheduler thread
beside the task loop supplies both. Each job's schedule is a database row, locked while the job
runs (SKIP LOCKED), so several workers share the jobs instead of repeating them.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
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


def run_due_jobs(jobs=None, now=None):
    """Run every job whose time has come and that no other worker is running; return their names."""
    jobs = settings.PERIODIC_JOBS if jobs is None else jobs
    ran = []
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=name) for name in jobs], ignore_conflicts=True
    )
    for name, (path, interval) in jobs.items():
        with transaction.atomic():
            job = (
                PeriodicJob.objects.select_for_update(skip_locked=True)
                .filter(name=name, next_run_at__lte=now or timezone.now())
                .first()
            )
            if job is None:
                continue
            job.last_started_at = timezone.now()
            try:
                with transaction.atomic():
                    import_string(path)()
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
