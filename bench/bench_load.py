"""Benchmark (not a test): fifty people at once on the city-scale data, through gunicorn.

``make bench-load`` runs it. It needs the city built by ``make bench-city`` on PostgreSQL
(``DATABASE_URL``, by default ``postgres://postgres@127.0.0.1:5432/hdnd_bench_city``); when that
database does not exist it asks ``bench/bench_targets_city.py --keep`` to build it (about five
minutes). It then

1. migrates it, and gives people to log in as (written only to a database bench-city made and
   marked, ``bench/benchdb.py``; any other is refused with exit status 2): the Office of 25 councils,
   15 delegates, 6 agencies, 4 of the leadership, passwords hashed by the production hasher;
2. starts gunicorn as production does (``hdnd_portal/gunicorn_conf.py``, ``DEBUG=0``, Redis
   for the cache and sessions when it answers) on a free port, for each configuration asked
   (``--configs gthread:2x4,sync:4``: worker class, workers and threads);
3. warms the workers up (8 people for ``--warmup`` seconds, not counted), then runs locust
   headless (``bench/locustfile.py``, from ``.venv-load``): 50 people spawned
   10 a second (each logs in through the form, then reads a page every 1-4 s) and a monitor
   asking ``/healthz/`` four times a second, for ``--seconds`` (60), on the health port as
   HAProxy does in production (``WEB_HEALTH_BIND``, ``hdnd_portal/health_listener.py``;
   ``--health-on-main-port`` asks the pages' port instead, to compare);
4. prints, per configuration, the p50/p95/max of pages, logins and the health page, the
   requests per second, the errors and the machine's load, and each goal with MET or MISS.

The load generator runs on the same two cores as the server (as the issue measured): its own
CPU is part of the picture, and the load average before the run is printed with the result.
"""

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hdnd_bench_city"
GOALS = {"page_p95_ms": 300, "login_p95_ms": 1000, "health_p95_ms": 50, "errors": 0}
PEOPLE = {"staff": 25, "delegate": 15, "agency": 6, "leadership": 4}
PASSWORD = "tai-thu-50-nguoi"  # noqa: S105 - bench accounts in a throw-away database


def database_state(url: str) -> str:
    """``absent``, ``marked`` (made by bench-city) or ``unmarked`` (``bench/benchdb.py``)."""
    import psycopg

    from bench import benchdb

    name = url.rsplit("/", 1)[1].split("?")[0]
    benchdb.check_name(name)
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn, conn.cursor() as cursor:
        return benchdb.state(cursor, name)


def build_city(url: str) -> None:
    print(f"No database at {url}: building the city (bench_targets_city.py --keep)…", flush=True)
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_targets_city.py"), "--keep", "--runs", "3"],
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )


