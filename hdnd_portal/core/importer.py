"""Excel import with a preview: offices keep their lists in Excel; the portal takes them in.

An app describes one import as an :class:`ImportSpec` — the template's columns (Vietnamese
headers, which are required, how each cell is read), a row check, and how the checked rows are
saved — and mounts it with :func:`import_urls`::

    class GoalImport(ImportSpec):
        key = "meetings.congressgoal"               # names the URLs: meetings-congressgoal-import
        title = "Nhập mục tiêu, chỉ tiêu Đại hội từ Excel"
        policy = ("meetings.congressgoal", "add")   # who may import (checked on every request)
        list_url_name = "meetings-congressgoal-list"
        columns = (
            ImportColumn("Số hiệu", "code", required=True, example="1.2"),
            ImportColumn("Loại", "kind", parse=choice_parser(CongressGoal.Kind), example="Chỉ tiêu"),
            ImportColumn("Nội dung", "text", required=True),
        )

        def check_row(self, values, *, access):      # optional: cross-field rules
            ...                                      # raise ValidationError("…") to refuse the row
            return values

        def save_rows(self, rows, *, access, user):  # inside one transaction
            ...
            return ImportResult(created=3, updated=1)

    urlpatterns += import_urls(GoalImport(), "goals/")

The user downloads the template (``…/import/template/``), fills it, uploads it: the portal
reads every row and shows a preview — how many rows are ready, and every refused row with its
Excel row number and the reason in Vietnamese — before anything is saved. "Nhập N dòng" saves
all rows in one transaction, or none: a file with any refused row saves nothing. A file that is
not a real .xlsx (a PDF renamed .xlsx), a sheet without the template's columns, or more rows than
``max_rows`` is refused with one clear message.

Between the preview and the confirmation the uploaded file waits in the default storage
(``imports/``; the Django storage API, so it works on a shared volume or an S3 bucket) under a
random name; the confirmation carries a signed token naming that file, the import and the user,
valid for an hour, and reads the file again — what is saved is exactly what was checked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hdnd_portal.core.export import XLSX_CONTENT_TYPE, export_filename
from hdnd_portal.core.forms import style_widgets
from hdnd_portal.core.inputs import validate_sane_date
from hdnd_portal.core.permissions import require
from hdnd_portal.core.text import fold
from hdnd_portal.core.uploads import validate_upload
from hdnd_portal.core.widgets import FilePickerInput

__all__ = [
    "ImportColumn",
    "ImportResult",
    "ImportSpec",
    "ParsedRow",
    "ParsedSheet",
    "bool_parser",
    "choice_parser",
    "parse_date",
    "parse_int",
    "parse_text",
    "import_urls",
    "read_sheet",
]

STORAGE_DIR = "imports"
TOKEN_SALT = "hdnd_portal.core.importer"
TOKEN_MAX_AGE = 3600
# How far down the sheet the header row may be (a title and a blank line above it are common).
HEADER_SEARCH_ROWS = 10
PREVIEW_ROWS = 30
ERROR_ROWS_SHOWN = 200


# --- Reading one cell ---------------------------------------------------------------------
def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def parse_text(value: Any) -> str:
    """The cell as one line of text (inner runs of spaces and line breaks become one space)."""
    return _as_text(value)


def parse_multiline(value: Any) -> str:
    """The cell as text keeping its line breaks (minutes, contents)."""
    if value is None:
        return ""
    return "\n".join(" ".join(line.split()) for line in str(value).strip().splitlines())


def parse_int(value: Any) -> int | None:
    """A whole number ≥ 0 ("12", 12, 12.0); empty → None."""
    if value is None or _as_text(value) == "":
        return None
    if isinstance(value, bool):
        raise ValidationError("phải là một số nguyên.")
    if isinstance(value, int | float):
        if float(value).is_integer() and value >= 0:
            return int(value)
        raise ValidationError("phải là một số nguyên không âm.")
    text = _as_text(value).replace(".", "").replace(",", "")
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    raise ValidationError(f"“{_as_text(value)}” không phải là một số nguyên.")


def parse_date(value: Any) -> dt.date | None:
    """A date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy); empty → None."""
    if value is None or _as_text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _as_text(value).replace("-", "/").replace(".", "/")
        _refuse_impossible_day(text)
        try:
            day = dt.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            try:
                day = dt.date.fromisoformat(_as_text(value))
            except ValueError:
                raise ValidationError(
                    f"“{_as_text(value)}” không phải là ngày theo dạng ngày/tháng/năm "
                    "(ví dụ 15/03/2026)."
                ) from None
    validate_sane_date(day)
    return day


def _refuse_impossible_day(text: str) -> None:
    """ "31/02/2026" reads as a date but is none: say which day the month lacks."""
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        return
    day, month, year = (int(p) for p in parts)
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        if 1 <= day <= 31 and not 1 <= month <= 12:
            raise ValidationError(f"“{text}”: không có tháng {month} (tháng từ 1 đến 12).")
        return
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise ValidationError(
            f"“{text}”: tháng {month} năm {year} chỉ có {last} ngày, không có ngày {day}."
        )


def choice_parser(choices, *, aliases: dict[str, str] | None = None) -> Callable[[Any], str]:
    """A parser that accepts a choice's Vietnamese label (with or without diacritics, any case)
    or its value, and returns the value. ``choices`` is a TextChoices class or (value, label)
    pairs; ``aliases`` maps more accepted words to values."""
    pairs = list(getattr(choices, "choices", choices))
    accepted = {fold(label): value for value, label in pairs}
    accepted.update({fold(value): value for value, _label in pairs})
    accepted.update({fold(word): value for word, value in (aliases or {}).items()})
    labels = ", ".join(str(label) for _v, label in pairs)

    def parse(value: Any) -> str:
        text = _as_text(value)
        if not text:
            return ""
        try:
            return accepted[fold(text)]
        except KeyError:
            raise ValidationError(f"“{text}” không có trong danh sách: {labels}.") from None

    return parse


def bool_parser(value: Any) -> bool | None:
    """Có/Không (x, yes, 1 …); empty → None."""
    text = fold(_as_text(value))
    if not text:
        return None
    if text in {"co", "x", "yes", "1", "true", "dung"}:
        return True
    if text in {"khong", "no", "0", "false", "sai"}:
        return False
    raise ValidationError(f"“{_as_text(value)}” phải là Có hoặc Không.")


# --- The spec ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportColumn:
    header: str
    key: str
    required: bool = False
    parse: Callable[[Any], Any] = parse_text
    example: Any = ""
    help: str = ""
    max_length: int | None = None  # refused beyond, with the limit (never cut silently)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [f"thêm mới {self.created}"]
        if self.updated:
            parts.append(f"cập nhật {self.updated}")
        return "Đã nhập: " + ", ".join(parts) + " dòng."


@dataclass
class ParsedRow:
    number: int  # the row's number in Excel
    values: dict[str, Any]
    cells: list[tuple[str, str]]  # (header, text) as shown in the preview
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ParsedSheet:
    errors: list[str] = field(default_factory=list)  # the file as a whole
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(r.ok for r in self.rows) and bool(self.rows)

    @property
    def bad_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def good_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if r.ok]


class ImportSpec:
    """One kind of import (see the module's docstring)."""

    key: ClassVar[str] = ""
    title: ClassVar[str] = "Nhập từ Excel"
    policy: ClassVar[tuple[str, str]] = ("", "add")
    list_url_name: ClassVar[str] = ""
    columns: ClassVar[tuple[ImportColumn, ...]] = ()
    # Headers a sheet may carry that the import ignores (a row counter).
    ignored_headers: ClassVar[tuple[str, ...]] = ("STT", "TT", "Số thứ tự")
    max_rows: ClassVar[int] = 10_000
    intro: ClassVar[str] = ""
    # The longest text each column may hold (by key; or ImportColumn.max_length): a longer
    # cell is refused with the limit, never cut.
    max_lengths: ClassVar[dict[str, int]] = {}

    # -- hooks --------------------------------------------------------------------------
    def check_row(self, values: dict[str, Any], *, access) -> dict[str, Any]:
        """Cross-column rules and look-ups for one row; raise ``ValidationError`` to refuse it.
        Returns the values to save (may add looked-up objects)."""
        return values

    def row_identity(self, values: dict[str, Any]) -> Any:
        """A key that must not repeat within one file (``None``: no check)."""
        return None

    def save_rows(self, rows: list[dict[str, Any]], *, access, user) -> ImportResult:
        raise NotImplementedError

    # -- names --------------------------------------------------------------------------
    @property
    def url_base(self) -> str:
        return self.key.replace(".", "-")

    @property
    def filename(self) -> str:
        return export_filename(f"mau-{self.title}", "mau-nhap")

    def example_rows(self) -> list[list[Any]]:
        return [[c.example for c in self.columns]]


# --- Reading a sheet -----------------------------------------------------------------------
def _open_workbook(file):
    name = getattr(file, "name", "") or "tệp"
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(
            f"“{name}” không phải tệp Excel .xlsx. Hãy dùng tệp mẫu (Excel 2007 trở lên); "
            "tệp .xls cũ cần mở bằng Excel và lưu lại dưới dạng .xlsx."
        )
    validate_upload(file)  # a PDF renamed .xlsx stops here, by its content
    try:
        file.seek(0)
        return load_workbook(BytesIO(file.read()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(
            f"Không đọc được “{name}” như một bảng tính Excel (tệp hỏng hoặc được bảo vệ bằng "
            "mật khẩu). Hãy mở bằng Excel, lưu lại rồi tải lên lần nữa."
        ) from exc


def _header_map(spec: ImportSpec, row: Iterable[Any]) -> tuple[dict[int, ImportColumn], list[str]]:
    by_header = {fold(c.header): c for c in spec.columns}
    ignored = {fold(h) for h in spec.ignored_headers}
    found: dict[int, ImportColumn] = {}
    unknown = []
    for index, cell in enumerate(row):
        text = _as_text(cell)
        if not text:
            continue
        column = by_header.get(fold(text))
        if column is not None:
            found[index] = column
        elif fold(text) not in ignored:
            unknown.append(text)
    return found, unknown


def read_sheet(spec: ImportSpec, file, *, access) -> ParsedSheet:
    """Read and check every row of the first sheet of ``file``; saves nothing."""
    sheet = ParsedSheet()
    try:
        workbook = _open_workbook(file)
    except ValidationError as exc:
        sheet.errors.extend(exc.messages)
        return sheet
    try:
        ws = workbook.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header_number, mapping, unknown = 0, {}, []
        required = {fold(c.header) for c in spec.columns if c.required}
        for number, row in enumerate(rows, start=1):
            if number > HEADER_SEARCH_ROWS:
                break
            mapping, unknown = _header_map(spec, row)
            if required and required <= {fold(c.header) for c in mapping.values()}:
                header_number = number
                break
        if not header_number:
            missing = ", ".join(f"“{c.header}”" for c in spec.columns if c.required)
            sheet.errors.append(
                f"Không tìm thấy dòng tiêu đề của mẫu trong {HEADER_SEARCH_ROWS} dòng đầu của "
                f"trang tính đầu tiên: cần các cột {missing}. Hãy tải tệp mẫu và giữ nguyên "
                "tên cột."
            )
            return sheet
        if unknown:
            names = ", ".join(f"“{u}”" for u in unknown)
            sheet.errors.append(
                f"Có cột không thuộc mẫu: {names}. Hãy xóa các cột này hoặc đổi đúng tên cột như "
                "tệp mẫu."
            )
            return sheet
        seen: dict[Any, int] = {}
        for number, row in enumerate(rows, start=header_number + 1):
            cells = list(row or ())
            if not any(_as_text(c) for c in cells):
                continue
            if len(sheet.rows) >= spec.max_rows:
                sheet.errors.append(
                    f"Tệp có hơn {spec.max_rows:,} dòng dữ liệu".replace(",", ".")
                    + ": mỗi lần chỉ nhập tối đa "
                    + f"{spec.max_rows:,}".replace(",", ".")
                    + " dòng. Hãy chia thành nhiều tệp nhỏ hơn."
                )
                sheet.rows = []
                return sheet
            sheet.rows.append(_read_row(spec, number, cells, mapping, seen, access=access))
    finally:
        workbook.close()
    if not sheet.rows and not sheet.errors:
        sheet.errors.append("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    return sheet


def _read_row(spec, number, cells, mapping, seen, *, access) -> ParsedRow:
    values: dict[str, Any] = {c.key: None for c in spec.columns}
    shown = {c.key: "" for c in spec.columns}
    errors = []
    unread_required = False
    for index, column in mapping.items():
        raw = cells[index] if index < len(cells) else None
        shown[column.key] = _as_text(raw)
        try:
            values[column.key] = column.parse(raw)
        except ValidationError as exc:
            errors.extend(f"Cột “{column.header}”: {m}" for m in exc.messages)
            unread_required = unread_required or column.required
            continue
        if column.required and values[column.key] in (None, ""):
            errors.append(f"Cột “{column.header}”: chưa có giá trị (bắt buộc).")
            unread_required = True
        elif (limit := column.max_length or spec.max_lengths.get(column.key)) and len(
            str(values[column.key] or "")
        ) > limit:
            errors.append(
                f"Cột “{column.header}”: dài {len(str(values[column.key]))} ký tự, quá giới hạn "
                f"{limit} ký tự. Hãy rút gọn."
            )
    if _is_example(spec, shown):
        return ParsedRow(
            number,
            values,
            [(c.header, shown[c.key]) for c in spec.columns],
            [
                "Đây là dòng ví dụ của tệp mẫu, không phải dữ liệu thật: hãy xóa dòng này "
                "rồi tải tệp lên lại."
            ],
        )
    # One pass reports every error of the row: the row's own rules run whenever the columns
    # they read (the required ones) were read, whatever else is wrong with the row.
    if not unread_required:
        try:
            values = spec.check_row(values, access=access)
        except ValidationError as exc:
            errors.extend(m for m in exc.messages if m not in errors)
    if not errors:
        identity = spec.row_identity(values)
        if identity is not None:
            if identity in seen:
                errors.append(f"Trùng với dòng {seen[identity]} trong cùng tệp.")
            else:
                seen[identity] = number
    return ParsedRow(number, values, [(c.header, shown[c.key]) for c in spec.columns], errors)


def _is_example(spec: ImportSpec, shown: dict[str, str]) -> bool:
    """The template's example row, left in by mistake: every column that has an example holds
    it (compared without diacritics, case or spacing)."""
    examples = {c.key: fold(_as_text(c.example)) for c in spec.columns if _as_text(c.example)}
    return len(examples) >= 2 and all(fold(shown[k]) == v for k, v in examples.items())


# --- Pages ---------------------------------------------------------------------------------
class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        widget=FilePickerInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Hãy chọn tệp Excel cần nhập."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _stash(file, user_id: int, spec: ImportSpec) -> str:
    file.seek(0)
    name = default_storage.save(
        f"{STORAGE_DIR}/{uuid.uuid4().hex}-{get_valid_filename(file.name)[-60:] or 'tep.xlsx'}",
        ContentFile(file.read()),
    )
    return signing.dumps(
        {"path": name, "user": user_id, "spec": spec.key, "name": file.name}, salt=TOKEN_SALT
    )


def _unstash(token: str, user_id: int, spec: ImportSpec) -> dict | None:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user_id or data.get("spec") != spec.key:
        return None
    if not str(data.get("path", "")).startswith(f"{STORAGE_DIR}/"):
        return None
    if not default_storage.exists(data["path"]):
        return None
    return data


def _discard(path_name: str) -> None:
    try:
        default_storage.delete(path_name)
    except OSError:
        pass


def _reopen(data: dict):
    with default_storage.open(data["path"], "rb") as stored:
        content = ContentFile(stored.read(), name=data["name"])
    return content


def _render(request, spec, *, form, sheet=None, token="", file_name="", error="", status=200):
    bad = sheet.bad_rows if sheet else []
    ctx = {
        "spec": spec,
        "form": form,
        "sheet": sheet,
        "token": token,
        "error": error,
        "file_name": file_name,
        "headers": [c.header for c in spec.columns],
        "bad_rows": bad[:ERROR_ROWS_SHOWN],
        "bad_hidden": max(0, len(bad) - ERROR_ROWS_SHOWN),
        "preview_rows": sheet.good_rows[:PREVIEW_ROWS] if sheet else [],
        "list_url": reverse(spec.list_url_name) if spec.list_url_name else "",
        "template_url": reverse(f"{spec.url_base}-import-template"),
    }
    return render(request, "core/import.html", ctx, status=status)


def import_view(request, spec: ImportSpec):
    access = request.access
    require(access, *spec.policy)
    if request.method != "POST":
        return _render(request, spec, form=ImportUploadForm())
    if "token" in request.POST:
        return _confirm(request, spec)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, spec, form=form, status=400)
    upload = form.cleaned_data["file"]
    sheet = read_sheet(spec, upload, access=access)
    token = ""
    if sheet.ok:
        discard_stale_imports()
        token = _stash(upload, request.user.pk, spec)
    return _render(
        request,
        spec,
        form=ImportUploadForm(),
        sheet=sheet,
        token=token,
        file_name=upload.name,
        status=200 if sheet.ok else 400,
    )


def _confirm(request, spec):
    from django.contrib import messages
    from django.shortcuts import redirect

    access = request.access
    data = _unstash(request.POST.get("token", ""), request.user.pk, spec)
    if data is None:
        return _render(
            request,
            spec,
            form=ImportUploadForm(),
            error=(
                "Phiên nhập đã hết hạn hoặc không hợp lệ (quá một giờ, hoặc đã nhập rồi). "
                "Hãy tải tệp lên lại."
            ),
            status=400,
        )
    sheet = read_sheet(spec, _reopen(data), access=access)
    if not sheet.ok:  # the records changed since the preview: show why, save nothing
        return _render(request, spec, form=ImportUploadForm(), sheet=sheet, status=400)
    try:
        with transaction.atomic():
            result = spec.save_rows(
                [r.values for r in sheet.rows], access=access, user=request.user
            )
    except ValidationError as exc:
        # A command refused a row (the rules of the page and the API): nothing is saved.
        return _render(
            request,
            spec,
            form=ImportUploadForm(),
            sheet=sheet,
            error="Chưa nhập được, không dòng nào được lưu: " + " ".join(exc.messages),
            status=400,
        )
    _discard(data["path"])
    messages.success(request, result.summary)
    for line in result.messages:
        messages.info(request, line)
    return redirect(reverse(spec.list_url_name) if spec.list_url_name else request.path)


def template_view(request, spec: ImportSpec):
    require(request.access, *spec.policy)
    wb = Workbook()
    ws = wb.active
    ws.title = "Mẫu nhập"
    ws.append([c.header for c in spec.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in spec.example_rows():
        ws.append([_as_text(v) if isinstance(v, dt.date) else v for v in row])
        for cell in ws[ws.max_row]:
            cell.font = Font(italic=True, color="808080")
    # A comment on the example: the import recognises the example row and refuses it.
    ws["A2"].comment = Comment(
        "Dòng ví dụ: xóa dòng này trước khi nhập (để lại, cổng sẽ từ chối cả tệp).", "HĐND"
    )
    for index, column in enumerate(spec.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("Hướng dẫn")
    notes.append([spec.title])
    notes["A1"].font = Font(bold=True, size=13)
    notes.append(
        [
            "Giữ nguyên dòng tiêu đề (tên cột) ở trang tính đầu tiên; mỗi dòng dưới đó là một "
            "bản ghi; xóa dòng ví dụ trước khi nhập. Ngày ghi theo dạng ngày/tháng/năm."
        ]
    )
    notes.append([])
    notes.append(["Cột", "Bắt buộc", "Cách ghi", "Ví dụ"])
    for cell in notes[4]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        notes.append(
            [column.header, "Có" if column.required else "", column.help, _as_text(column.example)]
        )
    for letter, width in zip("ABCD", (28, 10, 60, 24), strict=True):
        notes.column_dimensions[letter].width = width
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}.xlsx"'
    return response


def import_urls(spec: ImportSpec, prefix: str) -> list:
    """``<prefix>import/`` (upload, preview, confirm) and ``<prefix>import/template/``."""
    if not spec.key or not spec.columns:
        raise ValueError("an ImportSpec needs a key and columns")

    def upload(request):
        return import_view(request, spec)

    def template(request):
        return template_view(request, spec)

    return [
        path(f"{prefix}import/", login_required(upload), name=f"{spec.url_base}-import"),
        path(
            f"{prefix}import/template/",
            login_required(template),
            name=f"{spec.url_base}-import-template",
        ),
    ]


def discard_stale_imports(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete uploads left waiting (previewed, never confirmed) for longer than ``older_than``."""
    try:
        _dirs, files = default_storage.listdir(STORAGE_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    limit, removed = timezone.now() - older_than, 0
    for name in files:
        full = f"{STORAGE_DIR}/{name}"
        try:
            if default_storage.get_modified_time(full) < limit:
                default_storage.delete(full)
                removed += 1
        except (NotImplementedError, OSError):
            continue
    return removed
