from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from django_tasks_db.management.commands.db_worker import Worker

from home.worker import Scheduler, beat


class Command(BaseCommand):
    help = (
        "Run queued background tasks (django-tasks-db) and the periodic jobs in "
        "settings.PERIODIC_JOBS, reporting a heartbeat. Run one or more in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds between polls.")
        parser.add_argument("--tick", type=float, default=5.0, help="Seconds between job checks.")
        parser.add_argument("--queue-name", default="*", help="Queues to run, comma separated.")
        parser.add_argument("--worker-id", default=None)
        parser.add_argument(
            "--no-periodic", action="store_true", help="Only run tasks, not periodic jobs."
        )

    def handle(self, *, interval, tick, queue_name, worker_id, no_periodic, **options):
        worker_id = worker_id or get_random_string(32)
        beat(worker_id)
        if not no_periodic:
            Scheduler(worker_id, tick).start()
        self.stdout.write(f"Worker {worker_id} running queues {queue_name!r}")
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
