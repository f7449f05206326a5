"""Reads of the procedures library and the emulation records: one per list, shared by the page,
the export, the API and the search."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)
from hdnd_portal.core.access import Access

REGISTRANT = ("delegate", "committee")


def procedure_list(*, access: Access | None) -> QuerySet[Procedure]:
    today = timezone.localdate()
    return (
        Procedure.objects.visible_to(access)
        .annotate(version_count=Count("versions"))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ProcedureVersion.objects.current(today).order_by("-start_date"),
                to_attr="current_versions",
            )
        )
        .order_by("kind", "title", "id")
    )


def procedureversion_list(*, access: Access | None) -> QuerySet[ProcedureVersion]:
    return (
        ProcedureVersion.objects.visible_to(access)
        .select_related("procedure")
        .order_by("procedure__kind", "procedure__title", "-number", "-id")
    )


def procedure_versions(*, access: Access | None, procedure: Procedure):
    """A procedure's versions, newest first (its page's table)."""
    return procedureversion_list(access=access).filter(procedure=procedure).order_by("-number")


def emulationcriterion_list(*, access: Access | None) -> QuerySet[EmulationCriterion]:
    return EmulationCriterion.objects.visible_to(access).order_by("-year", "number", "id")


def emulationregistration_list(*, access: Access | None) -> QuerySet[EmulationRegistration]:
    return (
        EmulationRegistration.objects.visible_to(access)
        .select_related(*REGISTRANT)
        .order_by("-year", "registrant_kind", "id")
    )


def emulationresult_list(*, access: Access | None) -> QuerySet[EmulationResult]:
    return (
        EmulationResult.objects.visible_to(access)
        .select_related("registration__delegate", "registration__committee")
        .order_by("-registration__year", "registration__registrant_kind", "id")
    )


def reward_list(*, access: Access | None) -> QuerySet[Reward]:
    return (
        Reward.objects.visible_to(access)
        .select_related(*REGISTRANT)
        .order_by("-decision_date", "-id")
    )


def delegate_emulation(*, access: Access | None, delegate) -> dict:
    """A delegate's registrations (with their result) and rewards, for their profile."""
    registrations = list(
        emulationregistration_list(access=access)
        .filter(delegate=delegate)
        .prefetch_related("results")
    )
    rewards = list(reward_list(access=access).filter(Q(delegate=delegate)))
    return {"registrations": registrations, "rewards": rewards}
