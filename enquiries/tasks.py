"""Background tasks. Each takes primary keys, re-reads and locks its rows and checks the state
still calls for it, so a duplicate, late or stale task does nothing; the alerting's own tables
are the truth and the sweep (enquiries.jobs.sweep_alerts) stands in for any task that is lost."""

from django_tasks import task

from . import alerting


@task()
def advance_alert(alert_id):
    """Escalate an alert whose deadline has come (enqueued with run_after = the deadline), and
    hand the new step's messages to their providers straight away, one task for the lot."""
    for delivery_id in alerting.advance(alert_id, prompt_sends=False) or ():
        alerting.send(delivery_id)


@task()
def send_delivery(delivery_id):
    """Hand one alert message to its provider, at most once."""
    alerting.send(delivery_id)


@task()
def tell_journalist_alert_acknowledged(alert_id):
    """Email the journalist that an on-call press officer has their enquiry."""
    alerting.tell_journalist(alert_id)
