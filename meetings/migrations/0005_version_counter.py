from django.db import migrations
from django.db.models import Max


def seed_version_counters(apps, schema_editor):
    """A session document's versions number from the one counter, after its highest version."""
    DocumentVersion = apps.get_model("meetings", "DocumentVersion")
    Counter = apps.get_model("documents", "Counter")
    rows = DocumentVersion.objects.values("document_id", "document__council_id").annotate(
        last=Max("number")
    )
    Counter.objects.bulk_create(
        Counter(
            council_id=row["document__council_id"],
            series=f"meetings.sessiondocument:{row['document_id']}",
            year=0,
            last_number=row["last"] or 0,
        )
        for row in rows
    )


def drop_version_counters(apps, schema_editor):
    Counter = apps.get_model("documents", "Counter")
    Counter.objects.filter(series__startswith="meetings.sessiondocument:").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_one_counter"),
        ("meetings", "0004_merge_0002_sessions_models_0003_preparation_attendees"),
    ]

    operations = [migrations.RunPython(seed_version_counters, drop_version_counters)]
