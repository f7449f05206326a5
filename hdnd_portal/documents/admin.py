from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hdnd_portal.documents.models import Counter, Dispatch, DocumentRegister, SignedCopy


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "issued_on", "title", "council"]
    list_filter = ["council", "type_code", "year"]
    search_fields = ["search_text"]
    # Numbers come from the counter (services.document_number_issue), never typed.
    readonly_fields = ["year", "number", "source_type", "source_id", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["council", "series", "year", "last_number"]
    list_filter = ["council", "year"]
    readonly_fields = ["council", "series", "year"]


@admin.register(SignedCopy)
class SignedCopyAdmin(SimpleHistoryAdmin):
    list_display = ["document", "signed_at", "signed_by", "valid"]
    list_filter = ["valid"]
    # A signed file is what was signed: never replaced by hand.
    readonly_fields = [
        "document",
        "file",
        "sha256",
        "signed_at",
        "signed_by",
        "certificate_subject",
        "valid",
        "checked_at",
        "check_summary",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Dispatch)
class DispatchAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "commune", "title", "sent_at", "signed"]
    list_filter = ["council", "kind_code", "signed"]
    search_fields = ["search_text"]
    # What was sent stays as it was sent.
    readonly_fields = [
        "council",
        "document",
        "kind_code",
        "commune",
        "symbol",
        "title",
        "issued_on",
        "sent_at",
        "sent_by",
        "file",
        "signed",
        "sha256",
    ]

    def has_add_permission(self, request):
        return False
