from tests.factories import DelegateFactory, TermFactory


def test_it_lists_and_finds_delegates_without_diacritics(staff_client, council):
    term = TermFactory(council=council)
    DelegateFactory(term=term, full_name="Nguyễn Thị Hương")
    DelegateFactory(term=term, full_name="Trần Văn Bình")
    response = staff_client.get("/councils/delegate/", {"q": "nguyen thi huong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nguyễn Thị Hương" in body
    assert "Trần Văn Bình" not in body
