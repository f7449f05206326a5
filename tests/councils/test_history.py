"""The history tab: who changed which field, from what, to what."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from councils.models import Committee, Delegate
from tests.factories import CommitteeFactory, DelegateFactory, TermFactory

pytestmark = pytest.mark.django_db


def history_rows(response) -> list[str]:
    """Each row of the history table as "time | user | action | change; change"."""
    body = html.unescape(response.content.decode())
    table = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        texts = [
            " ".join(re.sub(r"<[^>]+>", "", cell.replace("</li>", "; ")).split()) for cell in cells
        ]
        rows.append(" | ".join(texts))
    return rows


@pytest.fixture
def term(council):
    return TermFactory(council=council, name="2026-2031", number=9)


@pytest.fixture
def delegate(term):
    return DelegateFactory(
        term=term,
        full_name="Vũ Thị Hạnh",
        position="Phó Chủ tịch UBND",
        employment=Delegate.Employment.PART_TIME,
    )


def edit_post(delegate, **changes):
    data = {
        "term": delegate.term_id,
        "full_name": delegate.full_name,
        "gender": delegate.gender,
        "birth_date": delegate.birth_date.isoformat(),
        "employment": delegate.employment,
        "position": delegate.position,
        "workplace": delegate.workplace,
        "phone": delegate.phone,
        "email": delegate.email,
        "address": delegate.address,
        "start_date": delegate.start_date.isoformat(),
        "end_date": "",
        "end_reason": "",
    }
    data.update(changes)
    return data


def test_it_records_who_changed_which_field_from_what_to_what(client, make_persona, delegate):
    editor = make_persona("staff")
    editor.first_name, editor.last_name = "Hoàng", "Văn Thư"
    editor.save()
    client.force_login(editor)

    client.post(
        reverse("councils-delegate-update", args=[delegate.pk]),
        edit_post(delegate, position="Chủ tịch UBND", phone="0912345678", employment="full_time"),
    )
    response = client.get(reverse("councils-delegate-history", args=[delegate.pk]))

    assert response.status_code == 200
    latest = history_rows(response)[0]
    assert "| Hoàng Văn Thư | Sửa |" in latest
    assert "Chức vụ: Phó Chủ tịch UBND → Chủ tịch UBND" in latest
    assert "Điện thoại: — → 0912345678" in latest
    assert "Hình thức hoạt động: Kiêm nhiệm → Chuyên trách" in latest
    assert "Họ và tên" not in latest
    assert "search_text" not in response.content.decode()


def test_it_lists_changes_newest_first_with_the_creation_last(staff_client, delegate):
    url = reverse("councils-delegate-update", args=[delegate.pk])
    staff_client.post(url, edit_post(delegate, position="Chủ tịch UBND"))
    delegate.refresh_from_db()
    staff_client.post(url, edit_post(delegate, workplace="UBND xã Phúc Lộc"))

    rows = history_rows(staff_client.get(reverse("councils-delegate-history", args=[delegate.pk])))

    assert len(rows) == 3
    assert "Nơi công tác: — → UBND xã Phúc Lộc" in rows[0]
    assert "Chức vụ: Phó Chủ tịch UBND → Chủ tịch UBND" in rows[1]
    assert rows[2].endswith("| Tạo mới | Tạo mới")
    assert not any("Changed" in row or "Created" in row for row in rows)


def test_it_shows_related_records_and_dates_as_people_read_them(staff_client, term, delegate):
    group = CommitteeFactory(term=term, kind=Committee.Kind.DELEGATE_GROUP, name="Tổ đại biểu số 4")

    staff_client.post(
        reverse("councils-delegate-update", args=[delegate.pk]),
        edit_post(
            delegate, delegate_group=group.pk, end_date="2028-06-30", end_reason="Chuyển công tác"
        ),
    )
    latest = history_rows(
        staff_client.get(reverse("councils-delegate-history", args=[delegate.pk]))
    )[0]

    assert "Tổ đại biểu: — → Tổ đại biểu số 4" in latest
    assert "Ngày thôi làm đại biểu: — → 30/06/2028" in latest
    assert "Lý do thôi: — → Chuyển công tác" in latest


def test_it_credits_a_delegate_who_updated_their_own_contact_details(client, make_persona):
    user = make_persona("delegate")
    user.first_name, user.last_name = "Trịnh", "Thị Mơ"
    user.save()
    me = Delegate.objects.get(user=user)
    client.force_login(user)

    client.post(
        reverse("councils-delegate-update", args=[me.pk]),
        {"phone": "0987654321", "email": "", "address": "", "workplace": ""},
    )
    latest = history_rows(client.get(reverse("councils-delegate-history", args=[me.pk])))[0]

    assert "Trịnh Thị Mơ" in latest
    assert "Điện thoại: — → 0987654321" in latest


def test_it_shows_the_history_tab_on_the_detail_page(staff_client, delegate):
    body = staff_client.get(reverse("councils-delegate-detail", args=[delegate.pk])).content

    assert reverse("councils-delegate-history", args=[delegate.pk]) in body.decode()
    assert "Lịch sử thay đổi" in body.decode()


@pytest.mark.parametrize(
    "name,factory,field,label,old,new",
    [
        ("term", TermFactory, "note", "Ghi chú", "", "Bầu bổ sung"),
        ("committee", CommitteeFactory, "code", "Ký hiệu", "KTNS", "VHXH"),
    ],
)
def test_it_keeps_history_for_other_records(
    staff_client, council, name, factory, field, label, old, new
):
    from django.forms.models import model_to_dict

    from councils import views

    resource = {r.name: r for r in views.RESOURCES}[name]
    record = factory(council=council) if name == "term" else factory(term__council=council)
    data = {
        k: v
        for k, v in model_to_dict(record, fields=resource.form_class._meta.fields).items()
        if v is not None
    }
    data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}
    data[field] = new

    response = staff_client.post(reverse(f"councils-{name}-update", args=[record.pk]), data)
    assert response.status_code == 302
    latest = history_rows(staff_client.get(reverse(f"councils-{name}-history", args=[record.pk])))[
        0
    ]

    assert f"{label}: {old or '—'} → {new}" in latest
