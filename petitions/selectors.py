"""Reads of the petitions app: one function per list (pages, exports, API and PDFs)."""

import datetime as dt

from django.db.models import QuerySet

from hdnd_portal.core.access import Access
from petitions.models import (
    IdentityAccess,
    Letter,
    PetitionReport,
    PetitionSetting,
    Reception,
    ReceptionSchedule,
)


def reception_list(*, access: Access | None) -> QuerySet[Reception]:
    return (
        Reception.objects.visible_to(access)
        .prefetch_related("receivers")
        .order_by("-received_on", "-id")
    )


def letter_list(*, access: Access | None) -> QuerySet[Letter]:
    return (
        Letter.objects.visible_to(access)
        .select_related("agency", "delegate", "duplicate_of")
        .order_by("-received_on", "-id")
    )


def schedule_list(*, access: Access | None) -> QuerySet[ReceptionSchedule]:
    return (
        ReceptionSchedule.objects.visible_to(access)
        .prefetch_related("delegates")
        .order_by("-date", "id")
    )


def report_list(*, access: Access | None) -> QuerySet[PetitionReport]:
    return PetitionReport.objects.visible_to(access).order_by("-period_end", "-id")


def setting_list(*, access: Access | None) -> QuerySet[PetitionSetting]:
    return PetitionSetting.objects.visible_to(access).order_by("-start_date", "-id")


def access_log_list(*, access: Access | None) -> QuerySet[IdentityAccess]:
    return (
        IdentityAccess.objects.visible_to(access)
        .select_related("user", "letter", "reception")
        .order_by("-accessed_at", "-id")
    )


def receptions_in_period(*, council_id: int, start: dt.date, end: dt.date):
    return (
        Reception.objects.filter(council_id=council_id, received_on__range=(start, end))
        .prefetch_related("receivers", "letters__agency")
        .order_by("received_on", "id")
    )


def letters_in_period(*, council_id: int, start: dt.date, end: dt.date):
    return (
        Letter.objects.filter(council_id=council_id, received_on__range=(start, end))
        .select_related("agency")
        .order_by("received_on", "id")
    )


def receptions_of_delegate(*, access: Access | None, delegate, limit: int = 10):
    return list(
        reception_list(access=access)
        .filter(receivers=delegate)
        .order_by("-received_on", "-id")[:limit]
    )
