"""City-scale benchmark of the KPI dashboard, the city view and every list page (issues 12, 24):
126 councils, five years.

    make bench-city                     # BENCH_CITY_ARGS="--keep" / "--reuse"
    .venv/bin/python bench/bench_targets_city.py [--scale 1.0] [--runs 30] [--list-runs 5]
                                                 [--keep] [--reuse]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hdnd_bench_city_me \
        .venv/bin/python bench/bench_targets_city.py --keep

PostgreSQL only (SQLite is refused: the point is the city's volume). The database named in
``DATABASE_URL`` *is* the bench database (``hdnd_bench_city`` when ``DATABASE_URL`` is unset);
the script creates it from the server's maintenance database, marks it with
``COMMENT ON DATABASE … IS 'hdnd bench-city'``, migrates it and drops it at the end
(``--keep`` keeps it; ``--reuse`` migrates a kept one and measures it again without
rebuilding). It never drops, rebuilds or reuses a database without that mark: it says so and
exits with status 2 (``bench/benchdb.py``; the server's own ``postgres``/``template*`` are
refused too).

The data is written with ``COPY`` (ids allocated here, sequences reset afterwards), one
council at a time: 126 councils of uneven size (the biggest about 2.3 times the mean,
the smallest about a third of it), each with a term, delegates, the Standing Committee,
two Bans and delegate groups, agencies, petition fields, party cells and their
dissemination, trainings, regular and thematic sessions with resolutions making the
congress goals concrete, Standing Committee meetings and thematic briefings, supervision
activities of every body, voter meetings with about 600,000 voter petitions (at
``--scale 1``) synthesised into about 70,000 petitions with their follow-ups, about
130,000 letters, citizen receptions, and other follow-ups (about 100,000 follow-ups in
all). Then the plan's targets are seeded for each council the way ``seed_demo`` does
(``hdnd_portal.targets.demo.load_targets``: this year's month-end snapshots and today's,
which opens the follow-ups of targets at risk), and the snapshots of every earlier
month-end back to January 2022 are the daily job's evaluations (``evaluate_all``) of
those days, written in bulk.

Measured through Django's test client, logged in (full view, templates rendered), each with
its time inside SQL (``connection.execute_wrapper``) and the rest (Python: view, template,
middleware) apart:

* the dashboard of the biggest and of the smallest council for this year (--runs after
  3 warm-ups): p50 / p95 / max and the query count, and beside it the same aggregates as
  hand-written SQL (``cursor.execute``) and the ratio dashboard ÷ bare SQL;
* the city view (``/targets/city/``) of a user overseeing all 126 councils;
* every list page (``bench/city_lists.py``), biggest council against smallest, as each
  council's Office user: p50, SQL, queries and the ratio.

Goals (issue 24; README, "City-scale benchmark"): dashboard p95 ≤ 100 ms with the same query
count for a small and a big council; city view p95 ≤ 300 ms; every list page's ratio biggest ÷
smallest ≤ 1.5. A summary block at the end prints each with MET or MISS; the exit status is 1
if one is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hdnd_bench_city")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import benchdb, city_lists  # noqa: E402
from bench.words import SUBJECTS  # noqa: E402
from hdnd_portal.core.text import fold  # noqa: E402

COUNCILS = 126
FIRST_YEAR = 2022
WARMUP = 3
GOALS = {"dashboard_p95_ms": 100, "city_p95_ms": 300, "list_ratio": city_lists.RATIO_GOAL}

COMMUNE_FIRST = "An Bình Hòa Phúc Tân Thanh Minh Đông Tây Nam Bắc Trung Vĩnh Quang".split()
COMMUNE_SECOND = "Lộc Khánh Hưng Phú Sơn Hà Thịnh Long Xuân Mỹ".split()
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = "An Bình Chi Dũng Giang Hà Hải Hạnh Hiếu Hoa Hùng Lan Long Mai Nam Nga Phong Quân Sơn Tâm Thảo Trang Tú Yến".split()
AGENCIES = [
    ("UBND xã", "ubnd"),
    ("Công an xã", "police"),
    ("Ủy ban MTTQ Việt Nam xã", "mttq"),
    ("Trạm Y tế xã", "ubnd_unit"),
    ("Văn phòng - Thống kê", "ubnd_unit"),
    ("Phòng Kinh tế", "ubnd_unit"),
    ("Phòng Văn hóa - Xã hội", "ubnd_unit"),
    ("Trường Mầm non", "ubnd_unit"),
    ("Trường Tiểu học", "ubnd_unit"),
    ("Trường THCS", "ubnd_unit"),
    ("Hợp tác xã nông nghiệp", "other"),
    ("Ban Chỉ huy Quân sự xã", "ubnd_unit"),
    ("Hội Nông dân", "mttq"),
    ("Hội Liên hiệp Phụ nữ", "mttq"),
    ("Đoàn Thanh niên", "mttq"),
    ("Hội Cựu chiến binh", "mttq"),
    ("Điện lực khu vực", "upper"),
    ("Ban quản lý chợ", "ubnd_unit"),
    ("Ban quản lý dự án", "ubnd_unit"),
    ("Chi cục Thuế khu vực", "upper"),
]
FIELDS = [
    "Đất đai",
    "Giao thông",
    "Môi trường",
    "Chính sách xã hội",
    "Y tế",
    "Giáo dục",
    "Điện, nước sinh hoạt",
    "An ninh trật tự",
    "Nông nghiệp",
    "Tài chính - Ngân sách",
]
PLACES = ["thôn Hạ", "thôn Thượng", "thôn Đông", "thôn Đoài", "thôn Trung", "xóm Chùa", "xóm Mới"]
TEXTS = [
    (f"Cử tri {place} đề nghị quan tâm {subject}.", place)
    for subject in SUBJECTS
    for place in PLACES
]
FOLDED = {text: fold(text) for text, _place in TEXTS}
BANS = ("Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội")


# -- writing: COPY with ids allocated here ------------------------------------------------
class Writer:
    """Rows of each model, written with ``COPY`` table by table; ids come from here, so
    children can point at parents before anything is written."""

    def __init__(self):
        self.next_id: dict = {}
        self.rows: dict = {}
        self.counts: dict = {}
        self.now = timezone.now()

    def new_id(self, model) -> int:
        if model not in self.next_id:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
                self.next_id[model] = cursor.fetchone()[0] + 1
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model, **values) -> int:
        pk = values.get("id") or self.new_id(model)
        values["id"] = pk
        for f in model._meta.concrete_fields:
            if f.is_relation and f.name in values:
                values[f.attname] = values.pop(f.name)
        self.rows.setdefault(model, []).append(values)
        return pk

    def link(self, through, **values) -> None:
        self.add(through, **values)

    def flush(self) -> None:
        """One transaction: the foreign keys (deferred) are checked at its end."""
        with transaction.atomic():
            self._flush()
        self.rows = {}

    def _flush(self) -> None:
        from psycopg.types.json import Jsonb

        for model, rows in self.rows.items():
            fields = model._meta.concrete_fields
            defaults = {}
            for f in fields:
                if f.has_default():
                    defaults[f.attname] = f.get_default()
                elif f.name in ("created_at", "updated_at", "date_joined"):
                    defaults[f.attname] = self.now
                elif not f.null and f.empty_strings_allowed:
                    defaults[f.attname] = ""
                else:
                    defaults[f.attname] = None
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            names = [f.attname for f in fields]
            json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
            sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    values = []
                    for name in names:
                        value = row.get(name, defaults[name])
                        if name in json_fields:
                            value = Jsonb(value)
                        values.append(value)
                    copy.write_row(values)
            self.counts[model] = self.counts.get(model, 0) + len(rows)

    def reset_sequences(self) -> None:
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_id)):
                cursor.execute(sql)


def aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def rand_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def sizes(scale: float) -> list[float]:
    """Each council's size, mean 1: the biggest ≈ 2.3, the smallest ≈ 0.35 (× scale)."""
    raw = [0.4 + 2.2 * ((n * 37 % COUNCILS) / (COUNCILS - 1)) ** 2 for n in range(COUNCILS)]
    mean = sum(raw) / len(raw)
    return [scale * r / mean for r in raw]


