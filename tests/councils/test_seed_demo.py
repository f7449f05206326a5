"""``manage.py seed_demo``: the demo commune of the plan (HĐND xã Phúc Lộc)."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from councils.demo import AGENCIES, DEMO_PASSWORD
from councils.models import (
    Agency,
    Committee,
    Council,
    CouncilRole,
    Delegate,
    Membership,
    PartyCell,
    Term,
    User,
)

pytestmark = pytest.mark.django_db
TODAY = "2026-11-28"
DEMO_USERS = {
    "admin": "admin",
    "vanphong": "staff",
    "chutich": "standing",
    "bankinhte": "committee",
    "daibieu": "delegate",
    "lanhdao": "leadership",
    "ubnd": "agency",
    "thanhpho": "city",
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Seven real PBKDF2 hashes per seeding would make every test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--force", "--today", TODAY, *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model (whose table exists: other apps may be mid-migration)."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }


def test_it_changes_nothing_when_run_twice():
    seed()
    counts = row_counts()
    passwords = dict(User.objects.values_list("username", "password"))
    updated = dict(Delegate.objects.values_list("pk", "updated_at"))

    seed()

    assert row_counts() == counts
    assert dict(User.objects.values_list("username", "password")) == passwords
    assert dict(Delegate.objects.values_list("pk", "updated_at")) == updated
    assert counts["councils.Delegate"] >= 40


def test_it_keeps_a_changed_password_unless_asked_to_reset():
    seed()
    user = User.objects.get(username="chutich")
    user.set_password("mat-khau-rieng")
    user.save()

    seed()
    user.refresh_from_db()
    assert user.check_password("mat-khau-rieng")

    seed("--reset-passwords")
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_it_builds_the_shortened_term_and_the_current_one():
    seed()
    council = Council.objects.get(slug="phuc-loc")
    assert council.name == "Hội đồng nhân dân xã Phúc Lộc"
    assert (council.commune, council.commune_kind, council.province) == ("Phúc Lộc", "xã", "Hà Nội")
    old, new = Term.objects.filter(council=council).order_by("start_date")
    assert (old.name, old.number, str(old.end_date)) == ("2021-2026", 1, "2026-03-14")
    assert "rút ngắn" in old.note
    assert (new.name, new.number, str(new.election_date)) == ("2026-2031", 2, "2026-03-15")
    assert new.end_date is None
    for term in (old, new):
        delegates = Delegate.objects.filter(term=term)
        assert 20 <= delegates.count() <= 30
        assert {d.gender for d in delegates} == {"male", "female"}
        assert {d.employment for d in delegates} == {"full_time", "part_time"}
        assert 6 <= term.constituencies.count() <= 8
        assert not delegates.filter(constituency=None).exists()
        assert not delegates.filter(delegate_group=None).exists()
        assert all(
            d.constituency.name in d.delegate_group.area
            for d in delegates.select_related("constituency", "delegate_group")
        )


def test_it_re_elects_some_delegates_and_records_one_who_left():
    seed()
    old, new = Term.objects.filter(council__slug="phuc-loc").order_by("start_date")

    def people(term):
        return set(
            Delegate.objects.filter(term=term).values_list("full_name", "birth_date")  # noqa: E731
        )

    re_elected = people(old) & people(new)
    assert len(re_elected) >= 5
    for full_name, birth_date in re_elected:
        assert not Delegate.objects.get(
            term=new, full_name=full_name, birth_date=birth_date
        ).is_first_term
    assert Delegate.objects.filter(term=new, is_first_term=True).count() == Delegate.objects.filter(
        term=new
    ).count() - len(re_elected)

    leaver = Delegate.objects.get(term=old, end_date__lt=old.end_date)
    assert leaver.end_reason
    assert not leaver.in_office(old.end_date)
    assert not Membership.objects.filter(delegate=leaver, end_date=None).exists()


def test_it_builds_the_standing_committee_and_both_bans_in_each_term():
    seed()
    for term in Term.objects.filter(council__slug="phuc-loc"):
        bans = dict(Committee.objects.filter(term=term, kind="ban").values_list("code", "name"))
        assert bans == {"KTNS": "Ban Kinh tế - Ngân sách", "VHXH": "Ban Văn hóa - Xã hội"}
        standing = Committee.objects.get(term=term, kind="standing")
        roles = list(standing.memberships.values_list("role", flat=True))
        assert roles.count("chair") == 1 and roles.count("vice_chair") == 1
        heads = Membership.objects.filter(committee__term=term, committee__kind="ban", role="head")
        assert heads.count() == 2
        assert set(heads.values_list("delegate", flat=True)) <= set(
            standing.memberships.values_list("delegate", flat=True)
        )
        for ban in Committee.objects.filter(term=term, kind="ban"):
            assert ban.memberships.filter(role="deputy").exists()
            assert ban.memberships.filter(role="member").count() >= 2
        for group in Committee.objects.filter(term=term, kind="delegate_group"):
            assert group.memberships.filter(role="head").count() == 1
            assert group.area


def test_it_creates_the_agencies_and_party_cells():
    seed()
    agencies = Agency.objects.filter(council__slug="phuc-loc")
    assert set(agencies.values_list("name", flat=True)) == {spec.name for spec in AGENCIES}
    ubnd = agencies.get(name="Ủy ban nhân dân xã")
    assert ubnd.kind == "ubnd"
    assert set(ubnd.units.values_list("name", flat=True)) == {
        "Văn phòng HĐND và UBND xã",
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
    }
    assert agencies.get(name="Công an xã").kind == "police"
    assert agencies.get(name="Thanh tra thành phố").kind == "upper"
    assert all(email.endswith("example.vn") for email in agencies.values_list("email", flat=True))
    cells = PartyCell.objects.filter(council__slug="phuc-loc")
    assert 10 <= cells.count() <= 15
    assert cells.filter(name__startswith="Chi bộ thôn").exists()
    assert cells.filter(name="Chi bộ Công an xã").exists()


def test_it_gives_every_demo_user_their_role_and_home_page(client):
    seed()
    council = Council.objects.get(slug="phuc-loc")
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert CouncilRole.objects.get(user=user, council=council).role == role
        assert client.login(username=username, password=DEMO_PASSWORD)
        response = client.get(reverse("home"))
        body = response.content.decode()
        assert response.status_code == 200
        assert f"Xin chào, {user.get_full_name()}" in body
        assert "Hội đồng nhân dân xã Phúc Lộc" in body
        client.logout()


def test_it_ties_the_demo_users_to_the_current_term():
    seed()
    current = Term.objects.get(council__slug="phuc-loc", number=2)
    chair = Membership.objects.get(
        committee__term=current, committee__kind="standing", role="chair"
    ).delegate
    chutich = CouncilRole.objects.get(user__username="chutich")
    assert chutich.delegate == chair
    assert chair.user.username == "chutich"
    assert chutich.user.get_full_name() == chair.full_name
    bankinhte = CouncilRole.objects.get(user__username="bankinhte")
    assert bankinhte.committee.name == "Ban Kinh tế - Ngân sách"
    assert bankinhte.committee.term == current
    daibieu = CouncilRole.objects.get(user__username="daibieu")
    assert daibieu.delegate.term == current and daibieu.delegate.in_office()
    assert CouncilRole.objects.get(user__username="ubnd").agency.name == "Ủy ban nhân dân xã"


def test_it_builds_another_commune_with_its_own_suffixed_users(client):
    seed()
    seed("--council", "Hòa Bình")
    hoa_binh = Council.objects.get(slug="hoa-binh")
    assert hoa_binh.name == "Hội đồng nhân dân xã Hòa Bình"
    for username, role in DEMO_USERS.items():
        if username in ("admin", "thanhpho"):
            continue
        user = User.objects.get(username=f"{username}-hoa-binh")
        assert list(user.council_roles.values_list("council__slug", "role")) == [("hoa-binh", role)]
    admin_councils = set(
        CouncilRole.objects.filter(user__username="admin", role="admin").values_list(
            "council__slug", flat=True
        )
    )
    assert admin_councils == {"phuc-loc", "hoa-binh"}
    # The city's overseer follows both communes and compares them side by side.
    assert set(
        CouncilRole.objects.filter(user__username="thanhpho").values_list("council__slug", "role")
    ) == {("phuc-loc", "city"), ("hoa-binh", "city")}
    assert client.login(username="thanhpho", password=DEMO_PASSWORD)
    city = client.get(reverse("targets-city")).content.decode()
    assert "Hội đồng nhân dân xã Phúc Lộc" in city and "Hội đồng nhân dân xã Hòa Bình" in city
    client.logout()

    def names(slug):
        return set(
            Delegate.objects.filter(council__slug=slug).values_list("full_name", flat=True)  # noqa: E731
        )

    assert names("phuc-loc") != names("hoa-binh")

    # A Hòa Bình clerk works in Hòa Bình and cannot open a Phúc Lộc delegate.
    phuc_loc_delegate = Delegate.objects.filter(council__slug="phuc-loc").first()
    hoa_binh_delegate = Delegate.objects.filter(council__slug="hoa-binh").first()
    assert client.login(username="vanphong-hoa-binh", password=DEMO_PASSWORD)
    assert "Hội đồng nhân dân xã Hòa Bình" in client.get(reverse("home")).content.decode()
    assert (
        client.get(reverse("councils-delegate-detail", args=[hoa_binh_delegate.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("councils-delegate-detail", args=[phuc_loc_delegate.pk])).status_code
        == 404
    )


def test_it_refuses_to_run_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=False.*--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Council.objects.exists()
    assert not User.objects.exists()

    settings.DEBUG = True
    call_command("seed_demo", "--today", TODAY, stdout=io.StringIO())
    assert Council.objects.filter(slug="phuc-loc").exists()


def test_it_prints_a_vietnamese_summary():
    out = seed()
    assert "Hội đồng nhân dân xã Phúc Lộc" in out
    assert "Khóa II, nhiệm kỳ 2026-2031: 25 đại biểu" in out
    assert "vanphong" in out and DEMO_PASSWORD in out


def test_the_demo_tells_a_plausible_story_of_deadlines_and_targets():
    """Issue 19: the demo's follow-ups are not mostly overdue, and no target reads 0% because
    of the loaders' order (1.2 goals, 1.5.a the ended term's delegates who did receive)."""
    import datetime as dt

    from django.db.models import Q

    from hdnd_portal.followups.models import FollowUp
    from hdnd_portal.targets.models import Target
    from hdnd_portal.targets.status import evaluate

    seed()
    today = dt.date.fromisoformat(TODAY)
    open_items = FollowUp.objects.filter(state__in=["open", "extended"])
    overdue = open_items.filter(due_date__lt=today).count()
    assert overdue * 2 <= open_items.count(), (overdue, open_items.count())
    shares = {
        t.code: evaluate(t, today).measure
        for t in Target.objects.filter(~Q(unit="count"), active=True)
    }
    assert all(m.value for m in shares.values() if m.available), {
        code: m.value for code, m in shares.items()
    }
    # A letter holding a complaint (a complaint, or a mixed one) goes only to a body competent
    # to decide it, never to a UBND department.
    from petitions.models import Kind, Letter

    sent_to = set(
        Letter.objects.filter(kind__in=[Kind.COMPLAINT, Kind.MIXED], agency__isnull=False)
        .values_list("kind", "agency__name", "agency__decides_complaints")
        .distinct()
    )
    assert {kind for kind, _name, _decides in sent_to} == {"complaint", "mixed"}
    assert all(decides for _kind, _name, decides in sent_to), sent_to
