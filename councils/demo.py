"""The demo commune of the plan: HĐND xã Phúc Lộc (and look-alike communes for tests and demos).

``demo_council_build`` builds one commune's council: two terms, about 25 delegates each,
constituencies, delegate groups, the Standing Committee and the two Bans with their
memberships, the answering agencies, the party cells and one demo user per role.

Every record is found by its natural key and written only when a value differs, so building
twice changes nothing: no duplicate, no new history row, no new password. The people are
invented, but deterministically: names, birth dates and phones come from a
``random.Random`` seeded with the council's slug, so Phúc Lộc always gets the same delegates
and Hòa Bình gets other ones.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import io
import random
from dataclasses import dataclass, field

from django.core.management import call_command, get_commands
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from councils.models import (
    SCHEME_DOCUMENT,
    Agency,
    BriefAcknowledgement,
    Committee,
    Constituency,
    Council,
    CouncilRole,
    Delegate,
    Dissemination,
    InformationBrief,
    MandateEnd,
    Membership,
    PartyCell,
    PartyCellMembers,
    PartyDocument,
    Term,
    Training,
    User,
)
from hdnd_portal.core import access as roles
from hdnd_portal.core.demo import demo_loaders
from hdnd_portal.core.text import fold

DEMO_PASSWORD = "demo-hdnd"
DEFAULT_COMMUNE = "Phúc Lộc"
DEFAULT_SLUG = "phuc-loc"
ADMIN_USERNAME = "admin"
CITY_USERNAME = "thanhpho"  # one account across every demo council (role "city")

FULL = Delegate.Employment.FULL_TIME
PART = Delegate.Employment.PART_TIME
MALE = Delegate.Gender.MALE
FEMALE = Delegate.Gender.FEMALE


# --- Terms -----------------------------------------------------------------------------------
# Numbering (khóa). The commune was formed on 1 July 2025 by merging former communes, when
# Vietnam moved to two levels of local government (Law 72/2025/QH15). Its council took over
# the rest of the 2021-2026 term from the councils of the merged communes: that is khóa I of
# this council (its delegates were elected in the old communes on 23 May 2021, so the term
# starts here on 1 July 2025). The 2021-2026 term was shortened: the elections of 15 March 2026
# opened khóa II, 2026-2031 (LEGAL.md §9). By law a term runs from its first session to the
# next council's first session; the demo starts khóa II on election day and ends khóa I the
# day before, so that every day belongs to exactly one term.
@dataclass(frozen=True)
class TermSpec:
    number: int
    name: str
    election_date: dt.date
    start_date: dt.date
    end_date: dt.date | None
    note: str


TERMS = (
    TermSpec(
        number=1,
        name="2021-2026",
        election_date=dt.date(2021, 5, 23),
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 3, 14),
        note=(
            "Nhiệm kỳ rút ngắn. HĐND xã {commune} khóa I được hình thành ngày 01/7/2025 trên "
            "cơ sở sắp xếp các xã cũ, gồm các đại biểu HĐND các xã cũ được bầu ngày "
            "23/5/2021; nhiệm kỳ kết thúc khi bầu cử HĐND khóa II ngày 15/3/2026."
        ),
    ),
    TermSpec(
        number=2,
        name="2026-2031",
        election_date=dt.date(2026, 3, 15),
        start_date=dt.date(2026, 3, 15),
        end_date=None,
        note="Bầu cử đại biểu HĐND xã {commune} khóa II ngày 15/3/2026.",
    ),
)
# A delegate of khóa I who left before the end of the term.
LEAVER_SEAT = "teacher_primary"
LEAVER_ENDED_ON = dt.date(2025, 12, 10)
LEAVER_REASON = (
    "Chuyển công tác ra ngoài địa bàn xã; HĐND xã cho thôi làm nhiệm vụ "
    "đại biểu tại kỳ họp ngày 10/12/2025"
)


# --- Seats: who sits in the council -----------------------------------------------------------
@dataclass(frozen=True)
class Seat:
    key: str
    position: str  # "{commune}" and "{village}" are filled in
    workplace: str
    employment: str = PART
    gender: str | None = None  # None: drawn at random
    born: tuple[int, int] = (1968, 1990)
    first_term: bool | None = None  # None: drawn at random (khóa I only)


SEATS = (
    Seat(
        "chair",
        "Bí thư Đảng ủy, Chủ tịch HĐND xã",
        "Đảng ủy xã {commune}",
        born=(1968, 1976),
        first_term=False,
    ),
    Seat(
        "vice_chair",
        "Phó Chủ tịch HĐND xã",
        "HĐND xã {commune}",
        FULL,
        born=(1972, 1982),
        first_term=False,
    ),
    Seat(
        "ubnd_chair",
        "Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
        "UBND xã {commune}",
        born=(1970, 1980),
        first_term=False,
    ),
    Seat("ubnd_vice", "Phó Chủ tịch UBND xã", "UBND xã {commune}", born=(1975, 1985)),
    Seat(
        "ktns_head",
        "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy, Trưởng Ban Kinh tế - Ngân sách HĐND xã",
        "Ủy ban Kiểm tra Đảng ủy xã {commune}",
        born=(1970, 1980),
        first_term=False,
    ),
    Seat(
        "ktns_deputy",
        "Phó Trưởng Ban Kinh tế - Ngân sách HĐND xã",
        "HĐND xã {commune}",
        FULL,
        born=(1978, 1990),
    ),
    Seat(
        "vhxh_head",
        "Trưởng Ban Xây dựng Đảng, Trưởng Ban Văn hóa - Xã hội HĐND xã",
        "Ban Xây dựng Đảng, Đảng ủy xã {commune}",
        born=(1970, 1980),
        first_term=False,
    ),
    Seat(
        "vhxh_deputy",
        "Phó Trưởng Ban Văn hóa - Xã hội HĐND xã",
        "HĐND xã {commune}",
        FULL,
        born=(1980, 1992),
    ),
    Seat(
        "mttq",
        "Chủ tịch Ủy ban MTTQ Việt Nam xã",
        "Ủy ban MTTQ Việt Nam xã {commune}",
        born=(1966, 1975),
        first_term=False,
    ),
    Seat("police", "Trưởng Công an xã", "Công an xã {commune}", gender=MALE, born=(1976, 1986)),
    Seat(
        "military",
        "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
        "Ban Chỉ huy Quân sự xã {commune}",
        gender=MALE,
        born=(1978, 1988),
    ),
    Seat(
        "women",
        "Phó Chủ tịch Ủy ban MTTQ, Chủ tịch Hội Liên hiệp Phụ nữ xã",
        "Ủy ban MTTQ Việt Nam xã {commune}",
        gender=FEMALE,
        born=(1972, 1985),
    ),
    Seat(
        "youth",
        "Bí thư Đoàn TNCS Hồ Chí Minh xã",
        "Ủy ban MTTQ Việt Nam xã {commune}",
        born=(1990, 1997),
        first_term=True,
    ),
    Seat(
        "farmers_union",
        "Chủ tịch Hội Nông dân xã",
        "Ủy ban MTTQ Việt Nam xã {commune}",
        born=(1965, 1975),
    ),
    Seat(
        "veterans",
        "Chủ tịch Hội Cựu chiến binh xã",
        "Ủy ban MTTQ Việt Nam xã {commune}",
        gender=MALE,
        born=(1958, 1965),
    ),
    Seat("principal", "Hiệu trưởng", "Trường THCS {commune}", born=(1970, 1980)),
    Seat(
        "teacher_primary",
        "Giáo viên",
        "Trường Tiểu học {commune}",
        gender=FEMALE,
        born=(1980, 1992),
    ),
    Seat(
        "teacher_kinder", "Giáo viên", "Trường Mầm non {commune}", gender=FEMALE, born=(1985, 1995)
    ),
    Seat("health_head", "Trưởng Trạm Y tế xã", "Trạm Y tế xã {commune}", born=(1972, 1982)),
    Seat("doctor", "Bác sĩ", "Trạm Y tế xã {commune}", born=(1982, 1992)),
    Seat(
        "coop",
        "Giám đốc",
        "Hợp tác xã Dịch vụ nông nghiệp {commune}",
        gender=MALE,
        born=(1965, 1978),
    ),
    Seat("business", "Giám đốc", "Công ty TNHH May mặc {commune}", born=(1978, 1988)),
    Seat(
        "shop",
        "Chủ hộ kinh doanh",
        "Hộ kinh doanh vật liệu xây dựng, thôn {village}",
        born=(1972, 1985),
    ),
    Seat("village_head", "Trưởng thôn {village}", "Thôn {village}", gender=MALE, born=(1962, 1975)),
    Seat("cell_secretary", "Bí thư Chi bộ thôn {village}", "Thôn {village}", born=(1962, 1975)),
    Seat("farmer", "Nông dân", "Thôn {village}", born=(1970, 1985)),
)
SEAT_BY_KEY = {seat.key: seat for seat in SEATS}
# 25 seats a term: khóa I had no business owner, khóa II no shop keeper.
TERM_SEATS = {
    1: tuple(s.key for s in SEATS if s.key != "business"),
    2: tuple(s.key for s in SEATS if s.key != "shop"),
}
# Khóa I delegates re-elected on 15 March 2026: the same person sits in khóa II.
RE_ELECTED = (
    "chair",
    "vice_chair",
    "ubnd_chair",
    "ktns_head",
    "vhxh_head",
    "mttq",
    "police",
    "principal",
    "health_head",
    "coop",
    "village_head",
)

# Committees: (name, code, kind, order) and who holds which role, by seat.
STANDING = ("Thường trực HĐND xã", "TT")
BANS = (
    # Since 2025 a commune council has two Bans (Law 72/2025/QH15); the names are data.
    (
        "Ban Kinh tế - Ngân sách",
        "KTNS",
        {
            "ktns_head": "head",
            "ktns_deputy": "deputy",
            "coop": "member",
            "business": "member",
            "shop": "member",
            "farmer": "member",
            "village_head": "member",
        },
    ),
    (
        "Ban Văn hóa - Xã hội",
        "VHXH",
        {
            "vhxh_head": "head",
            "vhxh_deputy": "deputy",
            "doctor": "member",
            "teacher_primary": "member",
            "women": "member",
            "youth": "member",
        },
    ),
)
# Thường trực HĐND xã: the chair, the vice-chair and the heads of the Bans.
STANDING_ROLES = {
    "chair": "chair",
    "vice_chair": "vice_chair",
    "ktns_head": "member",
    "vhxh_head": "member",
}

# Seven constituencies, one per village, 25 seats; four delegate groups over them.
SEATS_PER_CONSTITUENCY = (4, 4, 4, 4, 3, 3, 3)
GROUPS = ((1, 2), (3, 4), (5, 6), (7,))
VILLAGES = (
    "Thượng",
    "Trung",
    "Hạ",
    "Đông",
    "Đoài",
    "Tân Lập",
    "Phú Mỹ",
    "Vân Hội",
    "Lộc Hà",
    "Đồng Tâm",
    "Bãi Tiên",
    "Hòa Xá",
    "An Thái",
    "Phú Thứ",
)


# --- Agencies and party cells -----------------------------------------------------------------
@dataclass(frozen=True)
class AgencySpec:
    name: str  # looked up by this exact name (the follow-up loader does)
    short_name: str
    kind: str
    mailbox: str
    parent: str | None = None
    head_seat: str | None = None
    decides_complaints: bool = False


AGENCIES = (
    AgencySpec(
        "Ủy ban nhân dân xã",
        "UBND xã",
        Agency.Kind.UBND,
        "ubnd",
        head_seat="ubnd_chair",
        decides_complaints=True,
    ),
    AgencySpec(
        "Văn phòng HĐND và UBND xã",
        "Văn phòng HĐND&UBND",
        Agency.Kind.UBND_UNIT,
        "vanphong",
        parent="Ủy ban nhân dân xã",
    ),
    AgencySpec(
        "Phòng Kinh tế",
        "Phòng Kinh tế",
        Agency.Kind.UBND_UNIT,
        "kinhte",
        parent="Ủy ban nhân dân xã",
    ),
    AgencySpec(
        "Phòng Văn hóa - Xã hội",
        "Phòng VH-XH",
        Agency.Kind.UBND_UNIT,
        "vanhoa",
        parent="Ủy ban nhân dân xã",
    ),
    AgencySpec("Công an xã", "Công an xã", Agency.Kind.POLICE, "congan", head_seat="police"),
    AgencySpec("Ủy ban MTTQ Việt Nam xã", "UBMTTQ xã", Agency.Kind.MTTQ, "mttq", head_seat="mttq"),
    AgencySpec("Văn phòng Đảng ủy", "VPĐU", Agency.Kind.PARTY, "vanphongdanguy"),
    AgencySpec(
        "Ban Xây dựng Đảng", "BXDĐ", Agency.Kind.PARTY, "xaydungdang", head_seat="vhxh_head"
    ),
    AgencySpec("Tòa án nhân dân khu vực", "TAND khu vực", Agency.Kind.COURT, "toaan"),
    AgencySpec("Thanh tra thành phố", "Thanh tra TP", Agency.Kind.UPPER, "thanhtra"),
)
# Party cells besides one per village: (name, members).
INSTITUTION_CELLS = (
    ("Chi bộ Cơ quan xã", 42),
    ("Chi bộ Trường THCS {commune}", 18),
    ("Chi bộ Trường Tiểu học và Mầm non {commune}", 22),
    ("Chi bộ Trạm Y tế xã", 9),
    ("Chi bộ Công an xã", 15),
    ("Chi bộ Quân sự xã", 7),
)
CELLS_FORMED_ON = dt.date(2025, 7, 1)


# --- Users ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    title: str  # what the person does, for the summary
    seat: str | None = None  # the user is this delegate of the current term
    gender: str = FEMALE  # for a user who is not a delegate
    agency: str | None = None
    committee: str | None = None


USERS = (
    UserSpec("vanphong", roles.STAFF, "công chức Văn phòng HĐND và UBND xã"),
    UserSpec("chutich", roles.STANDING, "Chủ tịch HĐND xã", seat="chair"),
    UserSpec(
        "bankinhte",
        roles.COMMITTEE,
        "Phó Trưởng Ban Kinh tế - Ngân sách",
        seat="ktns_deputy",
        committee="Ban Kinh tế - Ngân sách",
    ),
    UserSpec("daibieu", roles.DELEGATE, "đại biểu HĐND xã", seat="teacher_kinder"),
    UserSpec("lanhdao", roles.LEADERSHIP, "Phó Bí thư Thường trực Đảng ủy", gender=MALE),
    UserSpec("ubnd", roles.AGENCY, "chuyên viên Ủy ban nhân dân xã", agency="Ủy ban nhân dân xã"),
)


# --- Names ------------------------------------------------------------------------------------
FAMILY_NAMES = (
    ["Nguyễn"] * 6
    + ["Trần"] * 2
    + ["Lê"] * 2
    + ["Phạm"] * 2
    + [
        "Hoàng",
        "Phan",
        "Vũ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Ngô",
        "Dương",
        "Đào",
        "Kiều",
        "Khuất",
        "Chu",
        "Đinh",
        "Lưu",
        "Tạ",
    ]
)
MIDDLE_NAMES = {
    MALE: ["Văn"] * 4
    + ["Đức", "Minh", "Quang", "Hữu", "Xuân", "Tiến", "Công", "Mạnh", "Đình", "Trọng"],
    FEMALE: ["Thị"] * 5
    + ["Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Thị Thu", "Thị Thanh"],
}
GIVEN_NAMES = {
    MALE: [
        "Hùng",
        "Dũng",
        "Tuấn",
        "Thắng",
        "Hải",
        "Long",
        "Nam",
        "Sơn",
        "Bình",
        "Cường",
        "Quân",
        "Thành",
        "Trung",
        "Hiếu",
        "Khánh",
        "Toàn",
        "Phong",
        "Hòa",
        "Lộc",
        "Tùng",
        "Kiên",
        "Vinh",
        "Hưng",
        "Đạt",
        "Huy",
        "Chiến",
    ],
    FEMALE: [
        "Hương",
        "Lan",
        "Hoa",
        "Mai",
        "Hạnh",
        "Thảo",
        "Nga",
        "Hằng",
        "Loan",
        "Huyền",
        "Yến",
        "Trang",
        "Nhung",
        "Oanh",
        "Thủy",
        "Linh",
        "Dung",
        "Hà",
        "Ngân",
        "Vân",
    ],
}


@dataclass(frozen=True)
class Person:
    full_name: str
    gender: str
    birth_date: dt.date
    phone: str

    @property
    def names(self) -> tuple[str, str]:
        """(first_name, last_name) for Django's "first last" full name in Vietnamese order."""
        family_and_middle, _, given = self.full_name.rpartition(" ")
        return family_and_middle, given