# -- one council ------------------------------------------------------------------------
def build_council(w: Writer, n: int, size: float, today: dt.date, rng: random.Random) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from councils.models import (
        Agency,
        Committee,
        Council,
        Delegate,
        Dissemination,
        PartyCell,
        Term,
        Training,
        TrainingParticipant,
    )
    from hdnd_portal.followups.models import FollowUp
    from meetings.models import CongressGoal, Resolution, Session, StandingMeeting
    from petitions.models import Letter, Reception
    from supervision.models import Activity
    from voters.models import PetitionField, SynthesizedPetition, VoterMeeting, VoterPetition
    from voters.services import FOLLOWUP_KIND

    synth_type = ContentType.objects.get_for_model(SynthesizedPetition).pk
    commune = f"{COMMUNE_FIRST[n // len(COMMUNE_SECOND)]} {COMMUNE_SECOND[n % len(COMMUNE_SECOND)]}"
    council = w.add(
        Council,
        name=f"Hội đồng nhân dân xã {commune}",
        slug=f"bench-{n:03d}",
        commune=commune,
    )
    c = {"council_id": council}
    term_start = dt.date(2021, 6, 25)
    term = w.add(
        Term,
        **c,
        start_date=term_start,
        name="Nhiệm kỳ 2021-2026",
        number=1,
        election_date=dt.date(2021, 5, 23),
    )
    standing = w.add(Committee, **c, term=term, kind="standing", name="Thường trực HĐND")
    bans = [
        w.add(Committee, **c, term=term, kind="ban", name=name, order=i + 1)
        for i, name in enumerate(BANS)
    ]
    groups = [
        w.add(Committee, **c, term=term, kind="delegate_group", name=f"Tổ đại biểu số {g + 1}")
        for g in range(max(3, round(5 * size**0.5)))
    ]
    delegates = []  # (id, start, end)
    for d in range(max(15, round(25 * size**0.5))):
        name = f"{person(rng)} {d}"
        ended = dt.date(2024, 6, 30) if d % 17 == 5 else None
        pk = w.add(
            Delegate,
            **c,
            term=term,
            full_name=name,
            sort_name=fold(name.split(" ")[-2]),
            gender="female" if d % 2 else "male",
            birth_date=dt.date(1960 + d % 30, 1 + d % 12, 1 + d % 28),
            delegate_group=groups[d % len(groups)],
            start_date=term_start,
            end_date=ended,
            search_text=fold(name),
        )
        delegates.append((pk, term_start, ended))
    agencies = [
        w.add(Agency, **c, name=name, kind=kind, search_text=fold(name)) for name, kind in AGENCIES
    ]
    fields = [
        w.add(PetitionField, **c, name=name, order=i, search_text=fold(name))
        for i, name in enumerate(FIELDS)
    ]
    # 1.1: party cells, most of them disseminated to (a few councils lag behind).
    reach = rng.choice((1.0, 1.0, 0.95, 0.85, 0.7))
    for p in range(max(8, round(20 * size**0.5))):
        cell = w.add(
            PartyCell,
            **c,
            name=f"Chi bộ thôn số {p + 1}",
            member_count=20 + p,
            start_date=dt.date(2020, 1, 1),
        )
        if rng.random() < reach:
            w.add(
                Dissemination,
                **c,
                party_cell=cell,
                held_on=rand_day(rng, dt.date(FIRST_YEAR, 2, 1), today),
                presenter=person(rng),
                attendance=15,
            )
    # Sessions: two regular ones a year (July, December) and one thematic.
    sessions, number = [], itertools.count(1)
    for year in range(FIRST_YEAR, today.year + 1):
        for month, kind in ((4, "thematic"), (7, "regular"), (12, "regular")):
            start = dt.date(year, month, 10)
            state = "closed" if start < today else "planned"
            pk = w.add(
                Session,
                **c,
                term=term,
                number=next(number),
                kind=kind,
                title=f"Kỳ họp {kind} tháng {month}/{year}",
                start_date=start,
                end_date=start + dt.timedelta(days=1),
                place="Hội trường UBND xã",
                state=state,
            )
            sessions.append((pk, start, kind))
    # 1.2: congress goals made concrete by resolutions.
    goals = [
        w.add(CongressGoal, **c, code=f"{g + 1}", text=f"Mục tiêu số {g + 1}", order=g)
        for g in range(20)
    ]
    covered = goals[: rng.choice((20, 20, 18, 15))]
    resolution_through = Resolution.goals.through
    for s, (session, start, _kind) in enumerate(sessions):
        if start > today:
            continue
        for r in range(3):
            res = w.add(
                Resolution,
                **c,
                session=session,
                title=f"Nghị quyết số {s * 3 + r + 1}",
                voted_on=start,
                passed=True,
                vote_snapshot={},
            )
            for goal in rng.sample(covered, 2):
                w.link(resolution_through, resolution_id=res, congressgoal_id=goal)
    for year in range(FIRST_YEAR, today.year + 1):
        # 1.3: trainings; 1.7: briefings; Standing Committee meetings monthly.
        people = [d for d, _s, end in delegates if end is None or end.year >= year]
        for t in range(rng.choice((1, 1, 2))):
            day = dt.date(year, 3 + 5 * t, 15)
            if day > today:
                continue
            training = w.add(
                Training,
                **c,
                course=f"Bồi dưỡng kỹ năng hoạt động {year}",
                organiser="Thành ủy",
                start_date=day,
                end_date=day + dt.timedelta(days=2),
                place="Trường Chính trị",
            )
            share = rng.choice((1.0, 0.9, 0.75))
            for d in people[: round(len(people) * share)]:
                w.add(TrainingParticipant, training_id=training, delegate_id=d)
        for month in range(1, 13):
            day = dt.date(year, month, 8)
            if day > today:
                break
            w.add(StandingMeeting, **c, term=term, held_on=day, topic=f"Phiên họp tháng {month}")
            if month in (5, 11) and rng.random() < 0.85:
                w.add(
                    StandingMeeting,
                    **c,
                    term=term,
                    kind="briefing",
                    held_on=day + dt.timedelta(days=7),
                    topic="Giao ban chuyên đề với các Ban",
                )
        # 1.4: supervisions of every body.
        plan = [("hdnd", None, rng.choice((1, 2, 2, 3)))]
        plan += [("standing", None, rng.choice((6, 8, 9)))]
        plan += [("ban", ban, rng.choice((1, 2, 3, 4))) for ban in bans]
        plan += [("group", g, 1) for g in groups[:2]]
        for body, committee, count in plan:
            for a in range(count):
                day = rand_day(rng, dt.date(year, 1, 10), dt.date(year, 12, 10))
                state = "planned" if day > today else rng.choice(("reported", "closed"))
                kind = (
                    "thematic"
                    if body != "standing"
                    else rng.choice(("thematic", "survey", "questioning", "explanation"))
                )
                w.add(
                    Activity,
                    **c,
                    body=body,
                    committee_id=committee,
                    kind=kind,
                    topic=f"Giám sát {SUBJECTS[a % len(SUBJECTS)]}",
                    start_date=day,
                    end_date=day + dt.timedelta(days=5),
                    state=state,
                )
        # 1.5.a: receptions by each delegate.
        for d, _s, end in delegates:
            if end is not None and end.year < year:
                continue
            for q in range(rng.choice((3, 4, 4, 4))):
                day = dt.date(year, 1 + 3 * q, 12 + d % 10)
                if day > today:
                    continue
                reception = w.add(
                    Reception,
                    **c,
                    kind="petition",
                    received_on=day,
                    place="Trụ sở tiếp công dân",
                    citizen_name=person(rng),
                    content="Phản ánh về " + rng.choice(SUBJECTS),
                    outcome="guidance",
                )
                w.link(Reception.receivers.through, reception_id=reception, delegate_id=d)
        # Voter meetings, petitions, their synthesis and follow-ups (1.5.b, 1.6).
        regular = [
            (pk, start) for pk, start, kind in sessions if kind == "regular" and start.year == year
        ]
        meetings = []
        for session, start in regular:
            for g in groups:
                for kind, shift in (("before", -20), ("after", 15)):
                    held = start + dt.timedelta(days=shift)
                    if held <= today:
                        meetings.append((kind, g, held, session))
        if rng.random() < 0.9:
            meetings.append(("thematic", standing, dt.date(year, 9, 20), None))
        meetings = [m for m in meetings if m[2] <= today]
        synth_per_year = round(120 * size)
        per_meeting = max(1, synth_per_year // max(1, len(meetings)))
        forward_share = rng.choice((1.0, 0.97, 0.9))
        for kind, holder, held, session in meetings:
            meeting = w.add(
                VoterMeeting,
                **c,
                kind=kind,
                session_id=session,
                holder_id=holder,
                place=f"Nhà văn hóa {rng.choice(PLACES)}",
                held_on=held,
                voter_count=120,
                speaker_count=12,
            )
            for _p in range(per_meeting):
                text, place = rng.choice(TEXTS)
                field = rng.choice(fields)
                made = held + dt.timedelta(days=rng.randint(2, 10))
                if made > today:
                    made = today
                forwarded = rng.random() < forward_share and made < today - dt.timedelta(days=3)
                agency = rng.choice(agencies) if forwarded else None
                synth_id = w.new_id(SynthesizedPetition)
                followup = None
                state = "new"
                answered_on = None
                if forwarded:
                    started = made + dt.timedelta(days=2)
                    due = started + dt.timedelta(days=30)
                    answered = started + dt.timedelta(days=rng.randint(5, 50))
                    if answered > today:
                        answered = None
                    fu_state = (
                        "open"
                        if answered is None
                        else rng.choice(("answered", "done", "done", "closed"))
                    )
                    followup = w.add(
                        FollowUp,
                        **c,
                        kind=FOLLOWUP_KIND,
                        title=f"Trả lời kiến nghị: {text[:120]}",
                        description=text,
                        source_type_id=synth_type,
                        source_id=synth_id,
                        agency_id=agency,
                        started_on=started,
                        original_due_date=due,
                        due_date=due,
                        state=fu_state,
                        answered_at=aware(answered) if answered else None,
                        answer="Đã trả lời cử tri." if answered else "",
                        closed_at=aware(answered) if fu_state in ("done", "closed") else None,
                        search_text=FOLDED[text],
                    )
                    state = (
                        "forwarded" if answered is None else rng.choice(("answered", "resolved"))
                    )
                    answered_on = answered
                w.add(
                    SynthesizedPetition,
                    id=synth_id,
                    **{**c, "search_text": FOLDED[text]},
                    created_at=aware(made),
                    updated_at=aware(made),
                    content=text,
                    field_id=field,
                    place=place,
                    session_id=session,
                    agency_id=agency,
                    followup_id=followup,
                    forwarded_on=made + dt.timedelta(days=2) if forwarded else None,
                    state=state,
                    answer="Đã trả lời cử tri." if answered_on else "",
                    answered_on=answered_on,
                )
                # About eight voters' petitions behind each synthesised one.
                for _v in range(rng.randint(7, 10)):
                    w.add(
                        VoterPetition,
                        **{**c, "search_text": FOLDED[text]},
                        created_at=aware(held),
                        updated_at=aware(held),
                        meeting_id=meeting,
                        meeting_held_on=held,
                        content=text,
                        field_id=field,
                        place=place,
                        raised_by=person(rng),
                        synthesized_id=synth_id,
                    )
        # Letters (1.5.c) and the other follow-ups.
        numbers = itertools.count(1)
        for _l in range(round(206 * size)):
            day = rand_day(rng, dt.date(year, 1, 2), min(today, dt.date(year, 12, 30)))
            if day.year != year:
                continue
            kind = rng.choice(("complaint", "denunciation", "petition", "reflection", "petition"))
            eligible = rng.random() < 0.9
            old = day < today - dt.timedelta(days=20)
            state = (
                rng.choice(("forwarded", "guided", "resolved", "forwarded"))
                if old and eligible and rng.random() < forward_share
                else ("stored" if not eligible else "received")
            )
            subject = "Đơn về " + rng.choice(SUBJECTS)
            w.add(
                Letter,
                **c,
                kind=kind,
                year=year,
                number=next(numbers),
                source=rng.choice(("reception", "post", "delegate")),
                received_on=day,
                letter_date=day - dt.timedelta(days=3),
                sender_name=person(rng),
                sender_address=rng.choice(PLACES),
                anonymous=rng.random() < 0.05,
                subject=subject,
                content=subject + ".",
                eligible=eligible,
                ineligible_reason="" if eligible else "Không thuộc thẩm quyền",
                state=state,
                agency_id=rng.choice(agencies) if state in ("forwarded", "resolved") else None,
                forwarded_on=day + dt.timedelta(days=5)
                if state in ("forwarded", "resolved")
                else None,
                search_text=fold(subject),
            )
        for _f in range(round(60 * size)):
            started = rand_day(rng, dt.date(year, 1, 2), min(today, dt.date(year, 12, 20)))
            if started.year != year:
                continue
            due = started + dt.timedelta(days=rng.choice((15, 30, 45, 60)))
            done = due < today and rng.random() < 0.8
            text, _place = rng.choice(TEXTS)
            w.add(
                FollowUp,
                **c,
                kind=rng.choice(("plan_task", "standing_task", "supervision_recommendation")),
                title=f"Đôn đốc: {text[:120]}",
                description=text,
                agency_id=rng.choice(agencies),
                started_on=started,
                original_due_date=due,
                due_date=due,
                state="done" if done else rng.choice(("open", "open", "extended")),
                answered_at=aware(due) if done else None,
                closed_at=aware(due) if done else None,
                search_text=FOLDED[text],
            )
    return {"id": council, "size": size, "standing": standing}


def build_users(w: Writer, councils: list[dict]) -> dict:
    """An office user (staff) in each council, and the city's overseer in all of them."""
    from django.contrib.auth.hashers import make_password

    from councils.models import CouncilRole, User

    password = make_password(None)
    city = w.add(User, username="thanhpho", password=password, first_name="Thành phố")
    staff = {}
    for c in councils:
        user = w.add(User, username=f"vanphong-{c['id']}", password=password)
        w.add(CouncilRole, user_id=user, council_id=c["id"], role="staff")
        w.add(CouncilRole, user_id=city, council_id=c["id"], role="leadership")
        staff[c["id"]] = user
    w.flush()
    return {"city": city, "staff": staff}


def month_ends(today: dt.date) -> list[dt.date]:
    days = []
    for year in range(FIRST_YEAR, today.year):
        for month in range(1, 13):
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            days.append(nxt - dt.timedelta(days=1))
    return days


def build(scale: float, today: dt.date) -> dict:
    from councils.models import Council
    from hdnd_portal.targets.demo import load_targets
    from hdnd_portal.targets.models import Snapshot
    from hdnd_portal.targets.services import _snapshot_values, evaluate_all

    rng = random.Random(20261204)
    w = Writer()
    started = time.perf_counter()
    councils = []
    for n, size in enumerate(sizes(scale)):
        councils.append(build_council(w, n, size, today, rng))
        w.flush()
        if (n + 1) % 21 == 0:
            print(
                f"  … {n + 1} councils written ({time.perf_counter() - started:.0f} s)", flush=True
            )
    users = build_users(w, councils)
    w.reset_sequences()
    records_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The plan's targets as seed_demo loads them (this year's snapshots and today's, which
    # opens the follow-ups of targets at risk), then the daily job's earlier month-ends.
    logging.getLogger("hdnd_portal.targets.services").setLevel(logging.ERROR)
    snap_started = time.perf_counter()
    for council in Council.objects.order_by("pk"):
        load_targets(council=council, today=today, created_by=None)
    # Earlier month-ends: the job's evaluation of every target (``evaluate_all``), the rows
    # it would store (``_snapshot_values``) written in bulk rather than one by one.
    earlier = month_ends(today)
    for council in Council.objects.order_by("pk"):
        rows = [
            Snapshot(target=ev.target, taken_on=day, **_snapshot_values(ev))
            for day in earlier
            for ev in evaluate_all(council, day)
        ]
        Snapshot.objects.bulk_create(rows, batch_size=2000)
    snapshots_s = time.perf_counter() - snap_started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "councils": councils,
        "users": users,
        "counts": w.counts,
        "records_s": records_s,
        "snapshots_s": snapshots_s,
        "total_s": time.perf_counter() - started,
    }


