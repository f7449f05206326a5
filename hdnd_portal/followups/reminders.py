"""Reminders and escalation of follow-ups (nhắc hạn, báo cáo Thường trực).

The daily job (:func:`run_reminders`) looks at every open item whose day
relative to its due date hits a stage of ``settings.FOLLOWUP_REMINDER_STAGES``
(-7, -1, 1, 7: a week before, the day before, the day after, a week after), and
at every item overdue ``FOLLOWUP_ESCALATE_AFTER_DAYS`` days or more that was
not yet reported to the Standing Committee. Each recipient gets ONE digest per
run: one e-mail and one in-app notification listing all their items.

Never twice, never lost
-----------------------
Phase 1 runs in ONE transaction:

* for each candidate a :class:`~hdnd_portal.followups.models.ReminderLog` row
  is INSERTED first with ``ON CONFLICT DO NOTHING RETURNING``: the unique key
  (followup, stage, due_date) lets exactly one run own a stage, and only the
  rows that came back (those this run inserted) go into digests. A second run,
  a retry or a concurrent run gets nothing back for them;
* escalation claims items with ``SELECT … FOR UPDATE`` and sets
  ``escalated_at`` (only rows still NULL), so they are escalated once;
* one :class:`~hdnd_portal.notifications.models.OutboxMessage` per recipient
  holds the rendered digest (mail text + HTML, notification title + body).

Either all of that commits or none of it does. A crash before the commit
leaves no log row, so the next run sends the stage again (nothing lost); a
crash after it leaves pending outbox rows, which the next delivery sends.

Phase 2 (:func:`~hdnd_portal.notifications.services.outbox_deliver`) sends
pending outbox rows after the commit. A row is leased before it is handled
(never by two deliverers at once); its in-app notification is created in the
transaction that marks it notified (and its ``dedupe_key`` is the outbox key:
never twice); its e-mail is marked sent right after the mail server accepts
it. A refused e-mail stays pending and is retried with back-off by the next
delivery (``notifications.deliver_outbox`` runs every few minutes), while the
bell already shows the reminder. The one window left is a crash between the
mail server accepting a mail and the mark: that mail goes again, with the
same Message-ID. That is the price of "never lost" with any SMTP server.

Not covered: a day on which the job does not run at all (worker down from
one morning to the next) is not caught up by itself; replay it with
``daily_reminders.delay(today="YYYY-MM-DD")`` — already logged stages are
skipped, so replaying is always safe.

Scale: the job works on sets. The logs are one ``INSERT … SELECT … ON CONFLICT
DO NOTHING RETURNING`` (candidates through ``due_date IN (today - stage, …)``, an
index), the escalations one ``UPDATE … RETURNING`` and their history one
``INSERT … SELECT``; what came back goes into a temporary table of the run's
items (on PostgreSQL inside the same statement, through a data-modifying
``WITH``). Items with the same agency, assignee, council and section have the
same recipients: one window query gives each such class's size and its first
``DIGEST_MAX_ITEMS`` items, and the digests are built from classes (each lists
at most ``DIGEST_MAX_ITEMS`` items, in the order the job meets them, with the
total and a link to the inbox). So memory and the number of queries grow with
recipients, not with items (``bench/bench_reminders.py``: 1,000,000 items).
"""

from __future__ import annotations

import datetime as dt
import heapq
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hdnd_portal.core.access import AGENCY, STAFF, STANDING
from hdnd_portal.followups.models import FollowUp, FollowUpQuerySet, ReminderLog
from hdnd_portal.notifications.models import OutboxMessage
from hdnd_portal.notifications.services import outbox_deliver

CHUNK_SIZE = 1000
DIGEST_MAX_ITEMS = 50
DIGEST_BATCH = 50

# Sections of a digest, in display order.
UPCOMING, OVERDUE, ESCALATED = "upcoming", "overdue", "escalated"

