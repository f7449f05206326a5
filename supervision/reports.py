def register_documents() -> None:
    pass
