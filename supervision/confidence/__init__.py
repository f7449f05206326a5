"""Confidence votes (lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm): supervision, part B.

A sub-package with the same layers as its parent app: models (in ``supervision.models``),
``policies``, ``selectors``, ``services`` (commands), ``forms``, ``filters``, ``views``, ``urls``,
``api``, ``reports``, ``search``, ``demo``; ``setup.register()`` wires it in
``SupervisionConfig.ready()``.
"""
