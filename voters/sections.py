"""The voters app's parts of other apps' reports (``hdnd_portal.documents.sections``):
section 3 of the Standing Committee's quarterly report, the petitions a session's results
report counts."""

import datetime as dt

from hdnd_portal.documents.sections import (
    QUARTERLY_VOTERS,
    SESSION_PETITIONS,
    Section,
    register_report_part,
)


def _percent(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def voters_section(*, council, start: dt.date, end: dt.date, access) -> Section:
    """3. Voter contact: the quarter's voter meetings and the dashboard's target 1.5.b count
    (``voters.counts.petitions_forwarded``)."""
    from voters.counts import petitions_forwarded
    from voters.selectors import meeting_list

    meetings = list(
        meeting_list(access=access)
        .filter(council=council, held_on__range=(start, end))
        .values_list("voter_count", "speaker_count")
    )
    forwarded = petitions_forwarded(council=council, start=start, end=end)
    paragraphs = [
        f"Các Tổ đại biểu và Thường trực HĐND tổ chức {len(meetings)} cuộc tiếp xúc cử tri "
        f"với {sum(v for v, _s in meetings)} lượt cử tri tham dự, "
        f"{sum(s for _v, s in meetings)} lượt cử tri phát biểu ý kiến."
        if meetings
        else "Trong quý không tổ chức cuộc tiếp xúc cử tri nào.",
        f"Tổng hợp {forwarded['total']} ý kiến, kiến nghị của cử tri; đã chuyển "
        f"{forwarded['forwarded']} kiến nghị đến cơ quan có thẩm quyền trả lời, giải quyết "
        f"(đạt {_percent(forwarded['percent'])}).",
    ]
    return Section("3. Công tác tiếp xúc cử tri", paragraphs)


def session_petitions(*, session, access) -> tuple[int, int]:
    """(petitions synthesised before the session, those answered) — the voters app's list."""
    from voters.models import SynthesizedPetition
    from voters.selectors import synth_list

    petitions = synth_list(access=access).filter(session=session)
    states = list(petitions.values_list("state", flat=True))
    answered = sum(1 for s in states if s in SynthesizedPetition.ANSWERED_STATES)
    return len(states), answered


def register() -> None:
    register_report_part(QUARTERLY_VOTERS, voters_section)
    register_report_part(SESSION_PETITIONS, session_petitions)
