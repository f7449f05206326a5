def load_demo(*, council, today, created_by):
    return []