# -- measuring --------------------------------------------------------------------------
def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summary(timings: list[float]) -> str:
    return (
        f"p50 {statistics.median(timings):7.1f} ms  p95 {percentile(timings, 0.95):7.1f} ms  "
        f"max {max(timings):7.1f} ms"
    )


SqlTimer = city_lists.SqlTimer  # the statements of a request and the time they took


def timed_get(client, url: str, runs: int) -> dict:
    """``runs`` requests after the warm-ups: wall times, time in SQL, statements."""
    for _ in range(WARMUP):
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
    timings, sql_ms, queries = [], [], set()
    for _ in range(runs):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        sql_ms.append(timer.ms)
        queries.add(timer.count)
    return {
        "timings": timings,
        "sql_ms": sql_ms,
        "queries": max(queries),
        "bytes": len(response.content),
    }


# The dashboard's aggregates for one council and this year, written by hand. Parameters:
# council, year start, today, half-year start, the between-sessions window.
BARE_SQL = [
    # 1.1 party cells in force, and those disseminated to
    """SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM councils_dissemination d
         WHERE d.party_cell_id = c.id AND d.held_on <= %(today)s))
       FROM councils_partycell c WHERE c.council_id = %(council)s
         AND (c.start_date IS NULL OR c.start_date <= %(today)s)
         AND (c.end_date IS NULL OR c.end_date >= %(today)s)""",
    # 1.2 congress goals, and those made concrete by a resolution of a session opened by today
    """SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM meetings_resolution_goals rg
         JOIN meetings_resolution r ON r.id = rg.resolution_id
         JOIN meetings_session s ON s.id = r.session_id
         WHERE rg.congressgoal_id = g.id AND s.start_date <= %(today)s))
       FROM meetings_congressgoal g WHERE g.council_id = %(council)s""",
    # 1.3 delegates in office, and those trained this year
    """SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM councils_trainingparticipant p
         JOIN councils_training t ON t.id = p.training_id
         WHERE p.delegate_id = d.id AND t.start_date BETWEEN %(year_start)s AND %(today)s))
       FROM councils_delegate d WHERE d.council_id = %(council)s AND d.start_date <= %(today)s
         AND (d.end_date IS NULL OR d.end_date >= %(today)s)""",
    # 1.4 supervisions held this year by body, committee and kind (also the picture)
    """SELECT body, committee_id, kind, COUNT(*) FROM supervision_activity
       WHERE council_id = %(council)s AND state <> 'planned'
         AND start_date >= %(year_start)s AND start_date < %(tomorrow)s
       GROUP BY 1, 2, 3""",
    # 1.4.b the regular sessions around today, then the Standing Committee's supervisions
    """SELECT MAX(COALESCE(end_date, start_date)) FILTER (WHERE start_date <= %(today)s),
              MIN(start_date) FILTER (WHERE start_date > %(today)s)
       FROM meetings_session WHERE council_id = %(council)s AND kind = 'regular'""",
    """SELECT COUNT(*) FROM supervision_activity WHERE council_id = %(council)s
         AND body = 'standing' AND state <> 'planned'
         AND start_date >= %(window_start)s AND start_date < %(tomorrow)s""",
    # 1.5.a delegates in office this year and the reception days of each
    """SELECT d.id, COUNT(DISTINCT r.received_on) FROM councils_delegate d
       LEFT JOIN petitions_reception_receivers rr ON rr.delegate_id = d.id
       LEFT JOIN petitions_reception r ON r.id = rr.reception_id AND r.council_id = %(council)s
         AND r.received_on BETWEEN %(year_start)s AND %(today)s
       WHERE d.council_id = %(council)s AND d.start_date <= %(today)s
         AND (d.end_date IS NULL OR d.end_date >= %(year_start)s)
       GROUP BY d.id""",
    # 1.5.b synthesised petitions of the year, and those forwarded
    """SELECT COUNT(*), COUNT(*) FILTER (WHERE agency_id IS NOT NULL AND followup_id IS NOT NULL)
       FROM voters_synthesizedpetition WHERE council_id = %(council)s
         AND created_at >= %(year_start_ts)s AND created_at < %(tomorrow_ts)s""",
    # 1.5.c eligible letters of the year, and those forwarded, resolved or guided
    """SELECT COUNT(*) FILTER (WHERE eligible), COUNT(*) FILTER (WHERE eligible
         AND state IN ('forwarded', 'resolved', 'guided'))
       FROM petitions_letter WHERE council_id = %(council)s
         AND received_on BETWEEN %(year_start)s AND %(today)s""",
    # 1.6 thematic voter meetings of the Standing Committee
    """SELECT COUNT(*) FROM voters_votermeeting m JOIN councils_committee h ON h.id = m.holder_id
       WHERE m.council_id = %(council)s AND m.kind = 'thematic' AND h.kind = 'standing'
         AND m.held_on BETWEEN %(year_start)s AND %(today)s""",
    # 1.7 thematic briefings of the half-year
    """SELECT COUNT(*) FROM meetings_standingmeeting WHERE council_id = %(council)s
         AND kind = 'briefing' AND held_on >= %(half_start)s AND held_on < %(tomorrow)s""",
    # the trend: snapshots of the year
    """SELECT target_id, taken_on, value FROM targets_snapshot
       WHERE council_id = %(council)s AND taken_on >= %(year_start)s AND taken_on <= %(year_end)s
       ORDER BY target_id, taken_on""",
    # pictures: overdue follow-ups by kind
    """SELECT kind, COUNT(*) FROM followups_followup WHERE council_id = %(council)s
         AND state IN ('open', 'extended') AND due_date < %(today)s GROUP BY kind""",
    # voters' petitions by field, state, answering body
    """SELECT field_id, COUNT(*) FROM voters_synthesizedpetition WHERE council_id = %(council)s
         AND created_at >= %(year_start_ts)s AND created_at < %(tomorrow_ts)s GROUP BY 1""",
    """SELECT state, COUNT(*) FROM voters_synthesizedpetition WHERE council_id = %(council)s
         AND created_at >= %(year_start_ts)s AND created_at < %(tomorrow_ts)s GROUP BY 1""",
    """SELECT agency_id, COUNT(*) FROM voters_synthesizedpetition WHERE council_id = %(council)s
         AND agency_id IS NOT NULL
         AND created_at >= %(year_start_ts)s AND created_at < %(tomorrow_ts)s GROUP BY 1""",
    # answered on time / late / overdue
    """SELECT COUNT(*) FILTER (WHERE answered_at IS NOT NULL
                                AND answered_at < (due_date + 1)::timestamp AT TIME ZONE %(tz)s),
              COUNT(*) FILTER (WHERE answered_at IS NOT NULL
                                AND answered_at >= (due_date + 1)::timestamp AT TIME ZONE %(tz)s),
              COUNT(*) FILTER (WHERE state IN ('open', 'extended') AND due_date < %(today)s)
       FROM followups_followup WHERE council_id = %(council)s AND kind = 'voter_petition'
         AND due_date BETWEEN %(year_start)s AND %(year_end)s""",
    # letters by kind and state
    """SELECT kind, state, COUNT(*) FROM petitions_letter WHERE council_id = %(council)s
         AND received_on BETWEEN %(year_start)s AND %(today)s GROUP BY 1, 2""",
]


