from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    AgendaItem,
    Attendance,
    Examination,
    Question,
    Resolution,
    SessionDocument,
)

for model in (AgendaItem, Attendance, Examination, Question, SessionDocument):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "session", "passed", "document")
    readonly_fields = ("document", "vote_closed_at", "voted_on", "vote_snapshot", "passed")
