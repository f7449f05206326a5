from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hdnd_portal.followups import models
from hdnd_portal.followups.services import deadline_rule_chain_close


@admin.register(models.DeadlineRule)
class DeadlineRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "days",
        "day_kind",
        "counts_back",
        "legal_source",
        "article",
        "valid_from",
        "valid_to",
        "is_setting",
        "council",
    ]
    list_filter = ["day_kind", "is_setting", "counts_back", "council"]
    search_fields = ["code", "name", "legal_source", "article"]
    date_hierarchy = "valid_from"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Same effect as the portal's deadline_rule_save: the previous version ends here.
        deadline_rule_chain_close(code=obj.code, council_id=obj.council_id, by_user=request.user)


@admin.register(models.DayOff)
class DayOffAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name", "council"]
    list_filter = ["kind", "council"]
    search_fields = ["name"]
    date_hierarchy = "date"


class ExtensionInline(admin.TabularInline):
    model = models.Extension
    extra = 0
    readonly_fields = [
        "previous_due_date",
        "new_due_date",
        "reason",
        "document",
        "created_by",
        "created_at",
    ]
    can_delete = False


class AnswerInline(admin.StackedInline):
    model = models.Answer
    extra = 0
    readonly_fields = ["text", "agency", "answered_by", "on_behalf", "created_at"]
    can_delete = False


@admin.register(models.FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    """Read-mostly: state changes go through the portal's services (answer, extend, close)."""

    list_display = ["title", "kind", "council", "agency", "due_date", "state"]
    list_filter = ["state", "kind", "council"]
    search_fields = ["search_text"]
    list_select_related = ["council", "agency"]
    date_hierarchy = "due_date"
    raw_id_fields = ["agency", "assignee", "committee", "delegate", "created_by"]
    readonly_fields = [
        "state",
        "rule",
        "original_due_date",
        "due_date",
        "answered_at",
        "answer",
        "closed_at",
        "closed_reason",
        "escalated_at",
        "source_type",
        "source_id",
    ]
    inlines = [AnswerInline, ExtensionInline]


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["followup", "stage", "due_date", "sent_at", "manual"]
    list_filter = ["manual", "stage"]
    raw_id_fields = ["followup"]


@admin.register(models.ThresholdRule)
class ThresholdRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "comparison",
        "numerator",
        "denominator",
        "legal_source",
        "valid_from",
        "valid_to",
        "is_setting",
        "council",
    ]
    list_filter = ["is_setting", "council"]
    search_fields = ["code", "name", "legal_source", "article"]