def prepare_people(url: str, out: Path) -> dict:
    """Accounts to log in as, by role, in the bench database; returns the JSON written."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count

    from councils.models import Agency, Council, CouncilRole, Delegate, User

    call_command("migrate", verbosity=0, interactive=False)  # a city kept by an older checkout

    size = dict(
        Delegate.objects.values("council_id").annotate(n=Count("pk")).values_list("council_id", "n")
    )
    councils = sorted(Council.objects.values_list("pk", flat=True), key=lambda pk: -size.get(pk, 0))
    if len(councils) < 2 or not User.objects.filter(username="thanhpho").exists():
        raise SystemExit(f"{url} is not a city built by bench_targets_city.py (make bench-city).")
    password = make_password(PASSWORD)  # Argon2id, the production hasher
    people: dict[str, list[str]] = {role: [] for role in PEOPLE}
    with transaction.atomic():
        for pk in councils[: PEOPLE["staff"]]:
            people["staff"].append(f"vanphong-{pk}")
        User.objects.filter(username__in=people["staff"] + ["thanhpho"]).update(password=password)
        people["leadership"].append("thanhpho")

        def account(username: str, council: int, role: str, **link) -> None:
            user, _ = User.objects.update_or_create(
                username=username, defaults={"password": password, "first_name": username}
            )
            CouncilRole.objects.update_or_create(
                user=user, council_id=council, defaults={"role": role, **link}
            )
            people[role].append(username)

        for pk in councils[: PEOPLE["delegate"]]:
            delegate = Delegate.objects.filter(council_id=pk).order_by("pk").first()
            account(f"bench-daibieu-{pk}", pk, "delegate", delegate=delegate)
        for pk in councils[: PEOPLE["agency"]]:
            agency = Agency.objects.filter(council_id=pk).order_by("pk").first()
            account(f"bench-coquan-{pk}", pk, "agency", agency=agency)
        for pk in councils[1 : PEOPLE["leadership"]]:
            account(f"bench-lanhdao-{pk}", pk, "leadership")
    accounts = {
        role: [{"username": name, "password": PASSWORD} for name in names]
        for role, names in people.items()
    }
    out.write_text(json.dumps(accounts), encoding="utf-8")
    return accounts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_gunicorn(
    url: str,
    config: str,
    port: int,
    log: Path,
    extra: str = "",
    health_port: int | None = None,
) -> subprocess.Popen:
    kind, _, size = config.partition(":")
    workers, _, threads = size.partition("x")
    env = {
        # SECRET_KEY and FIELD_ENCRYPTION_KEY: the ones the city was written with, put in the
        # environment by tests/settings.py when prepare_people loaded it.
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings",
        "DEBUG": "0",
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_WORKERS": workers or "2",
        "WEB_THREADS": threads or "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if extra:
        env["GUNICORN_CMD_ARGS"] = extra
    env.pop("WEB_HEALTH_BIND", None)
    if health_port:
        env["WEB_HEALTH_BIND"] = f"127.0.0.1:{health_port}"
    if redis_answers():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    else:
        env.pop("REDIS_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", "python:hdnd_portal.gunicorn_conf", "hdnd_portal.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}"]
    if kind == "sync":
        command += ["--worker-class", "sync"]
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    waiting = {p for p in (port, health_port) if p}
    while waiting and time.monotonic() < deadline:
        for one in sorted(waiting):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{one}/healthz/", timeout=2
                ) as answer:
                    if answer.status == 200:
                        waiting.discard(one)
            except OSError:
                time.sleep(0.5)
    if not waiting:
        return server
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}: see {log}")


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its children (gunicorn's workers)."""
    total = 0.0
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICK, sum(values) / TICK


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_locust(
    locust: Path,
    port: int,
    users: int,
    seconds: int,
    rate: float,
    users_file: Path,
    out: Path,
    log: Path,
    health_port: int | None = None,
) -> None:
    env = {**os.environ, "BENCH_LOAD_USERS": str(users_file), "BENCH_LOAD_OUT": str(out)}
    env["BENCH_LOAD_HEALTH"] = f"http://127.0.0.1:{health_port or port}"
    subprocess.run(
        [
            str(locust),
            *("-f", str(REPO / "bench" / "locustfile.py"), "--headless"),
            *("-u", str(users + 1), "-r", str(rate)),
            *("-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}"),
            *("--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"),
        ],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        check=False,  # locust exits 1 when a request failed: the failures are counted below
    )


def summarise(times: list, seconds: int) -> dict:
    groups: dict[str, list[float]] = {"page": [], "login": [], "health": []}
    by_page: dict[str, list[float]] = {}
    errors = 0
    for group, name, ms, ok in times:
        errors += not ok
        if name == "login: check":
            groups["login"].append(ms)
        elif group in ("page", "health"):
            groups[group].append(ms)
            if group == "page":
                by_page.setdefault(name.split(": ", 1)[1], []).append(ms)
    result = {
        "requests": len(times),
        "rps": round(len(times) / seconds, 1),
        "errors": errors,
        "pages": {
            name: (len(v), percentile(v, 0.5), percentile(v, 0.95)) for name, v in by_page.items()
        },
    }
    for group, values in groups.items():
        result[group] = {
            "n": len(values),
            "p50": percentile(values, 0.5),
            "p95": percentile(values, 0.95),
            "max": max(values, default=float("nan")),
        }
    return result


