"""Everything the kernel learns about this app, called from ``PetitionsConfig.ready()``."""


def register_all() -> None:
    from petitions import policies

    policies.register()
