"""The city's inbox searches the reports sent up like every other list: a trigram index on
their search_text (PostgreSQL; nothing elsewhere)."""

from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_signed_copy_and_dispatch"),
    ]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("dispatch"),
    ]