def bare_params(council_id: int, today: dt.date) -> dict:
    from councils.models import Council
    from meetings.models import regular_session_window

    window_start, _end = regular_session_window(Council.objects.get(pk=council_id), today)
    year_start = dt.date(today.year, 1, 1)
    tomorrow = today + dt.timedelta(days=1)
    return {
        "council": council_id,
        "today": today,
        "tomorrow": tomorrow,
        "year_start": year_start,
        "year_end": dt.date(today.year, 12, 31),
        "half_start": dt.date(today.year, 1 if today.month <= 6 else 7, 1),
        "window_start": (window_start or year_start) + dt.timedelta(days=1),
        "year_start_ts": aware(year_start, 0),
        "tomorrow_ts": aware(tomorrow, 0),
        "tz": settings.TIME_ZONE,
    }


def bare_sql(council_id: int, today: dt.date, runs: int) -> list[float]:
    params = bare_params(council_id, today)
    timings = []
    with connection.cursor() as cursor:
        for n in range(WARMUP + runs):
            start = time.perf_counter()
            for sql in BARE_SQL:
                cursor.execute(sql, params)
                cursor.fetchall()
            if n >= WARMUP:
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def python_p50(got: dict) -> float:
    """The request's time outside SQL (view, template, middleware), median of the runs."""
    return statistics.median(t - q for t, q in zip(got["timings"], got["sql_ms"], strict=True))


