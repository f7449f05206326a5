"""Pages of group discussions and social criticism (kernel ``Resource``s): list with filters,
search without diacritics, pagination and Excel export; detail; create; edit; history."""

from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.core.permissions import can
from hdnd_portal.core.resources import Resource
from meetings.discussion import filters, forms, selectors, services
from meetings.discussion.policies import DISCUSSION_OPINION
from meetings.models import DiscussionGroup, DiscussionOpinion, SocialCriticism


def _first_id(request, name):
    ids = parse_ids([request.GET.get(name, "")])
    return ids[0] if ids else None


def prefill_session(request) -> dict:
    """ "Thêm tổ thảo luận" on a session's page keeps the session (``?session=<pk>``)."""
    pk = _first_id(request, "session")
    return {"session": pk} if pk else {}


def prefill_group(request) -> dict:
    """ "Thêm ý kiến" on a group's page keeps the group (``?group=<pk>``)."""
    pk = _first_id(request, "group")
    return {"group": pk} if pk else {}


def prefill_draft(request) -> dict:
    """From a resolution (``?draft=<pk>``) or a session (``?session=<pk>``: its drafts)."""
    initial = {}
    if pk := _first_id(request, "draft"):
        initial["draft"] = pk
    if pk := _first_id(request, "session"):
        initial["draft_session"] = pk
    return initial


def _members(group: DiscussionGroup) -> str:
    return ", ".join(d.full_name for d in group.members.all())


def _group_context(request, group):
    return {
        "opinions": selectors.group_opinions(access=request.access, group=group),
        "can_add_opinion": can(request.access, DISCUSSION_OPINION, "add"),
    }


discussiongroup = Resource(
    DiscussionGroup,
    filters.DiscussionGroupFilter,
    forms.DiscussionGroupForm,
    selector=selectors.discussiongroup_list,
    url_prefix="groups",
    command=services.discussiongroup_save,
    initial_from_request=prefill_session,
    search_through=("chair",),
    columns=[
        ("Tổ thảo luận", "name"),
        ("Kỳ họp", "session__name"),
        ("Ngày", "held_on"),
        ("Tổ trưởng", "chair__full_name"),
        ("Số ý kiến", "opinion_count"),
        ("Nhiệm kỳ", "session__term__name"),
    ],
    export_columns=[
        ("Tổ thảo luận", "name"),
        ("Kỳ họp", "session__name"),
        ("Ngày", "held_on"),
        ("Thời gian", "time_label"),
        ("Địa điểm", "place"),
        ("Tổ trưởng", "chair__full_name"),
        ("Thư ký", "secretary__full_name"),
        ("Thành viên", _members),
        ("Số ý kiến", "opinion_count"),
        ("Nội dung thảo luận", "topics"),
        ("Tổng hợp ý kiến", "summary"),
    ],
    detail_fields=[
        ("Kỳ họp", "session"),
        ("Ngày thảo luận", "held_on"),
        ("Thời gian", "time_label"),
        ("Địa điểm", "place"),
        ("Tổ trưởng (điều hành)", "chair__full_name"),
        ("Thư ký", "secretary__full_name"),
        ("Thành viên", _members),
        ("Nội dung thảo luận", "topics"),
        ("Tổng hợp ý kiến của tổ", "summary"),
    ],
    detail_template="meetings/discussion_group_detail.html",
    extra_detail_context=_group_context,
)

discussionopinion = Resource(
    DiscussionOpinion,
    filters.DiscussionOpinionFilter,
    forms.DiscussionOpinionForm,
    selector=selectors.discussionopinion_list,
    url_prefix="group-opinions",
    command=services.discussionopinion_save,
    initial_from_request=prefill_group,
    search_through=("speaker",),
    columns=[
        ("Người phát biểu", "speaker_label"),
        ("Nội dung", "content"),
        ("Tổ", "group__name"),
        ("Xử lý", "uptake_label"),
        ("Kỳ họp", "group__session__name"),
    ],
    export_columns=[
        ("Kỳ họp", "group__session__name"),
        ("Tổ", "group__name"),
        ("Người phát biểu", "speaker_label"),
        ("Nội dung chương trình", "agenda_item"),
        ("Dự thảo", "draft__title"),
        ("Nội dung", "content"),
        ("Xử lý", "uptake_label"),
        ("Nội dung tiếp thu, giải trình, trả lời", "answer"),
        ("Ngày trả lời", "answered_on"),
    ],
    detail_fields=[
        ("Tổ thảo luận", "group"),
        ("Người phát biểu", "speaker_label"),
        ("Nội dung chương trình", "agenda_item"),
        ("Dự thảo được góp ý", "draft"),
        ("Nội dung ý kiến", "content"),
        ("Xử lý ý kiến", "uptake_label"),
        ("Nội dung tiếp thu, giải trình, trả lời", "answer"),
        ("Ngày trả lời", "answered_on"),
    ],
)

socialcriticism = Resource(
    SocialCriticism,
    filters.SocialCriticismFilter,
    forms.SocialCriticismForm,
    selector=selectors.socialcriticism_list,
    url_prefix="criticisms",
    command=services.socialcriticism_save,
    initial_from_request=prefill_draft,
    search_through=("draft",),
    columns=[
        ("Số, ký hiệu", "reference"),
        ("Ngày", "dated_on"),
        ("Dự thảo", "draft__title"),
        ("Tiếp thu, giải trình", "state_label"),
        ("Kỳ họp", "draft__session__name"),
    ],
    export_columns=[
        ("Số, ký hiệu", "reference"),
        ("Ngày văn bản", "dated_on"),
        ("Ngày nhận", "received_on"),
        ("Cơ quan phản biện", "front"),
        ("Dự thảo", "draft__title"),
        ("Kỳ họp", "draft__session__name"),
        ("Nội dung phản biện", "opinions"),
        ("Tiếp thu, giải trình", "state_label"),
        ("Báo cáo tiếp thu, giải trình", "explanation"),
        ("Số văn bản tiếp thu, giải trình", "explanation_reference"),
        ("Ngày tiếp thu, giải trình", "explained_on"),
    ],
    detail_fields=[
        ("Dự thảo được phản biện", "draft"),
        ("Kỳ họp", "draft__session"),
        ("Cơ quan phản biện", "front"),
        ("Số, ký hiệu", "reference"),
        ("Ngày văn bản", "dated_on"),
        ("Ngày nhận", "received_on"),
        ("Nội dung phản biện", "opinions"),
        ("Tệp văn bản", "file"),
        ("Tiếp thu, giải trình", "state_label"),
        ("Báo cáo tiếp thu, giải trình", "explanation"),
        ("Số văn bản tiếp thu, giải trình", "explanation_reference"),
        ("Ngày tiếp thu, giải trình", "explained_on"),
    ],
)

RESOURCES = [discussiongroup, discussionopinion, socialcriticism]
