"""Periodic jobs of the enquiries app, run by `manage.py run_worker` (settings.PERIODIC_JOBS)."""

from . import alerting


def sweep_alerts():
    """Advance overdue escalations and re-prompt stuck deliveries: a lost task costs a minute."""
    alerting.sweep()
