#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings")
    # A command typed on a machine with no key of its own (no SECRET_KEY, no SECRET_KEY_FILE,
    # DEBUG unset) is a developer's: it runs as `make` does, with DEBUG=1. A deployment sets its
    # key, so its commands keep DEBUG off and the settings' refusal of a development key; the
    # web processes (wsgi.py) never take this default.
    if not (
        os.environ.get("DEBUG") or os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE")
    ):
        os.environ["DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
