"""Demo data of the confidence-vote part (``register_demo_loader`` order 21).

The positions the HĐND elects and their holders in every term of the demo council, each with
their retirement settled (no announced retirement); one closed rating at the year-end session
of 2025 (10/12/2025, the 2021-2026 term's last year: the commune was formed by the merger of
1 July 2025, so the page warns that the term's third year was 2023): one person's "low
confidence" is above half of ALL delegates in office (may resign, else a vote of confidence),
everybody else is rated well, one holder elected in 2025 is exempt (LEGAL.md §7, Art. 2.5),
and the counting board is three delegates who are not rated. Idempotent: every record is found
by its natural key; the tallies come from a seeded random generator, so a second run changes
nothing.
"""

import datetime as dt
import random

from django.utils import timezone

from councils.models import Committee, Delegate, Membership, Term
from meetings.models import Session
from supervision.confidence.selectors import exemption_for
from supervision.models.confidence import (
    ConfidenceCandidate,
    ConfidenceVote,
    ElectedPosition,
    PositionHolder,
)

# (name, body, membership that gives the holder: (committee kind, committee name or "", role))
POSITIONS = [
    ("Chủ tịch HĐND xã", "hdnd", (Committee.Kind.STANDING, "", Membership.Role.CHAIR)),
    ("Phó Chủ tịch HĐND xã", "hdnd", (Committee.Kind.STANDING, "", Membership.Role.VICE_CHAIR)),
    (
        "Trưởng Ban Kinh tế - Ngân sách HĐND xã",
        "ban",
        (Committee.Kind.BAN, "Ban Kinh tế - Ngân sách", Membership.Role.HEAD),
    ),
    (
        "Trưởng Ban Văn hóa - Xã hội HĐND xã",
        "ban",
        (Committee.Kind.BAN, "Ban Văn hóa - Xã hội", Membership.Role.HEAD),
    ),
    ("Chủ tịch UBND xã", "ubnd", None),
    ("Phó Chủ tịch UBND xã", "ubnd", None),
    ("Ủy viên UBND xã, Trưởng Công an xã", "ubnd", None),
]
# Holders of the UBND positions who are not delegates, per term number.
UBND_HOLDERS = {
    1: {
        "Chủ tịch UBND xã": "Đặng Quốc Hưng",
        "Phó Chủ tịch UBND xã": "Vũ Thị Minh Nguyệt",
        "Ủy viên UBND xã, Trưởng Công an xã": "Hoàng Văn Dũng",
    },
    2: {
        "Chủ tịch UBND xã": "Đặng Quốc Hưng",
        "Phó Chủ tịch UBND xã": "Phan Thanh Tùng",
        "Ủy viên UBND xã, Trưởng Công an xã": "Hoàng Văn Dũng",
    },
}
# Elected before the merger (1 July 2025) in the former communes, kept on after it.
FIRST_ELECTED = dt.date(2021, 6, 25)
# Elected during the rating year: exempt (LEGAL.md §7, Art. 2.5).
EXEMPT_NAME = "Phan Thanh Tùng"
EXEMPT_POSITION = "Phó Chủ tịch UBND xã"
EXEMPT_ELECTED = dt.date(2025, 9, 15)
RATING_DAY = dt.date(2025, 12, 10)
LOW_POSITION = "Phó Chủ tịch UBND xã"  # Vũ Thị Minh Nguyệt: low > 1/2 of all delegates


def _position(council, order, name, body) -> ElectedPosition:
    position, _created = ElectedPosition.objects.get_or_create(
        council=council, name=name, defaults={"body": body, "order": order}
    )
    return position


def _holder(council, term, position, *, name, delegate=None, start, end=None, note=""):
    holder = PositionHolder.objects.filter(
        council=council, term=term, position=position, full_name=name
    ).first()
    if holder is None:
        holder = PositionHolder.objects.create(
            council=council,
            term=term,
            position=position,
            full_name=name,
            delegate=delegate,
            start_date=start,
            end_date=end,
            retirement=PositionHolder.Retirement.NONE,
            note=note,
        )
    return holder


def _from_membership(term: Term, spec) -> Delegate | None:
    kind, committee_name, role = spec
    qs = Membership.objects.filter(committee__term=term, committee__kind=kind, role=role)
    if committee_name:
        qs = qs.filter(committee__name=committee_name)
    membership = qs.select_related("delegate").order_by("start_date", "id").first()
    return membership.delegate if membership else None


def _holders_of_term(council, term: Term, positions) -> list[PositionHolder]:
    holders = []
    first_term = term.number == 1
    start = FIRST_ELECTED if first_term else term.start_date
    note = (
        "Được bầu giữ chức vụ ngày 25/6/2021 tại HĐND xã cũ, tiếp tục giữ chức vụ từ khi sáp "
        "nhập (01/7/2025)."
        if first_term
        else ""
    )
    for name, _body, spec in POSITIONS:
        position = positions[name]
        if spec is not None:
            delegate = _from_membership(term, spec)
            if delegate is None:
                continue
            holders.append(
                _holder(
                    council,
                    term,
                    position,
                    name=delegate.full_name,
                    delegate=delegate,
                    start=start,
                    end=term.end_date,
                    note=note,
                )
            )
            continue
        person = UBND_HOLDERS.get(term.number, UBND_HOLDERS[2])[name]
        if first_term and name == EXEMPT_POSITION:
            # Vũ Thị Minh Nguyệt held it until the vote of 2025; Phan Thanh Tùng, elected as a
            # second vice-chair in September 2025, is exempt from the rating.
            holders.append(
                _holder(
                    council,
                    term,
                    position,
                    name=person,
                    start=start,
                    end=term.end_date,
                    note=note,
                )
            )
            holders.append(
                _holder(
                    council,
                    term,
                    position,
                    name=EXEMPT_NAME,
                    start=EXEMPT_ELECTED,
                    end=term.end_date,
                    note="Được HĐND xã bầu bổ sung ngày 15/9/2025.",
                )
            )
            continue
        holders.append(
            _holder(council, term, position, name=person, start=start, end=term.end_date, note=note)
        )
    return holders


