"""The internal procedures library and emulation and rewards of the councils app (issue 22,
items 2 and 3): models in ``councils/models_library.py``, everything else here, wired by
``councils.library.setup.register()`` from ``councils.setup``."""
