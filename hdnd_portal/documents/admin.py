from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hdnd_portal.documents.models import DocumentCounter, DocumentRegister


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "issued_on", "title", "council"]
    list_filter = ["council", "type_code", "year"]
    search_fields = ["search_text"]
    # Numbers come from the counter (services.document_number_issue), never typed.
    readonly_fields = ["year", "number", "source_type", "source_id", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["council", "issuer_code", "type_code", "year", "is_normative", "last_number"]
    list_filter = ["council", "year"]
    readonly_fields = ["council", "issuer_code", "type_code", "year", "is_normative"]
