"""Excel imports of the councils app (kernel importer, ``hdnd_portal.core.importer``)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from councils.models import Agency
from hdnd_portal.core.importer import (
    ImportColumn,
    ImportResult,
    ImportSpec,
    bool_parser,
    choice_parser,
    parse_text,
)
from hdnd_portal.core.text import fold


def _email(value) -> str:
    text = parse_text(value)
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(f"“{text}” không phải địa chỉ thư điện tử hợp lệ.") from None
    return text


class AgencyImport(ImportSpec):
    """The answering bodies (UBND, its units, police, MTTQ …) from the office's Excel list;
    a row whose name is already in the council updates that agency."""

    key = "councils.agency"
    title = "Nhập danh sách cơ quan, đơn vị từ Excel"
    policy = ("councils.agency", "add")
    list_url_name = "councils-agency-list"
    intro = (
        "Mỗi dòng là một cơ quan, đơn vị nhận chuyển đơn, trả lời kiến nghị. Dòng có tên đã có "
        "trong danh sách sẽ cập nhật cơ quan đó, không tạo bản ghi trùng."
    )
    columns = (
        ImportColumn("Tên cơ quan", "name", required=True, example="Công an xã Phúc Lộc"),
        ImportColumn("Tên viết tắt", "short_name", example="CA xã"),
        ImportColumn(
            "Loại",
            "kind",
            required=True,
            parse=choice_parser(Agency.Kind),
            example=str(Agency.Kind.POLICE.label),
            help="Một trong: " + ", ".join(str(label) for label in Agency.Kind.labels),
        ),
        ImportColumn("Người đứng đầu", "head_name", example="Nguyễn Văn An"),
        ImportColumn("Thư điện tử", "email", parse=_email, example="congan@phucloc.gov.vn"),
        ImportColumn("Điện thoại", "phone", example="0241 234 567"),
        ImportColumn("Địa chỉ", "address", example="Thôn Đông, xã Phúc Lộc"),
        ImportColumn(
            "Đang hoạt động", "active", parse=bool_parser, example="Có", help="Có hoặc Không"
        ),
    )

    def check_row(self, values, *, access):
        limits = {"name": 200, "short_name": 60, "head_name": 120, "phone": 30, "address": 255}
        for key, limit in limits.items():
            if len(values[key] or "") > limit:
                header = next(c.header for c in self.columns if c.key == key)
                raise ValidationError(f"Cột “{header}”: dài quá {limit} ký tự.")
        return values

    def row_identity(self, values):
        return fold(values["name"])

    def save_rows(self, rows, *, access, user):
        existing = {
            fold(agency.name): agency
            for agency in Agency.objects.filter(council_id=access.council_id)
        }
        result = ImportResult()
        for values in rows:
            fields = {
                "name": values["name"],
                "short_name": values["short_name"] or "",
                "kind": values["kind"],
                "head_name": values["head_name"] or "",
                "email": values["email"] or "",
                "phone": values["phone"] or "",
                "address": values["address"] or "",
            }
            if values["active"] is not None:
                fields["active"] = values["active"]
            agency = existing.get(fold(values["name"]))
            if agency is None:
                agency = Agency(council_id=access.council_id, **fields)
                result.created += 1
            else:
                for key, value in fields.items():
                    setattr(agency, key, value)
                result.updated += 1
            agency._change_reason = "Nhập từ Excel"
            agency.full_clean()
            agency.save()
        return result