_FIELDS = (
    "id",
    "council_id",
    "title",
    "due_date",
    "agency_id",
    "agency__name",
    "agency__email",
    "assignee_id",
    "assignee__email",
    "assignee__is_active",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
)


# --- links ------------------------------------------------------------------------
def _inbox_path() -> str:
    return reverse("followups-inbox")


def _item_path(pk: int) -> str:
    return reverse("followups-followup-detail", args=[pk])


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def stage_label(stage: int) -> str:
    """'còn 7 ngày', 'đến hạn ngày mai', 'quá hạn 1 ngày' (stage = today - due date)."""
    if stage == -1:
        return "đến hạn ngày mai"
    if stage < 0:
        return f"còn {-stage} ngày"
    if stage == 0:
        return "đến hạn hôm nay"
    return f"quá hạn {stage} ngày"


# --- digests ----------------------------------------------------------------------
@dataclass
class Line:
    """One item in a digest."""

    followup_id: int
    council_id: int
    title: str
    agency: str
    due_date: dt.date
    stage: int  # today - due date
    section: str

    # A line goes into several digests: its texts are computed once.
    @cached_property
    def days_overdue(self) -> int:
        return max(0, self.stage)

    @cached_property
    def label(self) -> str:
        return stage_label(self.stage)

    @cached_property
    def due(self) -> str:
        return self.due_date.strftime("%d/%m/%Y")

    @cached_property
    def url(self) -> str:
        return absolute_url(_item_path(self.followup_id))


@dataclass
class Digest:
    """Everything one recipient hears about in one run (the listing is capped)."""

    user_id: int | None
    email: str
    name: str = ""
    lines: list[Line] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {UPCOMING: 0, OVERDUE: 0, ESCALATED: 0})
    council_ids: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, line: Line) -> None:
        self.counts[line.section] += 1
        self.council_ids.add(line.council_id)
        if len(self.lines) < DIGEST_MAX_ITEMS:
            self.lines.append(line)

    def add_group(self, section: str, count: int, council_id: int, lines: list[Line]) -> None:
        """Take in ``count`` items of one class; ``lines`` are its first ones in job order.

        The listing keeps the first ``DIGEST_MAX_ITEMS`` items in the order the
        job meets them (reminders by id, then escalations by id), as :meth:`add`
        called item by item would.
        """
        self.counts[section] += count
        self.council_ids.add(council_id)
        self.lines = list(islice(heapq.merge(self.lines, lines, key=_job_order), DIGEST_MAX_ITEMS))

    def merge(self, other: Digest) -> None:
        """Take in a digest of other items (the collector never gives both the same one)."""
        for section, n in other.counts.items():
            self.counts[section] += n
        self.council_ids |= other.council_ids
        self.lines.extend(other.lines[: max(0, DIGEST_MAX_ITEMS - len(self.lines))])


def _job_order(line: Line) -> tuple[bool, int]:
    """The order in which the job meets items: stage reminders, then escalations; by id."""
    return (line.section == ESCALATED, line.followup_id)


def _full_name(first: str, last: str, username: str) -> str:
    # As User.__str__ (get_full_name) shows it everywhere else in the portal.
    return f"{first} {last}".strip() or username


@dataclass(frozen=True)
class _Person:
    user_id: int
    email: str
    name: str


class _Directory:
    """Who hears about what: loaded once per run (one query), users only, no items."""

    def __init__(self):
        from councils.models import CouncilRole

        self.agency_users: dict[int, list[_Person]] = {}
        self.staff: dict[int, list[_Person]] = {}
        self.standing: dict[int, list[_Person]] = {}
        roles = CouncilRole.objects.filter(
            role__in=(AGENCY, STAFF, STANDING), user__is_active=True
        ).values_list(
            "role",
            "council_id",
            "agency_id",
            "user_id",
            "user__email",
            "user__first_name",
            "user__last_name",
            "user__username",
        )
        for role, council_id, agency_id, user_id, email, first, last, username in roles:
            person = _Person(user_id, (email or "").strip(), _full_name(first, last, username))
            if role == AGENCY and agency_id:
                self.agency_users.setdefault(agency_id, []).append(person)
            elif role == STAFF:
                self.staff.setdefault(council_id, []).append(person)
            elif role == STANDING:
                self.standing.setdefault(council_id, []).append(person)


