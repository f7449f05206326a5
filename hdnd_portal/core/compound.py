"""Several querysets of different models read in two queries (the top bar's search).

:func:`first_rows` reads the first rows of every queryset (each with its own ``ORDER BY``,
``LIMIT`` and ``select_related`` joins) in one ``UNION ALL``: each branch is the queryset's
own SQL in a ``WITH`` clause, its columns packed into one JSON array (``json_array`` on
SQLite, ``json_build_array`` on PostgreSQL), so branches of different widths and types
can be stacked. The rows are then given back to Django's own ``ModelIterable`` as if the
database had answered that queryset, so instances, ``select_related`` objects, annotations
and field converters (a decrypted field) are built exactly as by ``list(qs)``.
The totals come first, in one query of their own (``COUNT(*)`` of each queryset without its
joins and order, cheap to build): the full queryset is compiled and read only where there are
rows.

A queryset whose columns JSON cannot carry faithfully (a binary field, an unknown type) or
whose SQL adds hidden ordering columns is read on its own, as before: correct, one query more.
"""

import datetime
import json
import uuid
from decimal import Decimal

from django.core.exceptions import EmptyResultSet, FieldError
from django.db import connections

# PostgreSQL refuses a function call with more than 100 arguments: wide rows are packed in chunks.
_CHUNK = 90

# Internal types whose JSON value is what the database driver gives (str, int, bool, None).
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "URLField",
    "FileField",
    "ImageField",
    "FilePathField",
}


def _decimal(value):
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


def _float(value):
    return value if value is None else float(value)


def _dumped(value):
    # The driver hands Django a JSON column as text; JSONField.from_db_value parses it.
    return value if value is None else json.dumps(value)


def _parsed(parse):
    return lambda value: value if value is None else parse(value)


# On PostgreSQL, json_build_array turns these into strings or numbers: back to the driver's type.
_POSTGRES = {
    "DateField": _parsed(datetime.date.fromisoformat),
    "DateTimeField": _parsed(datetime.datetime.fromisoformat),
    "TimeField": _parsed(datetime.time.fromisoformat),
    "DecimalField": _decimal,
    "FloatField": _float,
    "UUIDField": _parsed(uuid.UUID),
    "JSONField": _dumped,
}
# SQLite stores dates, times, decimals and JSON as text or numbers, as json_array gives them.
_SQLITE = {
    "DateField": None,
    "DateTimeField": None,
    "TimeField": None,
    "DecimalField": None,
    "FloatField": _float,
    "UUIDField": None,
    "JSONField": None,
}


def _internal_type(expression) -> str | None:
    try:
        field = expression.output_field
    except (FieldError, AttributeError):
        return None
    while field.get_internal_type() in {"ForeignKey", "OneToOneField"}:
        field = field.target_field
    return field.get_internal_type()


def _column_readers(compiler, vendor: str):
    """One converter per column (None: as is), or None if a column cannot travel as JSON."""
    special = _POSTGRES if vendor == "postgresql" else _SQLITE
    readers = []
    for expression, _sql, _alias in compiler.select:
        kind = _internal_type(expression)
        if kind in _AS_IS:
            readers.append(None)
        elif kind in special:
            readers.append(special[kind])
        else:
            return None
    return readers


def _replayed(qs, compiler, rows):
    """``list(qs)`` built from ``rows`` (raw rows of ``compiler``'s SQL, the compiler of qs
    already run by ``as_sql``) instead of the database."""
    clone = qs._chain()

    def execute_sql(*args, **kwargs):
        return [rows]

    compiler.execute_sql = execute_sql
    clone.query.get_compiler = lambda *args, **kwargs: compiler
    return list(clone)


def _count_sql(qs):
    inner = qs.order_by().select_related(None).prefetch_related(None).values("pk")
    return inner.query.sql_with_params()


