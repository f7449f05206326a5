"""Receptions and letters in the one search box, masked as in the lists.

Neither ``search_text`` holds a protected citizen's name or address (``build_search_text``),
titles are the record's number and kind, never a name, and the line under a title is what
:func:`petitions.selectors.protected_view` shows a list (never revealed, even to a handler).
"""

from hdnd_portal.core.search import SearchTarget, register_searchable


def _letter_line(x) -> str:
    from petitions.selectors import protected_view

    shown = protected_view(x)
    parts = [
        x.get_kind_display(),
        f"nhận {x.received_on:%d/%m/%Y}",
        shown["sender_name"],
        shown["subject"],
    ]
    return " · ".join(str(p) for p in parts if p)


def _reception_line(r) -> str:
    from petitions.selectors import protected_view

    return " · ".join(str(p) for p in (protected_view(r)["citizen_name"], r.place) if p)


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