class _Collector:
    """Digests by recipient: ("u", user id) or ("e", e-mail address)."""

    def __init__(self):
        self.digests: dict[tuple[str, object], Digest] = {}
        self._directory: _Directory | None = None

    @property
    def directory(self) -> _Directory:
        if self._directory is None:
            self._directory = _Directory()
        return self._directory

    def _responsible(self, row: dict, *, with_staff: bool) -> tuple[list[_Person], str]:
        """The agency (its users and its address), the assignee, and the Office.

        Each person hears once per item, and the agency's address only when
        none of them reads that mailbox: so a user digest and an address
        digest for the same mailbox never share an item, and :meth:`finish`
        can add them up. Returns the people and the address ("" for none).
        """
        people: dict[int, _Person] = {}
        if row["agency_id"]:
            for person in self.directory.agency_users.get(row["agency_id"], ()):
                people[person.user_id] = person
        if row["assignee_id"] and row["assignee__is_active"]:
            people.setdefault(
                row["assignee_id"],
                _Person(
                    row["assignee_id"],
                    (row["assignee__email"] or "").strip(),
                    _full_name(
                        row["assignee__first_name"],
                        row["assignee__last_name"],
                        row["assignee__username"],
                    ),
                ),
            )
        if with_staff:
            for person in self.directory.staff.get(row["council_id"], ()):
                people.setdefault(person.user_id, person)
        address = (row["agency__email"] or "").strip()
        if address and address.lower() in {p.email.lower() for p in people.values()}:
            address = ""
        return list(people.values()), address

    def _user_digest(self, person: _Person) -> Digest:
        key = ("u", person.user_id)
        if key not in self.digests:
            self.digests[key] = Digest(user_id=person.user_id, email=person.email, name=person.name)
        return self.digests[key]

    def _address_digest(self, email: str, name: str) -> Digest:
        key = ("e", email.lower())
        if key not in self.digests:
            self.digests[key] = Digest(user_id=None, email=email, name=name)
        return self.digests[key]

    def to_responsible(self, row: dict, line: Line, *, with_staff: bool) -> int:
        """One item to its responsible ones; returns how many recipients it reached."""
        people, address = self._responsible(row, with_staff=with_staff)
        for person in people:
            self._user_digest(person).add(line)
        if address:
            self._address_digest(address, row["agency__name"]).add(line)
        return len(people) + bool(address)

    def group_to_responsible(self, row: dict, count: int, lines: list[Line]) -> None:
        """``count`` stage reminders of one class (same agency, assignee, council, section)."""
        people, address = self._responsible(row, with_staff=True)
        digests = [self._user_digest(person) for person in people]
        if address:
            digests.append(self._address_digest(address, row["agency__name"]))
        for digest in digests:
            digest.add_group(row["section"], count, row["council_id"], lines)

    def group_to_standing(self, row: dict, count: int, lines: list[Line]) -> None:
        """``count`` escalations of one council."""
        for person in self.directory.standing.get(row["council_id"], ()):
            self._user_digest(person).add_group(ESCALATED, count, row["council_id"], lines)

    def finish(self) -> list[Digest]:
        """Fold an address-only digest into a user's digest going to the same mailbox."""
        by_email = {d.email.lower(): d for k, d in self.digests.items() if k[0] == "u" and d.email}
        result = []
        for key, digest in self.digests.items():
            if key[0] == "e" and key[1] in by_email:
                by_email[key[1]].merge(digest)
            else:
                result.append(digest)
        return result


