"""Demo data of the confidence-vote part (registered at order 21)."""


def load_demo(*, council, today, created_by) -> list[str]:
    return []
