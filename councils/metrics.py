"""The plan's metrics the councils records answer (registered in ``CouncilsConfig.ready()``).

- 1.1 ``councils.dissemination_cells``: party cells in force with a recorded dissemination
  of the Scheme (any day up to the period's day seen) ÷ party cells in force that day;
- 1.3 ``councils.delegates_trained``: delegates in office on the day seen with a training
  that began within the period ÷ delegates in office that day.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from councils.models import Delegate, Dissemination, PartyCell, TrainingParticipant
from hdnd_portal.targets.metrics import SHARE, Measure, register_metric

DISSEMINATION_CELLS = "councils.dissemination_cells"
DELEGATES_TRAINED = "councils.delegates_trained"


def dissemination_cells(council, period) -> Measure:
    """Both counts in one query."""
    day = period.as_of
    reached = Exists(
        Dissemination.objects.filter(council=council, party_cell=OuterRef("pk"), held_on__lte=day)
    )
    row = (
        PartyCell.objects.filter(council=council)
        .on(day)
        .aggregate(total=Count("id"), reached=Count("id", filter=Q(reached)))
    )
    return Measure.share(row["reached"], row["total"])


def delegates_trained(council, period) -> Measure:
    """Both counts in one query."""
    day = period.as_of
    trained = Exists(
        TrainingParticipant.objects.filter(
            delegate=OuterRef("pk"),
            training__council=council,
            training__start_date__gte=period.start,
            training__start_date__lte=day,
        )
    )
    row = (
        Delegate.objects.filter(council=council)
        .in_office(day)
        .aggregate(total=Count("id"), trained=Count("id", filter=Q(trained)))
    )
    return Measure.share(row["trained"], row["total"])


def _dissemination_url(council, period) -> str:
    return reverse("councils-dissemination-list")


def _training_url(council, period) -> str:
    return f"{reverse('councils-training-list')}?year={period.start.year}"


def register() -> None:
    register_metric(
        DISSEMINATION_CELLS,
        "Tỷ lệ chi bộ được quán triệt Đề án",
        dissemination_cells,
        unit=SHARE,
        records_url=_dissemination_url,
    )
    register_metric(
        DELEGATES_TRAINED,
        "Tỷ lệ đại biểu được tập huấn, bồi dưỡng trong kỳ",
        delegates_trained,
        unit=SHARE,
        records_url=_training_url,
    )
