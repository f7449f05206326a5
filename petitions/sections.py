"""The petitions app's parts of other apps' reports (``hdnd_portal.documents.sections``):
section 4 of the Standing Committee's quarterly report."""

import datetime as dt

from hdnd_portal.documents.sections import QUARTERLY_RECEPTION, Grid, Section, register_report_part

LETTER_COLUMNS = [
    ("Lượt tiếp công dân", 33),
    ("Đơn nhận được", 33),
    ("Đơn thuộc diện xử lý", 33),
    ("Đã chuyển, hướng dẫn", 33),
    ("Đã có kết quả", 33),
]


def reception_section(*, council, start: dt.date, end: dt.date, access=None) -> Section:
    """4. Citizen reception and letters: ``petitions.counts.letter_counts`` (the dashboard's
    target 1.5.c numerator and denominator) and delegates' receptions (target 1.5.a)."""
    from petitions.counts import delegates_meeting, letter_counts

    letters = letter_counts(council_id=council.pk, start=start, end=end)
    meeting, in_office = delegates_meeting(council_id=council.pk, start=start, end=end)
    handled = letters.eligible_handled
    return Section(
        "4. Công tác tiếp công dân, tiếp nhận và xử lý đơn thư",
        [
            f"Trong quý tổ chức {letters.receptions} lượt tiếp công dân với "
            f"{letters.reception_people} người; {meeting}/{in_office} đại biểu thực hiện đủ "
            "số buổi tiếp công dân theo quy định.",
            f"Tiếp nhận {letters.total} đơn, trong đó {letters.eligible} đơn thuộc diện xử lý; "
            f"đã chuyển, hướng dẫn {handled} đơn (đạt "
            f"{_percent(letters.forwarded_rate if letters.eligible else 100.0)}); "
            f"{letters.resolved} đơn đã có kết quả giải quyết.",
        ],
        grid=Grid(
            LETTER_COLUMNS,
            [
                [
                    str(letters.receptions),
                    str(letters.total),
                    str(letters.eligible),
                    str(handled),
                    str(letters.resolved),
                ]
            ],
        ),
    )


def _percent(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def register() -> None:
    register_report_part(QUARTERLY_RECEPTION, reception_section)
