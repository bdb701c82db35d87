"""Trigram indexes for the queue's word search, on PostgreSQL.

The queue searches reference, subject, journalist's name and outlet with a case-insensitive
"contains" (``UPPER(col::text) LIKE UPPER('%word%')``), which no B-tree index can serve: with a
million enquiries a word that matches nothing scanned the whole table (about 0.5 s). A GIN
trigram index on each expression serves any such search, and pg_trgm's statistics let the planner
tell a rare word (use the indexes) from a common one (walk the queue's own order). SQLite, used
by `make run`, has neither: there the search stays a scan of a small demo table.
"""

from django.db import migrations

SEARCHED = {
    "enquiry_search_reference_trgm": "reference",
    "enquiry_search_subject_trgm": "subject",
    "enquiry_search_name_trgm": "journalist_name",
    "enquiry_search_outlet_trgm": "outlet",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension: the database's owner may create it (PostgreSQL 13+).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in SEARCHED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON enquiries_enquiry "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0002_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
