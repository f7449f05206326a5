"""Registrations of the confidence-vote part of the supervision app, called from
``SupervisionConfig.ready()``: policies, API, menu, search, printed documents, demo data."""


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from supervision.confidence import policies as confidence_policies
    from supervision.confidence.api import register as register_api
    from supervision.confidence.demo import load_demo
    from supervision.confidence.reports import register_documents
    from supervision.confidence.search import register_search

    confidence_policies.register()
    register_api(router)
    register_documents()
    register_search()
    register_demo_loader("supervision.confidence", 21, load_demo)
    for order, (label, url_name, resource, icon) in enumerate(
        [
            (
                "Lấy phiếu, bỏ phiếu tín nhiệm",
                "supervision-confidencevote-list",
                confidence_policies.VOTE,
                "clipboard-check",
            ),
            (
                "Chức danh do HĐND bầu",
                "supervision-electedposition-list",
                confidence_policies.POSITION,
                "person-badge",
            ),
            (
                "Người giữ chức vụ do HĐND bầu",
                "supervision-positionholder-list",
                confidence_policies.HOLDER,
                "person-check",
            ),
        ]
    ):
        register_nav(NavItem("Giám sát", label, url_name, resource, icon=icon, order=260 + order))
