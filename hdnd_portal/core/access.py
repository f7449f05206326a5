"""Who is asking: the user's role in their current council.

``councils.middleware.CouncilAccessMiddleware`` puts an :class:`Access` on every
authenticated request as ``request.access`` (``None`` when the user has no role).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ADMIN = "admin"
STAFF = "staff"
STANDING = "standing"
COMMITTEE = "committee"
DELEGATE = "delegate"
LEADERSHIP = "leadership"
AGENCY = "agency"
# The city's overseer (HĐND thành phố): read-only in every council they follow, with the
# side-by-side view of those councils' targets. Given per council by `grant_city_role`.
CITY = "city"

ROLE_CHOICES = [
    (ADMIN, _("Quản trị hệ thống")),
    (STAFF, _("Văn phòng HĐND&UBND")),
    (STANDING, _("Thường trực HĐND")),
    (COMMITTEE, _("Ban của HĐND")),
    (DELEGATE, _("Đại biểu HĐND")),
    (LEADERSHIP, _("Lãnh đạo Đảng ủy")),
    (AGENCY, _("Cơ quan trả lời")),
    (CITY, _("Theo dõi cấp thành phố")),
]
ROLES = [code for code, _label in ROLE_CHOICES]
ROLE_LABELS = dict(ROLE_CHOICES)

# Handy groups for the policy tables.
ALL_ROLES = frozenset(ROLES)
COUNCIL_READERS = frozenset({ADMIN, STAFF, STANDING, COMMITTEE, DELEGATE, LEADERSHIP, CITY})
WRITERS = frozenset({ADMIN, STAFF})


@dataclass(frozen=True)
class Access:
    user_id: int
    council_id: int
    council_name: str
    role: str
    agency_id: int | None = None
    delegate_id: int | None = None
    committee_ids: frozenset[int] = field(default_factory=frozenset)
    # Every (council_id, council name, role) the user holds, for the council switcher.
    available: tuple[tuple[int, str, str], ...] = ()

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))

    def has_role(self, *roles: str) -> bool:
        return self.role in roles