def _line(row: dict, stage: int, section: str) -> Line:
    return Line(
        followup_id=row["id"],
        council_id=row["council_id"],
        title=row["title"],
        agency=row["agency__name"] or "",
        due_date=row["due_date"],
        stage=stage,
        section=section,
    )


# --- phase 1 helpers ------------------------------------------------------------------
# The items this run owns, for the length of its transaction: a temporary table (never a
# regular one: it is always named with its temporary schema) filled from the rows that the
# INSERT of the logs and the UPDATE of the escalations RETURNED, with what decides who hears
# about them (agency, assignee, council) and the digest section.
_RUN = "hdnd_reminder_run"
_RUN_CLASS = ("agency_id", "assignee_id", "council_id", "section")


def _qn(meta, name: str) -> str:
    return connection.ops.quote_name(meta.get_field(name).column)


def _prep(meta, name: str, value):
    return meta.get_field(name).get_db_prep_value(value, connection)


def _run_table() -> str:
    return ("pg_temp." if connection.vendor == "postgresql" else "temp.") + _RUN


def _run_create(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {_run_table()}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_RUN} (followup_id bigint NOT NULL, section varchar(9) NOT NULL,"
        " agency_id bigint, assignee_id bigint, council_id bigint NOT NULL)"
        + (" ON COMMIT DROP" if connection.vendor == "postgresql" else "")
    )


def _run_fill(cursor, dml: str, params: list, section_sql: str, section_params: list) -> int:
    """Run ``dml`` (``… RETURNING <followup id> AS followup_id, <stage> AS stage``) and put
    the rows it returned into the run table; returns how many.

    PostgreSQL does it in one statement (a data-modifying WITH); SQLite, which has no
    such WITH, hands the rows over through Python (SQLite runs small databases).
    """
    fu = FollowUp._meta
    table = _run_table()
    if connection.vendor == "postgresql":
        cursor.execute(
            f"WITH mine AS ({dml}) INSERT INTO {table} "
            "(followup_id, section, agency_id, assignee_id, council_id) "
            f"SELECT m.followup_id, {section_sql}, f.{_qn(fu, 'agency')}, "
            f"f.{_qn(fu, 'assignee')}, f.{_qn(fu, 'council')} FROM mine m "
            f"JOIN {connection.ops.quote_name(fu.db_table)} f ON f.{_qn(fu, 'id')} = m.followup_id",
            [*params, *section_params],
        )
        return cursor.rowcount
    cursor.execute(dml, params)
    rows = cursor.fetchall()
    for start in range(0, len(rows), 500):
        part = rows[start : start + 500]
        cursor.execute(
            f"WITH m (followup_id, stage) AS (VALUES {', '.join(['(%s, %s)'] * len(part))}) "
            f"INSERT INTO {table} (followup_id, section, agency_id, assignee_id, council_id) "
            f"SELECT m.followup_id, {section_sql}, f.{_qn(fu, 'agency')}, "
            f"f.{_qn(fu, 'assignee')}, f.{_qn(fu, 'council')} FROM m "
            f"JOIN {connection.ops.quote_name(fu.db_table)} f ON f.{_qn(fu, 'id')} = m.followup_id",
            [*(v for row in part for v in row), *section_params],
        )
    return len(rows)


