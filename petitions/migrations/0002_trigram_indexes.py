from django.db import migrations

from hdnd_portal.core.migration_ops import AddTrigramIndex, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("petitionsetting"),
        AddTrigramIndex("receptionschedule"),
        AddTrigramIndex("reception"),
        AddTrigramIndex("letter"),
        AddTrigramIndex("identityaccess"),
        AddTrigramIndex("petitionreport"),
    ]
