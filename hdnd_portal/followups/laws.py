"""The laws the seeded rules cite, with the days each was in force (README "Căn cứ pháp lý").

A rule version may only cite a law in force on the version's first day: the 2015 Local
Government Law does not back a 2026 resolution. The table is what the seed and its tests
check against; ``valid_to`` is the first day a law no longer applies (the day its
replacement starts), like a rule version's ``valid_to``.
"""

import dataclasses
import datetime as dt
import re

D = dt.date


@dataclasses.dataclass(frozen=True)
class Law:
    title: str
    number: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    replaced_by: str = ""
    # The day the National Assembly passed it: documents cite a law by its name and this day
    # ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025").
    adopted_on: dt.date | None = None

    @property
    def name(self) -> str:
        return f"{self.title} {self.number}"

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)


LAWS: dict[str, Law] = {
    law.number: law
    for law in (
        Law("Luật Khiếu nại", "02/2011/QH13", D(2012, 7, 1)),
        Law("Luật Tiếp công dân", "42/2013/QH13", D(2014, 7, 1)),
        Law("Luật Tố cáo", "25/2018/QH14", D(2019, 1, 1)),
        # Amends the laws on complaints, denunciations and citizen reception (LEGAL.md).
        Law("Luật", "136/2025/QH15", D(2026, 7, 1)),
        Law("Nghị định", "154/2026/NĐ-CP", D(2026, 7, 1)),
        Law("Nghị định", "155/2026/NĐ-CP", D(2026, 7, 1)),
        Law(
            "Luật Tổ chức chính quyền địa phương",
            "77/2015/QH13",
            D(2016, 1, 1),
            D(2025, 7, 1),
            replaced_by="72/2025/QH15",
            adopted_on=D(2015, 6, 19),
        ),
        Law(
            "Luật Tổ chức chính quyền địa phương",
            "72/2025/QH15",
            D(2025, 7, 1),
            adopted_on=D(2025, 6, 16),
        ),
        Law(
            "Luật Ban hành văn bản quy phạm pháp luật",
            "80/2015/QH13",
            D(2016, 7, 1),
            D(2025, 4, 1),
            replaced_by="64/2025/QH15",
            adopted_on=D(2015, 6, 22),
        ),
        Law(
            "Luật Ban hành văn bản quy phạm pháp luật",
            "64/2025/QH15",
            D(2025, 4, 1),
            adopted_on=D(2025, 2, 19),
        ),
        # Makes a commune HĐND's resolution a normative document (amends Art. 4).
        Law(
            "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
            "87/2025/QH15",
            D(2025, 7, 1),
            adopted_on=D(2025, 6, 25),
        ),
        Law(
            "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
            "87/2015/QH13",
            D(2016, 7, 1),
            D(2026, 3, 1),
            replaced_by="121/2025/QH15",
        ),
        Law(
            "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
            "121/2025/QH15",
            D(2026, 3, 1),
        ),
        Law("Nghị quyết về lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm", "96/2023/QH15", D(2023, 8, 1)),
    )
}

# "02/2011/QH13", "155/2026/NĐ-CP": the number every Vietnamese legal document carries.
_NUMBER = re.compile(r"\b\d{1,4}/\d{4}/[A-ZĐ][A-ZĐ0-9-]*")


def numbers_cited(text: str) -> list[str]:
    """The document numbers ``text`` cites, in order."""
    return _NUMBER.findall(text or "")


def law(number: str) -> Law:
    """The law with that number; KeyError if the table does not know it."""
    return LAWS[number]
