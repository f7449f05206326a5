"""The plan's metrics the councils records answer (registered in ``CouncilsConfig.ready()``).

- 1.1 ``councils.dissemination_cells``: party cells in force with a recorded dissemination
  of the Scheme (any day up to the period's day seen) ÷ party cells in force that day;
- 1.1 ``councils.dissemination_members``: party members reached ÷ party members of the cells
  in force on the day seen (each cell's members on that day: ``PartyCell.members_on``);
- 1.3 ``councils.delegates_trained``: delegates in office on the day seen with a training
  that began within the period ÷ delegates in office that day;
- 2.2.1 ``councils.first_term_delegates_trained``: the same, of first-term delegates only
  ("nhất là số đại biểu mới tham gia lần đầu").
"""

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.urls import reverse

from councils.models import (
    Delegate,
    Dissemination,
    PartyCell,
    PartyDocument,
    TrainingParticipant,
    members_on_subquery,
)
from hdnd_portal.targets.metrics import SHARE, Measure, register_metric

DISSEMINATION_CELLS = "councils.dissemination_cells"
DISSEMINATION_MEMBERS = "councils.dissemination_members"
PARTY_DOCUMENTS = "councils.party_documents"
DELEGATES_TRAINED = "councils.delegates_trained"
FIRST_TERM_TRAINED = "councils.first_term_delegates_trained"


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


def dissemination_members(council, period) -> Measure:
    """1.1, the party members: members reached ÷ members of the commune's cells in force on the
    day seen, each cell counted with its members on that day (its dated count). A cell's
    members reached, up to that day: the most who attended one of its disseminations, plus
    those who attended its supplementary ones (for the absent, the newly admitted), never more
    than its members that day. One query."""
    day = period.as_of
    up_to = Q(disseminations__held_on__lte=day, disseminations__council=council)
    cells = list(
        PartyCell.objects.filter(council=council)
        .on(day)
        .annotate(
            members=members_on_subquery(day),
            first=Max(
                "disseminations__attendance",
                filter=up_to & Q(disseminations__supplementary=False),
            ),
            more=Sum(
                "disseminations__attendance",
                filter=up_to & Q(disseminations__supplementary=True),
            ),
        )
        .values_list("members", "first", "more")
    )
    members = sum(count for count, _first, _more in cells)
    reached = sum(min(count, (first or 0) + (more or 0)) for count, first, more in cells)
    return Measure.share(reached, members)


def party_documents(council, period) -> Measure:
    """1.1, the Party Committee's part: its leadership documents about the HĐND issued in the
    period up to the day seen."""
    return Measure(
        PartyDocument.objects.filter(
            council=council, issued_on__gte=period.start, issued_on__lte=period.as_of
        ).count()
    )


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


def first_term_delegates_trained(council, period) -> Measure:
    """2.2.1, newcomers first: first-term delegates in office on the day seen with a training
    begun within the period ÷ first-term delegates in office that day."""
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
        Delegate.objects.filter(council=council, is_first_term=True)
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
        DISSEMINATION_MEMBERS,
        "Tỷ lệ đảng viên được quán triệt Đề án",
        dissemination_members,
        unit=SHARE,
        records_url=_dissemination_url,
    )
    register_metric(
        PARTY_DOCUMENTS,
        "Số văn bản lãnh đạo, chỉ đạo của Đảng ủy về hoạt động của HĐND",
        party_documents,
        records_url=lambda council, period: (
            f"{reverse('councils-partydocument-list')}?year={period.start.year}"
        ),
    )
    register_metric(
        DELEGATES_TRAINED,
        "Tỷ lệ đại biểu được tập huấn, bồi dưỡng trong kỳ",
        delegates_trained,
        unit=SHARE,
        records_url=_training_url,
    )
    register_metric(
        FIRST_TERM_TRAINED,
        "Tỷ lệ đại biểu lần đầu được tập huấn, bồi dưỡng trong kỳ",
        first_term_delegates_trained,
        unit=SHARE,
        records_url=lambda council, period: (
            f"{reverse('councils-training-newcomers')}?year={period.start.year}"
        ),
    )
