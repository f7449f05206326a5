from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official documents: the register of numbers and the PDF engine (Decree 30/2020)."""

    name = "hdnd_portal.documents"
    label = "documents"
    verbose_name = "Văn bản"
    url_prefix = "documents/"

    def ready(self):
        from hdnd_portal.core.navigation import NavItem, register_nav
        from hdnd_portal.core.permissions import register_policy
        from hdnd_portal.documents.policies import (
            DISPATCH,
            DISPATCH_ROLES,
            DOCUMENT_REGISTER,
            DOCUMENTS_ROLES,
            SIGNED_COPY,
            SIGNED_COPY_ROLES,
        )

        register_policy(DOCUMENT_REGISTER, **DOCUMENTS_ROLES)
        register_policy(SIGNED_COPY, **SIGNED_COPY_ROLES)
        register_policy(DISPATCH, **DISPATCH_ROLES)
        register_nav(
            NavItem(
                "Văn bản",
                "Sổ văn bản",
                "documents-documentregister-list",
                DOCUMENT_REGISTER,
                icon="journal-text",
                order=600,
            )
        )
        register_nav(
            NavItem(
                "Văn bản",
                "Báo cáo các xã gửi lên",
                "documents-dispatch-list",
                DISPATCH,
                icon="inbox",
                order=610,
            )
        )
        from hdnd_portal.core.demo import register_demo_loader
        from hdnd_portal.documents.demo import load_demo
        from hdnd_portal.documents.demo_electronic import load_electronic
        from hdnd_portal.documents.home import register_home

        register_home()

        # After every app's data (dashboard 90): one issued record and some ready per kind; then
        # one issued report signed and sent up to the city.
        register_demo_loader("documents", 95, load_demo)
        register_demo_loader("documents.electronic", 96, load_electronic)
        from hdnd_portal.core.access import CITY
        from hdnd_portal.core.navigation import nav_first

        nav_first(CITY, "documents-dispatch-list")