def _claim_stages(cursor, *, today: dt.date, stages: list[int], now: dt.datetime) -> int:
    """INSERT the automatic log of every open item at a stage today, skipping existing ones.

    ``ON CONFLICT DO NOTHING RETURNING`` gives back only the rows this statement
    inserted: exactly the stages this run owns (a second, retried or concurrent
    run gets nothing back for them). Set-based: one statement, whatever the
    number of items. Stage = today - due date, so the due dates are few (an index).
    """
    fu, log = FollowUp._meta, ReminderLog._meta
    qn = connection.ops.quote_name
    due = {s: _prep(fu, "due_date", today - dt.timedelta(days=s)) for s in stages}
    states = FollowUpQuerySet.OPEN_STATES
    dml = (
        f"INSERT INTO {qn(log.db_table)} ({_qn(log, 'followup')}, {_qn(log, 'stage')}, "
        f"{_qn(log, 'due_date')}, {_qn(log, 'sent_at')}, {_qn(log, 'manual')}) "
        f"SELECT {_qn(fu, 'id')}, CASE {_qn(fu, 'due_date')} "
        + " ".join(["WHEN %s THEN %s"] * len(stages))
        + f" END, {_qn(fu, 'due_date')}, %s, %s FROM {qn(fu.db_table)} "
        f"WHERE {_qn(fu, 'state')} IN ({', '.join(['%s'] * len(states))}) "
        f"AND {_qn(fu, 'due_date')} IN ({', '.join(['%s'] * len(stages))}) "
        f"ON CONFLICT DO NOTHING RETURNING {_qn(log, 'followup')} AS followup_id, "
        f"{_qn(log, 'stage')} AS stage"
    )
    params = [v for s in stages for v in (due[s], s)]
    params += [_prep(log, "sent_at", now), _prep(log, "manual", False), *states]
    params += [due[s] for s in stages]
    return _run_fill(
        cursor, dml, params, "CASE WHEN m.stage > 0 THEN %s ELSE %s END", [OVERDUE, UPCOMING]
    )


def _claim_escalations(cursor, *, due_on_or_before: dt.date, now: dt.datetime) -> int:
    """Set ``escalated_at`` on open items overdue long enough and not yet escalated.

    Only rows still NULL are updated, and PostgreSQL checks that again on a row a
    concurrent run had locked: the rows RETURNED are this run's, each escalated once.
    """
    fu = FollowUp._meta
    states = FollowUpQuerySet.OPEN_STATES
    dml = (
        f"UPDATE {connection.ops.quote_name(fu.db_table)} SET {_qn(fu, 'escalated_at')} = %s "
        f"WHERE {_qn(fu, 'state')} IN ({', '.join(['%s'] * len(states))}) "
        f"AND {_qn(fu, 'due_date')} <= %s AND {_qn(fu, 'escalated_at')} IS NULL "
        f"RETURNING {_qn(fu, 'id')} AS followup_id, 0 AS stage"
    )
    params = [
        _prep(fu, "escalated_at", now),
        *states,
        _prep(fu, "due_date", due_on_or_before),
    ]
    return _run_fill(cursor, dml, params, "%s", [ESCALATED])


def _record_history(cursor, when: dt.datetime) -> None:
    """One history entry per escalated item ("báo cáo Thường trực"), in one statement.

    The rows ``bulk_history_create(update=True)`` would write: the item's tracked
    fields as they are now, type "~", this run's time, the default history user.
    """
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    fu, history = FollowUp._meta, FollowUp.history.model
    qn = connection.ops.quote_name
    names = [f.name for f in history.tracked_fields]
    user = history.get_default_history_user(None)
    hm = history._meta
    cursor.execute(
        f"INSERT INTO {qn(hm.db_table)} ({', '.join(_qn(hm, n) for n in names)}, "
        f"{_qn(hm, 'history_date')}, {_qn(hm, 'history_change_reason')}, "
        f"{_qn(hm, 'history_type')}, {_qn(hm, 'history_user')}) "
        f"SELECT {', '.join('f.' + _qn(fu, n) for n in names)}, %s, %s, %s, %s "
        f"FROM {qn(fu.db_table)} f WHERE f.{_qn(fu, 'id')} IN "
        f"(SELECT followup_id FROM {_run_table()} WHERE section = %s) ORDER BY f.{_qn(fu, 'id')}",
        [
            _prep(hm, "history_date", when),
            f"Báo cáo Thường trực HĐND: quá hạn từ {settings.FOLLOWUP_ESCALATE_AFTER_DAYS} ngày",
            "~",
            getattr(user, "pk", user),
            ESCALATED,
        ],
    )


