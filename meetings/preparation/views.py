"""Pages of the preparation part: joint meetings, preparation tasks, the Standing Committee's
meetings and quarterly reports, the Party Congress goals (all through the kernel's Resource)."""

from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.resources import Resource
from hdnd_portal.followups.selectors import followups_for_source
from meetings.models import (
    CongressGoal,
    JointMeeting,
    PreparationTask,
    QuarterlyReport,
    StandingMeeting,
)
from meetings.preparation import filters as filters
from meetings.preparation import forms as forms
from meetings.preparation import selectors as selectors
from meetings.preparation import services as services


def prefill_session(request) -> dict:
    """A create page opened from a session's page (``?session=<pk>``) keeps the session."""
    ids = parse_ids([request.GET.get("session", "")])
    return {"session": ids[0]} if ids else {}


def _decisions(meeting: JointMeeting) -> str:
    return "; ".join(d.text for d in meeting.decisions.all())


def _participants(meeting: JointMeeting) -> str:
    return ", ".join(a.short_name or a.name for a in meeting.participants.all())


def _followup_state(task: PreparationTask) -> str:
    return task.state_label


jointmeeting = Resource(
    JointMeeting,
    filters.JointMeetingFilter,
    forms.JointMeetingForm,
    selector=selectors.jointmeeting_list,
    columns=[
        ("Ngày họp", "held_on"),
        ("Kỳ họp", "session"),
        ("Nội dung", "content"),
        ("Cơ quan tham dự", _participants),
        ("Địa điểm", "place"),
    ],
    export_columns=[
        ("Ngày họp", "held_on"),
        ("Kỳ họp", "session"),
        ("Địa điểm", "place"),
        ("Cơ quan tham dự", _participants),
        ("Thành phần tham dự", "attendees"),
        ("Nội dung", "content"),
        ("Nội dung thống nhất", _decisions),
        ("Biên bản", "minutes"),
        ("Theo quy chế phối hợp", "regulation"),
    ],
    detail_fields=[
        ("Kỳ họp", "session"),
        ("Ngày họp", "held_on"),
        ("Địa điểm", "place"),
        ("Cơ quan tham dự", _participants),
        ("Thành phần tham dự", "attendees"),
        ("Nội dung họp", "content"),
        ("Biên bản", "minutes"),
    ],
    detail_template="meetings/prep_jointmeeting_detail.html",
    command=services.jointmeeting_save,
    initial_from_request=prefill_session,
)

preparationtask = Resource(
    PreparationTask,
    filters.PreparationTaskFilter,
    forms.PreparationTaskForm,
    selector=selectors.preparationtask_list,
    search_through=("agency", "delegate"),
    columns=[
        ("Rõ việc", "title"),
        ("Rõ người", "person_label"),
        ("Hạn", "due_date"),
        ("Trạng thái", _followup_state),
        ("Kỳ họp", "session"),
    ],
    export_columns=[
        ("Kỳ họp", "session"),
        ("Rõ việc", "title"),
        ("Rõ người", "person_label"),
        ("Rõ trách nhiệm", "responsibility"),
        ("Rõ quy trình", "procedure"),
        ("Rõ kết quả", "expected_result"),
        ("Hạn hoàn thành", "due_date"),
        ("Trạng thái", _followup_state),
    ],
    detail_fields=[
        ("Kỳ họp", "session"),
        ("Rõ việc", "title"),
        ("Rõ người", "person_label"),
        ("Rõ trách nhiệm", "responsibility"),
        ("Rõ quy trình", "procedure"),
        ("Rõ kết quả", "expected_result"),
        ("Rõ thời hạn", "due_date"),
        ("Trạng thái", _followup_state),
    ],
    # The task's follow-up item ("Việc cần đôn đốc liên quan"), with its state and actions.
    extra_detail_context=lambda request, obj: {
        "followups": followups_for_source(request.access, obj)
    },
    command=services.preparationtask_save,
    initial_from_request=prefill_session,
)


def _attendees(meeting: StandingMeeting) -> str:
    return ", ".join(str(a.delegate) for a in meeting.attendances.select_related("delegate"))


standingmeeting = Resource(
    StandingMeeting,
    filters.StandingMeetingFilter,
    forms.StandingMeetingForm,
    selector=selectors.standingmeeting_list,
    command=services.standingmeeting_save,
    detail_fields=[
        ("Loại phiên họp", "kind"),
        ("Ngày họp", "held_on"),
        ("Địa điểm", "place"),
        ("Nội dung", "topic"),
        ("Chủ trì", "chair"),
        ("Đại biểu dự họp", _attendees),
        ("Biên bản, kết luận", "minutes"),
        ("Nhiệm kỳ", "term__name"),
    ],
    columns=[
        ("Ngày họp", "held_on"),
        ("Loại phiên họp", "kind"),
        ("Nội dung", "topic"),
        ("Chủ trì", "chair"),
        ("Nhiệm kỳ", "term__name"),
    ],
    export_columns=[
        ("Ngày họp", "held_on"),
        ("Loại phiên họp", "kind"),
        ("Nội dung", "topic"),
        ("Địa điểm", "place"),
        ("Chủ trì", "chair"),
        ("Biên bản, kết luận", "minutes"),
        ("Nhiệm kỳ", "term__name"),
    ],
)

quarterlyreport = Resource(
    QuarterlyReport,
    filters.QuarterlyReportFilter,
    forms.QuarterlyReportForm,
    selector=selectors.quarterlyreport_list,
    columns=[
        ("Báo cáo", str),
        ("Năm", "year"),
        ("Quý", "quarter"),
        ("Báo cáo tại phiên họp", "meeting"),
    ],
    detail_template="meetings/prep_quarterlyreport_detail.html",
)

congressgoal = Resource(
    CongressGoal,
    filters.CongressGoalFilter,
    forms.CongressGoalForm,
    selector=selectors.congressgoal_list,
    columns=[
        ("Số hiệu", "code"),
        ("Loại", "kind"),
        ("Lĩnh vực", "field"),
        ("Nội dung", "text"),
        ("Giá trị chỉ tiêu", "target_value"),
    ],
    export_columns=[
        ("Số hiệu", "code"),
        ("Loại", "kind"),
        ("Lĩnh vực", "field"),
        ("Nội dung", "text"),
        ("Giá trị chỉ tiêu", "target_value"),
        ("Nghị quyết Đại hội", "congress"),
    ],
    list_template="meetings/goal_list.html",
)

RESOURCES = [jointmeeting, preparationtask, standingmeeting, quarterlyreport, congressgoal]