def verdicts(result: dict) -> list[tuple[str, str, bool]]:
    return [
        ("errors", f"{result['errors']} (goal {GOALS['errors']})", result["errors"] == 0),
        (
            "page p95",
            f"{result['page']['p95']:.0f} ms (goal ≤ {GOALS['page_p95_ms']})",
            result["page"]["p95"] <= GOALS["page_p95_ms"],
        ),
        (
            "login p95",
            f"{result['login']['p95']:.0f} ms (goal ≤ {GOALS['login_p95_ms']})",
            result["login"]["p95"] <= GOALS["login_p95_ms"],
        ),
        (
            "health p95",
            f"{result['health']['p95']:.0f} ms (goal ≤ {GOALS['health_p95_ms']})",
            result["health"]["p95"] <= GOALS["health_p95_ms"],
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument(
        "--warmup", type=int, default=15, help="seconds of 8 people before the measured run"
    )
    parser.add_argument(
        "--configs",
        default="gthread:4x2",
        help="comma-separated worker set-ups, kind:workers[xthreads] (default gthread:4x2, as production)",
    )
    parser.add_argument(
        "--gunicorn-args",
        default="",
        help="more gunicorn options for every set-up (GUNICORN_CMD_ARGS), e.g. '--keep-alive 0'",
    )
    parser.add_argument(
        "--health-on-main-port",
        action="store_true",
        help="no health listener (WEB_HEALTH_BIND): the monitor asks the pages' port",
    )
    parser.add_argument("--locust", default=str(REPO / ".venv-load" / "bin" / "locust"))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        print("bench-load runs on PostgreSQL (the city of make bench-city).", file=sys.stderr)
        return 2
    if not Path(args.locust).exists():
        print(f"No locust at {args.locust}: `make bench-load` installs it.", file=sys.stderr)
        return 2
    from bench import benchdb

    try:
        found = database_state(url)
    except benchdb.Refused as refused:
        print(refused, file=sys.stderr)
        return 2
    if found == "unmarked":
        print(
            f"{url} was not made by bench-city (no '{benchdb.MARK}' comment): bench-load writes "
            "its people into the bench database, so it refuses this one.",
            file=sys.stderr,
        )
        return 2
    if found == "absent":
        build_city(url)
    work = Path(tempfile.mkdtemp(prefix="hdnd-bench-load-"))
    users_file = work / "people.json"
    prepare_people(url, users_file)
    all_met = True
    rows = []
    for config in [c.strip() for c in args.configs.split(",") if c.strip()]:
        port = free_port()
        health_port = None if args.health_on_main_port else free_port()
        load_before = os.getloadavg()
        server = start_gunicorn(
            url, config, port, work / f"gunicorn-{config}.log", args.gunicorn_args, health_port
        )
        out = work / f"times-{config}.json"
        try:
            if args.warmup:  # every worker loads its templates and opens its connections
                run_locust(
                    *(Path(args.locust), port, 8, args.warmup, 8, users_file),
                    *(work / f"warmup-{config}.json", work / f"warmup-{config}.log"),
                    health_port,
                )
            server_before, busy_before = tree_cpu(server.pid), machine_busy()
            children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run_locust(
                *(Path(args.locust), port, args.users, args.seconds, args.spawn_rate, users_file),
                *(out, work / f"locust-{config}.log"),
                health_port,
            )
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            server_cpu = tree_cpu(server.pid) - server_before
            busy_after = machine_busy()
        finally:
            server.terminate()
            server.wait(timeout=30)
        if not out.exists():
            print(f"locust wrote no times: see {work}/locust-{config}.log", file=sys.stderr)
            return 1
        result = summarise(json.loads(out.read_text(encoding="utf-8")), args.seconds)
        print(
            f"\n== {config}: {args.users} people + monitor "
            f"({'main port' if args.health_on_main_port else 'health port'}), {args.seconds} s "
            f"(load before {load_before[0]:.1f}; after {os.getloadavg()[0]:.1f}) =="
        )
        locust_cpu = (children.ru_utime + children.ru_stime) - (
            children_before.ru_utime + children_before.ru_stime
        )
        busy = busy_after[0] - busy_before[0]
        span = busy_after[1] - busy_before[1]
        result["cpu"] = {
            "gunicorn_s": round(server_cpu, 1),
            "gunicorn_ms_per_request": round(1000 * server_cpu / max(result["requests"], 1), 1),
            "locust_s": round(locust_cpu, 1),
            "machine_busy_share": round(busy / span, 2) if span else None,
        }
        print(
            f"requests {result['requests']}, {result['rps']} per second, errors {result['errors']}"
        )
        print(
            f"CPU during the run: gunicorn {server_cpu:.1f} s "
            f"({result['cpu']['gunicorn_ms_per_request']} ms a request), locust {locust_cpu:.1f} s, "
            f"the machine's cores {100 * busy / span:.0f} % busy (PostgreSQL and the rest included)"
        )
        for group in ("page", "login", "health"):
            g = result[group]
            print(
                f"  {group:<7} n={g['n']:<5} p50 {g['p50']:>6.0f} ms  p95 {g['p95']:>6.0f} ms"
                f"  max {g['max']:>6.0f} ms"
            )
        print("  per page (n, p50, p95 ms):")
        for name, (n, p50, p95) in sorted(result["pages"].items(), key=lambda kv: -kv[1][2]):
            print(f"    {name:<24} {n:>5} {p50:>6.0f} {p95:>6.0f}")
        for label, text, met in verdicts(result):
            all_met &= met
            print(f"  {label:<11} {text:<28} {'MET' if met else 'MISS'}")
        rows.append((config, result))
        (work / f"result-{config}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"\nLogs and raw times: {work}")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
