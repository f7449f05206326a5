"""The register of official documents (Sổ văn bản): list, detail, history, manual entry."""

from hdnd_portal.core.resources import Resource
from hdnd_portal.documents.filters import DocumentRegisterFilter
from hdnd_portal.documents.forms import DocumentRegisterForm
from hdnd_portal.documents.models import DocumentRegister
from hdnd_portal.documents.policies import DOCUMENT_REGISTER
from hdnd_portal.documents.services import document_number_issue


def _register_save(*, form, access, instance):
    """New entries take their number from the counter; edits change only title and signer."""
    if instance is not None:
        return form.save()
    data = form.cleaned_data
    return document_number_issue(
        council=form.instance.council,
        type_code=data["type_code"],
        issuer_code=data["issuer_code"],
        is_normative=data["is_normative"],
        issued_on=data["issued_on"],
        title=data["title"],
        signer=data["signer"],
        created_by_id=access.user_id,
    )


register = Resource(
    DocumentRegister,
    DocumentRegisterFilter,
    DocumentRegisterForm,
    policy=DOCUMENT_REGISTER,  # registered in DocumentsConfig.ready()
    url_prefix="register",
    select_related=("created_by",),
    ordering=("-year", "-issued_on", "-number", "-id"),
    save=_register_save,
    columns=[
        ("Số, ký hiệu", "symbol"),
        ("Ngày ban hành", "issued_on"),
        ("Loại", "type_code"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
    ],
    export_columns=[
        ("Số, ký hiệu", "symbol"),
        ("Ngày ban hành", "issued_on"),
        ("Loại", "type_code"),
        ("Cơ quan ban hành", "issuer_code"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
        ("Người cấp số", "created_by"),
        ("Cấp số lúc", "created_at"),
    ],
    detail_fields=[
        ("Số, ký hiệu", "symbol"),
        ("Loại văn bản", "type_code"),
        ("Cơ quan ban hành", "issuer_code"),
        ("Ngày ban hành", "issued_on"),
        ("Trích yếu", "title"),
        ("Người ký", "signer"),
        ("Người cấp số", "created_by"),
        ("Cấp số lúc", "created_at"),
    ],
)
