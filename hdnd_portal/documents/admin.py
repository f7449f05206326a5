from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hdnd_portal.documents.models import Counter, DocumentRegister


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
