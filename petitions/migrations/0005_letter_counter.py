from django.db import migrations
from django.db.models import Max


def seed_letter_counters(apps, schema_editor):
    """The letters' book numbers from the one counter: each council's year starts after the
    highest number already given."""
    Letter = apps.get_model("petitions", "Letter")
    Counter = apps.get_model("documents", "Counter")
    rows = Letter.objects.values("council_id", "year").annotate(last=Max("number"))
    Counter.objects.bulk_create(
        Counter(
            council_id=row["council_id"],
            series="petitions.letter",
            year=row["year"],
            last_number=row["last"] or 0,
        )
        for row in rows
    )


def drop_letter_counters(apps, schema_editor):
    apps.get_model("documents", "Counter").objects.filter(series="petitions.letter").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_one_counter"),
        ("petitions", "0004_kpi_indexes"),
    ]

    operations = [migrations.RunPython(seed_letter_counters, drop_letter_counters)]
