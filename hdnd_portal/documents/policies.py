"""Who may read and keep the register of official documents."""

from hdnd_portal.core.access import ADMIN, CITY, COMMITTEE, LEADERSHIP, STAFF, STANDING, WRITERS

READERS = frozenset({ADMIN, STAFF, STANDING, COMMITTEE, LEADERSHIP, CITY})

DOCUMENT_REGISTER = "documents.documentregister"
DOCUMENTS_ROLES = {
    "view": READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": READERS,
    "history": READERS,
}
