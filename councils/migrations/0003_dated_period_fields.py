"""Delegates and party cells name their period like every dated model: start_date, end_date."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_vietnamese_constraint_messages"),
    ]

    operations = [
        # The old checks name the old columns; DatedModel's check replaces them (0004).
        migrations.RemoveConstraint(model_name="delegate", name="delegate_end_after_start"),
        migrations.RemoveConstraint(model_name="term", name="term_end_after_start"),
        migrations.RemoveConstraint(model_name="membership", name="membership_end_after_start"),
        migrations.RenameField(model_name="delegate", old_name="started_on", new_name="start_date"),
        migrations.RenameField(model_name="delegate", old_name="ended_on", new_name="end_date"),
        migrations.RenameField(
            model_name="historicaldelegate", old_name="started_on", new_name="start_date"
        ),
        migrations.RenameField(
            model_name="historicaldelegate", old_name="ended_on", new_name="end_date"
        ),
        migrations.RenameField(
            model_name="partycell", old_name="established_on", new_name="start_date"
        ),
        migrations.RenameField(model_name="partycell", old_name="dissolved_on", new_name="end_date"),
        migrations.RenameField(
            model_name="historicalpartycell", old_name="established_on", new_name="start_date"
        ),
        migrations.RenameField(
            model_name="historicalpartycell", old_name="dissolved_on", new_name="end_date"
        ),
    ]
