"""Confidence votes and the holders of elected positions in the one search box."""

from hdnd_portal.core.search import SearchTarget, register_searchable


def register_search() -> None:
    from supervision.confidence import selectors as selectors
    from supervision.confidence.policies import HOLDER, VOTE

    register_searchable(
        SearchTarget(
            key=HOLDER,
            label="Người giữ chức vụ do HĐND bầu",
            queryset=lambda access: selectors.holder_list(access=access),
            url=lambda h: h.get_absolute_url(),
            list_url_name="supervision-positionholder-list",
            describe=lambda h: f"{h.position.name} · Nhiệm kỳ {h.term.name}",
            through=("position",),
            order=260,
            icon="person-check",
        )
    )
    register_searchable(
        SearchTarget(
            key=VOTE,
            label="Lấy phiếu, bỏ phiếu tín nhiệm",
            queryset=lambda access: selectors.vote_list(access=access),
            url=lambda v: v.get_absolute_url(),
            list_url_name="supervision-confidencevote-list",
            describe=lambda v: f"{v.get_state_display()} · Nhiệm kỳ {v.term.name}",
            through=("candidates__holder",),
            order=261,
            icon="clipboard-check",
        )
    )
