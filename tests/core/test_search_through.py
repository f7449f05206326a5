"""Search through relations at query time: `search(q, through=(...))`.

A follow-up is found by its agency's name because the agency's own `search_text` is
searched when the query runs, not because the name was copied into the follow-up.
"""

import pytest
from django.core.exceptions import FieldError

from councils.models import Agency
from hdnd_portal.followups.models import Answer, FollowUp
from tests.factories import AgencyFactory, DelegateFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


def test_every_searchable_model_keeps_only_its_own_fields_in_search_text():
    """Related names are searched at query time (``through``), never copied: no ``__`` paths."""
    from django.apps import apps

    from hdnd_portal.core.models import SearchableModel

    for model in apps.get_models():
        if issubclass(model, SearchableModel):
            related = [f for f in model.search_fields if "__" in f]
            assert not related, f"{model.__name__}.search_fields copies {related}"


def titles(qs) -> list[str]:
    return sorted(qs.values_list("title", flat=True))


@pytest.fixture
def ubnd(council):
    return AgencyFactory(council=council, name="UBND xã Phúc Lộc")


@pytest.fixture
def police(council):
    return AgencyFactory(council=council, name="Công an xã")


class TestThroughAForeignKey:
    def test_it_finds_a_follow_up_by_its_agency_name(self, council, ubnd, police):
        FollowUpFactory(council=council, agency=ubnd, title="Sửa đường thôn Hạ")
        FollowUpFactory(council=council, agency=police, title="Trật tự chợ")

        found = FollowUp.objects.search("ubnd phuc loc", through=("agency",))

        assert titles(found) == ["Sửa đường thôn Hạ"]

    def test_it_does_not_search_the_relation_unless_asked(self, council, ubnd):
        FollowUpFactory(council=council, agency=ubnd, title="Sửa đường thôn Hạ")

        assert titles(FollowUp.objects.search("ubnd phuc loc")) == []

    def test_it_finds_the_follow_up_by_the_new_name_right_after_a_rename(self, council, ubnd):
        FollowUpFactory(council=council, agency=ubnd, title="Sửa đường thôn Hạ")

        ubnd.name = "Ủy ban nhân dân xã Phúc Lộc"
        ubnd.save()

        assert titles(FollowUp.objects.search("uy ban nhan dan", through=("agency",))) == [
            "Sửa đường thôn Hạ"
        ]
        assert titles(FollowUp.objects.search("ubnd", through=("agency",))) == []

    def test_it_finds_follow_ups_written_by_bulk_create(self, council, ubnd):
        # bulk_create skips save(): the row's own search_text stays empty, the relation still works.
        FollowUp.objects.bulk_create(
            [
                FollowUpFactory.build(council=council, agency=ubnd, title=f"Việc nhập lô {n}")
                for n in range(3)
            ]
        )

        found = FollowUp.objects.search("ubnd phuc loc", through=("agency",))

        assert titles(found) == ["Việc nhập lô 0", "Việc nhập lô 1", "Việc nhập lô 2"]

    def test_it_follows_an_agency_changed_by_update(self, council, ubnd, police):
        item = FollowUpFactory(council=council, agency=ubnd, title="Sửa đường thôn Hạ")

        FollowUp.objects.filter(pk=item.pk).update(agency=police)

        assert titles(FollowUp.objects.search("cong an", through=("agency",))) == [
            "Sửa đường thôn Hạ"
        ]
        assert titles(FollowUp.objects.search("ubnd phuc loc", through=("agency",))) == []

    def test_it_matches_terms_split_between_own_text_and_relation(self, council, police):
        ubnd_xa = AgencyFactory(council=council, name="UBND xã")
        FollowUpFactory(council=council, agency=ubnd_xa, title="Trả lời kiến nghị")
        FollowUpFactory(council=council, agency=police, title="Trả lời kiến nghị về trật tự")
        FollowUpFactory(council=council, agency=ubnd_xa, title="Báo cáo quý")

        found = FollowUp.objects.search("kiến nghị UBND", through=("agency",))

        assert titles(found) == ["Trả lời kiến nghị"]

    def test_it_ignores_diacritics_and_folds_d_with_stroke(self, council):
        agency = AgencyFactory(council=council, name="Ban quản lý Thôn Hạ, Đông Hà")
        FollowUpFactory(council=council, agency=agency, title="Lắp đèn")

        assert titles(FollowUp.objects.search("thon ha", through=("agency",))) == ["Lắp đèn"]
        assert titles(FollowUp.objects.search("DONG HA", through=("agency",))) == ["Lắp đèn"]

    def test_it_keeps_rows_without_the_relation_searchable_by_their_own_text(self, council, user):
        FollowUpFactory(council=council, agency=None, assignee=user, title="Chuẩn bị kỳ họp")

        assert titles(FollowUp.objects.search("ky hop", through=("agency",))) == ["Chuẩn bị kỳ họp"]

    def test_it_follows_a_path_of_several_foreign_keys(self, council):
        delegate = DelegateFactory(term__council=council, full_name="Trần Thị Hạ")
        agency = AgencyFactory(council=council, name="Trạm y tế")
        FollowUpFactory(council=council, agency=agency, delegate=delegate, title="Thuốc")

        found = FollowUp.objects.search("tran thi ha", through=("agency", "delegate"))

        assert titles(found) == ["Thuốc"]


class TestThroughAReverseRelation:
    def test_it_returns_each_record_once_however_many_related_rows_match(self, council, ubnd):
        for n in range(3):
            FollowUpFactory(council=council, agency=ubnd, title=f"Kiến nghị đường {n}")

        found = Agency.objects.search("kien nghi duong", through=("followups",))

        assert list(found) == [ubnd]
        assert found.count() == 1

    def test_it_searches_a_reverse_then_forward_path_without_duplicates(
        self, council, ubnd, police
    ):
        item = FollowUpFactory(council=council, agency=ubnd, title="Sửa cầu")
        for text in ("Đã chuyển", "Đang xử lý"):
            Answer.objects.create(followup=item, text=text, agency=police)

        found = FollowUp.objects.search("cong an", through=("answers__agency",))

        assert list(found) == [item]


def test_it_refuses_a_path_that_ends_on_a_model_without_search_text(council):
    with pytest.raises(FieldError):
        FollowUp.objects.search("x", through=("answers",))


def test_it_refuses_a_field_that_is_not_a_relation(council):
    with pytest.raises(FieldError):
        FollowUp.objects.search("x", through=("title",))


@pytest.fixture
def user(db):
    from tests.factories import UserFactory

    return UserFactory()


def test_related_ids_travel_as_one_array_on_postgresql(council, ubnd, police):
    """With ``related``, the matching ids are one parameter (``= ANY(%s)``) on PostgreSQL, so a
    query of many targets does not carry thousands of literals; ``IN (…)`` elsewhere."""
    from django.db import connection

    from hdnd_portal.core.models import RelatedMatches

    FollowUpFactory(council=council, agency=ubnd, title="Đường làng")
    FollowUpFactory(council=council, agency=police, title="Trật tự")
    related = RelatedMatches("xa", council_id=council.pk)
    qs = FollowUp.objects.filter(council=council).search("xa", through=("agency",), related=related)
    sql, params = qs.query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s)" in sql
        assert sorted(next(p for p in params if isinstance(p, list))) == sorted(
            [ubnd.pk, police.pk]
        )
    else:
        assert "= ANY(" not in sql
    assert titles(qs) == ["Trật tự", "Đường làng"]
