"""Writes of the procedures library and emulation records: commands
``fn(*, access, instance, values)`` called by the pages, the API and the demo alike."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile

from councils.models_library import Procedure, ProcedureVersion
from hdnd_portal.core.commands import save_with_values
from hdnd_portal.core.uploads import validate_upload

# A procedure's text: a PDF or a Word file (checked by content, ``core.uploads``).
VERSION_EXTENSIONS = (".pdf", ".docx", ".doc")


def check_version_file(upload) -> None:
    """Refuse anything but a PDF or Word file, checked by its content and size."""
    if not upload or isinstance(upload, FieldFile):
        return  # nothing sent, or the stored file kept by an edit
    suffix = Path(getattr(upload, "name", "") or "").suffix.lower()
    if suffix not in VERSION_EXTENSIONS:
        raise ValidationError(
            {"file": f"Văn bản quy trình, quy chế chỉ nhận tệp PDF hoặc Word (“{upload.name}”)."}
        )
    try:
        validate_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc


@transaction.atomic
def procedure_version_save(*, access, instance, values) -> ProcedureVersion:
    """Save a version of a procedure. A new version takes the next number and replaces the
    version in force: that one's last day becomes the day before the new one takes effect
    (its history says why). Overlapping periods are refused (``ProcedureVersion.clean``)."""
    check_version_file(values.get("file"))
    if instance is not None:
        values = {k: v for k, v in values.items() if k != "procedure"}
        return save_with_values(instance, values, access=access)
    procedure = values.get("procedure")
    version = ProcedureVersion()
    if isinstance(procedure, Procedure):
        # One new version of a procedure at a time: the numbers and the replaced one.
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        values = {**values, "procedure": procedure}
        version.number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version.procedure = procedure
    replaced = version.replaced_version() if isinstance(procedure, Procedure) else None
    version = save_with_values(version, values, access=access)
    if replaced is not None and replaced.end_date is None:
        replaced.end_date = version.start_date - dt.timedelta(days=1)
        replaced._change_reason = f"Được thay thế bởi phiên bản {version.number}"
        replaced.save()
    return version
