"""The on-call alerting engine: open an alert, advance it through its plan, send its messages.

The database is the truth (as in goalert's engine); a background task is only a prompt wake-up
and the sweep catches whatever a lost task missed. The rules that make the guarantees hold:

* ``advance`` locks the alert row, checks the alert is still open and due, and in the same
  transaction records the deliveries of the next step and moves ``next_action_at``. Two workers
  advancing the same alert serialise on the lock; the second finds it no longer due.
* A delivery is marked SENDING and committed *before* its provider is called, so a send whose
  outcome is unknown (the worker died) is never repeated for that key.
* Right before the provider call the sender takes a share lock on the alert and checks it is
  still open; acknowledging needs the exclusive lock, so once an acknowledgement has committed
  no message for that alert is handed to a provider.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

import phonenumbers
from phonenumber_field.phonenumber import PhoneNumber

from .channels import AlertMessage, DeliveryResult, get_channel
from .models import (
    Alert,
    ContactMethod,
    Delivery,
    DeliveryAttempt,
    Enquiry,
    EnquiryEvent,
    EscalationPolicy,
    OnCallRota,
)
from .models.enquiry import normalise_phone
from .rules import escalation as plan_rules
from .signals import enquiry_routed

logger = logging.getLogger(__name__)

ACK_SALT = "enquiries.oncall.acknowledge"


# --- Acknowledgement links -------------------------------------------------------------------


def ack_token(alert_id, user_id):
    """A signed token naming one alert and one person; it expires (ONCALL_ACK_MAX_AGE)."""
    return signing.TimestampSigner(salt=ACK_SALT).sign_object({"a": alert_id, "u": user_id})


def read_ack_token(token):
    """(alert_id, user_id) from a token; raises SignatureExpired or BadSignature."""
    data = signing.TimestampSigner(salt=ACK_SALT).unsign_object(
        token, max_age=settings.ONCALL_ACK_MAX_AGE
    )
    if not isinstance(data, dict) or not {"a", "u"} <= data.keys():
        raise signing.BadSignature("token does not name an alert and a person")
    return int(data["a"]), int(data["u"])


def ack_url(alert_id, user_id):
    path = reverse("oncall:acknowledge", args=[ack_token(alert_id, user_id)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- Opening ---------------------------------------------------------------------------------


@receiver(enquiry_routed, dispatch_uid="enquiries.alerting.open_alert_for_urgent_enquiry")
def open_alert_for_urgent_enquiry(sender, enquiry, route, **kwargs):
    """An urgent enquiry out of hours pages the on-call officer, in the routing transaction."""
    if route != Enquiry.Route.URGENT_OUT_OF_HOURS:
        return
    if Alert.objects.filter(enquiry=enquiry, status=Alert.Status.OPEN).exists():
        return
    open_alert(enquiry)


def _fallback_without_policy():
    User = get_user_model()  # noqa: N806 (Django's idiom)
    return sorted(
        User.objects.filter(
            username__in=settings.ONCALL_FALLBACK_USERNAMES, is_active=True
        ).values_list("pk", flat=True)
    )


def open_alert(enquiry, policy=None, now=None):
    """Open an alert for ``enquiry`` with its policy frozen on it, and notify its first step."""
    now = now or timezone.now()
    policy = policy or EscalationPolicy.default()
    with transaction.atomic():
        if policy is None:
            plan = {
                "policy_id": None,
                "name": "",
                "levels": [],
                "repeat": 0,
                "fallback": _fallback_without_policy(),
                "fallback_timeout_minutes": settings.ONCALL_FALLBACK_TIMEOUT_MINUTES,
            }
        else:
            plan = policy.snapshot()
        alert = Alert.objects.create(
            enquiry=enquiry, policy=policy, plan=plan, opened_at=now, next_action_at=now
        )
        if policy is None:
            message = "On-call alert opened, but there is no default escalation policy."
        else:
            message = f"On-call alert opened under the policy “{policy.name}”."
        enquiry.record(EnquiryEvent.Kind.ALERT, message, data={"alert": alert.pk, "plan": plan})
        advance(alert.pk, now=now)
    alert.refresh_from_db()
    return alert


# --- Advancing -------------------------------------------------------------------------------


def _resolver(now, unreachable, empty_rotas):
    """resolve(targets) -> people with a working contact method; notes those without one, and
    the rotas with nobody on call (a gap, or a rota deleted since the alert opened)."""

    def resolve(targets):
        people = []
        for kind, ident in targets:
            if kind == "person":
                people.append(ident)
            elif kind == "rota":
                rota = OnCallRota.objects.filter(pk=ident).first()
                person = rota.on_call(now) if rota else None
                if person is not None:
                    people.append(person)
                else:
                    empty_rotas.add(ident)
        people = list(dict.fromkeys(people))
        reachable = set(
            ContactMethod.usable_for(people).values_list("user_id", flat=True).distinct()
        )
        unreachable.update(p for p in people if p not in reachable)
        return tuple(p for p in people if p in reachable)

    return resolve


def _step_words(step):
    if step.is_fallback:
        return "the fallback"
    return f"level {step.level + 1} (round {step.round + 1})"


def _names(user_ids):
    User = get_user_model()  # noqa: N806
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    return ", ".join(
        users[i].get_full_name() or users[i].get_username() for i in user_ids if i in users
    )


def advance(alert_id, now=None, skip_locked=False, prompt_sends=True):
    """Move a due alert to its next step; returns the new deliveries' ids (or None if not due).

    Idempotent and safe to call from any number of workers at once: everything happens under
    the alert's row lock, and an alert that is not open or not yet due is left alone. With
    ``prompt_sends=False`` the caller sends the returned deliveries itself after the commit (the
    escalation task does, saving a task per message); the sweep covers it if the caller dies.
    """
    now = now or timezone.now()
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update(skip_locked=skip_locked, of=("self",))
            .select_related("enquiry")
            .filter(pk=alert_id)
            .first()
        )
        if alert is None or alert.status != Alert.Status.OPEN or alert.next_action_at > now:
            return None
        enquiry = alert.enquiry
        plan = plan_rules.plan_from_snapshot(alert.plan)
        if alert.level is None:
            step = plan_rules.first_step(plan)
        else:
            step = plan_rules.step_after(plan, alert.level, alert.round)
        unreachable, empty_rotas = set(), set()
        resolve = _resolver(now, unreachable, empty_rotas)
        reached = (
            plan_rules.next_reachable(plan, step, resolve)
            if step is not plan_rules.END
            else plan_rules.Reached(plan_rules.END)
        )
        if unreachable:
            enquiry.record(
                EnquiryEvent.Kind.ESCALATED,
                f"No working contact method for {_names(sorted(unreachable))}; passed over.",
                data={"alert": alert.pk, "unreachable": sorted(unreachable)},
            )
        for skipped in reached.skipped:
            enquiry.record(
                EnquiryEvent.Kind.ESCALATED,
                f"Nobody to alert at {_step_words(skipped)}; moved straight on.",
                data={"alert": alert.pk, "skipped": [skipped.level, skipped.round]},
            )

        # Before the plan moves on: a gap pages the fallback whatever comes next.
        gap_ids, gap = _alert_fallback_of_gaps(alert, plan, reached, empty_rotas, resolve, now)
        if reached.step is plan_rules.END:
            _exhaust(alert, now, nobody_at_all=alert.level is None)
            _wake_on_commit(alert.pk, None, gap_ids if prompt_sends else [])
            return gap_ids

        if reached.step.is_fallback and alert.level is None and not gap:
            enquiry.record(
                EnquiryEvent.Kind.ALERT,
                "Gap: nobody on call could be alerted; the fallback is alerted at once.",
                data={"alert": alert.pk, "gap": True},
            )
        first = alert.level is None
        alert.level, alert.round = reached.step.level, reached.step.round
        alert.next_action_at = plan_rules.deadline(now, plan, reached.step)
        alert.save(update_fields=["level", "round", "next_action_at"])
        delivery_ids = gap_ids + _record_deliveries(alert, reached.people, now)
        enquiry.record(
            EnquiryEvent.Kind.ALERT if first else EnquiryEvent.Kind.ESCALATED,
            f"Alerting {_names(list(reached.people))} at {_step_words(reached.step)}; "
            f"next step at {timezone.localtime(alert.next_action_at):%H:%M} unless acknowledged.",
            data={
                "alert": alert.pk,
                "step": [reached.step.level, reached.step.round],
                "people": list(reached.people),
                "next_action_at": alert.next_action_at.isoformat(),
            },
        )
        _wake_on_commit(alert.pk, alert.next_action_at, delivery_ids if prompt_sends else [])
    return delivery_ids


def _alert_fallback_of_gaps(alert, plan, reached, empty_rotas, resolve, now):
    """A rota gap is an alert in itself: page the fallback now, besides moving on.

    Once per alert and round of the gap (the GAP_LEVEL key), and not the people this step pages
    anyway (when the plan fell through to the fallback itself). Returns the new deliveries and
    whether there was a gap.
    """
    rounds = plan_rules.rounds_with_gaps(plan, reached.skipped, empty_rotas)
    if not rounds:
        return [], False
    people = tuple(p for p in resolve(plan.fallback) if p not in reached.people)
    gaps = sorted(
        {
            ident
            for step in reached.skipped
            if not step.is_fallback
            for kind, ident in plan_rules.targets_of(plan, step)
            if kind == "rota" and ident in empty_rotas
        }
    )
    names = dict(OnCallRota.objects.filter(pk__in=gaps).values_list("pk", "name"))
    where = ", ".join(f"“{names[pk]}”" if pk in names else "a deleted rota" for pk in gaps)
    delivery_ids = []
    for round_ in rounds:
        delivery_ids += _record_deliveries(
            alert, people, now, level=plan_rules.GAP_LEVEL, round_=round_
        )
    if people:
        message = f"Gap: nobody on call on {where}; alerting the fallback, {_names(people)}, now."
    elif reached.step is not plan_rules.END and reached.step.is_fallback:
        message = f"Gap: nobody on call on {where}; the fallback is alerted at this step."
    else:
        message = f"Gap: nobody on call on {where}, and no fallback to alert."
    alert.enquiry.record(
        EnquiryEvent.Kind.ALERT,
        message,
        data={
            "alert": alert.pk,
            "gap": True,
            "rotas": gaps,
            "rounds": list(rounds),
            "fallback": list(people),
        },
    )
    return delivery_ids, True


def _exhaust(alert, now, nobody_at_all):
    alert.status = Alert.Status.EXHAUSTED
    alert.exhausted_at = now
    alert.next_action_at = None
    alert.save(update_fields=["status", "exhausted_at", "next_action_at"])
    if nobody_at_all:
        message = "Nobody could be alerted: no one on call, no fallback with a contact method."
    else:
        message = "Nobody acknowledged the alert; the escalation has run to its end."
    alert.enquiry.record(
        EnquiryEvent.Kind.ALERT, message, data={"alert": alert.pk, "exhausted": True}
    )


def _record_deliveries(alert, people, now, level=None, round_=None):
    """One pending delivery per person, by their first working contact method, at the alert's
    current step unless another key (``level``, ``round_``) is given."""
    level = alert.level if level is None else level
    round_ = alert.round if round_ is None else round_
    first_method = {}
    for method in ContactMethod.usable_for(people):
        first_method.setdefault(method.user_id, method)
    rows = [
        Delivery(
            alert=alert,
            level=level,
            round=round_,
            person_id=person,
            contact_method=first_method[person],
            channel=first_method[person].kind,
            address=first_method[person].address,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        for person in people
        if person in first_method
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(
            alert=alert, level=level, round=round_, status=Delivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def _wake_on_commit(alert_id, next_action_at, delivery_ids):
    from .tasks import advance_alert, send_delivery

    def wake():
        for pk in delivery_ids:
            send_delivery.enqueue(pk)
        if next_action_at is not None:
            advance_alert.using(run_after=next_action_at).enqueue(alert_id)

    transaction.on_commit(wake)


# --- Sending ---------------------------------------------------------------------------------


def phone_for_display(phone):
    """A journalist's number as an officer reads it aloud: a UK number as dialled at home
    ("07700 900777"), any other in international format. Links keep E.164 (``normalise_phone``).
    """
    if isinstance(phone, PhoneNumber) and phone.country_code and phone.national_number:
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if phone.country_code == 44
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(phone, style)
    return str(phone or "")


def alert_message(delivery):
    """What the on-call officer reads: enough to call the journalist back without logging in."""
    enquiry = delivery.alert.enquiry
    url = ack_url(delivery.alert_id, delivery.person_id)
    deadline = (
        f"{timezone.localtime(enquiry.deadline):%a %d %b %H:%M}" if enquiry.deadline else "none"
    )
    phone = phone_for_display(enquiry.phone) if enquiry.phone else "no phone given"
    who = enquiry.journalist_name + (f", {enquiry.outlet}" if enquiry.outlet else "")
    subject = f"URGENT enquiry {enquiry.reference}: {enquiry.subject}"
    gap = ""
    if delivery.level == plan_rules.GAP_LEVEL:
        gap = "Nobody is on call: you are the fallback. "
    text = (
        f"{gap}URGENT media enquiry {enquiry.reference} from {who}. Deadline {deadline}. "
        f"Subject: {enquiry.subject}. Call {phone}. Acknowledge: {url}"
    )
    html = format_html(
        "<p>{}<strong>Urgent media enquiry {}</strong> from {}.</p>"
        "<p>Deadline: {}<br>Subject: {}<br>Journalist: {}</p>"
        '<p><a href="{}">Acknowledge this alert</a></p>',
        gap,
        enquiry.reference,
        who,
        deadline,
        enquiry.subject,
        format_html('<a href="tel:{}">{}</a>', normalise_phone(enquiry.phone), phone)
        if enquiry.phone
        else phone,
        url,
    )
    return AlertMessage(subject=subject, text=text, ack_url=url, html=html)


def send(delivery_id, now=None):
    """Hand one delivery to its provider, at most once; returns its status afterwards."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("alert")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Delivery.Status.PENDING:
            return delivery and delivery.status
        if delivery.next_attempt_at > now:
            return delivery.status
        if delivery.alert.status != Alert.Status.OPEN:
            _cancel(delivery, None, now)
            return delivery.status
        delivery.status = Delivery.Status.SENDING
        delivery.attempts += 1
        delivery.updated_at = now
        delivery.save(update_fields=["status", "attempts", "updated_at"])
        attempt = DeliveryAttempt.objects.create(
            delivery=delivery, number=delivery.attempts, started_at=now
        )
    # Committed: from here on this key is never sent again, whatever happens to this process.

    delivery = Delivery.objects.select_related("alert__enquiry", "person").get(pk=delivery_id)
    message = alert_message(delivery)
    with transaction.atomic():
        current = (
            Delivery.objects.select_for_update(of=("self",))
            .filter(pk=delivery_id)
            .values_list("status", "attempts")
            .first()
        )
        if current != (Delivery.Status.SENDING, attempt.number):
            return current and current[0]  # the sweep gave up on this attempt meanwhile
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT status FROM {Alert._meta.db_table} WHERE id = %s FOR SHARE",  # noqa: S608
                [delivery.alert_id],
            )
            (alert_status,) = cursor.fetchone()
        if alert_status != Alert.Status.OPEN:
            _cancel(delivery, attempt, timezone.now())
            return delivery.status
        try:
            result = get_channel(delivery.channel).send(delivery.address, message)
        except Exception as exc:  # a provider bug must not lose the attempt's record
            logger.exception("Alert channel %s raised", delivery.channel)
            result = DeliveryResult(
                delivered=False, retryable=True, detail=f"{type(exc).__name__}: {exc}"
            )
        _record_result(delivery, attempt, result, timezone.now())
    return delivery.status


