"""Issuing official document numbers."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from hdnd_portal.documents.models import (
    Counter,
    DocumentRegister,
    DocumentType,
    issuer_code_validator,
    register_series,
)
from hdnd_portal.documents.text import DEFAULT_ISSUER_CODE


@transaction.atomic
def counter_next(*, council_id: int, series: str, year: int = 0, start=None) -> int:
    """The next number of ``series`` (per ``year``; 0 for a series that never restarts).

    The counter row is locked (``select_for_update``) until the caller's transaction ends, so two
    writers at once get consecutive numbers. ``get_or_create`` on a locking queryset: a concurrent
    first insert of the same series ends in IntegrityError inside get_or_create, which then
    re-reads (and locks) the row the other transaction committed.

    ``start()`` gives the last number already used when the series' row is first created
    (records entered before the counter existed: a series never gives a number twice)."""
    counter, created = Counter.objects.select_for_update().get_or_create(
        council_id=council_id, series=series, year=year
    )
    if created and start is not None:
        counter.last_number = start() or 0
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def document_number_issue(
    *,
    council,
    type_code: str,
    issued_on: dt.date,
    title: str,
    issuer_code: str = DEFAULT_ISSUER_CODE,
    is_normative: bool = False,
    signer: str = "",
    created_by_id: int | None = None,
    source=None,
    kind_code: str = "",
) -> DocumentRegister:
    """Give the next number of the issuer's series for the year and register the document.

    Nghị định 30/2020, Điều 15: the series restarts at 01 each year and is unique
    per issuer and type. The counter row is locked (``select_for_update``) until
    the transaction ends, so two clerks issuing at once get consecutive numbers.
    """
    if type_code not in DocumentType.values:
        raise ValueError(f"Unknown document type code: {type_code!r}")
    if is_normative and type_code != DocumentType.NQ:
        raise ValueError("Only resolutions (NQ) are numbered as normative documents.")
    issuer_code = issuer_code.strip().upper()
    issuer_code_validator(issuer_code)

    number = counter_next(
        council_id=council.pk,
        series=register_series(issuer_code, type_code, is_normative),
        year=issued_on.year,
    )

    document = DocumentRegister(
        council=council,
        issuer_code=issuer_code,
        type_code=type_code,
        is_normative=is_normative,
        year=issued_on.year,
        number=number,
        title=title,
        issued_on=issued_on,
        signer=signer,
        created_by_id=created_by_id,
        kind_code=kind_code,
    )
    if source is not None:
        document.source_type = ContentType.objects.get_for_model(source)
        document.source_id = source.pk
    document.save()
    return document


@transaction.atomic
def register_entry_save(*, access, instance, values) -> DocumentRegister:
    """The command behind the register's page: a new entry takes its number from the counter
    (never typed); an issued entry changes only its title and signer."""
    from django.core.exceptions import ValidationError

    if instance is not None:
        instance.title = values.get("title", instance.title)
        instance.signer = values.get("signer", instance.signer)
        instance.save()
        return instance
    if values.get("is_normative") and values.get("type_code") != DocumentType.NQ:
        raise ValidationError(
            {"is_normative": "Chỉ nghị quyết mới được đánh số như văn bản quy phạm."}
        )
    from councils.models import Council

    return document_number_issue(
        council=Council.objects.get(pk=access.council_id),
        type_code=values["type_code"],
        issuer_code=(values.get("issuer_code") or DEFAULT_ISSUER_CODE).strip().upper(),
        is_normative=bool(values.get("is_normative")),
        issued_on=values["issued_on"],
        title=values["title"],
        signer=values.get("signer", ""),
        created_by_id=access.user_id,
    )
