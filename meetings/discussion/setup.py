"""Registrations of group discussion and social criticism, called from
``meetings.setup.register()``: policies, API, menu, search targets, the printed synthesis and
the demo loader."""

from hdnd_portal.core.navigation import NavItem, register_nav
from hdnd_portal.core.search import SearchTarget, register_searchable

DEMO_ORDER = 12


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


# What each list's search reaches beyond its own text (views.py ``search_through``): the same
# here, so "Xem tất cả N kết quả" opens a list of those N.
LIST_THROUGH = {
    "discussiongroup": ("chair",),
    "discussionopinion": ("speaker",),
    "socialcriticism": ("draft",),
}


def register_search() -> None:
    from meetings.discussion import selectors

    targets = [
        (
            "discussiongroup",
            "Thảo luận tổ",
            selectors.discussiongroup_list,
            lambda g: _join(g.session.name, f"{g.held_on:%d/%m/%Y}", g.place),
            "people",
        ),
        (
            "discussionopinion",
            "Ý kiến thảo luận tổ",
            selectors.discussionopinion_list,
            lambda o: _join(o.speaker_label, o.group.name, o.uptake_label),
            "chat-left-text",
        ),
        (
            "socialcriticism",
            "Phản biện xã hội",
            selectors.socialcriticism_list,
            lambda c: _join(f"{c.dated_on:%d/%m/%Y}", c.draft.title, c.state_label),
            "megaphone",
        ),
    ]
    for order, (name, label, selector, describe, icon) in enumerate(targets):
        register_searchable(
            SearchTarget(
                key=f"meetings.{name}",
                label=label,
                queryset=lambda access, selector=selector: selector(access=access),
                url=lambda obj: obj.get_absolute_url(),
                list_url_name=f"meetings-{name}-list",
                describe=describe,
                list_params={"term": ""},
                through=LIST_THROUGH[name],
                order=240 + order,
                icon=icon,
            )
        )


def register_menu() -> None:
    entries = [
        ("Thảo luận tổ", "discussiongroup", "people", 206),
        ("Ý kiến thảo luận tổ", "discussionopinion", "chat-left-text", 207),
        ("Phản biện xã hội", "socialcriticism", "megaphone", 208),
    ]
    for label, name, icon, order in entries:
        register_nav(
            NavItem(
                "Kỳ họp", label, f"meetings-{name}-list", f"meetings.{name}", icon=icon, order=order
            )
        )


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from meetings.discussion import api, demo, policies, reports

    policies.register()
    api.register(router)
    reports.register_documents()
    register_menu()
    register_search()
    register_demo_loader("meetings.discussion", DEMO_ORDER, demo.load)
