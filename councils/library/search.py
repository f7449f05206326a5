"""The procedures library and emulation records in the one search box."""

from django.urls import reverse

from hdnd_portal.core.search import SearchTarget, register_searchable


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def register_search() -> None:
    from councils.library import selectors

    targets = [
        (
            "procedure",
            "Quy trình, quy chế nội bộ",
            lambda a: selectors.procedure_list(access=a),
            lambda p: _join(p.get_document_type_display(), p.get_kind_display()),
            (),
            "journal-check",
        ),
        (
            "procedureversion",
            "Phiên bản quy trình, quy chế",
            lambda a: selectors.procedureversion_list(access=a),
            lambda v: _join(
                f"QĐ số {v.decision_number} ngày {v.decision_date:%d/%m/%Y}", v.status_label
            ),
            ("procedure",),
            "file-earmark-text",
        ),
        (
            "emulationregistration",
            "Đăng ký thi đua",
            lambda a: selectors.emulationregistration_list(access=a),
            lambda g: _join(g.get_registrant_kind_display(), g.get_title_display()),
            ("delegate", "committee"),
            "clipboard-check",
        ),
        (
            "reward",
            "Khen thưởng",
            lambda a: selectors.reward_list(access=a),
            lambda r: _join(
                r.get_form_display(), f"QĐ số {r.decision_number}", r.issuer, f"năm {r.year}"
            ),
            ("delegate", "committee"),
            "hand-thumbs-up",
        ),
    ]
    for order, (name, label, queryset, describe, through, icon) in enumerate(targets):
        register_searchable(
            SearchTarget(
                key=f"councils.{name}",
                label=label,
                queryset=queryset,
                url=lambda obj, name=name: reverse(f"councils-{name}-detail", args=[obj.pk]),
                list_url_name=f"councils-{name}-list",
                describe=describe,
                through=through,
                order=130 + order,
                icon=icon,
            )
        )
