"""Vietnamese order: the "vi" collation on name columns, Delegate.sort_name, Term.number max."""

import django.core.validators
from django.db import migrations, models

from hdnd_portal.core.collation import create_postgres_collation, given_name_first


def fill_sort_names(apps, schema_editor):
    Delegate = apps.get_model("councils", "Delegate")
    delegates = list(Delegate.objects.only("pk", "full_name"))
    for delegate in delegates:
        delegate.sort_name = given_name_first(delegate.full_name)
    Delegate.objects.bulk_update(delegates, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0005_search_trigram_indexes'),
    ]

    operations = [
        # The collation exists before any column uses it (PostgreSQL; SQLite gets it per connection).
        migrations.RunPython(create_postgres_collation, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name='delegate',
            options={'ordering': ['sort_name', 'id'], 'verbose_name': 'đại biểu', 'verbose_name_plural': 'đại biểu'},
        ),
        migrations.AddField(
            model_name='delegate',
            name='sort_name',
            field=models.CharField(db_collation='vi', db_index=True, default='', editable=False, max_length=120, verbose_name='tên để sắp xếp'),
        ),
        migrations.AlterField(
            model_name='agency',
            name='name',
            field=models.CharField(db_collation='vi', max_length=200, verbose_name='tên cơ quan'),
        ),
        migrations.AlterField(
            model_name='committee',
            name='name',
            field=models.CharField(db_collation='vi', max_length=160, verbose_name='tên'),
        ),
        migrations.AlterField(
            model_name='constituency',
            name='name',
            field=models.CharField(db_collation='vi', max_length=120, verbose_name='tên'),
        ),
        migrations.AlterField(
            model_name='delegate',
            name='full_name',
            field=models.CharField(db_collation='vi', max_length=120, verbose_name='họ và tên'),
        ),
        migrations.AlterField(
            model_name='historicalmembership',
            name='role',
            field=models.CharField(choices=[('chair', 'Chủ tịch'), ('vice_chair', 'Phó Chủ tịch'), ('head', 'Trưởng ban / Tổ trưởng'), ('deputy', 'Phó Trưởng ban / Tổ phó'), ('member', 'Thành viên')], default='member', max_length=20, verbose_name='chức vụ'),
        ),
        migrations.AlterField(
            model_name='historicalterm',
            name='number',
            field=models.PositiveSmallIntegerField(help_text='Khóa thứ mấy (số, từ 1 đến 30)', validators=[django.core.validators.MinValueValidator(1, 'Khóa phải từ 1 trở lên.'), django.core.validators.MaxValueValidator(30, 'Khóa không được lớn hơn 30.')], verbose_name='khóa'),
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('chair', 'Chủ tịch'), ('vice_chair', 'Phó Chủ tịch'), ('head', 'Trưởng ban / Tổ trưởng'), ('deputy', 'Phó Trưởng ban / Tổ phó'), ('member', 'Thành viên')], default='member', max_length=20, verbose_name='chức vụ'),
        ),
        migrations.AlterField(
            model_name='partycell',
            name='name',
            field=models.CharField(db_collation='vi', max_length=200, verbose_name='tên chi bộ'),
        ),
        migrations.AlterField(
            model_name='term',
            name='number',
            field=models.PositiveSmallIntegerField(help_text='Khóa thứ mấy (số, từ 1 đến 30)', validators=[django.core.validators.MinValueValidator(1, 'Khóa phải từ 1 trở lên.'), django.core.validators.MaxValueValidator(30, 'Khóa không được lớn hơn 30.')], verbose_name='khóa'),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
    ]
