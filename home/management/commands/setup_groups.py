from django.core.management.base import BaseCommand

from home.groups import ensure_press_office_groups, ensure_statement_workflow, statements_index


class Command(BaseCommand):
    help = (
        "Create the press office groups (press officers, press office managers, on-call "
        "officers) with their permissions, and the statement approval workflow. Idempotent."
    )

    def handle(self, **options):
        groups = ensure_press_office_groups()
        self.stdout.write(f"Groups ready: {', '.join(groups)}")
        index = statements_index()
        if index is None:
            self.stdout.write("No statements index page yet: approval workflow not assigned.")
            return
        workflow = ensure_statement_workflow(index)
        self.stdout.write(f"Workflow {workflow.name!r} applies to {index.url_path}")