def measure(data: dict, today: dt.date, runs: int, list_runs: int) -> dict:
    from django.test import Client

    from councils.models import User

    councils = sorted(data["councils"], key=lambda c: c["size"])
    results = {}
    print(f"\nDashboard of one council, year {today.year} ({runs} runs after {WARMUP} warm-ups):")
    for label, council in (("big", councils[-1]), ("small", councils[0])):
        client = Client()
        client.force_login(User.objects.get(pk=data["users"]["staff"][council["id"]]))
        got = timed_get(client, "/targets/", runs)
        timings = got["timings"]
        bare = bare_sql(council["id"], today, runs)
        ratio = statistics.median(timings) / statistics.median(bare)
        results[label] = {
            "council": council["id"],
            "size": round(council["size"], 2),
            "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "max": max(timings),
            "sql_p50": statistics.median(got["sql_ms"]),
            "python_p50": python_p50(got),
            "queries": got["queries"],
            "bare_p50": statistics.median(bare),
            "bare_p95": percentile(bare, 0.95),
            "ratio": ratio,
            "kb": got["bytes"] / 1024,
        }
        print(
            f"  {label:5} council (size ×{council['size']:.2f}): {summary(timings)}  "
            f"{got['queries']} queries  {got['bytes'] / 1024:.0f} KB"
        )
        print(
            f"        of which SQL: p50 {statistics.median(got['sql_ms']):.1f} ms "
            f"({got['queries']} statements through the ORM), Python (the rest): p50 "
            f"{python_p50(got):.1f} ms"
        )
        print(
            f"        bare SQL ({len(BARE_SQL)} statements): {summary(bare)}  "
            f"ratio dashboard/bare (p50) {ratio:.1f}×"
        )
    client = Client()
    client.force_login(User.objects.get(pk=data["users"]["city"]))
    city_runs = runs  # as many as the dashboard: a p95 of 10 runs is their maximum
    got = timed_get(client, "/targets/city/", city_runs)
    timings = got["timings"]
    results["city"] = {
        "python_p50": python_p50(got),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
        "sql_p50": statistics.median(got["sql_ms"]),
        "queries": got["queries"],
        "kb": got["bytes"] / 1024,
    }
    print(f"\nCity view of {COUNCILS} councils ({city_runs} runs after {WARMUP} warm-ups):")
    print(
        f"  {summary(timings)}  {got['queries']} queries  {got['bytes'] / 1024:.0f} KB  "
        f"(SQL p50 {results['city']['sql_p50']:.1f} ms, Python p50 "
        f"{results['city']['python_p50']:.1f} ms)"
    )
    if list_runs:
        results["lists"] = city_lists.measure_lists(
            User.objects.get(pk=data["users"]["staff"][councils[-1]["id"]]),
            User.objects.get(pk=data["users"]["staff"][councils[0]["id"]]),
            list_runs,
        )
    return results


