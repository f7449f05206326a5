"""Who may do what with the council's organisation records (README: role matrix)."""

from hdnd_portal.core.access import COUNCIL_READERS, DELEGATE, LEADERSHIP, WRITERS

COUNCILS_ROLES = {
    "view": COUNCIL_READERS,
    "add": WRITERS,
    "change": WRITERS,
    "export": COUNCIL_READERS,
    "history": COUNCIL_READERS,
}

# The records with pages and API endpoints; each is the policy key "councils.<name>".
RESOURCES = (
    "term",
    "constituency",
    "committee",
    "delegate",
    "membership",
    "agency",
    "partycell",
    "training",
    "dissemination",
    "partycellmembers",  # a cell's members from a day (target 1.1, party members)
    "mandateend",  # bãi nhiệm, cho thôi làm đại biểu, mất quyền, từ trần
)
# Information briefs to delegates: the Office sends them; each delegate acknowledges one sent
# to them (councils.services.brief_acknowledge checks it was).
INFORMATION_BRIEF = "councils.informationbrief"
INFORMATION_BRIEF_ROLES = {**COUNCILS_ROLES, "acknowledge": frozenset({DELEGATE})}
# The Party Committee's own documents: the Party leadership records them too.
PARTY_DOCUMENT = "councils.partydocument"
PARTY_DOCUMENT_ROLES = {
    **COUNCILS_ROLES,
    "add": WRITERS | {LEADERSHIP},
    "change": WRITERS | {LEADERSHIP},
}


# The users page ("Người dùng"): the Office and administrators see the council's accounts and
# make one-time password-reset links; which accounts each may reset is
# ``councils.selectors.password_reset_refusal``. Accounts and roles are edited in Django admin.
USER_ROLES = {
    "view": WRITERS,
    "reset_password": WRITERS,
    "export": frozenset(),
    "history": frozenset(),
}


def register() -> None:
    """Called from CouncilsConfig.ready(), so workers and commands know these policies too."""
    from hdnd_portal.core.permissions import register_policy, register_policy_label

    for name in RESOURCES:
        register_policy(f"councils.{name}", **COUNCILS_ROLES)
    register_policy(PARTY_DOCUMENT, **PARTY_DOCUMENT_ROLES)
    register_policy(INFORMATION_BRIEF, **INFORMATION_BRIEF_ROLES)
    register_policy("councils.user", **USER_ROLES)
    register_policy_label("councils.user", "Người dùng, đặt lại mật khẩu")
