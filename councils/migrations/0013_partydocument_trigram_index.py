"""The Party Committee's documents are searched like every other record: a trigram index on
their search_text (PostgreSQL; nothing elsewhere)."""

from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0012_agency_decides_complaints"),
    ]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("partydocument"),
    ]
