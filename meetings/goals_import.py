"""Excel import of the Party Congress goals and targets (kernel importer, ``core.importer``).

Template columns: Số hiệu, Loại (Mục tiêu/Chỉ tiêu), Lĩnh vực, Nội dung, Giá trị chỉ tiêu. A row
whose "Số hiệu" is already in the council's Congress resolution updates that goal (re-importing
the same file changes nothing and adds no duplicate); the file's order becomes the list's order.
"""

from django.core.exceptions import ValidationError

from hdnd_portal.core.importer import (
    ImportColumn,
    ImportResult,
    ImportSpec,
    choice_parser,
    parse_multiline,
    parse_text,
)
from hdnd_portal.core.text import fold
from meetings.models import CongressGoal
from meetings.preparation.policies import CONGRESS_GOAL

DEFAULT_CONGRESS = CongressGoal._meta.get_field("congress").default
LIMITS = {"code": 20, "field": 120, "target_value": 120}


class GoalImport(ImportSpec):
    key = CONGRESS_GOAL
    title = "Nhập mục tiêu, chỉ tiêu Đại hội từ Excel"
    policy = (CONGRESS_GOAL, "import")
    list_url_name = "meetings-congressgoal-list"
    intro = (
        f"Mỗi dòng là một mục tiêu hoặc chỉ tiêu của {DEFAULT_CONGRESS}. Dòng có số hiệu đã có "
        "sẽ cập nhật mục tiêu, chỉ tiêu đó, không tạo bản ghi trùng; thứ tự trong tệp là thứ tự "
        "hiển thị."
    )
    columns = (
        ImportColumn("Số hiệu", "code", required=True, example="2.1", help="Ví dụ: 1, 2.1"),
        ImportColumn(
            "Loại",
            "kind",
            required=True,
            parse=choice_parser(CongressGoal.Kind),
            example="Chỉ tiêu",
            help="Mục tiêu hoặc Chỉ tiêu",
        ),
        ImportColumn("Lĩnh vực", "field", example="Kinh tế"),
        ImportColumn(
            "Nội dung",
            "text",
            required=True,
            parse=parse_multiline,
            example="Thu nhập bình quân đầu người đến năm 2030",
        ),
        ImportColumn(
            "Giá trị chỉ tiêu",
            "target_value",
            parse=parse_text,
            example="≥ 85 triệu đồng/người/năm",
            help="Bắt buộc với chỉ tiêu",
        ),
    )

    max_lengths = LIMITS

    def check_row(self, values, *, access):
        if values["kind"] == CongressGoal.Kind.TARGET and not values.get("target_value"):
            raise ValidationError("Chỉ tiêu cần có “Giá trị chỉ tiêu” (ví dụ: ≥ 95%).")
        return values

    def row_identity(self, values):
        return fold(values["code"])

    def save_rows(self, rows, *, access, user):
        existing = {
            fold(goal.code): goal
            for goal in CongressGoal.objects.filter(
                council_id=access.council_id, congress=DEFAULT_CONGRESS
            )
        }
        result = ImportResult()
        for order, values in enumerate(rows, start=1):
            fields = {
                "code": values["code"],
                "kind": values["kind"],
                "field": values.get("field") or "",
                "text": values["text"],
                "target_value": values.get("target_value") or "",
                "order": order,
            }
            goal = existing.get(fold(values["code"]))
            if goal is None:
                goal = CongressGoal(
                    council_id=access.council_id, congress=DEFAULT_CONGRESS, **fields
                )
                result.created += 1
            else:
                if all(getattr(goal, k) == v for k, v in fields.items()):
                    continue
                for key, value in fields.items():
                    setattr(goal, key, value)
                result.updated += 1
            goal._change_reason = "Nhập từ Excel"
            goal.full_clean()
            goal.save()
        return result
