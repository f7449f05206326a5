"""Preparation of a session, shown on the session's page (filled by the preparation work).

``session_preparation_context(request, session)`` returns the context that
``meetings/_session_preparation.html`` renders on the session's detail page: the joint meetings
and the "5 rõ" preparation tasks of that session.
"""


def session_preparation_context(request, session) -> dict:
    return {}
