"""`manage.py sweep_alerts`: the escalation sweep once, for cron or by hand.

The worker already runs it every few seconds (settings.PERIODIC_JOBS); this is the same sweep
for a deployment that wants a second, independent safety net, or for an operator checking.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from enquiries import alerting


class Command(BaseCommand):
    help = "Advance overdue escalations and re-prompt stuck alert messages."

    def handle(self, *args, **options):
        with transaction.atomic():
            done = alerting.sweep()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in done.items()))
