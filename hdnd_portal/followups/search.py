"""Follow-ups and deadline rules in the one search box (``hdnd_portal.core.search``)."""

from django.urls import reverse

from hdnd_portal.core.search import SearchTarget, register_searchable


def _followup_line(item) -> str:
    parts = [
        item.responsible_label,
        f"hạn {item.due_date:%d/%m/%Y}",
        item.display_state,
    ]
    return " · ".join(str(p) for p in parts if p)


def register_search() -> None:
    """Called from FollowupsConfig.ready()."""
    from hdnd_portal.followups.models import DeadlineRule
    from hdnd_portal.followups.policies import DEADLINE_RULE, FOLLOWUP
    from hdnd_portal.followups.selectors import followup_queryset

    register_searchable(
        SearchTarget(
            key=FOLLOWUP,
            label="Việc cần đôn đốc",
            # The inbox's own scope: an agency sees only what is assigned to it.
            queryset=followup_queryset,
            url=lambda item: reverse("followups-followup-detail", args=[item.pk]),
            list_url_name="followups-inbox",
            # The inbox shows open items unless asked for every state.
            list_params={"status": "all"},
            describe=_followup_line,
            through=("agency",),
            order=10,
            icon="alarm",
        )
    )
    register_searchable(
        SearchTarget(
            key=DEADLINE_RULE,
            label="Quy tắc thời hạn",
            queryset=lambda access: DeadlineRule.objects.visible_to(access),
            url=lambda rule: reverse("followups-deadlinerule-detail", args=[rule.pk]),
            list_url_name="followups-deadlinerule-list",
            describe=lambda rule: f"{rule.duration} · {rule.citation}",
            order=20,
            icon="journal-text",
        )
    )
