"""Báo cáo tổng hợp ý kiến thảo luận tổ (``meetings.discussion_synthesis``, BC): a group's
opinions, each with its speaker, the draft or item it is about and how it was taken up,
signed by the group's chair ("TỔ TRƯỞNG TỔ THẢO LUẬN"). Numbered in the HĐND's BC series,
like the Bans' examination reports (a printing kind has one issuer code)."""

import datetime as dt

from hdnd_portal.documents.models import DocumentType
from hdnd_portal.documents.printing import DocumentKind, register_document
from hdnd_portal.documents.text import Heading, Signature, long_date
from meetings.discussion.policies import DISCUSSION_GROUP
from meetings.discussion.selectors import group_opinions
from meetings.models import DiscussionGroup

SYNTHESIS_KIND = "meetings.discussion_synthesis"


def synthesis_title(group: DiscussionGroup) -> str:
    return f"Tổng hợp ý kiến thảo luận của {group.name} tại {group.session.name}"


def _chair(group: DiscussionGroup, on=None) -> str:
    return group.chair.full_name if group.chair_id else ""


def synthesis_context(*, obj: DiscussionGroup, access, document, on: dt.date) -> dict:
    council = obj.council
    opinions = group_opinions(access=access, group=obj)
    members = list(obj.members.order_by("sort_name", "id"))
    return {
        "group": obj,
        "members": members,
        "opinions": opinions,
        "intro": (
            f"Thực hiện chương trình {obj.session.name} HĐND {council.commune_kind} "
            f"{council.commune}, {long_date(obj.held_on)}, {obj.name} đã tiến hành thảo luận"
            f"{' tại ' + obj.place if obj.place else ''}. Số đại biểu thuộc tổ: {len(members)}."
        ),
        "heading": Heading("Báo cáo", ("Tổng hợp ý kiến thảo luận tổ", f"{obj.name}")),
        "signature": Signature(f"TM. {obj.name.upper()}", "TỔ TRƯỞNG", _chair(obj)),
        "recipients": [
            f"Thường trực HĐND {council.commune_kind} (để tổng hợp);",
            f"UBND {council.commune_kind} (để tiếp thu, giải trình);",
            "Lưu: VT.",
        ],
    }


def register_documents() -> None:
    register_document(
        DocumentKind(
            code=SYNTHESIS_KIND,
            model=DiscussionGroup,
            type_code=DocumentType.BC,
            template="meetings/print_discussion_synthesis.html",
            build_context=synthesis_context,
            title=synthesis_title,
            signer=_chair,
            print_policy=(DISCUSSION_GROUP, "export"),
            filename=lambda g: f"tong-hop-y-kien-thao-luan-to-{g.pk}",
            select_related=("council", "session__term", "chair"),
            not_before=lambda g: g.held_on,
            default_on=lambda g: g.held_on,
        )
    )
