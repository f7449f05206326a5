"""Preparation of a session, shown on the session's page.

``session_preparation_context(request, session)`` returns the context that
``meetings/_session_preparation.html`` renders on the session's detail page: the joint meetings
and the "5 rõ" preparation tasks of that session, and the links "Thêm họp liên tịch" and
"Thêm nhiệm vụ" for those who may add them. Keys are prefixed ``prep_`` so they never clash
with the session page's own context.
"""

from hdnd_portal.core.permissions import can
from meetings.preparation.policies import JOINT_MEETING, PREPARATION_TASK


def session_preparation_context(request, session) -> dict:
    from meetings.preparation.selectors import session_preparation

    access = getattr(request, "access", None)
    visible = can(access, JOINT_MEETING, "view") or can(access, PREPARATION_TASK, "view")
    if not visible or session is None or session.pk is None:
        return {"prep_visible": False}
    data = session_preparation(access=access, session=session)
    return {
        "prep_visible": True,
        "prep_session": session,
        "prep_joint_meetings": data["joint_meetings"] if can(access, JOINT_MEETING, "view") else [],
        "prep_tasks": data["tasks"] if can(access, PREPARATION_TASK, "view") else [],
        "prep_can_add_joint": can(access, JOINT_MEETING, "add"),
        "prep_can_add_task": can(access, PREPARATION_TASK, "add"),
    }
