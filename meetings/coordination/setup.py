"""Registrations of the coordination regulation, called from ``MeetingsConfig.ready()``:
policies, API viewsets, menu entries, search targets, the follow-up kind
``coordination_review`` (the regulation's yearly review) and the demo loader."""

from hdnd_portal.core.navigation import NavItem, register_nav
from hdnd_portal.core.search import SearchTarget, register_searchable

# After the preparation part (11), whose joint meetings it links to the regulations.
COORDINATION_DEMO_ORDER = 12


def register_search() -> None:
    from meetings.coordination import selectors as selectors

    register_searchable(
        SearchTarget(
            key="meetings.coordinationregulation",
            label="Quy chế phối hợp",
            queryset=lambda access: selectors.coordinationregulation_list(access=access),
            url=lambda obj: obj.get_absolute_url(),
            list_url_name="meetings-coordinationregulation-list",
            describe=lambda r: f"Ký ngày {r.signed_on:%d/%m/%Y} · hiệu lực {r.validity_label}",
            order=226,
            icon="people",
        )
    )
    register_searchable(
        SearchTarget(
            key="meetings.coordinationreview",
            label="Đánh giá thực hiện quy chế phối hợp",
            queryset=lambda access: selectors.coordinationreview_list(access=access),
            url=lambda obj: obj.get_absolute_url(),
            list_url_name="meetings-coordinationreview-list",
            describe=lambda r: f"{r.get_kind_display()} · {r.held_on:%d/%m/%Y}",
            order=227,
            icon="clipboard-check",
        )
    )


def register_menu() -> None:
    # In the Standing Committee's section, beside its meetings and quarterly reports.
    for label, name, icon, order in (
        ("Quy chế phối hợp", "coordinationregulation", "people", 232),
        ("Đánh giá thực hiện quy chế", "coordinationreview", "clipboard-check", 233),
    ):
        register_nav(
            NavItem(
                "Thường trực HĐND",
                label,
                f"meetings-{name}-list",
                f"meetings.{name}",
                icon=icon,
                order=order,
            )
        )


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.followups.kinds import register_kind
    from meetings.coordination import api as coordination_api
    from meetings.coordination import demo as coordination_demo
    from meetings.coordination import policies as coordination_policies
    from meetings.coordination.services import COORDINATION_REVIEW, COORDINATION_REVIEW_LABEL

    coordination_policies.register()
    coordination_api.register(router)
    register_menu()
    register_search()
    # Due on 31 December of each year the regulation is in force (given by the service).
    register_kind(COORDINATION_REVIEW, COORDINATION_REVIEW_LABEL, icon="clipboard-check")
    register_demo_loader("meetings.coordination", COORDINATION_DEMO_ORDER, coordination_demo.load)
