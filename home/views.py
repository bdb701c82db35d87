from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .models import WorkerHeartbeat


@never_cache
def health(request):
    """For the load balancer and monitoring: database reachable, worker alive in the last 2 min."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except Exception:
        database_ok = False
    worker_ok = database_ok and WorkerHeartbeat.is_healthy()
    latest = WorkerHeartbeat.latest() if database_ok else None
    body = {
        "database": "ok" if database_ok else "unreachable",
        "worker": "ok" if worker_ok else "stale",
        "worker_last_seen_at": latest.last_seen_at.isoformat() if latest else None,
    }
    return JsonResponse(body, status=200 if database_ok and worker_ok else 503)