def first_rows(querysets: list, limits: list[int]) -> list[tuple[list, int]]:
    """For each queryset, its first ``limit`` objects in its order and its ``count()``: two
    queries for all of them (plus one per queryset that cannot be packed), one when none has a
    row. Prefetches are not run.

    First every queryset's total, in one query (:func:`_totals`: each ``COUNT(*)`` over the
    queryset without its joins and order, cheap to build); then the first rows of those with
    a total, in one more (:func:`_read_packed`). A search finds something in a few of its
    targets: the full queryset (its ``select_related`` columns, its order) is compiled only for
    those, where compiling all of them was most of the search's CPU."""
    results: list[tuple[list, int] | None] = [None] * len(querysets)
    counted = []  # (index, count sql, params)
    for n, qs in enumerate(querysets):
        try:
            counted.append((n, *_count_sql(qs)))
        except EmptyResultSet:
            results[n] = ([], 0)
    totals = _totals(querysets[0].db, counted) if counted else {}
    packed = []  # (index, sliced queryset, compiler, sql, params, readers)
    for n, total in totals.items():
        qs, cap = querysets[n], limits[n]
        if not total:
            results[n] = ([], 0)
            continue
        sliced = qs.prefetch_related(None)[:cap]
        connection = connections[sliced.db]
        compiler = sliced.query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            results[n] = ([], 0)
            continue
        readers = (
            None if compiler.has_extra_select else _column_readers(compiler, connection.vendor)
        )
        if readers is None or connection.vendor not in {"postgresql", "sqlite"}:
            results[n] = (list(sliced), total)
            continue
        packed.append((n, sliced, compiler, sql, params, readers))
    if packed:
        _read_packed(packed, results, totals)
    return results  # type: ignore[return-value]


def _totals(alias: str, counted) -> dict[int, int]:
    """Each queryset's ``COUNT(*)``, keyed by its index: one ``UNION ALL`` of scalar subqueries."""
    connection = connections[alias]
    branches, params = [], []
    for n, count_sql, count_params in counted:
        branches.append(f"SELECT {n} AS n, (SELECT COUNT(*) FROM ({count_sql}) _sn{n}) AS c")
        params.extend(count_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        return {int(n): int(count) for n, count in cursor.fetchall()}


def _read_packed(packed, results, totals) -> None:
    connection = connections[packed[0][1].db]
    postgres = connection.vendor == "postgresql"
    array = "json_build_array" if postgres else "json_array"
    ctes, cte_params, branches = [], [], []
    for n, _qs, _compiler, sql, params, readers in packed:
        columns = [f"_sc{i}" for i in range(len(readers))]
        ctes.append(f"_sq{n}({', '.join(columns)}) AS ({sql})")
        cte_params.extend(params)
        chunks = [
            f"{array}({', '.join(columns[i : i + _CHUNK])})" for i in range(0, len(columns), _CHUNK)
        ]
        packed_row = f"{array}({', '.join(chunks)})"
        if postgres:
            # As text: the driver would parse json itself, numerics as floats.
            packed_row = f"CAST({packed_row} AS text)"
        branches.append(f"SELECT {n} AS n, {packed_row} AS j FROM _sq{n}")
    sql = f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}"
    raw: dict[int, list] = {n: [] for n, *_ in packed}
    with connection.cursor() as cursor:
        cursor.execute(sql, cte_params)
        for n, text in cursor.fetchall():
            raw[n].append(text)
    for n, qs, compiler, _sql, _params, readers in packed:
        rows = []
        for text in raw[n]:
            values = [v for chunk in json.loads(text, parse_float=Decimal) for v in chunk]
            rows.append(
                tuple(
                    value if read is None else read(value)
                    for read, value in zip(readers, values, strict=True)
                )
            )
        # Rows gone between the two queries (deleted meanwhile): none shown, none counted.
        results[n] = (_replayed(qs, compiler, rows), totals[n]) if rows else ([], 0)