def _cancel(delivery, attempt, now):
    delivery.status = Delivery.Status.CANCELLED
    delivery.next_attempt_at = None
    delivery.updated_at = now
    delivery.save(update_fields=["status", "next_attempt_at", "updated_at"])
    if attempt is not None:
        attempt.outcome = DeliveryAttempt.Outcome.CANCELLED
        attempt.finished_at = now
        attempt.save(update_fields=["outcome", "finished_at"])
    delivery.alert.enquiry.record(
        EnquiryEvent.Kind.NOTIFICATION,
        f"{delivery.get_channel_display()} to {_names([delivery.person_id])} not sent: "
        "the alert was acknowledged.",
        data={"alert": delivery.alert_id, "delivery": delivery.pk, "status": "cancelled"},
    )


def _record_result(delivery, attempt, result, now):
    attempt.finished_at = now
    attempt.provider_reference = result.provider_reference[:200]
    attempt.answer = result.detail
    delivery.updated_at = now
    delivery.answer = result.detail
    delivery.provider_reference = result.provider_reference[:200]
    retries = settings.ONCALL_RETRY_DELAYS
    where = f"{delivery.get_channel_display()} to {_names([delivery.person_id])}"
    data = {
        "alert": delivery.alert_id,
        "delivery": delivery.pk,
        "attempt": attempt.number,
        "channel": delivery.channel,
        "address": delivery.address,
        "provider_reference": result.provider_reference,
        "answer": result.detail,
    }
    if result.delivered:
        attempt.outcome = DeliveryAttempt.Outcome.SENT
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = now
        message = f"{where} sent ({result.detail or 'accepted'})."
    elif result.retryable and delivery.attempts <= len(retries):
        attempt.outcome = DeliveryAttempt.Outcome.RETRY
        delivery.status = Delivery.Status.PENDING
        delivery.next_attempt_at = now + timedelta(seconds=retries[delivery.attempts - 1])
        message = (
            f"{where} failed (attempt {attempt.number}: {result.detail}); "
            f"trying again in {retries[delivery.attempts - 1]} s."
        )
    else:
        attempt.outcome = DeliveryAttempt.Outcome.FAILED
        delivery.status = Delivery.Status.FAILED
        message = f"{where} failed (attempt {attempt.number}: {result.detail})."
    attempt.save()
    delivery.save()
    data["status"] = delivery.status
    delivery.alert.enquiry.record(EnquiryEvent.Kind.NOTIFICATION, message, data=data)
    if delivery.status == Delivery.Status.PENDING:
        from .tasks import send_delivery

        due = delivery.next_attempt_at
        transaction.on_commit(lambda: send_delivery.using(run_after=due).enqueue(delivery.pk))
    elif delivery.status == Delivery.Status.FAILED:
        fall_through(delivery, now)


