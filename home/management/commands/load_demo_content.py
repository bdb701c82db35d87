import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import load_demo_content

# For a laptop demo only: outside DEBUG the password must come from the environment.
DEV_ONLY_PASSWORD = "northmoor-demo"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Load the fictional Northmoor Constabulary press office: pages, settings, spokespeople, "
        "topics, 30+ statements (one scheduled), groups, the approval workflow and demo users. "
        "Idempotent: running it again changes nothing."
    )

    def handle(self, **options):
        password = os.environ.get("DEMO_ADMIN_PASSWORD")
        if not password:
            if not settings.DEBUG:
                raise CommandError("Set DEMO_ADMIN_PASSWORD: the default is for DEBUG only.")
            password = DEV_ONLY_PASSWORD
        with transaction.atomic():
            result = load_demo_content(password)
        scheduled = result["scheduled"]
        self.stdout.write(
            f"Demo content ready ({result['statements_created']} statements added; "
            f"scheduled: {scheduled.title!r} at {scheduled.go_live_at:%Y-%m-%d %H:%M})."
        )
        if result["users_created"]:
            self.stdout.write(
                f"Demo logins at /admin/ (password {password!r}): "
                + ", ".join(result["users_created"])
                + "  [admin: superuser; officer: press officer; manager: press office manager; "
                "oncall: on-call officer]"
            )
        else:
            self.stdout.write("Demo logins already exist: admin, officer, manager, oncall.")
