"""Registrations of delegates' supervision plans, called from ``supervision.setup.register``:
policies, API, menu, search, the delegate's profile section, demo data."""


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.profile import register_delegate_section
    from hdnd_portal.core.search import SearchTarget, register_searchable
    from supervision.plans import policies, selectors
    from supervision.plans.api import register as register_api
    from supervision.plans.demo import load_demo
    from supervision.plans.profile import delegate_plan_section

    policies.register()
    register_api(router)
    register_delegate_section(delegate_plan_section)
    register_demo_loader("supervision.plans", 22, load_demo)
    register_nav(
        NavItem(
            "Giám sát",
            "Kế hoạch giám sát của đại biểu",
            "supervision-delegateplan-list",
            policies.PLAN,
            icon="person-badge",
            order=307,
        )
    )
    register_nav(
        NavItem(
            "Giám sát",
            "Nội dung kế hoạch của đại biểu",
            "supervision-delegateplanitem-list",
            policies.PLAN_ITEM,
            icon="list-check",
            order=308,
        )
    )
    register_searchable(
        SearchTarget(
            key=policies.PLAN_ITEM,
            label="Kế hoạch giám sát của đại biểu",
            queryset=lambda access: selectors.delegateplanitem_list(access=access),
            url=lambda obj: obj.get_absolute_url(),
            list_url_name="supervision-delegateplanitem-list",
            describe=lambda i: (
                f"{i.plan.delegate.full_name} · tháng {i.planned_month}/{i.plan.year}"
            ),
            through=("agency",),
            order=310,
            icon="person-badge",
        )
    )
