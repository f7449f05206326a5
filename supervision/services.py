"""Writes of the supervision app; pages, API and demo data call these.

Each is atomic. The legal timelines (LEGAL.md §6) become follow-up items from the dated
rules ``supervision.*`` of ``seed_legal_rules``; the version is the one in force on the
activity's decision date (Law 87/2015 before 1 March 2026, Law 121/2025 from then), even when
the deadline counts from a visit or back from a meeting.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd_portal.core.commands import acting_user, save_with_values
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.services import document_number_issue
from hdnd_portal.followups.rules import apply_rule, rule_in_force
from hdnd_portal.followups.selectors import OPEN_STATES, followups_of
from hdnd_portal.followups.services import (
    followup_accept,
    followup_answer,
    followup_close,
    followup_create,
    followup_update,
    followups_close_for,
)
from supervision.models import (
    Activity,
    ActivityKind,
    Body,
    Conclusion,
    Programme,
    ProgrammeItem,
    Question,
    Recommendation,
    ScheduleEntry,
    TeamMember,
)
from supervision.policies import BODY_ONLY, editable_committee_ids, may_edit_body

# Follow-up kinds (registered in SupervisionConfig.ready()).
KIND_PLAN = "supervision_plan"
KIND_PROGRAMME = "supervision_programme"
KIND_NOTICE = "supervision_notice"
KIND_REPORT = "supervision_report"
KIND_QUESTION = "supervision_question"
KIND_COMMITMENT = "supervision_commitment"
KIND_RECOMMENDATION = "supervision_recommendation"


def register_kinds() -> None:
    """The follow-up kinds of supervision (called from SupervisionConfig.ready())."""
    from hdnd_portal.followups.kinds import register_kind

    register_kind(
        KIND_PLAN,
        "Gửi kế hoạch giám sát",
        icon="send",
        rule_code="supervision.team_plan",
        fulfilled_by="supervision.plan",  # supervision.reports.PLAN_KIND: issuing the plan
    )
    register_kind(
        KIND_PROGRAMME, "Gửi chương trình làm việc trước buổi giám sát", icon="calendar-check"
    )
    register_kind(KIND_NOTICE, "Thông báo trước buổi giám sát, giải trình", icon="megaphone")
    register_kind(KIND_REPORT, "Báo cáo kết quả giám sát", icon="file-earmark-text")
    register_kind(
        KIND_QUESTION,
        "Trả lời chất vấn bằng văn bản",
        icon="question-circle",
        rule_code="supervision.questioning_answer",
    )
    register_kind(
        KIND_COMMITMENT, "Thực hiện lời hứa sau chất vấn, giải trình", icon="hand-thumbs-up"
    )
    register_kind(KIND_RECOMMENDATION, "Kiến nghị sau giám sát", icon="clipboard-check")


def report_rule_code(activity: Activity) -> str:
    """Report within 10 days (a Ban, a delegate group) or 15 (the Standing Committee's team)."""
    if activity.body == Body.BAN:
        return "supervision.team_report_ban"
    if activity.body == Body.GROUP:
        return "supervision.group_report"
    return "supervision.team_report_standing"


def _version_day(activity: Activity, fallback: dt.date) -> dt.date:
    """The day that picks the rule version: the decision date (else ``fallback``)."""
    return activity.decision_date or fallback


def _timeline_item(
    *,
    activity: Activity,
    kind: str,
    rule_code: str,
    title: str,
    by_user,
    counted_from: dt.date,
):
    """A follow-up of the team's own obligation: the rule version of the decision date,
    the days counted from (or, counting back, before) ``counted_from``."""
    started_on = _version_day(activity, counted_from)
    rule = rule_in_force(rule_code, started_on, council=activity.council)
    due = apply_rule(rule, counted_from, council=activity.council)
    # A notice due before the decision itself (visit set very soon): due at once.
    due = max(due, started_on)
    return followup_create(
        council=activity.council,
        kind=kind,
        title=title,
        started_on=started_on,
        rule_code=rule_code,
        due_date=due,
        source=activity,
        committee=activity.committee,
        assignee=by_user,
        created_by=by_user,
        reference=activity.decision.symbol if activity.decision_id else "",
    )


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _value(values, instance, name: str):
    """What a save leaves in ``name``: the value given, else the record's own."""
    if name in values:
        return values[name]
    return getattr(instance, name, None) if instance is not None else None


def _check_committee(access, committee) -> None:
    """A Ban member or a group head files records under their own body only; the Office, the
    Standing Committee and admins under any."""
    ids = editable_committee_ids(access)
    if ids is not None and (committee is None or committee.pk not in ids):
        raise ValidationError({"committee": BODY_ONLY})


def _check_held_by(access, record, field: str) -> None:
    """A record hanging on ``record`` (an activity, a programme) is filed only by those who may
    change it."""
    if record is not None and not may_edit_body(access, record):
        raise ValidationError({field: BODY_ONLY})


def _check_council(access, field: str, records, message: str) -> None:
    """Related records of the user's council only (an API's many-to-many ids included)."""
    if any(r.council_id != access.council_id for r in records if r is not None):
        raise ValidationError({field: message})


@transaction.atomic
def programme_save(*, access, instance, values) -> Programme:
    """A programme of a body the user may act for."""
    _check_committee(access, _value(values, instance, "committee"))
    return save_with_values(instance or Programme(), values, access=access)


@transaction.atomic
def programmeitem_save(*, access, instance, values) -> ProgrammeItem:
    """An item of a programme the user may change."""
    _check_held_by(access, _value(values, instance, "programme"), "programme")
    return save_with_values(instance or ProgrammeItem(), values, access=access)


DECISION_DATE_FIXED = "Quyết định đã được cấp số: ngày quyết định là ngày trong sổ văn bản."


@transaction.atomic
def activity_save(*, access, instance, values) -> Activity:
    """An activity, its supervised bodies and its team (``leader``, ``members``: delegates).

    Refused: a body the user may not act for; another date for a decision already numbered
    (the register's date); a delegate or an agency of another council. A re-supervision is
    not typed in: it needs the activity it follows (``Activity.clean``), which
    activity_resupervise gives. Without ``leader`` and ``members`` (an API PATCH) the team
    stays as it is; with one of them, the other stays."""
    values = dict(values)
    team = {name: values.pop(name) for name in ("leader", "members") if name in values}
    _check_committee(access, _value(values, instance, "committee"))
    if (
        instance is not None
        and instance.decision_id
        and "decision_date" in values
        and values["decision_date"] != instance.decision_date
    ):
        raise ValidationError({"decision_date": DECISION_DATE_FIXED})
    delegates = [team.get("leader"), *(team.get("members") or [])]
    _check_council(access, "members", delegates, "Đại biểu được chọn thuộc HĐND khác.")
    _check_council(
        access, "agencies", values.get("agencies") or [], "Cơ quan được chọn thuộc HĐND khác."
    )
    activity = save_with_values(instance or Activity(), values, access=access)
    if team:
        current = list(activity.team.all())
        leader = team.get("leader") if "leader" in team else _leader_of(current)
        members = team.get("members")
        if members is None:
            members = [m.delegate for m in current if m.role != TeamMember.Role.LEADER]
        team_set(activity=activity, leader=leader, members=list(members))
    return activity


def _leader_of(team: list[TeamMember]):
    return next((m.delegate for m in team if m.role == TeamMember.Role.LEADER), None)


def team_set(*, activity: Activity, leader=None, members=()) -> None:
    """The team is the leader plus the members (each once); other rows are removed."""
    wanted = {}
    for delegate in members:
        wanted[delegate.pk] = TeamMember.Role.MEMBER
    if leader is not None:
        wanted[leader.pk] = TeamMember.Role.LEADER
    existing = {m.delegate_id: m for m in activity.team.all()}
    for delegate_id, member in existing.items():
        if delegate_id not in wanted:
            member.delete()
        elif member.role != wanted[delegate_id] and not (
            member.role == TeamMember.Role.DEPUTY and wanted[delegate_id] == TeamMember.Role.MEMBER
        ):
            member.role = wanted[delegate_id]
            member.save(update_fields=["role"])
    for delegate_id, role in wanted.items():
        if delegate_id not in existing:
            TeamMember.objects.create(activity=activity, delegate_id=delegate_id, role=role)


@transaction.atomic
def activity_decide(*, activity: Activity, by_user, decided_on: dt.date | None = None) -> Activity:
    """Number the decision setting up the team (register, type QĐ) — once — and open the
    timeline it starts: the plan sent within 15 days; the working programme 10 days before
    the first visit (a delegate group: its notice 7 days before); an explanation session's
    notice 10 days before the meeting."""
    activity = _locked(activity)
    if activity.decision_id:
        raise ValidationError(
            f"Quyết định của hoạt động này đã được cấp số {activity.decision.symbol}: "
            "mỗi hoạt động chỉ có một quyết định."
        )
    decided_on = decided_on or activity.decision_date or timezone.localdate()
    activity.decision = document_number_issue(
        council=activity.council,
        type_code=DocumentType.QD,
        issued_on=decided_on,
        title=f"Quyết định thành lập đoàn {activity.get_kind_display().lower()}: {activity.topic}",
        created_by_id=getattr(by_user, "pk", None),
        source=activity,
    )
    activity.decision_date = decided_on
    activity._history_user = by_user
    activity.save()
    first_visit = activity.start_date
    if activity.kind == ActivityKind.EXPLANATION:
        meeting_day = (
            activity.standing_meeting.held_on if activity.standing_meeting_id else first_visit
        )
        _timeline_item(
            activity=activity,
            kind=KIND_NOTICE,
            rule_code="supervision.explanation_notice",
            title=f"Thông báo nội dung giải trình: {activity.topic}",
            by_user=by_user,
            counted_from=meeting_day,
        )
    elif activity.kind == ActivityKind.QUESTIONING:
        pass  # questions' written answers are followed one by one (question_save)
    elif activity.body == Body.GROUP:
        _timeline_item(
            activity=activity,
            kind=KIND_NOTICE,
            rule_code="supervision.group_notice",
            title=f"Thông báo trước buổi giám sát: {activity.topic}",
            by_user=by_user,
            counted_from=first_visit,
        )
    else:
        _timeline_item(
            activity=activity,
            kind=KIND_PLAN,
            rule_code="supervision.team_plan",
            title=f"Gửi kế hoạch giám sát: {activity.topic}",
            by_user=by_user,
            counted_from=decided_on,
        )
        _timeline_item(
            activity=activity,
            kind=KIND_PROGRAMME,
            rule_code="supervision.team_programme",
            title=f"Gửi chương trình làm việc trước buổi giám sát: {activity.topic}",
            by_user=by_user,
            counted_from=first_visit,
        )
    return activity


@transaction.atomic
def activity_transition(*, activity: Activity, action: str, by_user) -> Activity:
    """Move the activity along planned → under way → reported → following up → closed.
    Closing is refused while a recommendation is unfinished; it closes the team's own items
    still open (the activity's timeline), so none is reminded after the activity ended."""
    activity = _locked(activity)
    if action not in Activity.TRANSITIONS:
        raise ValidationError("Thao tác không hợp lệ.")
    activity.check_transition(action)
    if action == "close":
        open_count = activity.recommendations.unfinished().count()
        if open_count:
            raise ValidationError(
                f"Chưa thể kết thúc: còn {open_count} kiến nghị chưa hoàn thành. Hãy theo dõi "
                "đến khi các kiến nghị được xác nhận hoàn thành, hoặc chuyển sang tái giám sát."
            )
    activity.transition(action)
    activity._history_user = by_user
    activity.save(update_fields=["state", "updated_at"])
    if action == "close":
        # The team's own timeline (plan, programme, notice, report) ends with the activity;
        # the agencies' answers to questions and their commitments are followed on.
        followups_close_for(
            source=activity, reason="Hoạt động giám sát đã kết thúc.", by_user=by_user
        )
    return activity


RESUPERVISION_PREFIX = "tái giám sát:"


def _resupervised_topic(topic: str) -> str:
    """The topic without the "Tái giám sát: " its own re-supervision gave it (a re-supervision
    of a re-supervision is not "Tái giám sát: Tái giám sát: …")."""
    while topic.casefold().startswith(RESUPERVISION_PREFIX):
        topic = topic[len(RESUPERVISION_PREFIX) :].lstrip()
    return topic


@transaction.atomic
def visit_record(
    *,
    activity: Activity,
    date: dt.date,
    by_user,
    agency=None,
    content: str = "",
    held: bool = True,
) -> ScheduleEntry:
    """A day of work with a supervised body. Once held, the report is due within 10 or 15
    days of it (one follow-up per activity, from its first visit held)."""
    activity = _locked(activity)
    if agency is not None and agency.council_id != activity.council_id:
        raise ValidationError({"agency": "Cơ quan được chọn thuộc HĐND khác."})
    entry = ScheduleEntry.objects.create(
        activity=activity, date=date, agency=agency, content=content, held=held
    )
    if held:
        if activity.state == Activity.State.PLANNED:
            activity.state = Activity.State.UNDER_WAY
            activity._history_user = by_user
            activity.save(update_fields=["state", "updated_at"])
        has_report_item = followups_of(activity, kinds=KIND_REPORT).exists()
        if not has_report_item and activity.kind not in (
            ActivityKind.QUESTIONING,
            ActivityKind.EXPLANATION,
        ):
            _timeline_item(
                activity=activity,
                kind=KIND_REPORT,
                rule_code=report_rule_code(activity),
                title=f"Báo cáo kết quả giám sát: {activity.topic}",
                by_user=by_user,
                counted_from=date,
            )
    return entry


def _finish_own_items(activity: Activity, kinds, by_user, text: str) -> None:
    """The team's own open items of ``kinds`` are done once the document exists."""
    for item in followups_of(activity, kinds=kinds, open_only=True):
        followup_answer(followup=item, by_user=by_user, answer=text)
        followup_accept(followup=item, by_user=by_user, note=text)


@transaction.atomic
def conclusion_save(*, access, instance, values) -> Conclusion:
    """A results report or conclusion notice of an activity the user may act for; the
    activity is then reported (conclusion_recorded)."""
    _check_held_by(access, _value(values, instance, "activity"), "activity")
    conclusion = save_with_values(instance or Conclusion(), values, access=access)
    conclusion_recorded(conclusion=conclusion, by_user=acting_user(access))
    return conclusion


@transaction.atomic
def conclusion_recorded(*, conclusion: Conclusion, by_user) -> None:
    """Once its report or conclusion exists, the activity is reported and the team's report
    follow-up is done."""
    activity = _locked(conclusion.activity)
    if activity.state in (Activity.State.PLANNED, Activity.State.UNDER_WAY):
        activity.state = Activity.State.REPORTED
        activity._history_user = by_user
        activity.save(update_fields=["state", "updated_at"])
    _finish_own_items(
        activity, [KIND_REPORT], by_user, f"Đã có {conclusion.get_kind_display().lower()}."
    )


@transaction.atomic
def recommendation_create(
    *,
    activity: Activity,
    agency,
    content: str,
    due_date: dt.date,
    by_user,
    conclusion: Conclusion | None = None,
    started_on: dt.date | None = None,
    carried_from: Recommendation | None = None,
) -> Recommendation:
    """A recommendation and its follow-up (chased until the Standing Committee accepts it as
    done). The activity moves to "following up" once reported."""
    rec = Recommendation(
        council=activity.council,
        activity=activity,
        conclusion=conclusion,
        agency=agency,
        content=(content or "").strip(),
        due_date=due_date,
        carried_from=carried_from,
    )
    rec.full_clean(exclude=["followup", "carried_from"])
    if agency.council_id != activity.council_id:
        raise ValidationError({"agency": "Cơ quan được chọn thuộc HĐND khác."})
    rec._history_user = by_user
    rec.save()
    start = started_on or (conclusion.concluded_on if conclusion else timezone.localdate())
    start = min(start, due_date)
    rec.followup = followup_create(
        council=activity.council,
        kind=KIND_RECOMMENDATION,
        title=rec.content[:500],
        started_on=start,
        due_date=due_date,
        agency=agency,
        committee=activity.committee,
        source=rec,
        created_by=by_user,
        reference=str(conclusion) if conclusion else "",
        description=f"Kiến nghị sau {activity}",
    )
    rec.save(update_fields=["followup", "updated_at"])
    locked = _locked(activity)
    if locked.state == Activity.State.REPORTED:
        locked.state = Activity.State.FOLLOWING_UP
        locked._history_user = by_user
        locked.save(update_fields=["state", "updated_at"])
    return rec


# What an edit of a recommendation cannot change.
RECOMMENDATION_FIXED = {
    "activity": "Kiến nghị không chuyển sang hoạt động giám sát khác.",
    "due_date": "Thời hạn chỉ thay đổi bằng gia hạn việc cần đôn đốc (lịch sử được giữ lại).",
}


@transaction.atomic
def recommendation_save(*, access, instance, values) -> Recommendation:
    """A new recommendation opens its follow-up (recommendation_create); an edit changes the
    text and the responsible body of the follow-up too. Its activity and deadline stay: the
    deadline moves only by an extension of its follow-up."""
    _check_held_by(access, _value(values, instance, "activity"), "activity")
    by_user = acting_user(access)
    if instance is None:
        if values.get("activity") is None:
            raise ValidationError({"activity": "Hãy chọn hoạt động giám sát của kiến nghị."})
        return recommendation_create(
            activity=values["activity"],
            conclusion=values.get("conclusion"),
            agency=values.get("agency"),
            content=values.get("content") or "",
            due_date=values.get("due_date"),
            by_user=by_user,
        )
    errors = {
        name: message
        for name, message in RECOMMENDATION_FIXED.items()
        if name in values and values[name] != getattr(instance, name)
    }
    if errors:
        raise ValidationError(errors)
    agency = values.get("agency")
    if agency is not None and agency.council_id != instance.council_id:
        raise ValidationError({"agency": "Cơ quan được chọn thuộc HĐND khác."})
    rec = save_with_values(instance, values, access=access)
    if rec.followup_id:
        followup_update(
            followup=rec.followup, by_user=by_user, title=rec.content[:500], agency=rec.agency
        )
    return rec


@transaction.atomic
def question_save(*, access, instance, values) -> Question:
    """A question at a questioning or explanation session the user may act for; its written
    answer and its commitment are then followed (question_recorded)."""
    _check_held_by(access, _value(values, instance, "activity"), "activity")
    question = save_with_values(instance or Question(), values, access=access)
    question_recorded(question=question, by_user=acting_user(access), created=instance is None)
    return question


@transaction.atomic
def question_recorded(*, question: Question, by_user, created: bool = True) -> None:
    """A question not answered at the session is answered in writing within 20 days
    (``supervision.questioning_answer``); a commitment is followed until its deadline."""
    activity = question.activity
    asked_on = (
        activity.standing_meeting.held_on if activity.standing_meeting_id else activity.start_date
    )
    if created and not question.answer.strip():
        followup_create(
            council=activity.council,
            kind=KIND_QUESTION,
            title=f"Trả lời chất vấn bằng văn bản: {question.question[:400]}",
            started_on=asked_on,
            rule_code="supervision.questioning_answer",
            agency=question.agency,
            committee=activity.committee,
            delegate=question.asked_by,
            source=question,
            created_by=by_user,
        )
    if question.commitment.strip() and question.commitment_due:
        if not followups_of(question, kinds=KIND_COMMITMENT).exists():
            followup_create(
                council=activity.council,
                kind=KIND_COMMITMENT,
                title=f"Thực hiện cam kết: {question.commitment[:450]}",
                started_on=min(asked_on, question.commitment_due),
                due_date=question.commitment_due,
                agency=question.agency,
                committee=activity.committee,
                source=question,
                created_by=by_user,
            )


@transaction.atomic
def activity_resupervise(
    *,
    activity: Activity,
    by_user,
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
    topic: str = "",
) -> Activity:
    """Tái giám sát in one step: a new activity (kind re-supervision, ``parent`` the old one)
    carrying over every unfinished recommendation — the old ones marked "chuyển tái giám
    sát" (their follow-ups closed, saying where they went), new ones with open follow-ups.
    Recommendations already answered and waiting for review stay where they are."""
    activity = _locked(activity)
    today = timezone.localdate()
    start_date = start_date or today
    due_date = due_date or start_date + dt.timedelta(days=30)
    pending = list(
        activity.recommendations.select_for_update()
        .filter(carried_over=False, followup__state__in=OPEN_STATES)
        .select_related("agency", "followup")
        .order_by("id")
    )
    if not pending:
        raise ValidationError("Không còn kiến nghị nào chưa thực hiện để chuyển sang tái giám sát.")
    new = Activity(
        council=activity.council,
        body=activity.body,
        committee=activity.committee,
        kind=ActivityKind.RESUPERVISION,
        topic=topic or f"Tái giám sát: {_resupervised_topic(activity.topic)}"[:300],
        parent=activity,
        start_date=start_date,
        other_bodies=activity.other_bodies,
        scope="Việc thực hiện các kiến nghị chưa hoàn thành của " + str(activity),
    )
    new.full_clean()
    new._history_user = by_user
    new.save()
    new.agencies.set(activity.agencies.all())
    for member in activity.team.all():
        TeamMember.objects.create(activity=new, delegate_id=member.delegate_id, role=member.role)
    for old in pending:
        recommendation_create(
            activity=new,
            agency=old.agency,
            content=old.content,
            due_date=max(due_date, start_date),
            by_user=by_user,
            started_on=start_date,
            carried_from=old,
        )
        followup_close(
            followup=old.followup,
            reason=f"Chuyển sang tái giám sát (hoạt động số {new.pk})",
            by_user=by_user,
        )
        old.carried_over = True
        old._history_user = by_user
        old.save(update_fields=["carried_over", "updated_at"])
    return new
