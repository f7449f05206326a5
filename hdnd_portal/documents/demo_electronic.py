"""The demo's electronic issuance: one issued report signed and sent up to the city, so the
city's overseer (``thanhpho``) finds a received report. Runs after every app's demo (order 95)."""

from django.contrib.auth import get_user_model

from hdnd_portal.core.access import STAFF, Access
from hdnd_portal.documents import electronic, printing, signing
from hdnd_portal.documents.models import Dispatch, DocumentRegister

User = get_user_model()

# The upward kinds, the one the demo issues itself first when none is issued yet.
PREFERRED = ("meetings.quarterly_report", "petitions.periodic_report", "targets.review")


def _clerk_access(council, user) -> Access:
    return Access(
        user_id=user.pk if user else 0,
        council_id=council.pk,
        council_name=council.name,
        role=STAFF,
    )


def _report_to_send(council, today, user):
    upward = {code: kind for code, kind in printing.document_kinds().items() if kind.sends_upward}
    entry = (
        DocumentRegister.objects.filter(council=council, kind_code__in=upward)
        .order_by("-issued_on", "-id")
        .first()
    )
    if entry is not None:
        return entry
    for code in PREFERRED:
        kind = upward.get(code)
        if kind is None:
            continue
        obj = kind.model.objects.filter(council=council).order_by("-pk").first()
        if obj is not None:
            entry, _created = printing.document_issue(
                kind=kind, obj=obj, user_id=user.pk if user else None, on=today
            )
            return entry
    return None


def load_electronic(*, council, today, created_by) -> list[str]:
    if Dispatch.objects.filter(council=council).exists():
        return []
    entry = _report_to_send(council, today, created_by)
    if entry is None:
        return []
    access = _clerk_access(council, created_by)
    lines = []
    if signing.signing_available():
        electronic.document_sign(document=entry, access=access, by_user=created_by)
        lines.append(f"Văn bản điện tử: đã ký số {entry.symbol}")
    electronic.document_send_upward(document=entry, access=access, by_user=created_by)
    lines.append(f"Đã gửi {entry.symbol} lên HĐND thành phố")
    return lines
