"""Every list page at city scale: the biggest council's page against the smallest's.

A phase of ``bench/bench_targets_city.py`` (issue 24's goal "every list page at city scale,
biggest vs smallest council: page time ratio ≤ 1.5"). The list pages are read from the URL
map, the way ``tests/test_url_walk.py`` walks it: every named route ``<app>-<thing>-list``
without arguments outside the API and the admin (the Resource list pages and the apps' own
lists), plus the follow-up inbox. Each is requested page 1 in its default order, and once
with a search typical of the lists (``?q=duong``: the records' subjects are about roads),
logged in as each council's Office user (``staff``). Pages the Office may not open (403)
are listed as skipped.
"""

from __future__ import annotations

import logging
import statistics
import time

from django.db import connection
from django.urls import URLResolver, get_resolver

RATIO_GOAL = 1.5
EXTRA_LISTS = ("followups-inbox",)
VARIANTS = (("", "default"), ("q=duong", "search"))


def _walk(resolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def list_pages() -> list[tuple[str, str]]:
    """(url name, path) of every list page, in URL-map order."""
    pages = []
    for route, name in _walk(get_resolver()):
        if not name or "<" in route or route.startswith(("api/", "admin/")):
            continue
        if name.endswith("-list") or name in EXTRA_LISTS:
            pages.append((name, "/" + route))
    return pages


class SqlTimer:
    """``connection.execute_wrapper``: the statements of a request and the time they took."""

    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.ms += (time.perf_counter() - start) * 1000


def _timed(client, url: str) -> tuple[float, float, int]:
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        start = time.perf_counter()
        client.get(url, secure=True)
        return (time.perf_counter() - start) * 1000, timer.ms, timer.count


def _time_both(clients: dict, url: str, runs: int) -> dict:
    """Each council's p50, SQL and queries; the two councils' requests alternate, so a burst
    of load on the shared machine weighs on both sides of the ratio alike."""
    for client in clients.values():
        status = client.get(url, secure=True).status_code  # warm-up
        if status != 200:
            return {"skipped": status}
    samples = {label: [] for label in clients}
    for _ in range(runs):
        for label, client in clients.items():
            samples[label].append(_timed(client, url))
    return {
        label: {
            "p50": statistics.median(ms for ms, _sql, _n in got),
            "sql": statistics.median(sql for _ms, sql, _n in got),
            "queries": max(n for _ms, _sql, n in got),
        }
        for label, got in samples.items()
    }


def measure_lists(big_user, small_user, runs: int) -> list[dict]:
    """Per list and variant: the biggest and the smallest council's p50, SQL and queries."""
    from django.test import Client

    # A page the Office may not open is listed as skipped, without its traceback.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    clients = {}
    for label, user in (("big", big_user), ("small", small_user)):
        clients[label] = Client()
        clients[label].force_login(user)
    results = []
    pages = list_pages()
    print(
        f"\nEvery list page ({len(pages)} lists × {len(VARIANTS)} variants), biggest vs "
        f"smallest council, Office user, p50 of {runs} after a warm-up, the two councils alternating:"
    )
    print(
        f"  {'list':44} {'variant':8} {'big ms':>7} {'small ms':>8} {'ratio':>5} "
        f"{'SQL big':>7} {'SQL sm':>6} {'queries':>9}"
    )
    for name, path in pages:
        for query, variant in VARIANTS:
            url = path + ("?" + query if query else "")
            got = _time_both(clients, url, runs)
            if "skipped" in got:
                results.append({"name": name, "variant": variant, "skipped": got["skipped"]})
                print(f"  {name:44} {variant:8} skipped (HTTP {got['skipped']})")
                continue
            big, small = got["big"], got["small"]
            ratio = big["p50"] / small["p50"]
            row = {
                "name": name,
                "variant": variant,
                "big": big,
                "small": small,
                "ratio": ratio,
                "ok": ratio <= RATIO_GOAL,
            }
            results.append(row)
            print(
                f"  {name:44} {variant:8} {big['p50']:7.1f} {small['p50']:8.1f} {ratio:5.2f} "
                f"{big['sql']:7.1f} {small['sql']:6.1f} {big['queries']:>4}/{small['queries']:<4} "
                f"{'MET' if row['ok'] else 'MISS'}"
            )
    return results
