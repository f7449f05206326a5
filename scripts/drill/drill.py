"""The multi-node drill's checks (started by scripts/drill.sh, which starts the processes).

``drill.py seed``: the drill's commune (a clerk who logs in, an agency, follow-ups due on DUE).
``drill.py run``: through HAProxy, as a user would, then the daily job on both workers and beats;
prints requests/s with two and with one web node and every count it checked. Any failed check
exits non-zero. The processes' pid files and logs are under $DRILL_DIR.
"""

import datetime as dt
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
import requests  # noqa: E402
import requests.adapters  # noqa: E402
from django.db import connection  # noqa: E402
from django_celery_beat.models import IntervalSchedule, PeriodicTask  # noqa: E402

from hdnd_portal.followups.models import Attachment, FollowUp, ReminderLog  # noqa: E402
from hdnd_portal.followups.tasks import daily_reminders  # noqa: E402
from hdnd_portal.notifications.models import OutboxMessage  # noqa: E402

DRILL_DIR = Path(os.environ["DRILL_DIR"])
PROXY = f"http://127.0.0.1:{os.environ['DRILL_PROXY_PORT']}"
NODES = {"web-1": os.environ["DRILL_WEB1_PORT"], "web-2": os.environ["DRILL_WEB2_PORT"]}
USERNAME, PASSWORD = "vanphong", "drill-hdnd-2026"
ITEMS = 12  # follow-ups that reach each reminder stage together
DUE = dt.date(2026, 12, 15)
DAY_TWO_WORKERS = DUE - dt.timedelta(days=7)  # stage -7: two workers run the job at once
DAY_TWO_BEATS = DUE - dt.timedelta(days=1)  # stage -1: both beats running, one sends
DAY_KILLED = DUE + dt.timedelta(days=1)  # stage +1: a worker is killed mid-job
PDF = b"%PDF-1.4\n% bien ban nghiem thu (drill)\n" + os.urandom(2048).hex().encode()
WAIT = 90

failures: list[str] = []


def say(text: str) -> None:
    print(f"  {text}", flush=True)


def check(ok: bool, text: str) -> None:
    say(("ok    " if ok else "FAIL  ") + text)
    if not ok:
        failures.append(text)


