"""Printed documents of voter contact (DOCUMENTS.md §4), each with its Word twin.

- ``voters.synthesis``: "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ …",
  signed for the Standing Committee: I. the voter contact, II. the petitions by field and
  answering body (table TT | Nội dung kiến nghị | Địa phương | Số kiến nghị | Ghi chú), III. requests.
- ``voters.answers``: the report on how they were answered, for the next session: I. summary,
  II. each petition ("Cử tri … kiến nghị: … / Trả lời: …"), III. requests, and the table
  STT | Nội dung | Cử tri (thôn) | Kết quả | Tình trạng | Ghi chú.

Both are printed for a session (``/documents/print/voters.synthesis/<session pk>/``) and read
the session's synthesised petitions in two queries whatever their number.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from councils.models import Agency
from councils.reports import standing_chair
from hdnd_portal.core.collation import vi_key
from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.recipients import recipient_lines
from hdnd_portal.documents.text import (
    Heading,
    IssuingBody,
    Letterhead,
    Signature,
    document_symbol,
    place_date_line,
)
from meetings.models import Session
from voters.models import SynthesizedPetition, VoterMeeting, VoterPetition

SYNTHESIS_KIND = "voters.synthesis"
ANSWERS_KIND = "voters.answers"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Row:
    number: int
    synth: SynthesizedPetition
    places: str
    count: int
    note: str


@dataclass
class Group:
    numeral: str
    name: str
    rows: list[Row] = field(default_factory=list)


def _places(synth: SynthesizedPetition) -> str:
    """The places of the meetings that raised it, each once, earliest meeting first."""
    return ", ".join(dict.fromkeys(synth.raw_places)) or synth.place


def _synths(session: Session, *, forwarded_only: bool = False):
    """The session's synthesised petitions with their raw petitions' count and places, in two
    queries whatever their number.

    The raw petitions are read as (petition, meeting place) pairs, not as records: a report of
    500 petitions would otherwise build a thousand petitions and their meetings to read one
    text of each. A ``Count`` would group by every column of the petition, its field and its
    agency, and SQLite compares the Vietnamese-collated ones in Python.
    """
    qs = (
        SynthesizedPetition.objects.filter(session=session)
        .select_related("field", "agency")
        .order_by("id")
    )
    if forwarded_only:
        qs = qs.exclude(state=SynthesizedPetition.State.NEW)
    synths = list(qs)
    places: dict[int, list[str]] = {s.pk: [] for s in synths}
    raw = (
        VoterPetition.objects.filter(synthesized__in=qs.values("pk"))
        .order_by("meeting__held_on", "id")
        .values_list("synthesized_id", "meeting__place")
    )
    for synth_id, place in raw.iterator() if synths else ():
        places[synth_id].append(place)
    for synth in synths:
        synth.raw_places = places[synth.pk]
        synth.raw_count = len(synth.raw_places)
    return synths


def synthesis_groups(session: Session, *, competence: str | None = None, synths=None):
    """Petitions by field (its report group), then answering body, numbered through; with
    ``competence``, only the commune's (``"commune"``) or the city's (``"city"``)."""
    synths = _synths(session) if synths is None else synths
    if competence is not None:
        synths = [s for s in synths if s.competence == competence]
    keys: dict[str, tuple] = {}  # a few fields and bodies: each name's sort key made once

    def key_of(text: str) -> tuple:
        if text not in keys:
            keys[text] = vi_key(text)
        return keys[text]

    def group_name(s):
        return s.field.report_group or s.field.name

    def sort_key(s):
        return (s.field.order, key_of(group_name(s)), key_of(s.agency.name if s.agency else "~"))

    groups: dict[str, Group] = {}
    number = 0
    for synth in sorted(synths, key=sort_key):
        name = group_name(synth)
        if name not in groups:
            groups[name] = Group(ROMAN[len(groups) % len(ROMAN)], name)
        number += 1
        notes = []
        if synth.agency:
            notes.append(synth.agency.short_name or synth.agency.name)
        if synth.repeat_of_id:
            notes.append("Kiến nghị lặp lại")
        groups[name].rows.append(
            Row(number, synth, _places(synth), synth.raw_count, "; ".join(notes))
        )
    return list(groups.values())


def meeting_summary(session: Session) -> dict:
    meetings = VoterMeeting.objects.filter(session=session, kind=VoterMeeting.Kind.BEFORE)
    totals = meetings.aggregate(
        points=Count("id"),
        voters=Sum("voter_count"),
        speakers=Sum("speaker_count"),
        front=Count("id", filter=Q(organiser=VoterMeeting.Organiser.FRONT)),
    )
    petitions = VoterPetition.objects.filter(meeting__in=meetings).aggregate(
        total=Count("id"), on_spot=Count("id", filter=Q(answered_on_spot=True))
    )
    return {
        "points": totals["points"] or 0,
        "front": totals["front"] or 0,
        "voters": totals["voters"] or 0,
        "speakers": totals["speakers"] or 0,
        "petitions": petitions["total"] or 0,
        "on_spot": petitions["on_spot"] or 0,
    }


def _signature(session: Session, on) -> Signature:
    chair = standing_chair(term=session.term, on=on)
    return Signature("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", chair.full_name if chair else "")


def _recipients(council) -> list[str]:
    kind = council.commune_kind
    return [
        f"Thường trực Đảng ủy {kind};",
        f"UBND, Ủy ban MTTQ Việt Nam {kind};",
        f"Các đại biểu HĐND {kind};",
        "Lưu: VT.",
    ]


def synthesis_title(session: Session) -> str:
    return f"Tổng hợp ý kiến, kiến nghị của cử tri trước {session.name.lower()}"


def synthesis_context(*, obj: Session, access, document, on) -> dict:
    session = obj
    synths = _synths(session)
    c = SynthesizedPetition.Competence
    groups = synthesis_groups(session, competence=c.COMMUNE, synths=synths)
    city_groups = synthesis_groups(session, competence=c.CITY, synths=synths)
    kind = obj.council.commune_kind
    return {
        "session": session,
        # The Standing Committee sums up with the Front's standing board, which chairs the
        # voter meetings (Joint Resolution 72/2025, chapter 4; DOCUMENTS.md §4).
        "intro": (
            f"Thực hiện quy định về tiếp xúc cử tri của đại biểu HĐND, Thường trực HĐND "
            f"{kind} phối hợp với Ban Thường trực Ủy ban MTTQ Việt Nam {kind} tổ chức cho đại "
            f"biểu HĐND {kind} tiếp xúc cử tri trước {session.name.lower()}. Thường trực HĐND "
            f"{kind} tổng hợp ý kiến, kiến nghị của cử tri như sau:"
        ),
        "summary": meeting_summary(session),
        # II. what the commune settles; III. what it forwards to the city and follows.
        "groups": groups,
        "city_groups": city_groups,
        "total": sum(len(g.rows) for g in groups),
        "city_total": sum(len(g.rows) for g in city_groups),
        "heading": Heading(
            "Báo cáo",
            (
                "Tổng hợp ý kiến, kiến nghị của cử tri",
                f"trước {session.name.lower()} HĐND {obj.council.commune_kind} "
                f"khóa {session.term.roman_number}",
            ),
        ),
        "signature": _signature(session, on),
        "recipients": _recipients(obj.council),
        "requests": (
            "Thường trực HĐND đề nghị UBND xã và các cơ quan, đơn vị liên quan xem xét, "
            "giải quyết và trả lời các ý kiến, kiến nghị của cử tri nêu trên, báo cáo kết quả "
            "tại kỳ họp tiếp theo của HĐND."
        ),
        "city_requests": (
            "Các kiến nghị vượt thẩm quyền cấp xã, Thường trực HĐND chuyển đến HĐND, UBND "
            "thành phố và các sở, ngành có liên quan xem xét, trả lời; theo dõi và thông tin "
            "kết quả đến cử tri."
        ),
    }


SYNTHESIS_COLUMNS = [
    ("TT", 12),
    ("Nội dung kiến nghị", 80),
    ("Địa phương", 35),
    ("Số kiến nghị", 20),
    ("Ghi chú", 18),
]


# -- the answers report --------------------------------------------------------------------
def answers_rows(session: Session) -> list[Row]:
    rows = []
    for number, synth in enumerate(_synths(session, forwarded_only=True), start=1):
        note = synth.reason if synth.state == SynthesizedPetition.State.NOT_ACCEPTED else ""
        if synth.competence == SynthesizedPetition.Competence.CITY and synth.agency:
            # Forwarded upward: the city body answers, the commune follows it.
            upward = f"Chuyển {synth.agency.short_name or synth.agency.name}"
            note = "; ".join(p for p in (upward, note) if p)
        if synth.voter_acceptance != SynthesizedPetition.VoterAcceptance.UNKNOWN:
            note = "; ".join(p for p in (note, synth.get_voter_acceptance_display()) if p)
        rows.append(Row(number, synth, _places(synth), synth.raw_count, note))
    return rows


def answers_summary(rows: list[Row]) -> dict:
    s = SynthesizedPetition.State
    count = {state: 0 for state in s.values}
    for r in rows:
        count[r.synth.state] += 1
    return {
        "total": len(rows),
        "resolved": count[s.RESOLVED],
        "in_progress": count[s.IN_PROGRESS],
        "explained": count[s.ANSWERED],
        "not_accepted": count[s.NOT_ACCEPTED],
        "waiting": count[s.FORWARDED],
    }


def answers_title(session: Session) -> str:
    return f"Kết quả giải quyết, trả lời kiến nghị của cử tri trước {session.name.lower()}"


ANSWERS_ISSUER_CODE = "UBND"


def ubnd_letterhead(council, document, on) -> Letterhead:
    """ "ỦY BAN NHÂN DÂN / XÃ PHÚC LỘC", "Số: …/BC-UBND": the answers report is the UBND's
    own report to the HĐND (DOCUMENTS.md §4); the HĐND keeps it in its register."""
    body = IssuingBody(
        parent="", name=("ỦY BAN NHÂN DÂN", council.issuer_line), signing_for="TM. ỦY BAN NHÂN DÂN"
    )
    if document is not None:
        return Letterhead(
            body, document.symbol, place_date_line(council.commune, document.issued_on)
        )
    return Letterhead(
        body,
        document_symbol(DocumentType.BC, ANSWERS_ISSUER_CODE),
        place_date_line(council.commune, None, year=on.year),
    )


def ubnd_chair(council) -> str:
    """The UBND chair's name, as recorded on the UBND's agency row."""
    agency = (
        Agency.objects.filter(council=council, kind=Agency.Kind.UBND, active=True)
        .order_by("id")
        .first()
    )
    return agency.head_name if agency else ""


def answers_context(*, obj: Session, access, document, on) -> dict:
    session = obj
    rows = answers_rows(session)
    council = obj.council
    kind = council.commune_kind
    return {
        "session": session,
        "letterhead": ubnd_letterhead(council, document, on),
        "intro": (
            f"Thực hiện Báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước "
            f"{session.name.lower()} của Thường trực HĐND {kind}, Ủy ban nhân dân {kind} báo cáo "
            f"kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri như sau:"
        ),
        "rows": rows,
        "summary": answers_summary(rows),
        "heading": Heading(
            "Báo cáo",
            (
                "Kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri",
                f"gửi đến {session.name.lower()} HĐND {obj.council.commune_kind} "
                f"khóa {session.term.roman_number}",
            ),
        ),
        "signature": Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ubnd_chair(council)),
        # To the HĐND and its Standing Committee, which report on it; never the UBND itself.
        "recipients": recipient_lines(
            [
                f"Thường trực HĐND {kind};",
                f"Thường trực Đảng ủy {kind};",
                f"Ủy ban MTTQ Việt Nam {kind};",
                f"Các đại biểu HĐND {kind};",
                "Lưu: VT.",
            ],
            council=council,
            issuer=(f"UBND {kind}",),
        ),
        "requests": (
            "Đề nghị các cơ quan, đơn vị tiếp tục giải quyết dứt điểm các kiến nghị đang giải "
            "quyết, thông tin kết quả đến cử tri tại các cuộc tiếp xúc tiếp theo."
        ),
    }


ANSWERS_COLUMNS = [
    ("STT", 12),
    ("Nội dung", 60),
    ("Cử tri (thôn)", 30),
    ("Kết quả", 30),
    ("Tình trạng", 18),
    ("Ghi chú", 15),
]


def answers_summary_line(summary: dict) -> str:
    return (
        f"Tổng số {summary['total']} kiến nghị đã chuyển cơ quan có thẩm quyền: đã giải quyết "
        f"{summary['resolved']}; đang giải quyết {summary['in_progress']}; đã giải trình, "
        f"trả lời {summary['explained']}; không tiếp thu (có lý do) {summary['not_accepted']}; "
        f"chưa trả lời {summary['waiting']}."
    )


def _signer(session, on) -> str:
    chair = standing_chair(term=session.term, on=on)
    return chair.full_name if chair else ""


def register_documents() -> None:
    common = {
        "model": Session,
        "type_code": DocumentType.BC,
        "signer": _signer,
        "print_policy": ("voters.votermeeting", "export"),
        "issuer_body": "THƯỜNG TRỰC",
        "select_related": ("council", "term"),
    }
    register_document(
        DocumentKind(
            code=SYNTHESIS_KIND,
            template="voters/synthesis_report.html",
            build_context=synthesis_context,
            title=synthesis_title,
            filename=lambda s: f"tong-hop-kien-nghi-cu-tri-ky-hop-{s.number}",
            **common,
        )
    )
    answers = {**common, "issuer_body": None, "signer": lambda s, on: ubnd_chair(s.council)}
    register_document(
        DocumentKind(
            code=ANSWERS_KIND,
            template="voters/answers_report.html",
            build_context=answers_context,
            title=answers_title,
            filename=lambda s: f"ket-qua-tra-loi-kien-nghi-cu-tri-ky-hop-{s.number}",
            **answers,
            issuer_code=ANSWERS_ISSUER_CODE,
            not_before=lambda s: s.start_date,  # answered to the voters at (or after) the session
        )
    )
