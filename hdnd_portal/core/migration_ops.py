"""Migration operations of the kernel: trigram indexes on ``search_text`` (PostgreSQL only).

``SearchQuerySet.search`` filters with ``search_text LIKE '%term%'``; a B-tree
index cannot serve that, so every search over a large table is a sequential
scan. A GIN index with ``gin_trgm_ops`` (extension ``pg_trgm``) serves
``LIKE '%term%'`` directly. The tests and development run on SQLite, where
these operations do nothing; the model state never changes (the index is not
declared on the model, so SQLite migrations and ``makemigrations`` stay clean).

Usage in an app's migration, for every SearchableModel of the app::

    operations = [
        TrigramExtension(),
        AddTrigramIndex("followup"),
    ]
"""

from django.contrib.postgres.operations import TrigramExtension as _TrigramExtension
from django.db import router
from django.db.migrations.operations.base import Operation


def _on_postgresql(schema_editor, app_label: str) -> bool:
    return schema_editor.connection.vendor == "postgresql" and router.allow_migrate(
        schema_editor.connection.alias, app_label
    )


class TrigramExtension(_TrigramExtension):
    """``CREATE EXTENSION IF NOT EXISTS pg_trgm``; nothing on other databases.

    Django's operation is a no-op off PostgreSQL going forwards but queries
    ``pg_extension`` going backwards, which fails on SQLite. Going backwards this
    one also keeps the extension: several apps' indexes share it, and the last
    one to need it cannot tell.
    """

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class AddTrigramIndex(Operation):
    """A GIN trigram index on one text column of a model (PostgreSQL only; reversible)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, field: str = "search_text"):
        self.model_name = model_name
        self.field = field

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.field != "search_text":
            kwargs["field"] = self.field
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # the index lives only in the database; the model state is unchanged

    def index_name(self, model) -> str:
        # PostgreSQL names are at most 63 bytes; db_table is short in this project.
        return f"{model._meta.db_table}_{self.field}_trgm"[:63]

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if not _on_postgresql(schema_editor, app_label):
            return
        column = model._meta.get_field(self.field).column
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.index_name(model))} "
            f"ON {quote(model._meta.db_table)} USING gin ({quote(column)} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not _on_postgresql(schema_editor, app_label):
            return
        schema_editor.execute(
            f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.index_name(model))}"
        )

    def describe(self):
        return f"Create a trigram index on {self.model_name}.{self.field} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_{self.field}_trgm"
