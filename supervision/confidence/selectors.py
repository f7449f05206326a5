"""Reads of the confidence-vote part: the lists, and a vote's computed result.

Every share is counted against ALL delegates of the term in office on the vote day, never
against the ballots returned (LEGAL.md §7, DOCUMENTS.md §7); the consequences come from the
threshold rules in force that day (``confidence.*``, seeded by ``seed_legal_rules``), compared
in whole numbers (``ThresholdRule.met``). Nothing of a result is typed or stored, except the
delegate total frozen when the tally is closed.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from councils.models import Delegate, Term
from hdnd_portal.core.access import Access
from hdnd_portal.followups.rules import ThresholdNotFound, ThresholdRule, threshold_in_force
from meetings.models import Session
from supervision.models.confidence import (
    ConfidenceCandidate,
    ConfidenceVote,
    ElectedPosition,
    PositionHolder,
)

RATING_RESIGN = "confidence.rating_low_resign"
RATING_DISMISS = "confidence.rating_low_dismiss"
VOTE_NO_CONFIDENCE = "confidence.vote_no_confidence"
# Resolution 96/2023/QH15, Art. 2.5 (LEGAL.md §7, V): who is not rated.
EXEMPTION_CITATION = "Khoản 5 Điều 2 Nghị quyết 96/2023/QH15"
# Once per term, at the regular year-end session of the term's third year (LEGAL.md §7, M; the
# same words as Art. 7 of Resolution 85/2014/QH13 it replaced): the article is not verified.
SCHEDULE_CITATION = "Nghị quyết 96/2023/QH15"

RATING_OPTIONS = (("high", "Tín nhiệm cao"), ("confidence", "Tín nhiệm"), ("low", "Tín nhiệm thấp"))
VOTE_OPTIONS = (("confidence", "Tín nhiệm"), ("no_confidence", "Không tín nhiệm"))


def position_list(*, access: Access | None) -> QuerySet[ElectedPosition]:
    return (
        ElectedPosition.objects.visible_to(access)
        .annotate(holder_count=Count("holders"))
        .order_by("order", "name", "id")
    )


def holder_list(*, access: Access | None) -> QuerySet[PositionHolder]:
    return (
        PositionHolder.objects.visible_to(access)
        .select_related("position", "term", "delegate")
        .order_by("-term__start_date", "position__order", "start_date", "id")
    )


def vote_list(*, access: Access | None) -> QuerySet[ConfidenceVote]:
    return (
        ConfidenceVote.objects.visible_to(access)
        .select_related("term", "session")
        .annotate(
            candidate_count=Count("candidates", filter=Q(candidates__exempt=False), distinct=True)
        )
        .order_by("-vote_date", "-id")
    )


def candidates_of(vote: ConfidenceVote) -> list[ConfidenceCandidate]:
    """The people on ``vote``'s ballot, in the ballot's order (one query)."""
    rows = list(
        vote.candidates.select_related("holder__position", "holder__delegate").order_by(
            "holder__position__order", "holder__full_name", "id"
        )
    )
    for row in rows:
        row.vote = vote  # no query per row for the procedure
    return rows


def candidate_prefetch() -> Prefetch:
    return Prefetch(
        "candidates",
        queryset=ConfidenceCandidate.objects.select_related("holder__position").order_by(
            "holder__position__order", "holder__full_name", "id"
        ),
    )


def percent(count: int, total: int) -> str:
    """ "53,33" (Vietnamese decimal comma), of ``total``; "0,00" when there is no total."""
    if total <= 0:
        return "0,00"
    return f"{count * 100 / total:.2f}".replace(".", ",")


@dataclass
class Share:
    label: str
    count: int
    percent: str


@dataclass
class CandidateResult:
    candidate: ConfidenceCandidate
    shares: list[Share] = field(default_factory=list)
    consequence: str = ""
    rule: ThresholdRule | None = None
    needs_vote: bool = False  # a rating whose outcome asks for a vote of confidence
    warning: str = ""

    @property
    def citation(self) -> str:
        return self.rule.citation if self.rule else ""

    @property
    def name(self) -> str:
        return self.candidate.holder.full_name

    @property
    def position(self) -> str:
        return self.candidate.holder.position.name


@dataclass
class VoteResult:
    vote: ConfidenceVote
    total: int  # all delegates in office on the vote day
    rows: list[CandidateResult]
    option_labels: tuple[str, ...]
    rules: list[ThresholdRule]
    missing_rules: list[str]
    schedule_warning: str = ""

    @property
    def ballots_valid(self) -> int:
        """Valid ballots: those returned minus the most invalid ones counted on any row."""
        counted = [r.candidate.invalid for r in self.rows if not r.candidate.exempt]
        return self.vote.ballots_returned - (max(counted) if counted else 0)

    @property
    def ballots_invalid(self) -> int:
        return self.vote.ballots_returned - self.ballots_valid

    @property
    def warnings(self) -> list[str]:
        """Non-blocking: the rating's timing, then the people's exemptions to settle."""
        schedule = [self.schedule_warning] if self.schedule_warning else []
        return schedule + [r.warning for r in self.rows if r.warning]

    @property
    def consequences(self) -> list[CandidateResult]:
        return [r for r in self.rows if r.consequence]


def _rules(vote: ConfidenceVote) -> tuple[dict[str, ThresholdRule], list[str]]:
    codes = [RATING_DISMISS, RATING_RESIGN] if vote.is_rating else [VOTE_NO_CONFIDENCE]
    found, missing = {}, []
    for code in codes:
        try:
            found[code] = threshold_in_force(code, vote.vote_date, vote.council_id)
        except ThresholdNotFound as exc:
            missing.append(exc.message)
    return found, missing


def exemption_for(vote: ConfidenceVote, holder: PositionHolder) -> str:
    """Why ``holder`` is not rated in ``vote`` (an ``Exemption`` value), or "" (Art. 2.5):
    elected or approved in the year the rating is held — the vote day's year, not the year
    assessed —, or a retirement (nghỉ hưu, nghỉ chờ hưu) announced by the vote day."""
    if not vote.is_rating:
        return ""
    if holder.start_date.year == vote.rating_year:
        return ConfidenceCandidate.Exemption.NEW
    if holder.retirement_announced_by(vote.vote_date):
        return ConfidenceCandidate.Exemption.RETIREMENT
    return ""


def exemption_warning(vote: ConfidenceVote, candidate: ConfidenceCandidate) -> str:
    """A person left on the ballot who should not be rated, or whose retirement the clerk has
    not settled yet (only while the tally is open: then it can still change the ballot)."""
    if not vote.is_rating or candidate.exempt:
        return ""
    holder = candidate.holder
    reason = exemption_for(vote, holder)
    if reason == ConfidenceCandidate.Exemption.NEW:
        return (
            f"{holder.full_name} nhận chức ngày {holder.start_date:%d/%m/%Y}, trong năm lấy "
            f"phiếu {vote.rating_year}: thuộc diện không lấy phiếu ({EXEMPTION_CITATION}) "
            "nhưng chưa được đánh dấu “không lấy phiếu”."
        )
    if reason == ConfidenceCandidate.Exemption.RETIREMENT:
        return (
            f"{holder.full_name} đã có thông báo nghỉ hưu, nghỉ chờ hưu ngày "
            f"{holder.retirement_date:%d/%m/%Y}: thuộc diện không lấy phiếu "
            f"({EXEMPTION_CITATION}) nhưng chưa được đánh dấu “không lấy phiếu”."
        )
    if holder.retirement_undecided and vote.is_open:
        return (
            f"Chưa ghi {holder.full_name} đã có thông báo nghỉ hưu, nghỉ chờ hưu hay chưa: "
            "người đã có thông báo thì không lấy phiếu "
            f"({EXEMPTION_CITATION}). Cập nhật ở trang người giữ chức vụ trước khi lấy phiếu."
        )
    return ""


def term_third_year(term: Term) -> int:
    """The calendar year that is the third of ``term``: its years are counted from the election
    that opened it (a council formed in mid-term by a merger carries on the same term), else
    from its first session."""
    return (term.election_date or term.start_date).year + 2


def schedule_warning(vote: ConfidenceVote) -> str:
    """A rating held elsewhere than at the regular year-end session of the term's third year
    (LEGAL.md §7): said, never refused — the council decides, the page warns."""
    if not vote.is_rating:
        return ""
    year = term_third_year(vote.term)
    rule = (
        "lấy phiếu tín nhiệm được tiến hành một lần trong nhiệm kỳ, tại kỳ họp thường lệ cuối "
        f"năm thứ ba của nhiệm kỳ — năm {year} ({SCHEDULE_CITATION})"
    )
    if vote.vote_date.year != year:
        return f"Cuộc lấy phiếu ngày {vote.vote_date:%d/%m/%Y} không đúng thời điểm: {rule}."
    session = vote.session
    if session is None:
        return f"Chưa chọn kỳ họp: {rule}."
    later_regular = Session.objects.filter(
        term_id=vote.term_id,
        kind=Session.Kind.REGULAR,
        start_date__year=year,
        start_date__gt=session.start_date,
    )
    if (
        session.kind != Session.Kind.REGULAR
        or session.start_date.year != year
        or later_regular.exists()
    ):
        return (
            f"Kỳ họp thứ {session.number} ({session.get_kind_display().lower()}, khai mạc "
            f"{session.start_date:%d/%m/%Y}) không phải kỳ họp thường lệ cuối năm {year}: {rule}."
        )
    return ""


def counting_board(vote: ConfidenceVote) -> list[tuple[Delegate, str]]:
    """The counting board (Ban kiểm phiếu): the head first, then the members by name."""
    board = []
    if vote.counting_board_head_id:
        board.append((vote.counting_board_head, "Trưởng ban"))
    members = vote.counting_board_members.exclude(pk=vote.counting_board_head_id).order_by(
        "sort_name", "id"
    )
    board += [(member, "Ủy viên") for member in members]
    return board


def vote_result(vote: ConfidenceVote, candidates: list[ConfidenceCandidate] | None = None):
    """The computed result of ``vote``: shares of all delegates, consequences, warnings."""
    candidates = candidates_of(vote) if candidates is None else candidates
    total = vote.delegate_total()
    rules, missing = _rules(vote)
    options = RATING_OPTIONS if vote.is_rating else VOTE_OPTIONS
    rows = []
    for c in candidates:
        row = CandidateResult(candidate=c, warning=exemption_warning(vote, c))
        if c.exempt:
            row.consequence = ""
            rows.append(row)
            continue
        row.shares = [
            Share(label, getattr(c, name), percent(getattr(c, name), total))
            for name, label in options
        ]
        if vote.is_rating:
            dismiss, resign = rules.get(RATING_DISMISS), rules.get(RATING_RESIGN)
            if dismiss is not None and dismiss.met(c.low, total):
                row.rule = dismiss
                row.consequence = (
                    f"Tín nhiệm thấp {c.low}/{total} đại biểu ({dismiss.share_label}): "
                    "đề nghị miễn nhiệm (bãi nhiệm)."
                )
            elif resign is not None and resign.met(c.low, total):
                row.rule = resign
                row.needs_vote = True
                row.consequence = (
                    f"Tín nhiệm thấp {c.low}/{total} đại biểu ({resign.share_label}): "
                    "có thể xin từ chức; nếu không, HĐND bỏ phiếu tín nhiệm."
                )
        else:
            rule = rules.get(VOTE_NO_CONFIDENCE)
            if rule is not None and rule.met(c.no_confidence, total):
                row.rule = rule
                row.consequence = (
                    f"Không tín nhiệm {c.no_confidence}/{total} đại biểu ({rule.share_label}): "
                    "từ chức hoặc bị miễn nhiệm (bãi nhiệm)."
                )
        rows.append(row)
    return VoteResult(
        vote=vote,
        total=total,
        rows=rows,
        option_labels=tuple(label for _name, label in options),
        rules=list(rules.values()),
        missing_rules=missing,
        schedule_warning=schedule_warning(vote),
    )