def verdict(results: dict) -> bool:
    """The summary block: each goal of issue 24 with MET or MISS (the exit status is 1 if
    one is missed), and the measures beside them that are not goals."""
    big, small, city = results["big"], results["small"], results["city"]
    checks = [
        (
            f"dashboard p95 ≤ {GOALS['dashboard_p95_ms']} ms (biggest council: "
            f"{big['p95']:.0f} ms; SQL p50 {big['sql_p50']:.0f} ms, Python p50 "
            f"{big['python_p50']:.0f} ms)",
            max(big["p95"], small["p95"]) <= GOALS["dashboard_p95_ms"],
        ),
        (
            f"dashboard: same query count, small and big council ({small['queries']} / "
            f"{big['queries']})",
            big["queries"] == small["queries"],
        ),
        (
            f"city view p95 ≤ {GOALS['city_p95_ms']} ms ({city['p95']:.0f} ms; SQL p50 "
            f"{city['sql_p50']:.0f} ms, Python p50 {city['python_p50']:.0f} ms, "
            f"{city['queries']} queries)",
            city["p95"] <= GOALS["city_p95_ms"],
        ),
    ]
    lists = [row for row in results.get("lists", []) if "skipped" not in row]
    for row in lists:
        checks.append(
            (
                f"list ratio ≤ {GOALS['list_ratio']:g}: {row['name']} ({row['variant']}) "
                f"{row['ratio']:.2f} ({row['big']['p50']:.0f} / {row['small']['p50']:.0f} ms)",
                row["ok"],
            )
        )
    print("\nSummary (issue 24's goals):")
    for label, ok in checks:
        if ok and label.startswith("list ratio"):
            continue  # every met list is in the table above; the misses are named here
        print(f"  {'MET ' if ok else 'MISS'} {label}")
    if lists:
        met = sum(row["ok"] for row in lists)
        print(
            f"  {'MET ' if met == len(lists) else 'MISS'} every list page ratio ≤ "
            f"{GOALS['list_ratio']:g}: {met} of {len(lists)} met"
        )
    print(
        f"  (measure) dashboard ÷ bare SQL (p50): {big['ratio']:.1f}× "
        f"(bare {big['bare_p50']:.1f} ms)"
    )
    return all(ok for _label, ok in checks)


