"""Pages of the confidence-vote part: positions, holders and votes through the kernel
``Resource``; the tally page (every person on one page), closing the tally, and the one-click
vote of confidence a rating calls for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hdnd_portal.core.commands import apply_errors
from hdnd_portal.core.permissions import can, get_object_for_user, require
from hdnd_portal.core.resources import Resource
from hdnd_portal.documents.printing import may_issue
from supervision.confidence import filters as filters
from supervision.confidence import forms as forms
from supervision.confidence import selectors as selectors
from supervision.confidence import services as services
from supervision.confidence.policies import VOTE
from supervision.models.confidence import (
    ConfidenceCandidate,
    ConfidenceVote,
    ElectedPosition,
    PositionHolder,
)

MINUTES_KIND = "supervision.confidence_minutes"
RESOLUTION_KIND = "supervision.confidence_resolution"


def _vote_detail_context(request, vote):
    access = request.access
    candidates = selectors.candidates_of(vote)
    result = selectors.vote_result(vote, candidates)
    from hdnd_portal.documents.printing import document_kind

    may_tally = can(access, VOTE, "tally", vote) and vote.is_open
    return {
        "result": result,
        "vote": vote,
        "board": selectors.counting_board(vote),
        "can_tally": may_tally,
        "can_follow_up": can(access, VOTE, "tally") and not vote.is_open and vote.is_rating,
        "can_issue_resolution": not vote.is_open
        and may_issue(access, document_kind(RESOLUTION_KIND)),
        "follow_up_votes": list(vote.follow_up_votes.visible_to(access).order_by("id")),
        "minutes_kind": MINUTES_KIND,
        "resolution_kind": RESOLUTION_KIND,
    }


position = Resource(
    ElectedPosition,
    filters.ElectedPositionFilter,
    forms.ElectedPositionForm,
    selector=selectors.position_list,
    url_prefix="positions",
    columns=[
        ("Chức danh", "name"),
        ("Thuộc", "body"),
        ("Thứ tự", "order"),
        ("Số người đã giữ", "holder_count"),
    ],
)
holder = Resource(
    PositionHolder,
    filters.PositionHolderFilter,
    forms.PositionHolderForm,
    selector=selectors.holder_list,
    url_prefix="holders",
    search_through=("position",),
    columns=[
        ("Họ và tên", "full_name"),
        ("Chức danh", "position__name"),
        ("Đại biểu HĐND", lambda h: h.delegate_id is not None),
        ("Nhận chức", "start_date"),
        ("Thôi giữ chức", "end_date"),
        ("Thông báo nghỉ hưu", "retirement"),
        ("Nhiệm kỳ", "term__name"),
    ],
    detail_fields=[
        ("Họ và tên", "full_name"),
        ("Chức danh", "position__name"),
        ("Đại biểu", "delegate__full_name"),
        ("Nhiệm kỳ", "term__name"),
        ("Ngày được bầu, nhận chức", "start_date"),
        ("Ngày thôi giữ chức", "end_date"),
        ("Thông báo nghỉ hưu, nghỉ chờ hưu", "retirement"),
        ("Ngày thông báo nghỉ hưu", "retirement_date"),
        ("Ghi chú", "note"),
    ],
    command=services.holder_save,
)
vote = Resource(
    ConfidenceVote,
    filters.ConfidenceVoteFilter,
    forms.ConfidenceVoteForm,
    selector=selectors.vote_list,
    url_prefix="confidence",
    search_through=("candidates__holder",),
    columns=[
        ("Cuộc lấy phiếu", str),
        ("Hình thức", "procedure"),
        ("Ngày", "vote_date"),
        ("Số người được lấy phiếu", "candidate_count"),
        ("Phiếu thu vào", "ballots_returned"),
        ("Trạng thái", "state"),
        ("Nhiệm kỳ", "term__name"),
    ],
    detail_template="supervision/confidence_vote_detail.html",
    extra_detail_context=_vote_detail_context,
    command=services.vote_save,
)

RESOURCES = [position, holder, vote]


def _vote_for(request, pk, action="tally") -> ConfidenceVote:
    access = request.access
    require(access, VOTE, "view")
    return get_object_for_user(access, selectors.vote_list(access=access), pk, VOTE, action)


@login_required
def tally(request, pk):
    """Every person's tallies on one page, with the vote's ballots: all saved or none."""
    obj = _vote_for(request, pk)
    if not obj.is_open:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    vote_form = forms.TallyVoteForm(data, instance=obj, access=request.access)
    queryset = (
        ConfidenceCandidate.objects.filter(vote=obj)
        .select_related("holder__position")
        .order_by("holder__position__order", "holder__full_name", "id")
    )
    formset = forms.CandidateTallyFormSet(data, instance=obj, queryset=queryset, prefix="c")
    if request.method == "POST":
        # The vote's numbers first: every row is checked against the ballots just entered.
        vote_ok = vote_form.is_valid()
        if vote_ok and formset.is_valid():
            try:
                services.tally_save(
                    access=request.access,
                    vote=obj,
                    values=vote_form.cleaned_data,
                    rows={form.instance.pk: form.cleaned_data for form in formset.forms},
                )
            except ValidationError as exc:
                _tally_errors(vote_form, formset, exc)
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Đã lưu kết quả kiểm phiếu.")
                if "close" in request.POST:
                    return _close(request, obj)
                return redirect(obj.get_absolute_url())
        else:
            messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới.")
    rows = []
    for form in formset.forms:
        rows.append(
            {
                "form": form,
                "candidate": form.instance,
                "warning": selectors.exemption_warning(obj, form.instance),
            }
        )
    return render(
        request,
        "supervision/confidence_tally.html",
        {
            "object": obj,
            "vote_form": vote_form,
            "formset": formset,
            "rows": rows,
            "total": obj.delegates_on_day(),
            "schedule_warning": selectors.schedule_warning(obj),
            "list_url": reverse("supervision-confidencevote-list"),
        },
    )


def _tally_errors(vote_form, formset, exc: ValidationError) -> None:
    """The command's refusal under the fields it names: the vote's, or a person's row."""
    if not hasattr(exc, "error_dict"):
        return
    rows = {form.instance.pk: form for form in formset.forms}
    for key, errors in exc.message_dict.items():
        row = services.parse_row_error_key(key)
        if row is None:
            apply_errors(vote_form, ValidationError({key: errors}))
        elif row[0] in rows:
            apply_errors(rows[row[0]], ValidationError({row[1]: errors}))


def _close(request, obj):
    try:
        services.vote_close(vote=obj, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(reverse("supervision-confidence-tally", args=[obj.pk]))
    messages.success(request, "Đã chốt kết quả. Kết quả không sửa được nữa.")
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def close(request, pk):
    obj = _vote_for(request, pk)
    if not obj.is_open:
        messages.info(request, "Kết quả đã được chốt trước đó.")
        return redirect(obj.get_absolute_url())
    with transaction.atomic():
        return _close(request, obj)


@login_required
@require_POST
def follow_up_vote(request, pk, candidate_pk):
    """ "Tạo cuộc bỏ phiếu tín nhiệm" for one person of a closed rating."""
    access = request.access
    require(access, VOTE, "tally")
    rating = get_object_for_user(access, selectors.vote_list(access=access), pk, VOTE)
    candidate = get_object_or_404(ConfidenceCandidate, pk=candidate_pk, vote=rating)
    try:
        new = services.follow_up_vote_create(rating=rating, candidate=candidate, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(rating.get_absolute_url())
    messages.success(
        request, f"Đã tạo cuộc bỏ phiếu tín nhiệm đối với {candidate.holder.full_name}."
    )
    return redirect(new.get_absolute_url())
