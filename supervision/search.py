"""Supervision records in the one search box (``hdnd_portal.core.search``)."""

from hdnd_portal.core.search import SearchTarget, register_searchable


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def register_search() -> None:
    """Called from SupervisionConfig.ready()."""
    from supervision import selectors

    targets = [
        (
            "activity",
            "Hoạt động giám sát",
            selectors.activity_list,
            lambda a: _join(a.get_kind_display(), a.body_label, f"{a.start_date:%d/%m/%Y}"),
            ("agencies",),
            "binoculars",
        ),
        (
            "programmeitem",
            "Nội dung chương trình giám sát",
            selectors.programmeitem_list,
            lambda i: _join(i.programme.body_label, f"tháng {i.planned_month}/{i.programme.year}"),
            ("agencies",),
            "list-ul",
        ),
        (
            "recommendation",
            "Kiến nghị sau giám sát",
            selectors.recommendation_list,
            lambda r: _join(r.agency, r.state_label, f"hạn {r.due_date:%d/%m/%Y}"),
            ("agency",),
            "clipboard-check",
        ),
        (
            "conclusion",
            "Báo cáo, kết luận giám sát",
            selectors.conclusion_list,
            lambda c: _join(c.activity.topic),
            (),
            "file-earmark-check",
        ),
        (
            "question",
            "Chất vấn, giải trình",
            selectors.question_list,
            lambda q: _join(q.asked_by, q.agency),
            ("asked_by", "agency"),
            "chat-quote",
        ),
    ]
    for order, (name, label, selector, describe, through, icon) in enumerate(targets):
        register_searchable(
            SearchTarget(
                key=f"supervision.{name}",
                label=label,
                queryset=lambda access, selector=selector: selector(access=access),
                url=lambda obj: obj.get_absolute_url(),
                list_url_name=f"supervision-{name}-list",
                describe=describe,
                through=through,
                order=300 + order,
                icon=icon,
            )
        )