def fall_through(delivery, now):
    """After a method has failed for good, owe the same person a message by their next method."""
    tried = set(
        Delivery.objects.filter(
            alert_id=delivery.alert_id,
            level=delivery.level,
            round=delivery.round,
            person_id=delivery.person_id,
        ).values_list("contact_method_id", flat=True)
    )
    following = [m for m in ContactMethod.usable_for([delivery.person_id]) if m.pk not in tried]
    enquiry = delivery.alert.enquiry
    if not following:
        enquiry.record(
            EnquiryEvent.Kind.NOTIFICATION,
            f"{_names([delivery.person_id])} could not be reached by any contact method.",
            data={"alert": delivery.alert_id, "person": delivery.person_id, "unreached": True},
        )
        return None
    method = following[0]
    following_delivery, created = Delivery.objects.get_or_create(
        alert_id=delivery.alert_id,
        level=delivery.level,
        round=delivery.round,
        person_id=delivery.person_id,
        contact_method=method,
        defaults={
            "channel": method.kind,
            "address": method.address,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        },
    )
    if created:
        enquiry.record(
            EnquiryEvent.Kind.NOTIFICATION,
            f"Trying {_names([delivery.person_id])} by their next method: "
            f"{method.get_kind_display()}.",
            data={"alert": delivery.alert_id, "delivery": following_delivery.pk},
        )
        from .tasks import send_delivery

        transaction.on_commit(lambda: send_delivery.enqueue(following_delivery.pk))
    return following_delivery


