"""Periodic jobs run by `manage.py run_worker` (see PERIODIC_JOBS in settings)."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone


def publish_scheduled():
    """Publish pages whose go-live time has passed and unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


def prune_task_results():
    """Finished task results are only useful for a week of debugging."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=7)
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
