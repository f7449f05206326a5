"""Voter meetings and synthesised petitions in the one search box."""

from hdnd_portal.core.search import SearchTarget, register_searchable


def register_search() -> None:
    from voters import selectors

    register_searchable(
        SearchTarget(
            key="voters.synthesizedpetition",
            label="Kiến nghị cử tri tổng hợp",
            queryset=lambda access: selectors.synth_list(access=access),
            url=lambda s: s.get_absolute_url(),
            list_url_name="voters-synthesizedpetition-list",
            describe=lambda s: " · ".join(
                str(p) for p in (s.field, s.get_state_display(), s.agency) if p
            ),
            through=("agency",),  # as the list searches (views.py ``search_through``)
            order=300,
            icon="megaphone",
        )
    )
    register_searchable(
        SearchTarget(
            key="voters.votermeeting",
            label="Tiếp xúc cử tri",
            queryset=lambda access: selectors.meeting_list(access=access),
            url=lambda m: m.get_absolute_url(),
            list_url_name="voters-votermeeting-list",
            describe=lambda m: f"{m.get_kind_display()} · {m.held_on:%d/%m/%Y}",
            through=("holder",),  # as the list searches
            order=301,
            icon="people",
        )
    )