# --- The sweep -------------------------------------------------------------------------------


def sweep(now=None, batch=200):
    """Act on whatever a lost task missed; returns what it did, for logs and tests.

    * alerts whose deadline passed are advanced (skipping any another worker holds), at most
      ONCALL_SWEEP_ADVANCE_BATCH a run: the sweep runs in one transaction, and in a backlog the
      escalation tasks do the bulk of the work without waiting for its locks;
    * pending deliveries overdue by ONCALL_SWEEP_GRACE get a fresh task, once per grace period,
      so a backlog is not flooded with duplicate prompts;
    * deliveries left SENDING longer than ONCALL_UNCERTAIN_AFTER (their worker died mid-send)
      are marked UNCERTAIN, never re-sent, and the person's next method is tried;
    * a journalist not yet told of an acknowledgement (the email failed) is told again, for a
      day at most;
    * an urgent out-of-hours enquiry with no alert (opening it failed when it arrived, and
      the routing kept the enquiry) gets its alert, so the officer is paged a sweep later.
    """
    now = now or timezone.now()
    opened = open_missing_alerts(now, batch)
    advanced = 0
    due = Alert.objects.filter(status=Alert.Status.OPEN, next_action_at__lte=now)
    advance_batch = settings.ONCALL_SWEEP_ADVANCE_BATCH
    for pk in due.order_by("next_action_at").values_list("pk", flat=True)[:advance_batch]:
        if advance(pk, now=now, skip_locked=True) is not None:
            advanced += 1

    grace = timedelta(seconds=settings.ONCALL_SWEEP_GRACE)
    with transaction.atomic():
        overdue = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Delivery.Status.PENDING,
                next_attempt_at__lte=now - grace,
                updated_at__lte=now - grace,
            )
            .values_list("pk", flat=True)[:batch]
        )
        # updated_at doubles as "last prompted", so each is prompted once per grace period.
        Delivery.objects.filter(pk__in=overdue).update(updated_at=now)
    if overdue:
        from .tasks import send_delivery

        transaction.on_commit(lambda: [send_delivery.enqueue(pk) for pk in overdue])

    uncertain = 0
    stale = now - timedelta(seconds=settings.ONCALL_UNCERTAIN_AFTER)
    with transaction.atomic():
        stuck = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("alert__enquiry")
            .filter(status=Delivery.Status.SENDING, updated_at__lte=stale)[:batch]
        )
        for delivery in stuck:
            delivery.status = Delivery.Status.UNCERTAIN
            delivery.updated_at = now
            delivery.save(update_fields=["status", "updated_at"])
            delivery.attempts_made.filter(outcome=DeliveryAttempt.Outcome.SENDING).update(
                finished_at=now
            )
            delivery.alert.enquiry.record(
                EnquiryEvent.Kind.NOTIFICATION,
                f"{delivery.get_channel_display()} to {_names([delivery.person_id])}: the "
                "worker stopped while sending, so it may or may not have gone; not repeated.",
                data={"alert": delivery.alert_id, "delivery": delivery.pk, "status": "uncertain"},
            )
            if delivery.alert.status == Alert.Status.OPEN:
                fall_through(delivery, now)
            uncertain += 1
    untold = list(
        Alert.objects.filter(
            acknowledged_at__lte=now - grace,
            acknowledged_at__gte=now - timedelta(days=1),
            journalist_told_at__isnull=True,
        )
        .exclude(enquiry__email="")
        .values_list("pk", flat=True)[:batch]
    )
    if untold:
        from .tasks import tell_journalist_alert_acknowledged

        transaction.on_commit(
            lambda: [tell_journalist_alert_acknowledged.enqueue(pk) for pk in untold]
        )
    return {
        "opened": opened,
        "advanced": advanced,
        "resent": len(overdue),
        "uncertain": uncertain,
        "journalists": len(untold),
    }


