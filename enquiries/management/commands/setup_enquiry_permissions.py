from django.core.management.base import BaseCommand

from enquiries.groups import ENQUIRY_PERMISSIONS, ensure_enquiry_permissions


class Command(BaseCommand):
    help = "Create the press office groups and give them their enquiry permissions (idempotent)."

    def handle(self, *args, **options):
        ensure_enquiry_permissions()
        for name, permissions in ENQUIRY_PERMISSIONS.items():
            self.stdout.write(f"{name}: {', '.join(sorted(permissions))}")
