"""Who may do what with sessions and what happens at them (README: role matrix).

Per-record rules live on the models: a delegate sees the documents of the sessions of their
own term (``SessionDocument.objects.visible_to``); a Ban member changes only their Ban's
examination reports (``Examination.check_access``). Agencies see none of these records.
"""

from hdnd_portal.core.access import ADMIN, COMMITTEE, COUNCIL_READERS, STAFF, STANDING, WRITERS

MANAGERS = frozenset({ADMIN, STAFF, STANDING})

SESSION = "meetings.session"
AGENDA_ITEM = "meetings.agendaitem"
SESSION_DOCUMENT = "meetings.sessiondocument"
EXAMINATION = "meetings.examination"
QUESTION = "meetings.question"
RESOLUTION = "meetings.resolution"
ATTENDANCE = "meetings.attendance"

READ_WRITE = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}

POLICIES = {
    # State changes (prepare, open, close) and the attendance sheet: the Office and the
    # Standing Committee, which chairs the session.
    SESSION: {**READ_WRITE, "transition": MANAGERS, "attendance": MANAGERS},
    AGENDA_ITEM: READ_WRITE,
    SESSION_DOCUMENT: READ_WRITE,
    # A Ban member writes their own Ban's reports (Examination.check_access).
    EXAMINATION: {**READ_WRITE, "add": WRITERS | {COMMITTEE}, "change": WRITERS | {COMMITTEE}},
    QUESTION: READ_WRITE,
    # "vote": record votes and close the vote; "issue": take the number from the register;
    # "implement": add implementation tasks and publications. "print_issue" is no longer
    # used: the print view's "Cấp số và in" issues through services.resolution_issue with "issue".
    RESOLUTION: {
        **READ_WRITE,
        "vote": MANAGERS,
        "issue": WRITERS,
        "implement": MANAGERS,
        "print_issue": frozenset(),
    },
    ATTENDANCE: {**READ_WRITE, "add": MANAGERS, "change": MANAGERS},
}


def register() -> None:
    """Called from MeetingsConfig.ready()."""
    from hdnd_portal.core.permissions import register_policy

    for key, table in POLICIES.items():
        register_policy(key, **table)
