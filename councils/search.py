"""The council's organisation in the one search box (``hdnd_portal.core.search``)."""

from django.urls import reverse

from hdnd_portal.core.search import SearchTarget, register_searchable


def _detail(name: str):
    return lambda obj: reverse(f"councils-{name}-detail", args=[obj.pk])


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def _delegate_line(d) -> str:
    return _join(d.position, d.constituency, d.term and f"Nhiệm kỳ {d.term.name}")


def register_search() -> None:
    """Called from CouncilsConfig.ready()."""
    from councils.models import (
        Agency,
        Committee,
        Constituency,
        Delegate,
        Dissemination,
        InformationBrief,
        MandateEnd,
        PartyCell,
        PartyCellMembers,
        PartyDocument,
        Term,
        Training,
    )

    targets = [
        # A delegate is also found by their constituency ("thon ha": the delegates elected there).
        (
            "delegate",
            "Đại biểu",
            lambda a: Delegate.objects.visible_to(a).select_related("term", "constituency"),
            _delegate_line,
            ("constituency",),
            "people",
        ),
        (
            "committee",
            "Thường trực, Ban, Tổ đại biểu",
            lambda a: Committee.objects.visible_to(a).select_related("term"),
            lambda c: _join(c.get_kind_display(), c.area, f"Nhiệm kỳ {c.term.name}"),
            (),
            "diagram-3",
        ),
        (
            "agency",
            "Cơ quan, đơn vị",
            lambda a: Agency.objects.visible_to(a),
            lambda g: _join(g.get_kind_display(), g.head_name, g.phone),
            (),
            "building",
        ),
        (
            "constituency",
            "Đơn vị bầu cử",
            lambda a: Constituency.objects.visible_to(a).select_related("term"),
            lambda c: _join(c.area, f"Nhiệm kỳ {c.term.name}"),
            (),
            "geo-alt",
        ),
        (
            "partycell",
            "Chi bộ",
            lambda a: PartyCell.objects.visible_to(a),
            lambda p: _join(
                p.secretary and f"Bí thư: {p.secretary}", f"{p.member_count} đảng viên"
            ),
            (),
            "flag",
        ),
        (
            "term",
            "Nhiệm kỳ",
            lambda a: Term.objects.visible_to(a),
            lambda t: _join(
                t.start_date and f"Từ {t.start_date:%d/%m/%Y}",
                t.end_date and f"đến {t.end_date:%d/%m/%Y}",
            ),
            (),
            "calendar3",
        ),
        (
            "training",
            "Lớp tập huấn, bồi dưỡng",
            lambda a: Training.objects.visible_to(a),
            lambda t: _join(t.organiser, f"Từ {t.start_date:%d/%m/%Y}", t.place),
            (),
            "journal-text",
        ),
        # A dissemination is found by its party cell's name too ("thon dong").
        (
            "dissemination",
            "Quán triệt Đề án đến chi bộ",
            lambda a: Dissemination.objects.visible_to(a).select_related("party_cell"),
            lambda d: _join(d.party_cell.name, f"Ngày {d.held_on:%d/%m/%Y}", d.presenter),
            ("party_cell",),
            "megaphone",
        ),
        (
            "partydocument",
            "Văn bản lãnh đạo của Đảng ủy",
            lambda a: PartyDocument.objects.visible_to(a),
            lambda d: _join(d.number, f"Ngày {d.issued_on:%d/%m/%Y}", d.get_kind_display()),
            (),
            "file-earmark-text",
        ),
        (
            "informationbrief",
            "Bản tin gửi đại biểu",
            lambda a: InformationBrief.objects.visible_to(a),
            lambda b: _join(b.period, f"Ngày gửi {b.sent_on:%d/%m/%Y}", b.sender),
            (),
            "info-circle",
        ),
        # A mandate's end is found by the delegate's name too ("nguyen van").
        (
            "mandateend",
            "Bãi nhiệm, cho thôi làm đại biểu",
            lambda a: MandateEnd.objects.visible_to(a).select_related("delegate"),
            lambda m: _join(
                m.get_kind_display(), m.decision_number, f"Hiệu lực {m.effective_on:%d/%m/%Y}"
            ),
            ("delegate",),
            "x-circle",
        ),
        (
            "partycellmembers",
            "Số đảng viên của chi bộ",
            lambda a: PartyCellMembers.objects.visible_to(a).select_related("party_cell"),
            lambda r: _join(r.party_cell.name, f"Từ {r.since:%d/%m/%Y}"),
            ("party_cell",),
            "123",
        ),
    ]
    PER_TERM = {"delegate", "committee", "constituency"}
    for order, (name, label, queryset, describe, through, icon) in enumerate(targets):
        register_searchable(
            SearchTarget(
                key=f"councils.{name}",
                label=label,
                queryset=queryset,
                url=_detail(name),
                list_url_name=f"councils-{name}-list",
                describe=describe,
                through=through,
                # These lists open on the term in force; the search finds every term's.
                list_params={"term": ""} if name in PER_TERM else {},
                order=100 + order,
                icon=icon,
            )
        )