ROW_COUNTS = (
    "voters.VoterPetition",
    "voters.SynthesizedPetition",
    "voters.VoterMeeting",
    "petitions.Letter",
    "petitions.Reception",
    "followups.FollowUp",
    "supervision.Activity",
    "councils.Delegate",
    "targets.Target",
    "targets.Snapshot",
)


def bench_cursor():
    """A cursor on the server's maintenance database, where the bench one is made and dropped."""
    return connection._nodb_cursor()


def setup_database(reuse: bool) -> str:
    """The bench database (``DATABASE_URL``'s name), created and marked by ``benchdb`` — or,
    with ``--reuse``, a marked one kept from an earlier run — then migrated."""
    from django.core.management import call_command

    name = settings.DATABASES["default"]["NAME"]
    connection.close()
    with bench_cursor() as cursor:
        if reuse:
            benchdb.check_reusable(cursor, name)
        else:
            benchdb.create(cursor, name)
    connection.close()
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return name


def drop_database(name: str) -> None:
    connection.close()
    with bench_cursor() as cursor:
        benchdb.drop(cursor, name)


def reused(scale: float) -> dict:
    """What ``build`` returned, read back from a kept database."""
    from councils.models import Council, User

    ids = list(Council.objects.order_by("pk").values_list("pk", flat=True))
    users = dict(User.objects.values_list("username", "pk"))
    return {
        "councils": [{"id": pk, "size": s} for pk, s in zip(ids, sizes(scale), strict=True)],
        "users": {"city": users["thanhpho"], "staff": {pk: users[f"vanphong-{pk}"] for pk in ids}},
        "counts": {},
        "records_s": 0.0,
        "snapshots_s": 0.0,
        "total_s": 0.0,
    }


