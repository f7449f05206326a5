"""One record of every councils resource for a council, named after the council.

Shared by the page tests (tests/councils) and the API tests (tests/api): every
record's displayed text carries the council's tag, so a page, an export or an
API answer that leaks another council's records shows it.
"""

import datetime as dt
from dataclasses import dataclass

from councils.models import TERM_NUMBER_MAX, Committee, Term
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    DelegateFactory,
    MembershipFactory,
    PartyCellFactory,
    TermFactory,
)


@dataclass(frozen=True)
class Spec:
    name: str  # model name, used in URL names councils-<name>-list
    api: str  # router prefix under /api/v1/
    # Related fields an API client could point at another council's records.
    related: tuple[str, ...] = ()


SPECS = [
    Spec("term", "terms"),
    Spec("constituency", "constituencies", ("term",)),
    Spec("committee", "committees", ("term",)),
    Spec("delegate", "delegates", ("term", "constituency", "delegate_group")),
    Spec("membership", "memberships", ("committee", "delegate")),
    Spec("agency", "agencies", ("parent",)),
    Spec("partycell", "party-cells"),
]
SPEC_BY_NAME = {s.name: s for s in SPECS}
RESOURCE_NAMES = [s.name for s in SPECS]


def build_records(council, tag: str, number: int = 9) -> dict:
    """One record per resource; ``tag`` appears in each record's first list column."""
    term = TermFactory(
        council=council, name=f"2026-2031 {tag}", number=number, start_date=dt.date(2026, 3, 15)
    )
    constituency = ConstituencyFactory(term=term, number=1, name=f"Thôn Đông {tag}")
    committee = CommitteeFactory(
        term=term, kind=Committee.Kind.DELEGATE_GROUP, name=f"Tổ đại biểu số 1 {tag}"
    )
    delegate = DelegateFactory(
        term=term, full_name=f"Lê Thị {tag}", constituency=constituency, delegate_group=committee
    )
    membership = MembershipFactory(committee=committee, delegate=delegate)
    agency = AgencyFactory(council=council, name=f"Phòng Văn hóa {tag}")
    partycell = PartyCellFactory(council=council, name=f"Chi bộ thôn {tag}")
    return {
        "term": term,
        "constituency": constituency,
        "committee": committee,
        "delegate": delegate,
        "membership": membership,
        "agency": agency,
        "partycell": partycell,
    }


def api_payload(name: str, records: dict) -> dict:
    """A valid API create payload for ``name`` that points at ``records``."""
    uid = dt.datetime.now().strftime("%H%M%S%f")
    payloads = {
        "term": lambda: {"name": f"2031-2036 {uid}", "number": 30, "start_date": "2031-03-15"},
        "constituency": lambda: {"term": records["term"].pk, "number": 7, "name": "Thôn Tây"},
        "committee": lambda: {
            "term": records["term"].pk,
            "kind": "ban",
            "name": f"Ban Pháp chế {uid}",
        },
        "delegate": lambda: {
            "term": records["term"].pk,
            "full_name": "Phạm Minh Tuấn",
            "gender": "male",
            "constituency": records["constituency"].pk,
            "delegate_group": records["committee"].pk,
            "start_date": "2026-03-15",
        },
        "membership": lambda: {
            "committee": records["committee"].pk,
            "delegate": DelegateFactory(term=records["term"]).pk,
            "role": "member",
            "start_date": "2026-04-01",
        },
        "agency": lambda: {
            "name": f"Trạm Y tế {uid}",
            "kind": "ubnd_unit",
            "parent": records["agency"].pk,
        },
        "partycell": lambda: {"name": f"Chi bộ Trường Tiểu học {uid}", "member_count": 12},
    }
    return payloads[name]()


def build_rows(name: str, council, n: int) -> None:
    """``n`` records of resource ``name`` in ``council``, each with its related records."""
    term = TermFactory(council=council)
    group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP)
    for i in range(n):
        if name == "term":
            # A council has at most 30 terms (Khóa I … XXX): more rows stop there.
            if Term.objects.filter(council=council).count() < TERM_NUMBER_MAX - 1:
                TermFactory(council=council)
        elif name == "constituency":
            ConstituencyFactory(term=term)
        elif name == "committee":
            CommitteeFactory(term=term, kind=[k for k, _l in Committee.Kind.choices][i % 3])
        elif name == "delegate":
            DelegateFactory(
                term=term, constituency=ConstituencyFactory(term=term), delegate_group=group
            )
        elif name == "membership":
            MembershipFactory(committee=group, delegate=DelegateFactory(term=term))
        elif name == "agency":
            AgencyFactory(council=council, parent=AgencyFactory(council=council))
        elif name == "partycell":
            PartyCellFactory(council=council)
