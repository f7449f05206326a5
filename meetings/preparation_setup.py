"""Registrations of the preparation part of the meetings app, called from ``MeetingsConfig.ready()``."""


def register() -> None:
    pass