MISSING_ALERT_WINDOW = timedelta(hours=24)


def open_missing_alerts(now, batch):
    """Open the alert of every recent urgent out-of-hours enquiry that has none; returns how many.

    Only enquiries still live (received in the last day, not closed, not a duplicate, not
    anonymised). Each opens in its own savepoint under the enquiry's row lock, re-checked once
    the lock is held, so two sweeps never open two alerts; one that fails again is logged and
    left for the next sweep without stopping the others.
    """
    no_alert = ~Exists(Alert.objects.filter(enquiry=OuterRef("pk")))
    missing = list(
        Enquiry.objects.filter(
            no_alert,
            route=Enquiry.Route.URGENT_OUT_OF_HOURS,
            received_at__gte=now - MISSING_ALERT_WINDOW,
            anonymised_at__isnull=True,
        )
        .exclude(status__in=[Enquiry.Status.CLOSED, Enquiry.Status.DUPLICATE])
        .order_by("received_at")
        .values_list("pk", flat=True)[:batch]
    )
    opened = 0
    for pk in missing:
        try:
            with transaction.atomic():
                enquiry = (
                    Enquiry.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=pk)
                    .first()
                )
                # A new statement sees an alert another sweep committed since the list above.
                if enquiry is None or Alert.objects.filter(enquiry=enquiry).exists():
                    continue
                enquiry.record(
                    EnquiryEvent.Kind.ALERT,
                    "The alert sweep found this urgent enquiry without an on-call alert; "
                    "opening it now.",
                    data={"opened_by_sweep": True},
                )
                open_alert(enquiry, now=now)
        except Exception:
            logger.exception("Could not open the missing on-call alert of enquiry %s", pk)
        else:
            opened += 1
    return opened


