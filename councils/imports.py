"""Excel imports of the councils app (kernel importer, ``hdnd_portal.core.importer``)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from councils import services
from councils.models import SCHEME_DOCUMENT, Agency, Delegate, Dissemination, PartyCell, Training
from hdnd_portal.core.commands import record_save
from hdnd_portal.core.importer import (
    ImportColumn,
    ImportResult,
    ImportSpec,
    bool_parser,
    choice_parser,
    parse_date,
    parse_int,
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
        ImportColumn("Tên cơ quan", "name", required=True, example="Công an xã"),
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
        ImportColumn("Thư điện tử", "email", parse=_email, example="congan@tenxa.gov.vn"),
        ImportColumn("Điện thoại", "phone", example="0241 234 567"),
        ImportColumn("Địa chỉ", "address", example="Thôn Đông"),
        ImportColumn(
            "Đang hoạt động", "active", parse=bool_parser, example="Có", help="Có hoặc Không"
        ),
    )

    max_lengths = {"name": 200, "short_name": 60, "head_name": 120, "phone": 30, "address": 255}

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
                agency = Agency(council_id=access.council_id)
                result.created += 1
            else:
                result.updated += 1
            agency._change_reason = "Nhập từ Excel"
            # The command of the page and the API (a record without consequences).
            record_save(access=access, instance=agency, values=fields)
        return result


class DisseminationImport(ImportSpec):
    """The Scheme's dissemination sessions, one row per party cell and day (target 1.1);
    a row of a cell and day already recorded updates that session."""

    key = "councils.dissemination"
    title = "Nhập các buổi quán triệt Đề án từ Excel"
    policy = ("councils.dissemination", "add")
    list_url_name = "councils-dissemination-list"
    intro = (
        "Mỗi dòng là một buổi quán triệt Đề án tại một chi bộ. Tên chi bộ phải đúng như trong "
        "danh mục Chi bộ (gõ có dấu hoặc không dấu)."
    )
    columns = (
        ImportColumn("Chi bộ", "party_cell", required=True, example="Chi bộ thôn Đông"),
        ImportColumn(
            "Ngày quán triệt", "held_on", required=True, parse=parse_date, example="15/09/2025"
        ),
        ImportColumn("Văn bản được quán triệt", "document", example=SCHEME_DOCUMENT),
        ImportColumn("Người quán triệt", "presenter", example="Nguyễn Văn An"),
        ImportColumn("Số đảng viên dự", "attendance", parse=parse_int, example="32"),
        ImportColumn("Ghi chú", "note"),
    )

    max_lengths = {"document": 255, "presenter": 120}

    def check_row(self, values, *, access):
        wanted = fold(values["party_cell"])
        cells = [
            c
            for c in PartyCell.objects.filter(council_id=access.council_id)
            if fold(c.name) == wanted
        ]
        if not cells:
            raise ValidationError(f"Cột “Chi bộ”: không có chi bộ “{values['party_cell']}”.")
        values["party_cell"] = cells[0]
        probe = Dissemination(
            council_id=access.council_id,
            party_cell=cells[0],
            held_on=values["held_on"],
            attendance=values["attendance"] or 0,
        )
        probe.clean()
        return values

    def row_identity(self, values):
        return (fold(str(values["party_cell"])), values["held_on"])

    def save_rows(self, rows, *, access, user):
        result = ImportResult()
        for values in rows:
            cell = values["party_cell"]
            if isinstance(cell, str):  # the confirmation reads the file again
                cell = PartyCell.objects.get(council_id=access.council_id, name=cell)
            obj = Dissemination.objects.filter(
                council_id=access.council_id, party_cell=cell, held_on=values["held_on"]
            ).first()
            if obj is None:
                obj = Dissemination(council_id=access.council_id)
                result.created += 1
            else:
                result.updated += 1
            obj._change_reason = "Nhập từ Excel"
            record_save(
                access=access,
                instance=obj,
                values={
                    "party_cell": cell,
                    "held_on": values["held_on"],
                    "document": values["document"] or SCHEME_DOCUMENT,
                    "presenter": values["presenter"] or "",
                    "attendance": values["attendance"] or 0,
                    "note": values["note"] or "",
                },
            )
        return result


class TrainingImport(ImportSpec):
    """Delegates' training, one row per delegate trained (the organiser's attendance list);
    the rows of one course and start day make one training."""

    key = "councils.training"
    title = "Nhập danh sách đại biểu dự tập huấn, bồi dưỡng từ Excel"
    policy = ("councils.training", "add")
    list_url_name = "councils-training-list"
    intro = (
        "Mỗi dòng là một đại biểu dự một lớp tập huấn, bồi dưỡng. Các dòng cùng tên lớp và "
        "ngày bắt đầu được ghi vào một lớp. Họ tên đại biểu phải đúng như trong danh sách "
        "đại biểu đang hoạt động vào ngày bắt đầu."
    )
    columns = (
        ImportColumn(
            "Tên lớp", "course", required=True, example="Bồi dưỡng kỹ năng hoạt động của đại biểu"
        ),
        ImportColumn(
            "Đơn vị tổ chức", "organiser", required=True, example="Thường trực HĐND thành phố"
        ),
        ImportColumn(
            "Từ ngày", "start_date", required=True, parse=parse_date, example="12/05/2026"
        ),
        ImportColumn("Đến ngày", "end_date", parse=parse_date, example="13/05/2026"),
        ImportColumn("Địa điểm", "place", example="Hội trường UBND xã"),
        ImportColumn("Họ tên đại biểu", "delegate", required=True, example="Nguyễn Thị Hoa"),
        ImportColumn("Giấy chứng nhận", "certificate", example="Số 125/GCN"),
    )

    max_lengths = {"course": 255, "organiser": 200, "place": 255, "certificate": 255}

    def check_row(self, values, *, access):
        start, end = values["start_date"], values["end_date"]
        if end and end < start:
            raise ValidationError("Cột “Đến ngày”: phải sau ngày bắt đầu.")
        wanted = fold(values["delegate"])
        found = [
            d
            for d in Delegate.objects.filter(council_id=access.council_id).on(start)
            if fold(d.full_name) == wanted
        ]
        if not found:
            raise ValidationError(
                f"Cột “Họ tên đại biểu”: không có đại biểu “{values['delegate']}” đang hoạt "
                f"động ngày {start:%d/%m/%Y}."
            )
        if len(found) > 1:
            raise ValidationError(
                f"Cột “Họ tên đại biểu”: có {len(found)} đại biểu tên “{values['delegate']}”; "
                "nhập trực tiếp trên trang lớp tập huấn."
            )
        values["delegate_id"] = found[0].pk
        return values

    def row_identity(self, values):
        return (fold(values["course"]), values["start_date"], fold(values["delegate"]))

    def save_rows(self, rows, *, access, user):
        result = ImportResult()
        courses: dict[tuple, list[dict]] = {}
        for values in rows:
            courses.setdefault((values["course"], values["start_date"]), []).append(values)
        for (course, start), group in courses.items():
            first = group[0]
            training = Training.objects.filter(
                council_id=access.council_id, course=course, start_date=start
            ).first()
            if training is None:
                training = Training(council_id=access.council_id, course=course, start_date=start)
                result.created += 1
                trainees = []
            else:
                result.updated += 1
                trainees = list(training.delegates.all())
            known = {d.pk for d in trainees}
            trainees += [
                d
                for d in Delegate.objects.filter(pk__in=[v["delegate_id"] for v in group])
                if d.pk not in known
            ]
            certificates = sorted({v["certificate"] for v in group if v["certificate"]})
            training._change_reason = "Nhập từ Excel"
            # The page's and the API's command: the same rules (trainees in office).
            services.training_save(
                access=access,
                instance=training,
                values={
                    "organiser": first["organiser"],
                    "end_date": first["end_date"],
                    "place": first["place"] or training.place,
                    "certificate": "; ".join(certificates)[:255]
                    if certificates
                    else training.certificate,
                    "delegates": trainees,
                },
            )
        return result
