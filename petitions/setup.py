"""Everything the kernel learns about this app, called from ``PetitionsConfig.ready()``."""

from django.urls import reverse


def delegate_section(request, delegate):
    """ "Tiếp công dân" on a delegate's profile: the receptions they took part in."""
    from hdnd_portal.core.permissions import can
    from petitions.policies import RECEPTION
    from petitions.selectors import receptions_of_delegate

    access = getattr(request, "access", None)
    if not can(access, RECEPTION, "view"):
        return None
    return {
        "title": "Tiếp công dân",
        "template": "petitions/_delegate_receptions.html",
        "context": {
            "receptions": receptions_of_delegate(access=access, delegate=delegate),
            "list_url": f"{reverse('petitions-reception-list')}?receivers={delegate.pk}",
        },
    }


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.profile import register_delegate_section
    from hdnd_portal.followups.kinds import register_kind
    from petitions import checks, policies, selectors  # noqa: F401 - checks: the deploy checks
    from petitions.api import register as register_api
    from petitions.demo import load_demo
    from petitions.metrics import register_metrics
    from petitions.reports import register_documents
    from petitions.search import register_search
    from petitions.services import LETTER_FOLLOWUP, LETTER_HANDLING, letter_extension_check

    policies.register()
    register_api(router)
    register_metrics()
    register_documents()
    register_search()
    register_kind(
        LETTER_FOLLOWUP,
        "Đơn thư chuyển cơ quan có thẩm quyền",
        icon="envelope-exclamation",
        check_extend=letter_extension_check,
        source_panel=selectors.letter_followup_panel,
    )
    register_kind(LETTER_HANDLING, "Chuyển/xử lý đơn (Văn phòng)", icon="envelope-arrow-up")
    register_delegate_section(delegate_section)
    register_demo_loader("petitions", 40, load_demo)
    for order, (section, label, name, resource, icon) in enumerate(
        [
            (
                "Tiếp công dân",
                "Lịch tiếp công dân",
                "petitions-receptionschedule-list",
                policies.SCHEDULE,
                "calendar3",
            ),
            (
                "Tiếp công dân",
                "Sổ tiếp công dân",
                "petitions-reception-list",
                policies.RECEPTION,
                "people",
            ),
            (
                "Tiếp công dân",
                "Đại biểu tiếp công dân",
                "petitions-shortfall",
                policies.RECEPTION,
                "person-check",
            ),
            (
                "Đơn thư",
                "Đơn thư",
                "petitions-letter-list",
                policies.LETTER,
                "envelope-exclamation",
            ),
            (
                "Đơn thư",
                "Báo cáo tiếp công dân, đơn thư",
                "petitions-petitionreport-list",
                policies.REPORT,
                "journal-text",
            ),
            (
                "Đơn thư",
                "Nhật ký truy cập danh tính",
                "petitions-identityaccess-list",
                policies.ACCESS_LOG,
                "key",
            ),
            (
                "Đơn thư",
                "Xuất dữ liệu cá nhân",
                "petitions-citizen-export",
                policies.PERSONAL_DATA,
                "person-vcard",
            ),
            (
                "Đơn thư",
                "Cài đặt tiếp công dân, đơn thư",
                "petitions-petitionsetting-list",
                policies.SETTING,
                "gear",
            ),
        ]
    ):
        register_nav(NavItem(section, label, name, resource, icon=icon, order=400 + order))
    # A delegate's and the Office's daily work comes first in their menu; one tap from home.
    from hdnd_portal.core.access import DELEGATE, STAFF
    from hdnd_portal.core.navigation import HomeAction, nav_first, register_home_action

    nav_first(DELEGATE, "petitions-reception-list")
    nav_first(STAFF, "petitions-letter-list", "petitions-reception-list")
    register_home_action(
        HomeAction(
            "Ghi tiếp công dân",
            "petitions-reception-create",
            policies.RECEPTION,
            roles=frozenset({DELEGATE, STAFF}),
            icon="people",
            order=10,
        )
    )
    register_home_action(
        HomeAction(
            "Nhận đơn thư",
            "petitions-letter-create",
            policies.LETTER,
            roles=frozenset({STAFF}),
            icon="envelope-exclamation",
            order=20,
        )
    )
    from petitions.sections import register as register_report_parts

    register_report_parts()
