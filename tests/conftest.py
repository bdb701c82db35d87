"""Shared fixtures: a real SMTP server on loopback and real task-worker processes."""

import os
import socket
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

from django.db import connection

import pytest
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parent.parent


class SMTPInbox:
    """Collects every message the SMTP server on loopback accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message,
                "at": time.monotonic(),
            }
        )
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]

    def wait_for(self, count=1, timeout=10.0, address=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address) if address else self.messages
            if len(found) >= count:
                return found
            time.sleep(0.05)
        found = self.to(address) if address else self.messages
        raise AssertionError(f"expected {count} message(s), got {len(found)}")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend is pointed at it."""
    inbox = SMTPInbox()
    # aiosmtpd connects to its own port to check it started, so it needs a real one, not 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    inbox.port = settings.EMAIL_PORT
    yield inbox
    controller.stop()


def worker_env(extra=None):
    """Environment for a worker subprocess that talks to this test run's database."""
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    url = f"postgres://{user}@{host}:{port}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pressoffice.settings.test",
        "DATABASE_URL": url,
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra or {})
    return env


class WorkerProcess:
    """`manage.py run_worker` as a real process; start, kill (SIGKILL) and restart it."""

    def __init__(self, extra_env=None, args=()):
        self.extra_env = extra_env or {}
        self.args = list(args)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.1", "--tick", "1"]
            + self.args,
            cwd=REPO,
            env=worker_env(self.extra_env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(transactional_db):
    """Start real worker processes against the test database; all are stopped afterwards.

    The settings a worker needs that differ from the test settings (the SMTP port, a provider's
    URL) go in ``extra_env`` as environment variables.
    """
    workers = []

    def start(extra_env=None, args=()):
        worker = WorkerProcess(extra_env, args).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def run_queued_tasks(db):
    """Run every task queued so far in this process with the real django-tasks-db worker loop."""
    from django_tasks_db.management.commands.db_worker import Worker

    def run():
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    return run


def ensure_wagtail_tree():
    """Put back what Wagtail's migrations create: a locale, the root collection, the page tree's
    root with a welcome page, and the default site pointing at it."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.exists():
        home = root.get_children().first() or root.add_child(
            instance=Page(title="Welcome to your new Wagtail site!", slug="home")
        )
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


@pytest.fixture(autouse=True)
def _wagtail_tree_after_flush(request):
    """A transactional test empties every table, migrated rows included, when it ends; the next
    one would find no page tree. Each transactional test starts from the migrated tree."""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        ensure_wagtail_tree()