def main() -> int:
    global COUNCILS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="records × (default 1.0)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--list-runs",
        type=int,
        default=5,
        help="timed requests per list page and council (0 skips the list phase)",
    )
    parser.add_argument("--councils", type=int, default=COUNCILS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by --keep (migrated first), without building it",
    )
    args = parser.parse_args()
    COUNCILS = args.councils
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        print(
            "The city-scale benchmark runs on PostgreSQL only: set DATABASE_URL to a "
            "PostgreSQL server (postgres://user@host:5432/db; that database is the bench one), "
            "or leave it unset for postgres://postgres@127.0.0.1:5432/hdnd_bench_city.",
            file=sys.stderr,
        )
        return 2
    from django.test.utils import setup_test_environment

    setup_test_environment()
    logging.getLogger("axes").setLevel(logging.WARNING)
    started = time.perf_counter()
    args.keep = args.keep or args.reuse
    try:
        name = setup_database(args.reuse)
    except benchdb.Refused as refused:
        print(f"bench-city: {refused}", file=sys.stderr)
        return 2
    from hdnd_portal.startup import freeze_loaded

    # As a web worker once loaded (gunicorn_conf.post_worker_init): pages are timed as served.
    freeze_loaded()
    print(f"Database {name} ready (migrated) in {time.perf_counter() - started:.1f} s")
    try:
        today = timezone.localdate()
        data = reused(args.scale) if args.reuse else build(args.scale, today)
        print(
            "Measuring the kept database:"
            if args.reuse
            else f"Built {COUNCILS} councils (scale {args.scale:g}) in {data['total_s']:.0f} s: "
            f"records {data['records_s']:.0f} s (COPY), targets and snapshots "
            f"{data['snapshots_s']:.0f} s (live evaluation of every target at every month-end)"
        )
        for label in ROW_COUNTS:
            print(f"  {label:28} {apps.get_model(label).objects.count():>9,}")
        load_before = os.getloadavg()[0]
        results = measure(data, today, args.runs, args.list_runs)
        ok = verdict(results)
        print(
            f"Machine load average (1 min) {load_before:.1f} before the measurements, "
            f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores."
        )
    finally:
        if not args.keep:
            drop_database(name)
        else:
            print(f"Kept the database {name} (reuse it with --reuse).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
