"""Excel import of voters' petitions (kernel importer, ``hdnd_portal.core.importer``).

Offices collect petitions in Excel, one row per petition with the meeting it was raised at.
Rows with the same date, place, kind and holder become one meeting (found if it is already in
the portal, so a sheet imported in two parts adds no duplicate meeting). At most 10,000 rows a
file (the kernel's ``max_rows``), read in one pass with the look-ups cached per request.
"""

import weakref

from django.core.exceptions import ValidationError
from simple_history.utils import update_change_reason

from councils.models import Committee
from hdnd_portal.core.importer import (
    ImportColumn,
    ImportResult,
    ImportSpec,
    choice_parser,
    parse_date,
    parse_int,
    parse_multiline,
)
from hdnd_portal.core.text import fold
from meetings.models import Session
from voters import services
from voters.models import PetitionField, VoterMeeting

# Look-ups (fields, holders, sessions) read once per request, not once per row.
_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

IMPORTED = "Nhập từ Excel"


class _Lookups:
    def __init__(self, council_id: int):
        self.fields = {fold(f.name): f for f in PetitionField.objects.filter(council_id=council_id)}
        self.holders: dict[str, list[Committee]] = {}
        for c in (
            Committee.objects.filter(term__council_id=council_id)
            .exclude(kind=Committee.Kind.BAN)
            .select_related("term")
        ):
            self.holders.setdefault(fold(c.name), []).append(c)
        self.sessions = list(Session.objects.filter(council_id=council_id).select_related("term"))


def _lookups(access) -> _Lookups:
    found = _CACHE.get(access)
    if found is None:
        found = _CACHE[access] = _Lookups(access.council_id)
    return found


def _in_term(term, day) -> bool:
    return term.start_date <= day and (term.end_date is None or day <= term.end_date)


