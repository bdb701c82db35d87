from django.core.management.base import BaseCommand

from enquiries.demo import load_demo_operations


class Command(BaseCommand):
    help = (
        "Load the demo press office's operations: media contacts, three weeks of enquiries in "
        "every state, office hours with a Christmas shutdown, the out-of-hours rota and the "
        "default escalation policy. Run after load_demo_content, whose users do the work. "
        "Idempotent: running it again changes nothing."
    )

    def handle(self, **options):
        result = load_demo_operations()
        self.stdout.write(
            f"Demo operations ready ({result.contacts} media contacts, {result.enquiries} "
            f"enquiries, {result.contact_methods} on-call contact methods added"
            + ("; office hours set" if result.office_hours else "")
            + ("; Christmas shutdown added" if result.closure else "")
            + ("; rota added" if result.rota else "")
            + ("; escalation policy added" if result.policy else "")
            + ")."
        )
        if result.missing_users:
            self.stdout.write(
                self.style.WARNING(
                    "Skipped the enquiries and the on-call set-up: the demo users "
                    f"{', '.join(result.missing_users)} do not exist. Run "
                    "`manage.py load_demo_content` first, then this command again."
                )
            )
