"""Who may do what with the council's organisation records (README: role matrix)."""

from hdnd_portal.core.access import COUNCIL_READERS, WRITERS

COUNCILS_ROLES = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}
