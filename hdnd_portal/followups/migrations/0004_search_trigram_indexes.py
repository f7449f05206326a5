"""Trigram indexes on every search_text, so "contains" searches stay index scans (PostgreSQL)."""

from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_lean_history"),
    ]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("deadlinerule"),
        AddTrigramIndex("dayoff"),
        AddTrigramIndex("followup"),
    ]
