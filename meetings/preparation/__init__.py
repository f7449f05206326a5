"""Preparing sessions and the Standing Committee's work between them (meetings, part B).

A sub-package with the same layers as its parent app: ``models`` (in ``meetings.models``),
``policies``, ``selectors``, ``services`` (commands), ``forms``, ``filters``, ``views``, ``urls``,
``api``, ``reports``, ``demo``; ``setup.register()`` wires it in ``MeetingsConfig.ready()``;
``context.session_preparation_context`` is its card on the session's page.
"""