def _collect_run(cursor, collector: _Collector, today: dt.date) -> None:
    """Digests of the run's items: one query over the run table, whatever its size.

    Items with the same agency, assignee, council and section have the same
    recipients (a "class"): the query returns each class's size and its first
    ``DIGEST_MAX_ITEMS`` items, enough for any digest made of several classes.
    """
    window = f"PARTITION BY {', '.join(_RUN_CLASS)}"
    cursor.execute(
        f"SELECT followup_id, {', '.join(_RUN_CLASS)}, total FROM ("
        f"SELECT r.*, ROW_NUMBER() OVER ({window} ORDER BY followup_id) AS n, "
        f"COUNT(*) OVER ({window}) AS total FROM {_run_table()} r) x WHERE n <= %s",
        [DIGEST_MAX_ITEMS],
    )
    rows = cursor.fetchall()
    details: dict[int, dict] = {}
    ids = sorted({row[0] for row in rows})
    for start in range(0, len(ids), CHUNK_SIZE):
        part = FollowUp.objects.filter(pk__in=ids[start : start + CHUNK_SIZE])
        details.update((item["id"], item) for item in part.values(*_FIELDS))
    # Classes in the order the job meets them (stage reminders, then escalations; by id),
    # so that digests and their names come out as an item-by-item walk would make them.
    classes: dict[tuple, tuple[int, list[Line], dict]] = {}
    for followup_id, *key, total in sorted(rows, key=lambda r: (r[4] == ESCALATED, r[0])):
        item = details[followup_id]
        line = _line(item, (today - item["due_date"]).days, key[3])
        classes.setdefault(tuple(key), (total, [], item))[1].append(line)
    for (*_, section), (total, lines, first) in classes.items():
        if section == ESCALATED:
            collector.group_to_standing(first, total, lines)
        else:
            collector.group_to_responsible({**first, "section": section}, total, lines)


def _keyset(qs, *, select_for_update: bool = False) -> Iterable[list[dict]]:
    """Chunks of ``qs`` as value dicts, by primary key (bounded memory, any DB)."""
    last = 0
    while True:
        page = qs.filter(pk__gt=last).order_by("pk")
        if select_for_update:
            page = page.select_for_update(of=("self",))
        chunk = list(page.values(*_FIELDS)[:CHUNK_SIZE])
        if not chunk:
            return
        yield chunk
        if len(chunk) < CHUNK_SIZE:
            return
        last = chunk[-1]["id"]


