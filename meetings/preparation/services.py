"""Writes of the preparation part: each a transaction, nothing half-saved.

A preparation task opens its follow-up item (kind ``session_task``) in the same transaction,
with the task's own due date, so the inbox, the reminders and the escalation follow it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd_portal.core.commands import acting_user, save_with_values
from hdnd_portal.followups.services import followup_create, followup_update
from meetings.models import (
    JointMeeting,
    JointMeetingDecision,
    PreparationTask,
    StandingMeeting,
    StandingMeetingAttendee,
)

SESSION_TASK = "session_task"
SESSION_TASK_LABEL = "Nhiệm vụ chuẩn bị kỳ họp"


@transaction.atomic
def jointmeeting_save(*, access, instance=None, values) -> JointMeeting:
    """Save a joint meeting and, when given, its agreed points (``values["decisions"]``: one
    text per point, in order); link it to the coordination regulation in force on its date."""
    from meetings.coordination.services import jointmeeting_link_regulation

    meeting = save_with_values(instance or JointMeeting(), values, access=access)
    if values.get("decisions") is not None:
        jointmeeting_set_decisions(meeting=meeting, lines=list(values["decisions"]))
    # Held under the coordination regulation in force on its date (none: the page warns).
    return jointmeeting_link_regulation(meeting)


def jointmeeting_set_decisions(*, meeting: JointMeeting, lines: list[str]) -> None:
    """Make the meeting's agreed points exactly ``lines``, in order (unchanged rows stay)."""
    current = list(meeting.decisions.order_by("order", "id"))
    for index, text in enumerate(lines):
        if index < len(current):
            row = current[index]
            if row.text != text or row.order != index:
                row.text, row.order = text, index
                row.save()
        else:
            JointMeetingDecision.objects.create(joint_meeting=meeting, order=index, text=text)
    for row in current[len(lines) :]:
        row.delete()


def _responsible(task: PreparationTask, by_user):
    """(agency, assignee) of the follow-up: the task's agency; its user, else the delegate's
    account, else (a delegate without an account) the person who set the task, who follows it."""
    assignee = task.assignee
    if assignee is None and task.delegate_id and task.delegate.user_id:
        assignee = task.delegate.user
    if assignee is None and task.agency_id is None:
        assignee = by_user
    return task.agency, assignee


def _description(task: PreparationTask) -> str:
    return "\n".join(
        [
            f"Kỳ họp: {task.session}",
            f"Rõ người: {task.person_label}",
            f"Rõ trách nhiệm: {task.responsibility}",
            f"Rõ quy trình: {task.procedure}",
            f"Rõ kết quả: {task.expected_result}",
        ]
    )


DUE_BY_EXTENSION = (
    "Hạn hoàn thành chỉ thay đổi bằng việc gia hạn trên việc cần đôn đốc của nhiệm vụ."
)


@transaction.atomic
def preparationtask_save(*, access, instance=None, values) -> PreparationTask:
    """Create or change a task; a new task opens its follow-up item with its due date, a
    renamed or reassigned one carries its open follow-up along."""
    if instance is not None and "due_date" in values and values["due_date"] != instance.due_date:
        # The deadline moves only by an extension of the follow-up item (its history).
        if instance.followup_id:
            raise ValidationError({"due_date": DUE_BY_EXTENSION})
    task = save_with_values(instance or PreparationTask(), values, access=access)
    by_user = acting_user(access)
    if task.followup_id is None:
        preparationtask_open_followup(task=task, by_user=by_user)
    elif task.followup.is_open:
        agency, assignee = _responsible(task, by_user)
        followup_update(
            followup=task.followup,
            by_user=by_user,
            title=task.title,
            description=_description(task),
            agency=agency,
            assignee=assignee,
        )
    return task


def preparationtask_open_followup(*, task: PreparationTask, by_user, started_on=None):
    """Open the task's follow-up item (kind ``session_task``), due on the task's date."""
    agency, assignee = _responsible(task, by_user)
    task.followup = followup_create(
        council=task.council,
        kind=SESSION_TASK,
        title=task.title,
        description=_description(task),
        agency=agency,
        assignee=assignee,
        started_on=started_on or min(timezone.localdate(), task.due_date),
        due_date=task.due_date,
        source=task,
        created_by=by_user,
    )
    task.save(update_fields=["followup"])
    return task.followup


@transaction.atomic
def standingmeeting_save(*, access, instance=None, values) -> StandingMeeting:
    """Save a Standing Committee meeting and, when given, who attended it
    (``values["attendees"]``: delegates of the meeting's term)."""
    attendees = values.get("attendees")
    term = values.get("term") or (instance.term if instance is not None else None)
    if attendees and term is not None and any(d.term_id != term.pk for d in attendees):
        raise ValidationError({"attendees": "Đại biểu dự họp phải thuộc nhiệm kỳ đã chọn."})
    meeting = save_with_values(instance or StandingMeeting(), values, access=access)
    if attendees is None:
        return meeting
    chosen = {d.pk for d in attendees}
    current = {a.delegate_id: a for a in meeting.attendances.all()}
    for delegate_id in chosen - set(current):
        StandingMeetingAttendee.objects.create(meeting=meeting, delegate_id=delegate_id)
    for delegate_id in set(current) - chosen:
        current[delegate_id].delete()
    return meeting
