"""Who may do what with the procedures library and the emulation records.

Every reader of the council reads them (a delegate reads the rules of work and the rewards);
the Office and the Standing Committee record them (the Standing Committee issues the
procedures and runs the yearly emulation)."""

from hdnd_portal.core.access import ADMIN, COUNCIL_READERS, STAFF, STANDING

RECORDERS = frozenset({ADMIN, STAFF, STANDING})
LIBRARY_ROLES = {
    "view": COUNCIL_READERS,
    "add": RECORDERS,
    "change": RECORDERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
PROCEDURE = "councils.procedure"
VERSION = "councils.procedureversion"
CRITERION = "councils.emulationcriterion"
REGISTRATION = "councils.emulationregistration"
RESULT = "councils.emulationresult"
REWARD = "councils.reward"
RESOURCES = (PROCEDURE, VERSION, CRITERION, REGISTRATION, RESULT, REWARD)


def register() -> None:
    from hdnd_portal.core.permissions import register_policy

    for key in RESOURCES:
        register_policy(key, **LIBRARY_ROLES)
