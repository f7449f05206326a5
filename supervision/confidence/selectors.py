"""Reads of the confidence-vote part: the lists, and a vote's computed result.

Every share is counted against ALL delegates of the term in office on the vote day, never
against the ballots returned (LEGAL.md §7, DOCUMENTS.md §7); the consequences come from the
threshold rules in force that day (``confidence.*``, seeded by ``seed_legal_rules``), compared
in whole numbers (``ThresholdRule.met``). Nothing of a result is typed or stored, except the
delegate total frozen when the tally is closed.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from hdnd_portal.core.access import Access
from hdnd_portal.followups.rules import ThresholdNotFound, ThresholdRule, threshold_in_force
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
        return [r.warning for r in self.rows if r.warning]

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


def exemption_warning(vote: ConfidenceVote, candidate: ConfidenceCandidate) -> str:
    """A holder who took office in the rating year and is still on the ballot."""
    if not vote.is_rating or candidate.exempt or not candidate.took_office_in(vote.year):
        return ""
    return (
        f"{candidate.holder.full_name} nhận chức ngày {candidate.holder.start_date:%d/%m/%Y}, "
        f"trong năm lấy phiếu {vote.year}: thuộc diện không lấy phiếu ({EXEMPTION_CITATION}) "
        "nhưng chưa được đánh dấu “không lấy phiếu”."
    )


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
    )
