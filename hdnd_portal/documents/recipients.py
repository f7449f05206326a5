"""The "Nơi nhận" list of a document: each body once, never the issuing body itself.

A kind's ``build_context`` writes the lines it means ("Phòng Kinh tế;", "UBND xã;",
"Lưu: VT."); :func:`recipient_lines` drops a body named twice (a supervised agency that is
also "UBND xã"), a line naming the issuer ("Thường trực HĐND xã" in the Standing
Committee's own plan) and blank lines, and puts the file copy ("Lưu: …") last.
"""

from hdnd_portal.documents.text import _comparable, without_own_place


def _key(line: str, council) -> str:
    text = line.strip().lstrip("-").strip().rstrip(";.").strip()
    if council is not None:
        text = without_own_place(text, commune_kind=council.commune_kind, commune=council.commune)
    return " ".join(_comparable(text).replace("(de biet)", "").split())


def city_standing(council) -> str:
    """The city's HĐND Standing Committee, to which a commune sends its reports upward."""
    return f"Thường trực HĐND thành phố {council.province};"


def city_bodies(council) -> list[str]:
    """The city's bodies a commune's reports and resolutions go to, since 2025 there is no
    district level (DOCUMENTS.md, "Common to all"): one wording for every kind."""
    return [city_standing(council), f"UBND thành phố {council.province};"]


def recipient_lines(lines, *, council=None, issuer: tuple[str, ...] = ()) -> list[str]:
    """``lines`` without repeats, without the ``issuer``'s own names, the file copy last."""
    own = {_key(name, council) for name in issuer if name}
    seen: set[str] = set()
    out, files = [], []
    for line in lines:
        key = _key(line or "", council)
        if not key or key in own or key in seen:
            continue
        seen.add(key)
        (files if key.startswith("luu") else out).append(line.strip())
    out = [line if line.endswith((";", ".")) else f"{line};" for line in out]
    return out + files
