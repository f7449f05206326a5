"""Print the role × action matrix enforced by the permission gate, as Markdown.

The README embeds this output between markers; a test checks they agree, so
the documentation cannot drift from what the server enforces.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from hdnd_portal.core.access import ROLES
from hdnd_portal.core.permissions import policies, policy_label

# Short codes used in the matrix cells; other actions are written out.
ACTION_CODES = {"view": "X", "add": "T", "change": "S", "export": "E", "history": "L"}
LEGEND = (
    "X = xem, T = thêm, S = sửa, E = xuất Excel/PDF, L = xem lịch sử; "
    "other actions are named; · = không có quyền."
)


def resource_label(resource: str) -> str:
    if label := policy_label(resource):
        return label
    app_label, _sep, model_name = resource.partition(".")
    try:
        name = str(apps.get_model(app_label, model_name)._meta.verbose_name_plural)
        return name[:1].upper() + name[1:]  # "Chức danh do HĐND bầu": only the first letter
    except LookupError:
        return resource


def matrix_markdown() -> str:
    # Every app registered its policies in AppConfig.ready(): no URLconf needed.
    table_by_resource = policies()
    lines = [
        "| resource | " + " | ".join(ROLES) + " |",
        "|---|" + "|".join(":-:" for _ in ROLES) + "|",
    ]
    for resource in sorted(table_by_resource):
        table = table_by_resource[resource]
        order = [a for a in ACTION_CODES if a in table] + sorted(
            a for a in table if a not in ACTION_CODES
        )
        cells = []
        for role in ROLES:
            codes = [ACTION_CODES.get(a, a) for a in order if role in table[a]]
            cells.append(" ".join(codes) if codes else "·")
        lines.append(f"| {resource_label(resource)} (`{resource}`) | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(LEGEND)
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "In ma trận vai trò × thao tác (Markdown) để đưa vào README."

    def handle(self, *args, **options):
        self.stdout.write(matrix_markdown(), ending="")
