"""Trigram index on the register's search_text, so "contains" searches stay index scans (PostgreSQL)."""

from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_lean_history"),
    ]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("documentregister"),
    ]
