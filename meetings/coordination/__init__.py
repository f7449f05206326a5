"""The coordination regulation (quy chế phối hợp) of the Standing Committee, the UBND and the
Ủy ban MTTQ, its reviews and the joint meetings held under it (meetings, part B).

A sub-package with the same layers as ``meetings/preparation``: ``models`` (in
``meetings.models.coordination``), ``policies``, ``selectors``, ``services`` (commands),
``forms``, ``filters``, ``views``, ``urls``, ``api``, ``demo``; ``setup.register()`` wires it in
``MeetingsConfig.ready()``.
"""
