"""Registrations of the confidence-vote part of the supervision app, called from
``SupervisionConfig.ready()``."""


def register() -> None:
    pass
