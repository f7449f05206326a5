"""Trigram indexes on every search_text, so "contains" searches stay index scans (PostgreSQL)."""

from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0004_dated_checks_and_lean_history"),
    ]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("term"),
        AddTrigramIndex("constituency"),
        AddTrigramIndex("committee"),
        AddTrigramIndex("delegate"),
        AddTrigramIndex("membership"),
        AddTrigramIndex("agency"),
        AddTrigramIndex("partycell"),
    ]
