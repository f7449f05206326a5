"""Everything the kernel learns about the voters app (policies, API, documents, search, menu,
follow-up kinds, metrics, profile sections, demo loaders), called from its ``AppConfig.ready()``:
every app and sub-package wires itself the same way, in its ``setup.register()``."""


def register() -> None:
    from hdnd_portal.api_router import router
    from hdnd_portal.core.demo import register_demo_loader
    from hdnd_portal.core.navigation import NavItem, register_nav
    from hdnd_portal.core.profile import register_delegate_section
    from hdnd_portal.followups.kinds import register_kind
    from voters import demo, policies, profile, search, services
    from voters.api import register as register_api
    from voters.metrics import register_metrics
    from voters.reports import register_documents

    policies.register()
    from hdnd_portal.core.pickers import register_picker
    from voters.models import SynthesizedPetition, VoterMeeting

    # Tables that grow with the council's history, chosen in forms by a search (core.pickers):
    # the meeting a petition was raised at; the petition a synthesised one repeats.
    register_picker(VoterMeeting, policy=policies.MEETING)
    register_picker(SynthesizedPetition, policy=policies.SYNTH, label=lambda s: f"#{s.pk} — {s}")
    register_api(router)
    register_documents()
    register_metrics()
    search.register_search()
    register_delegate_section(profile.voter_meetings_section)
    register_demo_loader("voters", 30, demo.load_demo)
    register_kind(
        services.FOLLOWUP_KIND,
        "Kiến nghị cử tri",
        icon="megaphone",
        rule_code=services.RULE_CODE,
        on_answered=services.mirror_followup_answer,
    )
    for order, (label, name, key, icon) in enumerate(
        [
            ("Tiếp xúc cử tri", "voters-votermeeting-list", policies.MEETING, "people"),
            (
                "Ý kiến, kiến nghị cử tri",
                "voters-voterpetition-list",
                policies.PETITION,
                "journal-text",
            ),
            (
                "Kiến nghị tổng hợp",
                "voters-synthesizedpetition-list",
                policies.SYNTH,
                "megaphone",
            ),
            ("Kiến nghị lặp lại", "voters-repeats", policies.SYNTH, "arrow-counterclockwise"),
            ("Lĩnh vực kiến nghị", "voters-petitionfield-list", policies.FIELD, "list"),
        ]
    ):
        register_nav(NavItem("Tiếp xúc cử tri", label, name, key, icon=icon, order=300 + order))
    from hdnd_portal.core.access import DELEGATE, STAFF
    from hdnd_portal.core.navigation import HomeAction, nav_first, register_home_action

    nav_first(DELEGATE, "voters-votermeeting-list", "voters-voterpetition-list")
    nav_first(STAFF, "voters-synthesizedpetition-list")
    register_home_action(
        HomeAction(
            "Ghi cuộc tiếp xúc cử tri",
            "voters-votermeeting-create",
            policies.MEETING,
            roles=frozenset({DELEGATE, STAFF}),
            icon="megaphone",
            order=15,
        )
    )
    from voters.sections import register as register_report_parts

    register_report_parts()
