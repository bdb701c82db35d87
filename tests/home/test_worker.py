"""The worker: periodic jobs run once per interval between any number of workers; /health/."""

import time
from datetime import timedelta

from django.utils import timezone

import pytest

from home.models import PeriodicJob, WorkerHeartbeat
from home.worker import run_due_jobs

CALLS = []


def record_call():
    CALLS.append(timezone.now())


def fail():
    raise RuntimeError("provider unreachable")


JOBS = {"record": ("tests.home.test_worker.record_call", 60)}


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


def test_a_due_job_runs_once_and_is_rescheduled(db):
    assert run_due_jobs(JOBS) == ["record"]
    assert run_due_jobs(JOBS) == []
    assert len(CALLS) == 1
    job = PeriodicJob.objects.get(name="record")
    assert job.next_run_at - job.last_started_at == timedelta(seconds=60)


def test_a_failing_job_records_its_error_and_is_tried_again_next_interval(db):
    run_due_jobs({"fail": ("tests.home.test_worker.fail", 30)})
    job = PeriodicJob.objects.get(name="fail")
    assert "provider unreachable" in job.last_error
    later = timezone.now() + timedelta(seconds=31)
    assert run_due_jobs({"fail": ("tests.home.test_worker.fail", 30)}, now=later) == ["fail"]


def test_health_reports_a_stale_worker(client, db):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "worker": "ok",
        "worker_last_seen_at": response.json()["worker_last_seen_at"],
    }
    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(minutes=3))
    assert client.get("/health/").status_code == 503


@pytest.mark.worker
def test_a_real_worker_beats_and_runs_the_periodic_jobs(start_worker):
    start_worker()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if PeriodicJob.objects.filter(name="publish_scheduled", last_finished_at__isnull=False):
            break
        time.sleep(0.2)
    assert WorkerHeartbeat.is_healthy()
    job = PeriodicJob.objects.get(name="publish_scheduled")
    assert job.last_error == ""
