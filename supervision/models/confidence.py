"""Models of the supervision app (see supervision/models/__init__.py)."""

__all__: list[str] = []
