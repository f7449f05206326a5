"""Models of the meetings app (see meetings/models/__init__.py)."""

__all__: list[str] = []