def _save_digests(
    digests: list[Digest], *, kind: str, today: dt.date, run_id: str, sent_by=None
) -> list[int]:
    """Render each digest into an outbox row; returns their ids.

    Rows are written ``DIGEST_BATCH`` at a time, so at most that many rendered
    mails are held in memory.
    """
    from councils.models import Council

    council_ids = set().union(*(d.council_ids for d in digests)) if digests else set()
    councils = {
        pk: (name, f"HĐND {commune_kind} {commune}")
        for pk, name, commune_kind, commune in Council.objects.filter(
            pk__in=council_ids
        ).values_list("pk", "name", "commune_kind", "commune")
    }
    inbox_url = absolute_url(_inbox_path())
    ids: list[int] = []
    messages: list[OutboxMessage] = []

    def flush():
        ids.extend(m.pk for m in OutboxMessage.objects.bulk_create(messages))
        messages.clear()

    for digest in digests:
        if not digest.user_id and not digest.email:
            continue
        single = next(iter(digest.council_ids)) if len(digest.council_ids) == 1 else None
        lines = sorted(digest.lines, key=lambda ln: (-ln.stage, ln.due_date, ln.followup_id))
        sections = [
            {
                "code": code,
                "title": title,
                "count": digest.counts[code],
                "lines": [ln for ln in lines if ln.section == code],
            }
            for code, title in (
                (
                    ESCALATED,
                    "Báo cáo Thường trực HĐND: việc quá hạn từ "
                    f"{settings.FOLLOWUP_ESCALATE_AFTER_DAYS} ngày trở lên",
                ),
                (OVERDUE, "Việc đã quá hạn"),
                (UPCOMING, "Việc sắp đến hạn"),
            )
            if digest.counts[code]
        ]
        context = {
            "digest": digest,
            "kind": kind,
            "today": today,
            "sections": sections,
            "council_name": councils[single][0] if single else "",
            "council_short_name": councils[single][1] if single else "",
            "hidden": digest.total - len(digest.lines),
            "inbox_url": inbox_url,
            "sent_by": sent_by,
            "escalate_days": settings.FOLLOWUP_ESCALATE_AFTER_DAYS,
        }
        recipient = f"u{digest.user_id}" if digest.user_id else f"e{digest.email.lower()}"
        subject = " ".join(
            render_to_string("followups/email/reminder_subject.txt", context).split()
        )
        context["title"] = render_to_string("followups/email/reminder_title.txt", context).strip()
        messages.append(
            OutboxMessage(
                key=f"{kind}:{today:%Y-%m-%d}:{run_id}:{recipient}"[:200],
                kind=kind,
                council_id=single,
                user_id=digest.user_id,
                email=digest.email,
                subject=subject[:255],
                body_text=render_to_string("followups/email/reminder.txt", context),
                body_html=render_to_string("followups/email/reminder.html", context),
                title=context["title"][:255],
                body=render_to_string("followups/email/reminder_notification.txt", context).strip(),
                url=_inbox_path()
                + (
                    "?status=overdue"
                    if digest.counts[OVERDUE] or digest.counts[ESCALATED]
                    else "?status=due_soon"
                ),
                item_count=digest.total,
            )
        )
        if len(messages) == DIGEST_BATCH:
            flush()
    flush()
    return ids


# --- the jobs ---------------------------------------------------------------------------
def reminders_collect(*, today: dt.date) -> dict:
    """Phase 1: log stages, escalate, write one outbox row per recipient (one transaction).

    Set-based: the logs are one INSERT … SELECT, the escalations one UPDATE and
    their history one INSERT … SELECT; the digests are read from the run's
    items grouped by recipients. Queries and memory grow with recipients, not items.
    """
    stages = sorted(set(settings.FOLLOWUP_REMINDER_STAGES))
    escalate_after = settings.FOLLOWUP_ESCALATE_AFTER_DAYS
    run_id = uuid.uuid4().hex[:12]
    now = timezone.now()
    collector = _Collector()
    stats = {"date": today.isoformat(), "reminders": 0, "escalated": 0}
    with transaction.atomic(), connection.cursor() as cursor:
        _run_create(cursor)
        stats["reminders"] = _claim_stages(cursor, today=today, stages=stages, now=now)
        # Escalation (báo cáo Thường trực HĐND): once per item, when long overdue.
        stats["escalated"] = _claim_escalations(
            cursor, due_on_or_before=today - dt.timedelta(days=escalate_after), now=now
        )
        if stats["escalated"]:
            _record_history(cursor, now)
        if stats["reminders"] or stats["escalated"]:
            _collect_run(cursor, collector, today)
        cursor.execute(f"DROP TABLE {_run_table()}")
        outbox_ids = _save_digests(collector.finish(), kind="reminder", today=today, run_id=run_id)
    stats["digests"] = len(outbox_ids)
    return stats


def run_reminders(*, today: dt.date | None = None) -> dict:
    """The daily job: phase 1 (collect, committed), then phase 2 (deliver).

    Returns counts: ``reminders`` (stages logged), ``escalated``, ``digests``
    (outbox rows written), ``emails``/``notifications`` sent and ``failed``
    deliveries (those stay pending and are retried by the next delivery).
    """
    today = today or timezone.localdate()
    stats = reminders_collect(today=today)
    # Delivers this run's digests and any left pending by an earlier crash.
    delivery = outbox_deliver()
    stats.update(
        emails=delivery["emails"],
        notifications=delivery["notifications"],
        delivered=delivery["delivered"],
        failed=delivery["failed"],
    )
    return stats


