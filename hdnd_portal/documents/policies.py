"""Who may read and keep the register of official documents, sign its copies and send them up."""

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

# "Ký số" an issued copy (add) and "Kiểm tra lại chữ ký" (change); the kind's own issue policy
# is checked too.
SIGNED_COPY = "documents.signedcopy"
SIGNED_COPY_ROLES = {
    "view": READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": READERS,
    "history": READERS,
}

# "Gửi HĐND thành phố" (add, in the sending council); the inbox "Báo cáo các xã gửi lên" and
# its downloads (view, export) are the city's overseer's only.
DISPATCH = "documents.dispatch"
DISPATCH_ROLES = {
    "view": frozenset({CITY}),
    "add": WRITERS,
    "change": frozenset(),
    "export": frozenset({CITY}),
    "history": frozenset({CITY}),
}
