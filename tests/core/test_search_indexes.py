"""Trigram indexes keep searches fast on PostgreSQL; the migrations stay harmless on SQLite."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from hdnd_portal.core.models import SearchableModel

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist only on PostgreSQL"
)


def searchable_tables(*app_labels: str) -> list[str]:
    return [
        model._meta.db_table
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, SearchableModel)
    ]


def trigram_indexed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexdef LIKE %s", ["%gin_trgm_ops%"]
        )
        return {table for table, indexdef in cursor.fetchall() if "search_text" in indexdef}


@on_postgresql
@pytest.mark.django_db
def test_every_search_text_of_every_app_has_a_trigram_index():
    """A new app's searchable model without ``AddTrigramIndex`` in its migrations fails here."""
    tables = searchable_tables(*(config.label for config in apps.get_app_configs()))

    assert len(tables) >= 11  # councils 7, followups 3, documents 1, and each new app's
    missing = set(tables) - trigram_indexed_tables()
    assert not missing, f"search_text without a trigram index: {sorted(missing)}"


@on_postgresql
@pytest.mark.django_db
def test_a_search_can_use_the_index_instead_of_reading_every_row():
    from hdnd_portal.followups.models import FollowUp

    # Unordered: with the default ORDER BY due_date an empty table may rightly walk that index.
    query = FollowUp.objects.search("duong lien thon").order_by().query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # On an empty test table the planner would rightly prefer a scan; forbid it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "followups_followup_search_text_trgm" in plan


@pytest.mark.django_db(transaction=True)
def test_the_migrations_reverse_and_apply_again():
    out = StringIO()
    call_command("migrate", "followups", "0002", stdout=out)
    call_command("migrate", "councils", "0002", stdout=out)
    if connection.vendor == "postgresql":
        assert not trigram_indexed_tables() & set(searchable_tables("councils", "followups"))

    call_command("migrate", stdout=out)

    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    if connection.vendor == "postgresql":
        assert set(searchable_tables("councils", "followups")) <= trigram_indexed_tables()
