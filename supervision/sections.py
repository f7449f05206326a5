"""The supervision app's parts of other apps' reports (``hdnd_portal.documents.sections``):
section 2 of the Standing Committee's quarterly report."""

import datetime as dt

from hdnd_portal.documents.sections import (
    QUARTERLY_SUPERVISION,
    Grid,
    Section,
    register_report_part,
)

SUPERVISION_COLUMNS = [
    ("STT", 12),
    ("Nội dung", 63),
    ("Đơn vị", 40),
    ("Thời gian", 24),
    ("Kết quả", 26),
]


def supervision_section(*, council, start: dt.date, end: dt.date, access) -> Section:
    """2. Supervision and surveys of the quarter: the dashboard's counts by body
    (``supervision.counts.counts_by_body``) and the activities held."""
    from supervision.counts import counts_by_body
    from supervision.models import ActivityKind, Body
    from supervision.selectors import activity_list

    after = end + dt.timedelta(days=1)
    grouped = counts_by_body(council=council, start=start, end=after)
    by_body: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for (body, _committee), kinds in grouped.items():
        for kind, n in kinds.items():
            by_body[body] = by_body.get(body, 0) + n
            by_kind[kind] = by_kind.get(kind, 0) + n
    total = sum(by_body.values())
    if not total:
        return Section(
            "2. Hoạt động giám sát, khảo sát",
            [
                "Trong quý, HĐND, Thường trực và các Ban của HĐND không tiến hành cuộc giám sát, "
                "khảo sát nào."
            ],
        )
    kinds = "; ".join(
        f"{label.lower()}: {by_kind[value]}"
        for value, label in ActivityKind.choices
        if by_kind.get(value)
    )
    bodies = "; ".join(
        f"{label}: {by_body[value]}" for value, label in Body.choices if by_body.get(value)
    )
    activities = list(
        activity_list(access=access)
        .filter(council=council)
        .held_between(start, after)
        .order_by("start_date", "id")
    )
    rows = [
        [
            str(i),
            f"{a.get_kind_display()} {a.topic[:1].lower()}{a.topic[1:]} ({a.body_label})",
            "; ".join(
                [ag.name for ag in a.agencies.all()] + ([a.other_bodies] if a.other_bodies else [])
            ),
            f"{a.start_date:%d/%m/%Y}",
            a.get_state_display(),
        ]
        for i, a in enumerate(activities, start=1)
    ]
    return Section(
        "2. Hoạt động giám sát, khảo sát",
        [
            f"Trong quý đã tiến hành {total} cuộc giám sát, khảo sát, chất vấn, giải trình "
            f"({kinds}); theo chủ thể: {bodies}."
        ],
        grid=Grid(SUPERVISION_COLUMNS, rows),
    )


def register() -> None:
    register_report_part(QUARTERLY_SUPERVISION, supervision_section)
