from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from supervision.models import (
    Activity,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "body", "committee", "council")
    list_filter = ("year", "body")


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "programme", "planned_month")


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "kind", "body", "state", "start_date", "council")
    list_filter = ("kind", "body", "state")


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ("question", "activity", "agency")


@admin.register(Conclusion)
class ConclusionAdmin(SimpleHistoryAdmin):
    list_display = ("activity", "kind", "concluded_on")


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ("content", "agency", "due_date", "carried_over")
