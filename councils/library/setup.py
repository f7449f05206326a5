"""Registrations of the procedures library and emulation (called from ``councils.setup``):
policies, API, search, menu, the delegate's profile section, demo data."""


def register() -> None:
    from councils.library import policies
    from councils.library.api import register as register_api
    from councils.library.demo import load_library
    from councils.library.profile import delegate_section
    from councils.library.search import register_search
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.profile import register_delegate_section

    policies.register()
    register_api(router)
    register_search()
    register_delegate_section(delegate_section)
    register_demo_loader("councils.library", 6, load_library)
    for order, (label, name, icon) in enumerate(
        [
            ("Quy trình, quy chế nội bộ", "procedure", "journal-check"),
            ("Phiên bản quy trình, quy chế", "procedureversion", "file-earmark-text"),
            ("Tiêu chí thi đua", "emulationcriterion", "list-check"),
            ("Đăng ký thi đua", "emulationregistration", "clipboard-check"),
            ("Kết quả bình xét thi đua", "emulationresult", "check2-square"),
            ("Khen thưởng", "reward", "hand-thumbs-up"),
        ]
    ):
        register_nav(
            NavItem(
                "Quy chế, thi đua – khen thưởng",
                label,
                f"councils-{name}-list",
                f"councils.{name}",
                icon=icon,
                order=130 + order,
            )
        )
