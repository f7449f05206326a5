"""Sessions, resolutions, documents and questions in the one search box."""

from hdnd_portal.core.search import SearchTarget, register_searchable
from meetings import selectors


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def register_search() -> None:
    """Called from MeetingsConfig.ready()."""
    targets = [
        SearchTarget(
            key="meetings.session",
            label="Kỳ họp",
            queryset=lambda a: selectors.session_list(access=a),
            url=lambda s: s.get_absolute_url(),
            list_url_name="meetings-session-list",
            describe=lambda s: _join(
                s.title, f"Khai mạc {s.start_date:%d/%m/%Y}", s.get_state_display()
            ),
            list_params={"term": ""},
            order=50,
            icon="calendar-event",
        ),
        SearchTarget(
            key="meetings.resolution",
            label="Nghị quyết",
            queryset=lambda a: selectors.resolution_list(access=a),
            url=lambda r: r.get_absolute_url(),
            list_url_name="meetings-resolution-list",
            describe=lambda r: _join(r.session.name, r.result_label),
            list_params={"term": ""},
            order=51,
            icon="journal-check",
        ),
        SearchTarget(
            key="meetings.sessiondocument",
            label="Tài liệu kỳ họp",
            queryset=lambda a: selectors.sessiondocument_list(access=a),
            url=lambda d: d.get_absolute_url(),
            list_url_name="meetings-sessiondocument-list",
            describe=lambda d: _join(d.get_kind_display(), d.session.name),
            list_params={"term": ""},
            order=52,
            icon="file-earmark-text",
        ),
        SearchTarget(
            key="meetings.question",
            label="Chất vấn",
            queryset=lambda a: selectors.question_list(access=a),
            url=lambda q: q.get_absolute_url(),
            list_url_name="meetings-question-list",
            describe=lambda q: _join(q.asker.full_name, q.session.name),
            through=("asker",),
            list_params={"term": ""},
            order=53,
            icon="chat-left-text",
        ),
    ]
    for target in targets:
        register_searchable(target)
