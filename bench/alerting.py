"""How fast an urgent enquiry reaches a person, with the real worker process.

Measures, over at least 200 alerts:

* routing -> first message handed to the provider: from the commit of the transaction that
  stores an urgent out-of-hours enquiry's route (the public form is built in another branch;
  the form's own work ends with that commit) to the moment the loopback SMTP server receives
  the on-call officer's alert email;
* deadline -> messages: from the moment an escalation level's deadline passes to the moment
  the fake GOV.UK Notify on loopback receives the next level's text.

Run with ``python -m bench.alerting`` (``DATABASE_URL`` names a PostgreSQL server; a throwaway
database ``<name>_bench_alerting`` is created and dropped). Prints a markdown report.
"""

import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ALERTS = int(os.environ.get("BENCH_ALERTS", "200"))
RATE = float(os.environ.get("BENCH_RATE", "4"))  # urgent enquiries per second


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(name, values, target):
    p50, p95, p99 = (percentile(values, p) for p in (50, 95, 99))
    verdict = "met" if p99 <= target else "MISSED"
    return (
        f"| {name} | {len(values)} | {p50:.3f} | {p95:.3f} | {p99:.3f} | {max(values):.3f} "
        f"| <= {target:.0f} s: {verdict} |"
    )


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressoffice.settings.test")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressoffice")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


class Inbox:
    """The SMTP server's handler: when each alert email arrived, by recipient and reference."""

    def __init__(self):
        self.arrivals = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.arrivals.append((time.time(), envelope.content.decode(errors="replace")))
        return "250 OK"


def start_smtp():
    import logging
    import socket

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox, port


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the worker did not keep up")
        time.sleep(0.05)


def main():
    setup_django()
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from django_tasks_db.models import DBTaskResult

    from enquiries.models import Alert, ContactMethod, Enquiry
    from enquiries.signals import enquiry_routed
    from tests.enquiries.alerting.factories import OfficerFactory, policy_of, rota_of
    from tests.fakes.providers import FakeNotify

    db = settings.DATABASES["default"]
    db["TEST"] = {**db.get("TEST", {}), "NAME": f"{db['NAME']}_bench_alerting"}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    smtp, inbox, smtp_port = start_smtp()
    notify = FakeNotify().start()
    worker = None
    try:
        duty = OfficerFactory(username="duty", first_name="Duty", last_name="Officer")
        ContactMethod.objects.create(user=duty, kind="email", address=duty.email)
        sergeant = OfficerFactory(username="sergeant", first_name="Sam", last_name="Sergeant")
        ContactMethod.objects.create(user=sergeant, kind="sms", address="+447700900321")
        policy_of([([], [rota_of(duty)], 5), ([sergeant], [], 5)], name="Bench")

        env = {
            **os.environ,
            "DATABASE_URL": (
                f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "DJANGO_SETTINGS_MODULE": "pressoffice.settings.test",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "ALERT_SMS_BACKEND": "notify",
            "NOTIFY_API_KEY": notify.api_key,
            "NOTIFY_SMS_TEMPLATE_ID": notify.template_id,
            "NOTIFY_BASE_URL": notify.url,
            "LOG_LEVEL": "WARNING",
        }
        # The production command line: default poll interval (0.5 s) and job tick (5 s).
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(3)  # let it start, as it would have long before any enquiry

        committed = {}
        for n in range(ALERTS):
            with transaction.atomic():
                enquiry = Enquiry.objects.create(
                    journalist_name="Bench Reporter",
                    outlet="Northmoor Echo",
                    email="",
                    subject=f"Bench incident {n}",
                    question="Timing run.",
                    urgent=True,
                    route=Enquiry.Route.URGENT_OUT_OF_HOURS,
                )
                enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
            committed[enquiry.reference] = time.time()
            time.sleep(1 / RATE)
        wait_for(lambda: len(inbox.arrivals) >= ALERTS, 120)
        first_message = []
        for at, content in inbox.arrivals:
            reference = next(r for r in committed if r in content)
            first_message.append(at - committed[reference])

        # Each level-1 deadline passes a moment from now, spread out as real deadlines are.
        alerts = list(Alert.objects.filter(status=Alert.Status.OPEN).order_by("pk"))
        start = timezone.now() + timedelta(seconds=2)
        deadlines = {}
        for i, alert in enumerate(alerts):
            due = start + timedelta(seconds=i / RATE)
            Alert.objects.filter(pk=alert.pk).update(next_action_at=due)
            DBTaskResult.objects.filter(
                task_path__endswith="advance_alert",
                status="READY",
                args_kwargs__args=[alert.pk],
            ).update(run_after=due)
            deadlines[alert.pk] = due.timestamp()
        wait_for(lambda: len(notify.accepted()) >= len(alerts), 120)
        from enquiries.alerting import read_ack_token
        from tests.enquiries.alerting.paging import token_in

        escalation = []
        for request in notify.accepted():
            alert_id, _ = read_ack_token(token_in(request.json["personalisation"]["message"]))
            escalation.append(request.received_at - deadlines[alert_id])
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=10)
        notify.stop()
        smtp.stop()
        connection.creation.destroy_test_db(db["NAME"], verbosity=0)

    lines = [
        "## Alerting",
        "",
        f"{ALERTS} urgent out-of-hours enquiries, {RATE:.0f} a second, one worker process "
        "(`manage.py run_worker`, default 0.5 s poll), PostgreSQL, providers on loopback. "
        "Seconds.",
        "",
        "| measure | n | p50 | p95 | p99 | max | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        summary("route committed -> first message at the provider", first_message, 5),
        summary("level deadline -> next level's message at the provider", escalation, 5),
        "",
        f"Mean of the first: {statistics.mean(first_message):.3f} s; of the second: "
        f"{statistics.mean(escalation):.3f} s. The public form lives in another branch, so the "
        "first clock starts at the commit of the routing transaction (the form's last step).",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