def _rating(council, term: Term, holders, created_by) -> ConfidenceVote | None:
    vote = ConfidenceVote.objects.filter(
        council=council, term=term, procedure=ConfidenceVote.Procedure.RATING, vote_date=RATING_DAY
    ).first()
    if vote is not None:
        return None
    total = Delegate.objects.filter(term=term).on(RATING_DAY).count()
    if total < 6:
        return None
    rng = random.Random(f"confidence-{council.slug}")
    issued = total - 2
    # The counting board: delegates who are not on the list of those rated.
    rated = {h.delegate_id for h in holders if h.delegate_id}
    board = list(
        Delegate.objects.filter(term=term)
        .on(RATING_DAY)
        .exclude(pk__in=rated)
        .order_by("sort_name", "id")[:3]
    )
    vote = ConfidenceVote.objects.create(
        council=council,
        term=term,
        procedure=ConfidenceVote.Procedure.RATING,
        session=Session.objects.filter(term=term, start_date=RATING_DAY).first(),
        vote_date=RATING_DAY,
        year=RATING_DAY.year,
        delegates_present=issued,
        ballots_issued=issued,
        ballots_returned=issued,
        counting_board_head=board[0] if board else None,
        note="Kỳ họp thường lệ cuối năm 2025 (dữ liệu mẫu).",
    )
    vote.counting_board_members.set(board[1:])
    for holder in holders:
        reason = exemption_for(vote, holder)
        row = ConfidenceCandidate(
            vote=vote, holder=holder, exempt=bool(reason), exemption_reason=reason
        )
        if not reason:
            if holder.position.name == LOW_POSITION:
                # More than half of ALL delegates (not of the ballots): may resign, else a
                # vote of confidence.
                row.low = total // 2 + 1
                row.high = 1
            else:
                row.low = rng.randint(0, 2)
                row.high = rng.randint(issued // 2, issued - row.low)
            row.confidence = issued - row.high - row.low
        row.save()
    vote.state = ConfidenceVote.State.CLOSED
    vote.delegates_in_office = total
    vote.closed_at = timezone.make_aware(dt.datetime.combine(RATING_DAY, dt.time(16, 30)))
    vote.closed_by = created_by
    vote.save()
    return vote


FOLLOW_UP_DAY = dt.date(2026, 2, 10)  # the term's next session, an extraordinary one


def _vote_of_confidence(council, rating: ConfidenceVote, created_by, today):
    """The vote of confidence the rating called for (the Vice-Chair did not resign), held at
    the term's next session and closed: she keeps the confidence of more than half of all
    delegates. Counted by the same board, through the app's own commands."""
    from supervision.confidence.services import follow_up_vote_create, vote_close

    if FOLLOW_UP_DAY > today:
        return None
    low = rating.candidates.filter(holder__position__name=LOW_POSITION).order_by("-low").first()
    if low is None or ConfidenceVote.objects.filter(origin=rating).exists():
        return None
    vote = follow_up_vote_create(rating=rating, candidate=low, user=created_by, on=FOLLOW_UP_DAY)
    total = Delegate.objects.filter(term=rating.term).on(FOLLOW_UP_DAY).count()
    present = total - 1
    vote.session = Session.objects.filter(term=rating.term, start_date=FOLLOW_UP_DAY).first()
    vote.delegates_present = vote.ballots_issued = vote.ballots_returned = present
    vote.counting_board_head = rating.counting_board_head
    vote.note = "Kỳ họp bất thường ngày 10/02/2026 (dữ liệu mẫu)."
    vote.save()
    vote.counting_board_members.set(rating.counting_board_members.all())
    candidate = vote.candidates.get()
    candidate.confidence = total // 2 + 2
    candidate.no_confidence = present - candidate.confidence
    candidate.save()
    return vote_close(vote=vote, user=created_by)


def load_demo(*, council, today, created_by) -> list[str]:
    positions = {
        name: _position(council, order, name, body)
        for order, (name, body, _spec) in enumerate(POSITIONS, start=1)
    }
    lines = []
    terms = Term.objects.filter(council=council, start_date__lte=today).order_by("start_date")
    for term in terms:
        holders = _holders_of_term(council, term, positions)
        if term.number == 1 and term.start_date <= RATING_DAY:
            vote = _rating(council, term, holders, created_by)
            if vote is not None:
                lines.append(
                    f"Đã tạo kết quả lấy phiếu tín nhiệm năm 2025 của {council.short_name}."
                )
                if _vote_of_confidence(council, vote, created_by, today) is not None:
                    lines.append("Đã tạo cuộc bỏ phiếu tín nhiệm ngày 10/02/2026.")
    lines.append(
        f"Chức danh do HĐND bầu của {council.short_name}: {len(positions)}; người giữ chức vụ: "
        f"{PositionHolder.objects.filter(council=council).count()}."
    )
    return lines
