"""What a long-running process of the portal does once it has loaded (a web worker:
``gunicorn_conf.post_worker_init``; the city bench, to measure pages as a worker serves them)."""

import gc


def freeze_loaded() -> int:
    """Load the URL map now rather than at the first request, then move everything loaded so far
    (Django, the apps, the URL map: some 190,000 objects that live as long as the process) out of
    the cyclic collector's sight (``gc.freeze``), so that the full collections that requests
    trigger now and then walk only what requests made. Returns how many objects were frozen.

    Measured with 50 people (``make bench-load``, four runs each): gunicorn's CPU 27-34 ms a
    request instead of 37-40, page p95 210-304 ms instead of 319-509."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every app's views and URLs
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