def wait_for(predicate, what: str, timeout: float = WAIT, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise SystemExit(f"DRILL FAILED: timed out waiting for {what}")


def log(name: str) -> str:
    path = DRILL_DIR / f"{name}.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def pid(name: str) -> int:
    return int((DRILL_DIR / f"{name}.pid").read_text())


# --- seed ----------------------------------------------------------------------------------------
def seed() -> None:
    from tests.documents.rosterdata import build_term
    from tests.factories import AgencyFactory, CouncilFactory, FollowUpFactory, persona

    council = CouncilFactory(commune="Phúc Lộc", slug="phuc-loc")
    agency = AgencyFactory(council=council, name="Phòng Kinh tế", email="ktxh@phucloc.vn")
    clerk = persona("staff", council, username=USERNAME)
    clerk.email = "vanphong@phucloc.vn"
    clerk.set_password(PASSWORD)
    clerk.save()
    for n in range(ITEMS):
        FollowUpFactory(
            council=council,
            agency=agency,
            title=f"Kiến nghị số {n + 1}",
            original_due_date=DUE,
            due_date=DUE,
        )
    FollowUpFactory(
        council=council,
        agency=agency,
        title="Việc để trả lời kèm tệp",
        original_due_date=DUE + dt.timedelta(days=60),
        due_date=DUE + dt.timedelta(days=60),
    )
    build_term(council)  # a roster to print and number
    print(f"seeded: {ITEMS} follow-ups due {DUE:%d/%m/%Y}, one to answer, user {USERNAME}")


# --- through the proxy -----------------------------------------------------------------------------
def wait_until_everything_is_up() -> None:
    def both_nodes_answer():
        seen = set()
        for _ in range(6):
            try:
                r = requests.get(f"{PROXY}/healthz/", timeout=5)
            except requests.RequestException:
                return False
            if r.status_code == 200:
                seen.add(r.headers.get("X-Node"))
        return seen == set(NODES)

    wait_for(both_nodes_answer, "both web nodes healthy behind HAProxy")
    for name in ("worker-1", "worker-2"):
        wait_for(lambda n=name: "ready." in log(n), f"{name} ready")
    wait_for(lambda: "beat lock taken" in log("beat-1") + log("beat-2"), "a beat holding the lock")
    say("both web nodes healthy behind HAProxy; two workers ready; a beat holds the lock")


def login() -> requests.Session:
    session = requests.Session()
    page = session.get(f"{PROXY}/accounts/login/", timeout=10)
    check(page.status_code == 200, f"login page answers ({page.headers.get('X-Node')})")
    answer = session.post(
        f"{PROXY}/accounts/login/",
        data={
            "username": USERNAME,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    check(
        answer.status_code == 302 and "/accounts/login/" not in answer.headers.get("Location", ""),
        f"logged in through the proxy ({answer.headers.get('X-Node')})",
    )
    return session


def session_across_nodes(session: requests.Session) -> None:
    nodes, statuses = [], []
    for _ in range(20):
        r = session.get(f"{PROXY}/followups/", allow_redirects=False, timeout=10)
        nodes.append(r.headers.get("X-Node"))
        statuses.append(r.status_code)
    per_node = {n: nodes.count(n) for n in sorted(set(nodes))}
    check(set(nodes) == set(NODES), f"20 requests alternate across both nodes: {per_node}")
    check(
        statuses == [200] * 20,
        "the session holds on both nodes (20 × 200, no login redirect)",
    )


class FromAddress(requests.adapters.HTTPAdapter):
    """Connections from one local address: two clients of the proxy on one machine."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client_from(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    session.get(f"{PROXY}/accounts/login/", timeout=10)  # the CSRF cookie
    return session


def try_login(session: requests.Session, username: str, password: str, **headers) -> int:
    answer = session.post(
        f"{PROXY}/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers=headers,
        allow_redirects=False,
        timeout=20,
    )
    return answer.status_code


def lockout_per_client_behind_the_proxy() -> None:
    """Login throttling counts each client behind HAProxy, not the proxy (issue 21 item 3).

    Client A (127.0.0.2) guesses the clerk's password five times, then sprays fifteen other
    usernames: 20 failures, the per-address limit, all while sending "X-Forwarded-For:
    127.0.0.3" to pass for client B. A is locked out, even with the right password; B
    (127.0.0.3) logs in as the clerk at once; the failures are counted against A's address only.
    """
    from axes.models import AccessAttempt

    a, b = client_from("127.0.0.2"), client_from("127.0.0.3")
    forged = {"X-Forwarded-For": "127.0.0.3"}
    guesses = [try_login(a, USERNAME, "sai-mat-khau", **forged) for _ in range(5)]
    check(guesses == [200] * 4 + [429], f"A's five wrong passwords: {guesses} (locked at 5)")
    sprayed = [try_login(a, f"nguoi-dung-{n}", "sai-mat-khau", **forged) for n in range(15)]
    check(sprayed[-1] == 429, f"A's 20th failure (15 other usernames) locks A: {sprayed[-1]}")
    counted = sorted(set(AccessAttempt.objects.values_list("ip_address", flat=True)))
    check(counted == ["127.0.0.2"], f"failures counted against A's address only: {counted}")
    check(try_login(a, USERNAME, PASSWORD) == 429, "A is refused even the right password")
    check(try_login(b, USERNAME, PASSWORD) == 302, "B logs in as the same user meanwhile")
    AccessAttempt.objects.all().delete()  # the drill's later logins start clean


def upload_on_one_node_download_on_the_other(session: requests.Session) -> None:
    followup = FollowUp.objects.get(title="Việc để trả lời kèm tệp")
    r = session.post(
        f"{PROXY}/followups/{followup.pk}/answer/",
        data={
            "answer": "Đã nghiệm thu, gửi kèm biên bản.",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        files={"files": ("bien-ban-nghiem-thu.pdf", PDF, "application/pdf")},
        allow_redirects=False,
        timeout=20,
    )
    upload_node = r.headers.get("X-Node")
    check(r.status_code == 302, f"answer with a file uploaded on {upload_node}")
    attachment = Attachment.objects.get(followup=followup)
    served = {}
    for _ in range(4):
        d = session.get(f"{PROXY}/followups/attachments/{attachment.pk}/", timeout=20)
        served[d.headers.get("X-Node")] = d.status_code == 200 and d.content == PDF
    other = next(n for n in NODES if n != upload_node)
    check(served.get(other) is True, f"the file downloads intact from the other node, {other}")
    check(all(served.values()), f"every download intact: {served}")


def numbers_given_at_once_on_both_nodes(session: requests.Session, copies: int = 6) -> None:
    """One document, one number (issue 21.4) under PgBouncer, two nodes at once: six clerks'
    "Cấp số và in" on the same roster get the same issued copy, and the register one number —
    the unique (source, kind) entry settles the race, the losers' numbers roll back with their
    savepoints, so the counter shows no gap."""
    from councils.models import Term
    from hdnd_portal.documents.models import Counter, DocumentRegister

    term = Term.objects.get()
    url = f"{PROXY}/documents/print/councils.roster/{term.pk}/"
    answers: list[tuple[int, str, str]] = []
    lock = threading.Lock()

    def issue():
        s = requests.Session()
        s.cookies.update(session.cookies)
        r = s.post(
            url,
            data={"csrfmiddlewaretoken": session.cookies["csrftoken"], "confirmed": "1"},
            allow_redirects=False,
            timeout=30,
        )
        with lock:
            answers.append(
                (r.status_code, r.headers.get("X-Node", "?"), r.headers.get("Location", ""))
            )

    threads = [threading.Thread(target=issue) for _ in range(copies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = sorted(DocumentRegister.objects.values_list("number", flat=True))
    counter = Counter.objects.filter(series="register:HĐND:DS").values_list(
        "last_number", flat=True
    )
    check(
        [a[0] for a in answers] == [302] * copies and len({a[2] for a in answers}) == 1,
        f"{copies} clerks issued one roster at once on {sorted({a[1] for a in answers})}: "
        "one copy for all",
    )
    check(
        numbers == [1] and list(counter) == [1],
        f"the register gave {numbers} (counter {list(counter)}): one number, no gap",
    )


def throughput(session: requests.Session, seconds: float, threads: int = 4) -> float:
    """Requests per second of the inbox (a signed-in list page) through the proxy."""
    done, errors = [0], [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def loop():
        s = requests.Session()
        s.cookies.update(session.cookies)
        while time.monotonic() < stop:
            try:
                ok = s.get(f"{PROXY}/followups/", allow_redirects=False, timeout=10).ok
            except requests.RequestException:
                ok = False
            with lock:
                done[0] += ok
                errors[0] += not ok

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    check(errors[0] == 0, f"no failed request while measuring ({done[0]} served)")
    return done[0] / seconds


def stop_a_node_mid_run(session: requests.Session) -> None:
    results: list[tuple[float, int, str]] = []  # (time, status or 0, node)
    stop = time.monotonic() + 7
    lock = threading.Lock()

    def loop():
        s = requests.Session()
        s.cookies.update(session.cookies)
        while time.monotonic() < stop:
            try:
                r = s.get(f"{PROXY}/followups/", allow_redirects=False, timeout=10)
                row = (time.monotonic(), r.status_code, r.headers.get("X-Node", "?"))
            except requests.RequestException as exc:
                row = (time.monotonic(), 0, type(exc).__name__)
            with lock:
                results.append(row)

    workers = [threading.Thread(target=loop) for _ in range(3)]
    for w in workers:
        w.start()
    time.sleep(2)
    stopped_at = time.monotonic()
    os.killpg(pid("web-1"), signal.SIGTERM)  # gunicorn's graceful stop
    for w in workers:
        w.join()
    before = [r for r in results if r[0] < stopped_at]
    after = [r for r in results if r[0] >= stopped_at]
    failed = [r for r in results if r[1] != 200]
    check(bool(before) and {r[2] for r in before} == set(NODES), "both nodes served before")
    check(len(after) > 0, f"{len(after)} requests after web-1 was stopped")
    check(not failed, f"no request failed across the switch ({len(failed)} of {len(results)})")
    late = [r for r in after if r[0] > stopped_at + 3]
    check(
        bool(late) and {r[2] for r in late} == {"web-2"},
        f"HAProxy sends everything to web-2 once web-1 is down ({len(late)} requests)",
    )


# --- the daily job ------------------------------------------------------------------------------------
def reminders_for(day: dt.date) -> int:
    stage = (day - DUE).days
    return ReminderLog.objects.filter(stage=stage, due_date=DUE, manual=False).count()


def outbox_state() -> tuple[int, int]:
    rows = OutboxMessage.objects.filter(kind="reminder")
    return rows.count(), rows.filter(delivered_at__isnull=False).count()


def mails_sent() -> int:
    count = 0
    for folder in DRILL_DIR.glob("var-*/mail"):
        for path in folder.iterdir():
            count += len(re.findall(r"^Message-ID:", path.read_text(errors="replace"), re.M))
    return count


def emails_in_outbox() -> int:
    return OutboxMessage.objects.filter(kind="reminder", emailed_at__isnull=False).count()


def two_workers_at_once() -> int:
    results = [daily_reminders.apply_async(kwargs={"today": DAY_TWO_WORKERS.isoformat()})]
    results.append(daily_reminders.apply_async(kwargs={"today": DAY_TWO_WORKERS.isoformat()}))
    stats = [r.get(timeout=WAIT) for r in results]
    wait_for(
        lambda: (
            sum(f"[{r.id}] succeeded" in log("worker-1") + log("worker-2") for r in results) == 2
        ),
        "the workers' logs",
    )
    ran_on = {
        name
        for name in ("worker-1", "worker-2")
        for r in results
        if f"[{r.id}] succeeded" in log(name)
    }
    digests = sum(s["digests"] for s in stats)
    check(
        sorted(s["reminders"] for s in stats) == [0, ITEMS],
        f"two runs of {DAY_TWO_WORKERS:%d/%m} at once: {ITEMS} reminders between them, "
        f"{[s['reminders'] for s in stats]} (ran on {sorted(ran_on)})",
    )
    check(reminders_for(DAY_TWO_WORKERS) == ITEMS, f"{ITEMS} stage -7 reminders logged once")
    return digests


def two_beats(digests_per_day: int) -> None:
    every = IntervalSchedule.objects.create(every=3, period=IntervalSchedule.SECONDS)
    task = PeriodicTask.objects.create(
        name="Diễn tập: nhắc hạn",
        task="followups.daily_reminders",
        interval=every,
        kwargs=f'{{"today": "{DAY_TWO_BEATS.isoformat()}"}}',
        last_run_at=None,
    )
    time.sleep(14)
    task.enabled = False
    task.save()
    sent = {name: log(name).count("Sending due task Diễn tập") for name in ("beat-1", "beat-2")}
    check(
        sorted(v > 0 for v in sent.values()) == [False, True],
        f"two beats, one lock: only one sends the job {sent}",
    )
    wait_for(lambda: reminders_for(DAY_TWO_BEATS) >= ITEMS, "the beats' reminders")
    time.sleep(3)  # a run the beat sent last may still be going
    check(
        reminders_for(DAY_TWO_BEATS) == ITEMS,
        f"sent {max(sent.values())} times by beat: {ITEMS} stage -1 reminders, each once",
    )
    total, _delivered = outbox_state()
    check(total == 2 * digests_per_day, f"outbox: {digests_per_day} digests a day ({total})")


def kill_a_worker_mid_job(digests_per_day: int) -> None:
    db = connection.settings_dict
    blocker = psycopg.connect(
        host=os.environ["DRILL_PG_HOST"],
        port=os.environ["DRILL_PG_PORT"],
        user=os.environ["DRILL_PG_USER"],
        dbname=db["NAME"],
        autocommit=False,
    )
    # Hold the reminder log: the job blocks on its first INSERT, i.e. mid-run.
    blocker.execute(f"LOCK TABLE {ReminderLog._meta.db_table} IN EXCLUSIVE MODE")
    result = daily_reminders.apply_async(kwargs={"today": DAY_KILLED.isoformat()})

    def taken_by():
        for name in ("worker-1", "worker-2"):
            if f"[{result.id}] received" in log(name):
                return name
        return None

    victim = wait_for(taken_by, "a worker taking the job")
    probe = psycopg.connect(
        host=os.environ["DRILL_PG_HOST"],
        port=os.environ["DRILL_PG_PORT"],
        user=os.environ["DRILL_PG_USER"],
        dbname=db["NAME"],
        autocommit=True,
    )

    def blocked():
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query ILIKE %s",
            [f"%{ReminderLog._meta.db_table}%"],
        ).fetchone()
        return row[0] > 0

    wait_for(blocked, "the job waiting mid-run on the reminder log")
    os.killpg(pid(victim), signal.SIGKILL)
    say(f"{victim} killed (SIGKILL) mid-job")
    blocker.rollback()
    blocker.close()
    survivor = next(n for n in ("worker-1", "worker-2") if n != victim)
    stats = result.get(timeout=WAIT + int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "12")))
    check(
        bool(wait_for(lambda: f"[{result.id}] succeeded" in log(survivor), "its log", 10)),
        f"{survivor} finished the job after the visibility timeout",
    )
    check(stats["reminders"] == ITEMS, f"the re-run logged {stats['reminders']} reminders")
    check(reminders_for(DAY_KILLED) == ITEMS, f"{ITEMS} stage +1 reminders, each once")
    wait_for(lambda: outbox_state()[0] == outbox_state()[1], "the outbox delivered")
    total, delivered = outbox_state()
    check(total == 3 * digests_per_day, f"outbox: {total} digests over three days, none twice")
    check(delivered == total, f"every digest delivered ({delivered}/{total})")
    emails = emails_in_outbox()
    check(mails_sent() == emails, f"{mails_sent()} e-mails written for {emails} e-mailed digests")
    probe.close()


def run() -> None:
    print("HĐND Portal drill: 2 web nodes behind HAProxy, PgBouncer, Redis, 2 workers, 2 beats")
    wait_until_everything_is_up()
    session = login()
    session_across_nodes(session)
    lockout_per_client_behind_the_proxy()
    upload_on_one_node_download_on_the_other(session)
    numbers_given_at_once_on_both_nodes(session)
    two_nodes = throughput(session, 5)
    stop_a_node_mid_run(session)
    one_node = throughput(session, 5)
    digests = two_workers_at_once()
    two_beats(digests)
    kill_a_worker_mid_job(digests)
    print()
    print(f"requests/s through the proxy: two web nodes {two_nodes:.1f}, one node {one_node:.1f}")
    print("(2 shared CPU cores: the ratio shows the proxy's overhead, not the scaling)")
    print(
        f"counts: reminders logged {ReminderLog.objects.count()} "
        f"(= 3 stages × {ITEMS}), outbox {outbox_state()[0]}, e-mails {mails_sent()}"
    )
    if failures:
        print(f"\nDRILL FAILED: {len(failures)} check(s): " + "; ".join(failures))
        sys.exit(1)
    print("\nall drill checks passed")


if __name__ == "__main__":
    {"seed": seed, "run": run}[sys.argv[1]]()
