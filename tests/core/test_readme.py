"""The README's role matrix is the one the server enforces."""

from pathlib import Path

from hdnd_portal.core.management.commands.role_matrix import matrix_markdown

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN, END = "<!-- role-matrix:begin -->", "<!-- role-matrix:end -->"


def test_it_documents_the_enforced_role_matrix_in_the_readme():
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "README lacks the role-matrix markers"
    documented = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert documented == matrix_markdown().strip(), (
        "README role matrix is stale: run `python manage.py role_matrix` and paste it "
        "between the markers"
    )
