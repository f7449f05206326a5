"""Everything the kernel learns about the councils app (policies, API, documents, search, menu,
follow-up kinds, metrics, profile sections, demo loaders), called from its ``AppConfig.ready()``:
every app and sub-package wires itself the same way, in its ``setup.register()``."""


def register() -> None:
    from councils import home, metrics, policies
    from councils.api import register as register_api
    from councils.demo import load_plan_records
    from councils.reports import register_documents
    from councils.search import register_search
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav

    policies.register()
    register_api(router)
    register_documents()  # the roster (printing registry)
    register_search()
    home.register_home()  # home panels, "Hồ sơ của tôi"
    metrics.register()  # targets 1.1 and 1.3 of the plan
    register_demo_loader("councils.plan_records", 5, load_plan_records)

    for order, (label, name, icon) in enumerate(
        [
            ("Đại biểu", "delegate", "people"),
            ("Nhiệm kỳ", "term", "calendar3"),
            ("Đơn vị bầu cử", "constituency", "geo-alt"),
            ("Thường trực, Ban, Tổ đại biểu", "committee", "diagram-3"),
            ("Chức vụ, thành viên", "membership", "person-badge"),
            ("Cơ quan, đơn vị", "agency", "building"),
            ("Chi bộ", "partycell", "flag"),
            ("Số đảng viên của chi bộ", "partycellmembers", "123"),
            ("Tập huấn, bồi dưỡng đại biểu", "training", "journal-text"),
            ("Bản tin gửi đại biểu", "informationbrief", "info-circle"),
            ("Quán triệt Đề án đến chi bộ", "dissemination", "megaphone"),
            ("Văn bản lãnh đạo của Đảng ủy", "partydocument", "file-earmark-text"),
            ("Bãi nhiệm, cho thôi làm đại biểu", "mandateend", "x-circle"),
            ("Người dùng", "user", "key"),
        ]
    ):
        register_nav(
            NavItem(
                "Tổ chức HĐND",
                label,
                f"councils-{name}-list",
                f"councils.{name}",
                icon=icon,
                order=100 + order,
            )
        )
    from hdnd_portal.core.access import DELEGATE
    from hdnd_portal.core.navigation import nav_first

    nav_first(DELEGATE, "councils-my-profile", "councils-informationbrief-list")

    # The internal procedures library and emulation and rewards (issue 22, items 2 and 3).
    from councils.library import setup as library_setup

    library_setup.register()
