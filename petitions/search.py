"""Receptions and letters in the one search box, with the same masking as the lists.

Neither ``search_text`` holds a protected citizen's name or address (``build_search_text``),
and titles are the record's number and kind, never a name.
"""

from hdnd_portal.core.search import SearchTarget, register_searchable


def _letter_line(x) -> str:
    parts = [x.get_kind_display(), f"nhận {x.received_on:%d/%m/%Y}", x.sender_shown]
    parts.append(x.subject_shown)
    return " · ".join(str(p) for p in parts if p)


def _reception_line(r) -> str:
    return " · ".join(str(p) for p in (r.citizen_shown, r.place) if p)


def register_search() -> None:
    from petitions import selectors

    register_searchable(
        SearchTarget(
            key="petitions.letter",
            label="Đơn thư",
            queryset=lambda a: selectors.letter_list(access=a),
            url=lambda x: x.get_absolute_url(),
            list_url_name="petitions-letter-list",
            describe=_letter_line,
            through=("agency",),
            order=400,
            icon="envelope-exclamation",
        )
    )
    register_searchable(
        SearchTarget(
            key="petitions.reception",
            label="Lượt tiếp công dân",
            queryset=lambda a: selectors.reception_list(access=a),
            url=lambda r: r.get_absolute_url(),
            list_url_name="petitions-reception-list",
            describe=_reception_line,
            order=401,
            icon="people",
        )
    )