@dataclass
class ManualReminders:
    """What a bulk "Gửi nhắc nhở" did; the page turns it into its messages.

    ``reminded``: (who, number of items) for each responsible agency or person reached;
    ``skipped``: (item id, when it was last reminded by hand) for items reminded less than
    ``FOLLOWUP_MANUAL_REMINDER_MINUTES`` ago; ``unreachable``: items whose responsible has
    neither an account nor an e-mail address; ``queued``: whether delivery was queued
    (False: the broker was down, the outbox rows wait for the periodic sweep).
    """

    digests: int = 0
    reminded: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[int, dt.datetime]] = field(default_factory=list)
    unreachable: list[int] = field(default_factory=list)
    queued: bool | None = None

    @property
    def item_count(self) -> int:
        return sum(n for _, n in self.reminded)


def _responsible_name(row: dict) -> str:
    if row["agency_id"]:
        return row["agency__name"]
    return _full_name(
        row["assignee__first_name"], row["assignee__last_name"], row["assignee__username"]
    )


def send_manual_reminders(*, followups, by_user) -> ManualReminders:
    """The inbox's bulk "Gửi nhắc nhở": one digest per recipient, at most once an hour per item.

    Recipients are the responsible ones (agency users and address, assignee),
    not the Office that presses the button. An item reminded by hand less than
    ``FOLLOWUP_MANUAL_REMINDER_MINUTES`` ago is skipped (two clicks, two colleagues:
    one reminder); the rows are locked first so concurrent clicks see each other's
    logs. Logs are ``manual=True`` and written only for items that reached someone.
    Delivery is queued after the commit; a broker outage is reported, not raised.
    """
    from hdnd_portal.core.tasks import enqueue_on_commit
    from hdnd_portal.notifications.tasks import deliver_outbox

    today = timezone.localdate()
    now = timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.FOLLOWUP_MANUAL_REMINDER_MINUTES)
    ids = [getattr(f, "pk", f) for f in followups]
    result = ManualReminders()
    collector = _Collector()
    with transaction.atomic():
        ids = list(
            FollowUp.objects.open()
            .filter(pk__in=ids)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        recent = dict(
            ReminderLog.objects.filter(manual=True, followup_id__in=ids, sent_at__gt=cutoff)
            .values("followup_id")
            .annotate(last=Max("sent_at"))
            .values_list("followup_id", "last")
        )
        result.skipped = sorted(recent.items())
        by_responsible: dict[str, int] = {}
        logs = []
        for chunk in _keyset(FollowUp.objects.filter(pk__in=set(ids) - set(recent))):
            for row in chunk:
                stage = (today - row["due_date"]).days
                line = _line(row, stage, OVERDUE if stage > 0 else UPCOMING)
                if not collector.to_responsible(row, line, with_staff=False):
                    result.unreachable.append(row["id"])
                    continue
                name = _responsible_name(row)
                by_responsible[name] = by_responsible.get(name, 0) + 1
                logs.append(
                    ReminderLog(
                        followup_id=row["id"],
                        stage=stage,
                        due_date=row["due_date"],
                        sent_at=now,
                        manual=True,
                    )
                )
        ReminderLog.objects.bulk_create(logs, batch_size=500)
        result.reminded = sorted(by_responsible.items(), key=lambda kv: (-kv[1], kv[0]))
        outbox_ids = _save_digests(
            collector.finish(),
            kind="manual",
            today=today,
            run_id=uuid.uuid4().hex[:12],
            sent_by=by_user,
        )
        result.digests = len(outbox_ids)
        enqueued = enqueue_on_commit(deliver_outbox, ids=outbox_ids) if outbox_ids else None
    if enqueued is not None:
        # None while an outer transaction (a test, a caller's atomic) has not committed yet.
        result.queued = enqueued.queued
    return result