class PetitionImport(ImportSpec):
    key = "voters.voterpetition"
    title = "Nhập ý kiến, kiến nghị cử tri từ Excel"
    policy = ("voters.voterpetition", "add")
    list_url_name = "voters-voterpetition-list"
    intro = (
        "Mỗi dòng là một ý kiến, kiến nghị, kèm cuộc tiếp xúc nơi cử tri nêu. Các dòng cùng "
        "ngày, địa điểm, hình thức và tổ chức tiếp xúc thuộc một cuộc tiếp xúc. Tối đa 10.000 "
        "dòng mỗi tệp."
    )
    columns = (
        ImportColumn(
            "Ngày tiếp xúc", "held_on", required=True, parse=parse_date, example="28/06/2026"
        ),
        ImportColumn("Địa điểm tiếp xúc", "place", required=True, example="Nhà văn hóa thôn Hạ"),
        ImportColumn(
            "Hình thức",
            "kind",
            required=True,
            parse=choice_parser(VoterMeeting.Kind),
            example=str(VoterMeeting.Kind.BEFORE.label),
            help="Một trong: " + ", ".join(str(label) for label in VoterMeeting.Kind.labels),
        ),
        ImportColumn(
            "Tổ chức tiếp xúc",
            "holder",
            required=True,
            example="Tổ đại biểu số 1",
            help="Tên tổ đại biểu, hoặc Thường trực HĐND (tiếp xúc chuyên đề)",
        ),
        ImportColumn(
            "Kỳ họp thứ",
            "session",
            parse=parse_int,
            example=3,
            help="Số kỳ họp trong nhiệm kỳ; bắt buộc với tiếp xúc trước, sau kỳ họp",
        ),
        ImportColumn("Số cử tri tham dự", "voter_count", parse=parse_int, example=85),
        ImportColumn(
            "Nội dung kiến nghị",
            "content",
            required=True,
            parse=parse_multiline,
            example="Đề nghị sửa chữa tuyến đường liên thôn bị xuống cấp",
        ),
        ImportColumn(
            "Lĩnh vực",
            "field",
            required=True,
            example="Giao thông, hạ tầng",
            help="Tên một lĩnh vực trong danh mục “Lĩnh vực kiến nghị”",
        ),
        ImportColumn("Địa bàn liên quan", "petition_place", example="Thôn Hạ"),
        ImportColumn("Cử tri nêu ý kiến", "raised_by", example="", help="Có thể để trống"),
        ImportColumn("Số cử tri cùng kiến nghị", "petition_voters", parse=parse_int, example=3),
    )

    max_lengths = {"place": 200, "petition_place": 200, "raised_by": 200}

    def check_row(self, values, *, access):
        # Every look-up is tried, so one pass names every unknown field, group and session.
        found = _lookups(access)
        errors = []
        field = found.fields.get(fold(values["field"]))
        if field is None:
            errors.append(
                f"Cột “Lĩnh vực”: “{values['field']}” không có trong danh mục lĩnh vực kiến nghị."
            )
        day = values["held_on"]
        holders = [
            c for c in found.holders.get(fold(values["holder"]), []) if _in_term(c.term, day)
        ]
        if not holders:
            errors.append(
                f"Cột “Tổ chức tiếp xúc”: không có “{values['holder']}” trong nhiệm kỳ ngày "
                f"{day:%d/%m/%Y}."
            )
            raise ValidationError(errors)
        holder = holders[0]
        session = None
        if values["session"] is not None:
            session = next(
                (
                    s
                    for s in found.sessions
                    if s.term_id == holder.term_id and s.number == values["session"]
                ),
                None,
            )
            if session is None:
                errors.append(
                    f"Cột “Kỳ họp thứ”: nhiệm kỳ {holder.term.name} chưa có kỳ họp thứ "
                    f"{values['session']}."
                )
        meeting = VoterMeeting(
            council_id=access.council_id,
            kind=values["kind"],
            holder=holder,
            session=session,
            place=values["place"],
            held_on=day,
        )
        try:
            meeting.clean()
        except ValidationError as exc:
            errors.append(" ".join(exc.messages))
        if errors:
            raise ValidationError(errors)
        return {**values, "field_obj": field, "holder_obj": holder, "session_obj": session}

    def save_rows(self, rows, *, access, user):
        result = ImportResult()
        meetings: dict[tuple, VoterMeeting] = {}
        new_meetings = 0
        petitions = []
        for values in rows:
            key = (
                values["held_on"],
                fold(values["place"]),
                values["kind"],
                values["holder_obj"].pk,
            )
            meeting = meetings.get(key)
            if meeting is None:
                meeting = (
                    VoterMeeting.objects.filter(
                        council_id=access.council_id,
                        held_on=values["held_on"],
                        place=values["place"],
                        kind=values["kind"],
                        holder=values["holder_obj"],
                    )
                    .order_by("id")
                    .first()
                )
                if meeting is None:
                    # The page's and the API's commands: the same rules, history for each row.
                    meeting = services.meeting_save(
                        access=access,
                        instance=None,
                        values={
                            "kind": values["kind"],
                            "holder": values["holder_obj"],
                            "session": values["session_obj"],
                            "place": values["place"],
                            "held_on": values["held_on"],
                            "voter_count": values["voter_count"] or 0,
                        },
                    )
                    update_change_reason(meeting, IMPORTED)
                    new_meetings += 1
                meetings[key] = meeting
            petition = services.petition_save(
                access=access,
                instance=None,
                values={
                    "meeting": meeting,
                    "content": values["content"],
                    "field": values["field_obj"],
                    "place": values["petition_place"] or "",
                    "raised_by": values["raised_by"] or "",
                    "voter_count": values["petition_voters"] or 1,
                },
            )
            update_change_reason(petition, IMPORTED)
            petitions.append(petition)
        result.created = len(petitions)
        result.messages.append(
            f"Các kiến nghị thuộc {len(meetings)} cuộc tiếp xúc ({new_meetings} cuộc mới)."
        )
        return result
