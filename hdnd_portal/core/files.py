"""Serving a stored file (an upload, a kept document) after the caller's permission check.

Files live behind Django's storage API (local folder or private S3 objects, README "Past one
machine"): views never build a filesystem path. ``stored_file_response`` streams the file from
its storage through the portal, or, with ``STORAGE_DOWNLOADS=signed`` on S3, redirects to a URL
signed for ``AWS_QUERYSTRING_EXPIRE`` seconds (the object itself stays private). Call it only
once the user may see the record the file belongs to.
"""

from django.conf import settings
from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


def stored_file_response(field_file, *, filename: str, as_attachment: bool = True):
    if settings.STORAGE_DOWNLOADS == "signed" and settings.STORAGE_BACKEND == "s3":
        url = field_file.storage.url(
            field_file.name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(as_attachment, filename)
            },
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            field_file.open("rb"), as_attachment=as_attachment, filename=filename
        )
    # Private files: no shared cache may keep them (or the signed address).
    response["Cache-Control"] = "private, no-store"
    return response