@dataclass
class PeopleFactory:
    """Invents distinct people, always the same ones for the same seed."""

    rng: random.Random
    taken: set[str] = field(default_factory=set)

    def person(self, gender: str | None = None, born: tuple[int, int] = (1968, 1990)) -> Person:
        gender = gender or (FEMALE if self.rng.random() < 0.35 else MALE)
        while True:
            middle = self.rng.choice(MIDDLE_NAMES[gender])
            given = self.rng.choice(GIVEN_NAMES[gender])
            name = f"{self.rng.choice(FAMILY_NAMES)} {middle} {given}"
            if given not in middle and name not in self.taken:
                break
        self.taken.add(name)
        birth = dt.date(self.rng.randint(*born), self.rng.randint(1, 12), self.rng.randint(1, 28))
        phone = "09" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        return Person(name, gender, birth, phone)


# --- Writing ----------------------------------------------------------------------------------
def _upsert(model: type[models.Model], lookup: dict, values: dict):
    """The record with ``lookup``, created or updated to ``values``; saved only if it differs.

    ``update_or_create`` saves every time, which would add a history row and touch
    ``updated_at`` on each run; the demo must leave an unchanged database unchanged.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = False
    for name, value in values.items():
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            current, wanted = getattr(obj, model_field.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(obj, name), value
        if current != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def demo_slug(name: str) -> str:
    return slugify(fold(name))


def demo_username(base: str, slug: str) -> str:
    """``vanphong`` in the default commune, ``vanphong-hoa-binh`` in the others."""
    return base if slug == DEFAULT_SLUG else f"{base}-{slug}"


@transaction.atomic
def demo_council_build(
    *,
    name: str,
    slug: str | None = None,
    today: dt.date | None = None,
    reset_passwords: bool = False,
) -> Council:
    """Build (or bring up to date) the demo council of commune ``name``; returns the council.

    ``today`` decides which term is current, i.e. which delegates the demo users are.
    """
    today = today or timezone.localdate()
    slug = slug or demo_slug(name)
    rng = random.Random(slug)
    people = PeopleFactory(rng)
    villages = rng.sample(VILLAGES, len(SEATS_PER_CONSTITUENCY))

    council = _upsert(
        Council,
        {"slug": slug},
        {
            "name": f"Hội đồng nhân dân xã {name}",
            "commune": name,
            "commune_kind": "xã",
            "province": "Hà Nội",
            "address": f"Trụ sở HĐND và UBND xã {name}, thành phố Hà Nội",
            "email": f"hdnd@{slug}.example.vn",
            "phone": "024 3" + "".join(str(rng.randint(0, 9)) for _ in range(6)),
        },
    )

    seat_people: dict[str, Person] = {}  # khóa I seat -> person, for the re-elected
    built: dict[int, TermRecords] = {}
    for spec in TERMS:
        built[spec.number] = _build_term(council, spec, villages, people, seat_people)

    term_records = _current(council, built, today)
    agencies = _build_agencies(council, term_records)
    _build_party_cells(council, villages, people)
    _build_users(
        council,
        term_records,
        agencies,
        random.Random(f"{slug}:users"),
        reset_passwords=reset_passwords,
    )
    return council


@dataclass
class TermRecords:
    term: Term
    delegates: dict[str, Delegate]  # by seat key
    committees: dict[str, Committee]  # by name


def _build_term(
    council: Council,
    spec: TermSpec,
    villages: list[str],
    people: PeopleFactory,
    seat_people: dict[str, Person],
) -> TermRecords:
    commune = council.commune
    term = _upsert(
        Term,
        {"council": council, "number": spec.number},
        {
            "name": spec.name,
            "start_date": spec.start_date,
            "end_date": spec.end_date,
            "election_date": spec.election_date,
            "note": spec.note.format(commune=commune),
        },
    )

    constituencies = []
    for number, (village, seats) in enumerate(
        zip(villages, SEATS_PER_CONSTITUENCY, strict=True), start=1
    ):
        constituencies.append(
            _upsert(
                Constituency,
                {"term": term, "number": number},
                {
                    "council": council,
                    "name": f"Thôn {village}",
                    "seats": seats,
                    "area": f"Thôn {village}, xã {commune}",
                },
            )
        )

    committees: dict[str, Committee] = {}
    standing_name, standing_code = STANDING
    committees[standing_name] = _upsert(
        Committee,
        {"term": term, "name": standing_name},
        {
            "council": council,
            "kind": Committee.Kind.STANDING,
            "code": standing_code,
            "order": 0,
            "area": "",
        },
    )
    for order, (ban_name, code, _roles) in enumerate(BANS, start=1):
        committees[ban_name] = _upsert(
            Committee,
            {"term": term, "name": ban_name},
            {
                "council": council,
                "kind": Committee.Kind.BAN,
                "code": code,
                "order": order,
                "area": "",
            },
        )
    group_of: dict[int, Committee] = {}
    for number, members in enumerate(GROUPS, start=1):
        group_name = f"Tổ đại biểu số {number}"
        area = ", ".join(constituencies[n - 1].name for n in members)
        committees[group_name] = _upsert(
            Committee,
            {"term": term, "name": group_name},
            {
                "council": council,
                "kind": Committee.Kind.DELEGATE_GROUP,
                "code": "",
                "order": number,
                "area": area,
            },
        )
        for n in members:
            group_of[n] = committees[group_name]

    # Seats are spread over the constituencies in a shuffled (but fixed) order.
    keys = list(TERM_SEATS[spec.number])
    people.rng.shuffle(keys)
    slots = [c for c in constituencies for _ in range(c.seats)]
    delegates: dict[str, Delegate] = {}
    for key, constituency in zip(keys, slots, strict=True):
        seat = SEAT_BY_KEY[key]
        re_elected = spec.number > 1 and key in RE_ELECTED and key in seat_people
        person = seat_people[key] if re_elected else people.person(seat.gender, seat.born)
        if spec.number == 1:
            seat_people[key] = person
            first_term = (
                seat.first_term if seat.first_term is not None else people.rng.random() < 0.4
            )
        else:
            first_term = not re_elected
        leaver = spec.number == 1 and key == LEAVER_SEAT
        village = constituency.name.removeprefix("Thôn ")
        delegates[key] = _upsert(
            Delegate,
            {"term": term, "full_name": person.full_name, "birth_date": person.birth_date},
            {
                "council": council,
                "gender": person.gender,
                "constituency": constituency,
                "delegate_group": group_of[constituency.number],
                "employment": seat.employment,
                "is_first_term": first_term,
                "position": seat.position.format(commune=commune, village=village),
                "workplace": seat.workplace.format(commune=commune, village=village),
                "phone": person.phone,
                "address": f"Thôn {village}, xã {commune}, thành phố {council.province}",
                "start_date": spec.start_date,
                "end_date": LEAVER_ENDED_ON if leaver else spec.end_date,
                "end_reason": LEAVER_REASON if leaver else "",
            },
        )

    _build_memberships(council, spec, committees, delegates)
    return TermRecords(term=term, delegates=delegates, committees=committees)


def _build_memberships(
    council: Council,
    spec: TermSpec,
    committees: dict[str, Committee],
    delegates: dict[str, Delegate],
) -> None:
    def hold(committee: Committee, delegate: Delegate, role: str) -> None:
        _upsert(
            Membership,
            {"committee": committee, "delegate": delegate, "role": role},
            {"council": council, "start_date": spec.start_date, "end_date": delegate.end_date},
        )

    standing = committees[STANDING[0]]
    for key, role in STANDING_ROLES.items():
        hold(standing, delegates[key], role)
    for ban_name, _code, ban_roles in BANS:
        for key, role in ban_roles.items():
            if key in delegates:
                hold(committees[ban_name], delegates[key], role)
    # Tổ trưởng and Tổ phó of each delegate group; plain members are ``Delegate.delegate_group``.
    seat_order = {key: i for i, key in enumerate(TERM_SEATS[spec.number])}
    for committee in committees.values():
        if committee.kind != Committee.Kind.DELEGATE_GROUP:
            continue
        # Those who served to the end of the term (not the delegate who left early).
        members = sorted(
            (
                key
                for key, d in delegates.items()
                if d.delegate_group_id == committee.pk and d.end_date == spec.end_date
            ),
            key=seat_order.__getitem__,
        )
        for key, role in zip(members, ("head", "deputy"), strict=False):
            hold(committee, delegates[key], role)


def _current(council: Council, built: dict[int, TermRecords], today: dt.date) -> TermRecords:
    term = council.current_term(today)
    current = next(
        (records for records in built.values() if term is not None and records.term.pk == term.pk),
        None,
    )
    # Outside every term the demo users are still somebody: the latest term's.
    return current or built[max(built)]


def _build_agencies(council: Council, current: TermRecords) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        head = current.delegates.get(spec.head_seat) if spec.head_seat else None
        agencies[spec.name] = _upsert(
            Agency,
            {"council": council, "name": spec.name},
            {
                "short_name": spec.short_name,
                "kind": spec.kind,
                "parent": agencies[spec.parent] if spec.parent else None,
                "head_name": head.full_name if head else "",
                "email": f"{spec.mailbox}@{council.slug}.example.vn",
                "active": True,
                "decides_complaints": spec.decides_complaints,
            },
        )
    return agencies


def _build_party_cells(council: Council, villages: list[str], people: PeopleFactory) -> None:
    cells = [(f"Chi bộ thôn {village}", 35 + 7 * i) for i, village in enumerate(villages)]
    cells += [(name.format(commune=council.commune), count) for name, count in INSTITUTION_CELLS]
    for name, count in cells:
        secretary = people.person(born=(1960, 1980))
        _upsert(
            PartyCell,
            {"council": council, "name": name},
            {
                "secretary": secretary.full_name,
                "member_count": count,
                "start_date": CELLS_FORMED_ON,
                "end_date": None,
            },
        )


def _build_users(
    council: Council,
    current: TermRecords,
    agencies: dict[str, Agency],
    rng: random.Random,
    *,
    reset_passwords: bool,
) -> None:
    admin = _demo_user(
        ADMIN_USERNAME, ("Quản trị", "hệ thống"), superuser=True, reset_password=reset_passwords
    )
    _upsert(
        CouncilRole,
        {"user": admin, "council": council},
        {"role": roles.ADMIN, "agency": None, "delegate": None, "committee": None},
    )
    people = PeopleFactory(rng)
    for spec in USERS:
        delegate = current.delegates[spec.seat] if spec.seat else None
        names = (
            Person(delegate.full_name, delegate.gender, delegate.birth_date, "").names
            if delegate
            else people.person(spec.gender, (1975, 1992)).names
        )
        user = _demo_user(
            demo_username(spec.username, council.slug), names, reset_password=reset_passwords
        )
        if delegate is not None and delegate.user_id != user.pk:
            delegate.user = user
            delegate.save()
        _upsert(
            CouncilRole,
            {"user": user, "council": council},
            {
                "role": spec.role,
                "agency": agencies[spec.agency] if spec.agency else None,
                "delegate": delegate,
                "committee": current.committees[spec.committee] if spec.committee else None,
            },
        )

    # The city's overseer follows every demo council (the side-by-side view of their targets).
    city_names = PeopleFactory(random.Random(CITY_USERNAME)).person(MALE, (1970, 1985)).names
    city = _demo_user(CITY_USERNAME, city_names, reset_password=reset_passwords)
    _upsert(
        CouncilRole,
        {"user": city, "council": council},
        {"role": roles.CITY, "agency": None, "delegate": None, "committee": None},
    )


def _demo_user(
    username: str, names: tuple[str, str], *, superuser: bool = False, reset_password: bool
) -> User:
    is_new = not User.objects.filter(username=username).exists()
    user = _upsert(
        User,
        {"username": username},
        {
            "first_name": names[0],
            "last_name": names[1],
            "email": f"{username}@example.vn",
            "is_active": True,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    # The password is the demo one only when the account is new (or on request): a
    # password someone changed survives the next seeding.
    if is_new or (reset_password and not user.check_password(DEMO_PASSWORD)):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


# --- After the councils data ------------------------------------------------------------------
def demo_extras_load(*, councils: list[Council], today: dt.date) -> list[str]:
    """Legal deadline rules and the plan's follow-ups, when their loaders exist.

    They belong to the follow-up engine (``seed_legal_rules``,
    ``hdnd_portal.followups.demo.load_plan_followups``); a missing one is reported, not fatal.
    Returns one Vietnamese line per step for the summary.
    """
    lines = []
    if "seed_legal_rules" in get_commands():
        call_command("seed_legal_rules", stdout=io.StringIO())
        lines.append("Đã nạp các quy tắc thời hạn theo pháp luật (seed_legal_rules).")
    else:
        lines.append("Bỏ qua quy tắc thời hạn: chưa có lệnh seed_legal_rules.")
    loader = None
    if importlib.util.find_spec("hdnd_portal.followups.demo") is not None:
        loader = getattr(
            importlib.import_module("hdnd_portal.followups.demo"), "load_plan_followups", None
        )
    if loader is None:
        lines.append(
            "Bỏ qua việc đôn đốc mẫu: chưa có hdnd_portal.followups.demo.load_plan_followups."
        )
        return lines
    for council in councils:
        created_by = User.objects.get(username=demo_username("vanphong", council.slug))
        loader(council=council, today=today, created_by=created_by)
        lines.append(f"Đã nạp việc đôn đốc mẫu của kế hoạch cho {council.short_name}.")
    # Each domain app's demo records (hdnd_portal.core.demo registry), in their order.
    for app_loader in demo_loaders():
        for council in councils:
            created_by = User.objects.get(username=demo_username("vanphong", council.slug))
            lines.extend(app_loader.load(council=council, today=today, created_by=created_by))
    return lines


# --- Records of the plan's targets 1.1 and 1.3 (loader "councils.plan_records", order 5) -------
SCHEME_DISSEMINATED_FROM = dt.date(2025, 9, 8)  # the plan is of 20 Aug 2025
SCHEME_MEMBERS_FROM = dt.date(2025, 9, 1)  # the cells' members counted when it began
# The skills each year's training taught (the plan, 2.2.1) and its hours.
TRAINING_CONTENT = {
    2025: ("questioning,examination,supervision,voter_contact", 16),
    2026: ("reception,letters,law_making,other", 8),
}
TRAININGS = (
    # (course, organiser, place, first day, share of the delegates then in office trained)
    (
        "Bồi dưỡng kỹ năng hoạt động cho đại biểu HĐND xã năm 2025",
        "Thường trực HĐND thành phố Hà Nội",
        "Trường Đào tạo cán bộ Lê Hồng Phong",
        dt.date(2025, 9, 16),
        0.6,
    ),
    (
        "Tập huấn nghiệp vụ cho đại biểu HĐND xã khóa II, nhiệm kỳ 2026-2031",
        "Thường trực HĐND xã",
        "Hội trường UBND xã",
        dt.date(2026, 5, 12),
        0.5,
    ),
)


# The Party Committee's leadership documents about the HĐND (target 1.1, first half), one per
# year of the plan: the implementation plan of the City's Scheme, then the yearly direction.
PARTY_DOCUMENTS = (
    (
        PartyDocument.Kind.PLAN,
        "05-KH/ĐU",
        dt.date(2025, 9, 3),
        "Kế hoạch triển khai thực hiện Đề án số 15-ĐA/TU của Thành ủy về nâng cao hiệu quả "
        "hoạt động của HĐND các cấp",
        "Giao Đảng đoàn HĐND xã lãnh đạo xây dựng Kế hoạch của HĐND; các chi bộ quán triệt Đề "
        "án đến 100% đảng viên; Thường trực HĐND báo cáo kết quả 6 tháng một lần.",
    ),
    (
        PartyDocument.Kind.DIRECTIVE,
        "02-CT/ĐU",
        dt.date(2026, 1, 12),
        "Chỉ thị về lãnh đạo kỳ họp và hoạt động giám sát của HĐND xã năm 2026",
        "Tập trung giám sát việc giải quyết đơn thư, kiến nghị cử tri; tổ chức tiếp xúc cử tri "
        "chuyên đề; nâng cao chất lượng chất vấn tại kỳ họp.",
    ),
)


def load_plan_records(*, council: Council, today: dt.date, created_by) -> list[str]:
    """Disseminations of the Scheme to every party cell (target 1.1 met) and delegates'
    trainings that reach part of the delegates (target 1.3: missed in 2025, at risk in the
    second half of 2026). Idempotent; only records dated up to ``today``."""
    rng = random.Random(f"{council.slug}:plan-records")
    documents = 0
    for kind, number, issued_on, title, content in PARTY_DOCUMENTS:
        if issued_on > today:
            continue
        _upsert(
            PartyDocument,
            {"council": council, "number": number, "issued_on": issued_on},
            {
                "kind": kind,
                "title": title,
                "content": content,
                "signer": "Bí thư Đảng ủy xã",
            },
        )
        documents += 1
    disseminated = 0
    for i, cell in enumerate(PartyCell.objects.filter(council=council).order_by("name", "id")):
        held_on = max(SCHEME_DISSEMINATED_FROM + dt.timedelta(days=2 * i), cell.start_date or today)
        if held_on > today:
            continue
        # The cell's members, dated from the start of the plan's dissemination.
        _upsert(
            PartyCellMembers,
            {"council": council, "party_cell": cell, "since": SCHEME_MEMBERS_FROM},
            {"member_count": cell.member_count, "note": "Số đảng viên khi triển khai Đề án"},
        )
        _upsert(
            Dissemination,
            {"council": council, "party_cell": cell, "held_on": held_on},
            {
                "document": SCHEME_DOCUMENT,
                "presenter": "Đồng chí Bí thư chi bộ",
                "attendance": max(0, cell.member_count - rng.randint(0, 4)),
                "cell_members": cell.member_count,
            },
        )
        disseminated += 1
    trainings = 0
    for course, organiser, place, start, share in TRAININGS:
        if start > today:
            continue
        topics, hours = TRAINING_CONTENT[start.year]
        training = _upsert(
            Training,
            {"council": council, "course": course, "start_date": start},
            {
                "organiser": organiser,
                "place": place,
                "end_date": start + dt.timedelta(days=1),
                "topics": topics,
                "hours": hours,
                "mode": Training.Mode.IN_PERSON,
            },
        )
        in_office = list(
            Delegate.objects.filter(council=council).on(start).order_by("sort_name", "id")
        )
        chosen = {d.pk for d in in_office[: int(len(in_office) * share)]}
        if set(training.delegates.values_list("pk", flat=True)) != chosen:
            training.delegates.set(chosen)
        trainings += 1
    briefs = _load_briefs(council=council, today=today, rng=rng)
    ended = _load_mandate_end(council=council)
    return [
        f"Đã nạp {documents} văn bản lãnh đạo của Đảng ủy, {disseminated} buổi quán triệt Đề án, "
        f"{trainings} lớp tập huấn đại biểu, {briefs} bản tin gửi đại biểu và {ended} quyết định "
        f"cho thôi làm đại biểu cho {council.short_name}."
    ]


def _load_briefs(*, council: Council, today: dt.date, rng: random.Random) -> int:
    """The monthly socio-economic brief of the last three months, sent on the 5th; most
    delegates acknowledged it the evening after, a few have not (the Office's list)."""
    sent = 0
    first_of_month = today.replace(day=1)
    for back in (3, 2, 1):
        month_start = first_of_month
        for _ in range(back):
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        sent_on = (month_start + dt.timedelta(days=32)).replace(day=5)
        if sent_on > today:
            continue
        label = f"Tháng {month_start.month}/{month_start.year}"
        brief = _upsert(
            InformationBrief,
            {"council": council, "period": label},
            {
                "title": f"Thông tin tình hình kinh tế - xã hội {label.lower()}",
                "sent_on": sent_on,
                "sender": "Văn phòng HĐND và UBND xã",
                "content": (
                    "Thu ngân sách lũy kế đạt 85% dự toán; giải ngân vốn đầu tư công đạt 70%; "
                    "tiến độ các công trình trọng điểm, an ninh trật tự, các kiến nghị cử tri "
                    "đang giải quyết; nhiệm vụ trọng tâm tháng tới."
                ),
            },
        )
        recipients = list(brief.recipients().order_by("sort_name", "id"))
        for delegate in recipients:
            if rng.random() < 0.2:
                continue  # not acknowledged yet
            moment = timezone.make_aware(
                dt.datetime.combine(sent_on + dt.timedelta(days=1), dt.time(20, 0))
            )
            if moment > timezone.now():
                continue
            BriefAcknowledgement.objects.get_or_create(
                brief=brief, delegate=delegate, defaults={"acknowledged_at": moment}
            )
        sent += 1
    return sent


def _load_mandate_end(*, council: Council) -> int:
    """The decision behind the demo's delegate who left khóa I (LEAVER_REASON): accepted by the
    council at its sitting of 10/12/2025, after that day's votes. The delegate's end_date is
    set where they are loaded; recorded here as the page's command would record it."""
    leaver = Delegate.objects.filter(
        council=council, end_date=LEAVER_ENDED_ON, end_reason=LEAVER_REASON
    ).first()
    if leaver is None:
        return 0
    moment = timezone.make_aware(dt.datetime.combine(LEAVER_ENDED_ON, dt.time(16, 30)))
    total = Delegate.objects.filter(term_id=leaver.term_id).in_office(LEAVER_ENDED_ON).count()
    _upsert(
        MandateEnd,
        {"council": council, "delegate": leaver},
        {
            "kind": MandateEnd.Kind.RESIGNED,
            "decided_by": MandateEnd.Body.COUNCIL,
            "decision_number": "32/NQ-HĐND",
            "decision_date": LEAVER_ENDED_ON,
            "decided_at": moment,
            "votes_for": max(1, total - 1),
            "effective_on": LEAVER_ENDED_ON,
            "reason": "Chuyển công tác ra ngoài địa bàn xã, có đơn xin thôi làm nhiệm vụ đại biểu.",
        },
    )
    return 1


def demo_summary(council: Council) -> list[str]:
    """A few Vietnamese lines: what the council holds and who can log in."""
    lines = [f"{council.name} (mã {council.slug})"]
    for term in Term.objects.filter(council=council).order_by("start_date"):
        delegates = Delegate.objects.filter(term=term)
        lines.append(
            f"  {term}: {delegates.count()} đại biểu "
            f"({delegates.filter(is_first_term=True).count()} lần đầu làm đại biểu, "
            f"{delegates.filter(end_date__lt=term.end_date or dt.date.max).count()} thôi giữa "
            f"nhiệm kỳ), "
            f"{Constituency.objects.filter(term=term).count()} đơn vị bầu cử, "
            f"{Committee.objects.filter(term=term, kind=Committee.Kind.DELEGATE_GROUP).count()} "
            f"tổ đại biểu, {Membership.objects.filter(committee__term=term).count()} chức vụ"
        )
    lines.append(
        f"  {Agency.objects.filter(council=council).count()} cơ quan, đơn vị; "
        f"{PartyCell.objects.filter(council=council).count()} chi bộ"
    )
    lines.append(f"  Tài khoản (mật khẩu mặc định: {DEMO_PASSWORD}):")
    for role in (
        CouncilRole.objects.filter(council=council)
        .select_related("user")
        .order_by("user__username")
    ):
        lines.append(f"    {role.user.username:<22} {role.get_role_display()} - {role.user}")
    return lines
