def register(router) -> None:
    """The follow-up engine's viewsets (issue 3)."""
