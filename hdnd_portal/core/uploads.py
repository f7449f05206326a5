"""What the portal accepts as an uploaded file, for pages and API alike.

A file is accepted when its extension is on the list AND its content is of that type: the
first bytes (PDF, JPEG, PNG, the old Office compound file) or, for DOCX/XLSX, a zip whose
``[Content_Types].xml`` declares the Word or Excel main part. A text file renamed ``.pdf``,
an ``.html``, ``.svg`` or ``.exe`` is refused whatever it is called: such files would be served
back to other users from the portal's own origin. The size limit is ``settings.UPLOAD_MAX_MB``.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 / Excel 97-2003
CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    magic: bytes = b""
    # DOCX/XLSX: the main part's content type declared in [Content_Types].xml.
    ooxml_main: str = ""


FILE_TYPES = (
    FileType("PDF", (".pdf",), magic=b"%PDF"),
    FileType(
        "Word",
        (".docx",),
        ooxml_main="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    FileType(
        "Excel",
        (".xlsx",),
        ooxml_main="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    FileType("Word 97-2003", (".doc",), magic=OLE_MAGIC),
    FileType("Excel 97-2003", (".xls",), magic=OLE_MAGIC),
    FileType("JPEG", (".jpg", ".jpeg"), magic=b"\xff\xd8\xff"),
    FileType("PNG", (".png",), magic=b"\x89PNG\r\n\x1a\n"),
)
ALLOWED_EXTENSIONS = tuple(ext for t in FILE_TYPES for ext in t.extensions)
ALLOWED_LABEL = "PDF, Word, Excel, ảnh JPEG/PNG"


def max_bytes() -> int:
    return settings.UPLOAD_MAX_MB * 1024 * 1024


def upload_help_text() -> str:
    return f"{ALLOWED_LABEL}; tối đa {settings.UPLOAD_MAX_MB} MB mỗi tệp."


def _type_for(name: str) -> FileType | None:
    suffix = Path(name or "").suffix.lower()
    return next((t for t in FILE_TYPES if suffix in t.extensions), None)


def _read_head(file, size: int = 16) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head or b""


def _is_ooxml(file, main_type: str) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            # Bounded read: a declared part of a few KB, never a zip bomb's worth.
            with archive.open(CONTENT_TYPES) as part:
                declared = part.read(256 * 1024).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)
    return main_type in declared


def validate_upload(file) -> None:
    """Raise a Vietnamese ``ValidationError`` unless ``file`` is an accepted document or image.

    ``file`` is an uploaded file (Django's ``UploadedFile`` or any object with ``name``,
    ``size``, ``read`` and ``seek``); it is left at position 0.
    """
    name = getattr(file, "name", "") or "tệp"
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size > max_bytes():
        raise ValidationError(
            f"Tệp “{name}” lớn hơn {settings.UPLOAD_MAX_MB} MB.", code="file_too_large"
        )
    file_type = _type_for(name)
    if file_type is None:
        raise ValidationError(
            f"Không nhận loại tệp của “{name}”: chỉ nhận {ALLOWED_LABEL}.", code="file_type"
        )
    if file_type.ooxml_main:
        ok = _read_head(file, 4) == b"PK\x03\x04" and _is_ooxml(file, file_type.ooxml_main)
    else:
        ok = _read_head(file, len(file_type.magic)) == file_type.magic
    if not ok:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải là tệp {file_type.label} như tên tệp cho biết.",
            code="file_content",
        )
