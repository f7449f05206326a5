"""Demo data of the preparation part (filled below)."""


def load(*, council, today, created_by) -> list[str]:
    return []
