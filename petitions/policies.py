"""Who may do what with receptions and letters (README: role matrix).

Agencies see none of it: what is forwarded to them reaches them as follow-ups (the inbox).
Per record: a delegate edits only the receptions they logged (``Reception.check_access``);
a letter's handlers may assign other handlers (``Letter.check_access``); a denunciation's
sender is shown only to its handlers and administrators (``identity_visible_to``).
"""

from hdnd_portal.core.access import ADMIN, COUNCIL_READERS, DELEGATE, STAFF, STANDING, WRITERS

RECORDERS = frozenset({ADMIN, STAFF, STANDING, DELEGATE})
MANAGERS = frozenset({ADMIN, STAFF, STANDING})

RECEPTION = "petitions.reception"
LETTER = "petitions.letter"
SCHEDULE = "petitions.receptionschedule"
REPORT = "petitions.petitionreport"
SETTING = "petitions.petitionsetting"
ACCESS_LOG = "petitions.identityaccess"
PERSONAL_DATA = "petitions.personaldata"

TABLES = {
    RECEPTION: {
        "view": COUNCIL_READERS,
        "add": RECORDERS,
        "change": RECORDERS,
        "export": COUNCIL_READERS,
        "history": MANAGERS,
    },
    LETTER: {
        "view": COUNCIL_READERS,
        "add": RECORDERS,
        "change": MANAGERS,
        "export": COUNCIL_READERS,
        "history": MANAGERS,
        "forward": MANAGERS,
        "extend": MANAGERS,
        "assign": frozenset({ADMIN, STANDING}),
    },
    SCHEDULE: {"view": COUNCIL_READERS, "add": MANAGERS, "change": MANAGERS},
    REPORT: {"view": COUNCIL_READERS, "add": MANAGERS, "change": MANAGERS},
    SETTING: {"view": COUNCIL_READERS, "add": WRITERS, "change": WRITERS},
    # The log of who saw a protected identity: the Standing Committee (and admins).
    ACCESS_LOG: {"view": frozenset({ADMIN, STANDING})},
    # Everything held about one citizen (LEGAL.md §10): the Office and admins.
    PERSONAL_DATA: {"view": WRITERS, "export": WRITERS},
}


def register() -> None:
    from hdnd_portal.core.permissions import register_policy, register_policy_label

    for key, table in TABLES.items():
        register_policy(key, **table)
    register_policy_label(PERSONAL_DATA, "Dữ liệu cá nhân của công dân (xuất, tra cứu)")
