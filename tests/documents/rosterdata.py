"""A council term with delegate groups, delegates and a Standing Committee chair."""

import datetime as dt

from councils.models import Committee, Delegate, Membership
from tests.factories import (
    CommitteeFactory,
    ConstituencyFactory,
    DelegateFactory,
    MembershipFactory,
    TermFactory,
)

TERM_START = dt.date(2026, 3, 15)

NAMED = [
    # (full name, group index, employment, first term, gender)
    ("Nguyễn Thị Hương", 0, Delegate.Employment.PART_TIME, True, Delegate.Gender.FEMALE),
    ("Trần Văn Bình", 0, Delegate.Employment.FULL_TIME, False, Delegate.Gender.MALE),
    ("Lê Thị Ngọc Ánh", 1, Delegate.Employment.PART_TIME, False, Delegate.Gender.FEMALE),
    ("Phạm Đức Thắng", 1, Delegate.Employment.FULL_TIME, True, Delegate.Gender.MALE),
]


def build_term(council, *, extra_delegates: int = 0, name="2026-2031", number=2):
    """Term "Khóa II, 2026-2031" with two delegate groups, named delegates and a chair.

    Returns (term, groups, chair). ``extra_delegates`` more are spread over the groups.
    """
    term = TermFactory(council=council, name=name, number=number, start_date=TERM_START)
    groups = [
        CommitteeFactory(
            term=term,
            kind=Committee.Kind.DELEGATE_GROUP,
            code="",
            name="Tổ đại biểu số 1 (thôn Đông, thôn Đoài)",
            order=1,
        ),
        CommitteeFactory(
            term=term,
            kind=Committee.Kind.DELEGATE_GROUP,
            code="",
            name="Tổ đại biểu số 2 (thôn Thượng)",
            order=2,
        ),
    ]
    units = [
        ConstituencyFactory(term=term, number=i + 1, name=f"Thôn số {i + 1}") for i in range(2)
    ]
    standing = CommitteeFactory(
        term=term, kind=Committee.Kind.STANDING, code="", name="Thường trực HĐND"
    )
    delegates = []
    for full_name, g, employment, first, gender in NAMED:
        delegates.append(
            DelegateFactory(
                term=term,
                full_name=full_name,
                delegate_group=groups[g],
                constituency=units[g],
                employment=employment,
                is_first_term=first,
                gender=gender,
                birth_date=dt.date(1970 + len(delegates), 1, 1),
                position="Phó Bí thư Đảng ủy" if g == 0 else "Trưởng thôn",
                workplace="Đảng ủy xã" if g == 0 else "Thôn Thượng",
            )
        )
    for i in range(extra_delegates):
        g = i % 2
        delegates.append(
            DelegateFactory(
                term=term,
                delegate_group=groups[g],
                constituency=units[g],
                position="Cán bộ",
                workplace="UBND xã",
            )
        )
    chair = delegates[1]
    MembershipFactory(
        committee=standing, delegate=chair, role=Membership.Role.CHAIR, start_date=TERM_START
    )
    return term, groups, chair
