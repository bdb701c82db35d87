"""What the people being paged received, read back from the loopback servers.

Every alert message carries its acknowledgement link, and the link's signed token names the
alert and the person; so each message received by the SMTP server or a fake provider can be
traced to (alert, person, channel, address) without trusting our own database.
"""

import re
import time
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from enquiries.alerting import read_ack_token
from enquiries.models import Alert

TOKEN = re.compile(r"/oncall/ack/([^/\s\"'<>]+)/")


@dataclass(frozen=True)
class Received:
    alert: int
    person: int
    channel: str
    address: str
    at: float  # time.monotonic() when the server received it


def token_in(text):
    match = TOKEN.search(text)
    assert match, f"no acknowledgement link in {text[:200]!r}"
    return match.group(1)


def messages_received(smtp=None, notify=None, twilio=None, webhook=None):
    """Every alert message the servers accepted, traced to its alert and person."""
    found = []
    for item in smtp.messages if smtp else ():
        body = item["message"].get_body(("plain",)).get_content()
        if "/oncall/ack/" not in body:
            continue  # not an alert: e.g. the journalist's confirmation
        alert, person = read_ack_token(token_in(body))
        for address in item["to"]:
            found.append(Received(alert, person, "email", address, item.get("at", 0.0)))
    for server, channel in ((notify, "sms"), (twilio, "sms"), (webhook, "webhook")):
        for request in server.accepted() if server else ():
            if server is notify:
                notification = request.json
                text = notification["personalisation"]["message"]
                address = notification["phone_number"]
            elif server is twilio:
                text, address = request.form["Body"], request.form["To"]
            else:
                text, address = request.json["ack_url"], f"{server.url}{request.path}"
            alert, person = read_ack_token(token_in(text))
            found.append(Received(alert, person, channel, address, request.at))
    return found


def count_by_key(received):
    return Counter((r.alert, r.person, r.channel, r.address) for r in received)


def wait_until(predicate, timeout, message="condition", poll=0.1, progress=None):
    """Poll ``predicate`` until true; on a timeout, say what ``progress()`` had reached."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            reached = f" (reached: {progress()})" if progress else ""
            raise AssertionError(f"timed out after {timeout}s waiting for {message}{reached}")
        time.sleep(poll)


def fast_forward(alerts=None):
    """Let the escalation clock run: every open alert's deadline is now, and so is the run time
    of the task queued for it. (A worker process cannot be time-travelled; its database can.)"""
    now = timezone.now()
    due = Alert.objects.filter(status=Alert.Status.OPEN, next_action_at__gt=now)
    if alerts is not None:
        due = due.filter(pk__in=alerts)
    moved = due.update(next_action_at=now)
    DBTaskResult.objects.filter(
        Q(task_path__endswith="advance_alert"),
        status="READY",
        run_after__gt=now,
        run_after__year__lt=9999,  # a task queued without a run time is stored as "max"
    ).update(run_after=now)
    return moved
