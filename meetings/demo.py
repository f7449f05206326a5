def load_sessions(*, council, today, created_by) -> list[str]:
    return []