# --- The journalist ---------------------------------------------------------------------------


def tell_journalist(alert_id):
    """Email the journalist that an on-call officer has their enquiry, once per alert."""
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update(of=("self",))
            .select_related("enquiry", "acknowledged_by")
            .filter(pk=alert_id)
            .first()
        )
        if alert is None or alert.journalist_told_at or alert.acknowledged_by is None:
            return False
        enquiry = alert.enquiry
        if not enquiry.email:
            return False
        officer = alert.acknowledged_by.get_full_name() or "An on-call press officer"
        subject = f"Your enquiry {enquiry.reference}: an on-call press officer has it"
        body = (
            f"Dear {enquiry.journalist_name},\n\n"
            f"Thank you for your urgent enquiry “{enquiry.subject}” ({enquiry.reference}). "
            f"{officer}, our on-call press officer, has it and will contact you"
            + (
                f" before your deadline of {timezone.localtime(enquiry.deadline):%H:%M on %A %d %B}"
                if enquiry.deadline
                else " as soon as they can"
            )
            + ".\n\nPlease quote the reference if you get in touch again.\n"
        )
        send_mail(subject, body, None, [enquiry.email])
        alert.journalist_told_at = timezone.now()
        alert.save(update_fields=["journalist_told_at"])
        enquiry.record(
            EnquiryEvent.Kind.EMAIL,
            f"Told {enquiry.journalist_name} by email that an on-call press officer has it.",
            data={"alert": alert.pk, "to": enquiry.email},
        )
    return True
