"""Electronic issuance (Decree 30/2020, Art. 18 and Appendix I Part II): a PAdES signature of
an issued copy with the council's certificate, made and checked with pyHanko.

The certificate is a PKCS#12 file named in settings (``DOCUMENT_SIGNING_PKCS12``, its
passphrase ``DOCUMENT_SIGNING_PASSPHRASE``). The visible signature is what Appendix I Part II
prescribes for an electronic document: the image of the signer's signature (blue, transparent
PNG) centred between the signer's title and name, the image of the seal (red, real size,
transparent PNG) over about a third of it on the left, and the organisation's name with the
signing time (ISO 8601, Vietnam's time zone) beside them. The two images are PNG files named in
settings (``DOCUMENT_SIGNING_SIGNATURE_IMAGE``, ``DOCUMENT_SIGNING_SEAL_IMAGE``).

``manage.py signing_certificate --demo`` writes a self-signed certificate and drawn images for
the demo (:func:`demo_material_write`); ``make run`` calls it when they are missing.
"""

import datetime as dt
import io
import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

# The stamp is drawn at this resolution, then placed at its real size in the PDF.
DPI = 300
MM = DPI / 25.4
SEAL_MM = 36  # a commune body's round seal: about 35-36 mm across
SIGNATURE_MM = (50, 22)
FIELD_NAME = "ChuKySo"
# The element of documents/official_base.html the stamp is centred on (the signer's space).
ANCHOR_ID = "chu-ky-so"
PX = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF user units are points.


class SigningUnavailable(ImproperlyConfigured):
    """No certificate (or a wrong passphrase, or missing images): nothing can be signed."""


@dataclass(frozen=True)
class Placement:
    """Where the stamp goes: a page (0-based) and a box in PDF points from the bottom left."""

    page: int
    box: tuple[float, float, float, float]  # (x1, y1, x2, y2)


@dataclass(frozen=True)
class SignatureCheck:
    """What a validation found. ``valid``: the signed bytes are unchanged and the signature
    is sound over the whole file; ``trusted``: the certificate chains to the configured one."""

    valid: bool
    trusted: bool
    signer: str = ""
    signed_at: dt.datetime | None = None
    summary: str = ""


# -- the configured material --------------------------------------------------------------


def _paths() -> tuple[Path, Path, Path]:
    return (
        Path(settings.DOCUMENT_SIGNING_PKCS12),
        Path(settings.DOCUMENT_SIGNING_SIGNATURE_IMAGE),
        Path(settings.DOCUMENT_SIGNING_SEAL_IMAGE),
    )


def signing_available() -> bool:
    return all(path.is_file() for path in _paths())


def _passphrase() -> bytes | None:
    return settings.DOCUMENT_SIGNING_PASSPHRASE.encode() or None


def _signer():
    from pyhanko.sign import signers

    pkcs12, _signature, _seal = _paths()
    if not pkcs12.is_file():
        raise SigningUnavailable(
            f"Chưa có chứng thư số: không tìm thấy tệp {pkcs12} (DOCUMENT_SIGNING_PKCS12)."
        )
    signer = signers.SimpleSigner.load_pkcs12(str(pkcs12), passphrase=_passphrase())
    if signer is None:
        raise SigningUnavailable(
            "Không mở được chứng thư số: sai mật khẩu (DOCUMENT_SIGNING_PASSPHRASE) "
            "hoặc tệp PKCS#12 hỏng."
        )
    return signer


def certificate_subject(signer=None) -> str:
    signer = signer or _signer()
    return signer.signing_cert.subject.human_friendly


# -- the visible signature -----------------------------------------------------------------


def _font(size_pt: float, bold: bool = False):
    from PIL import ImageFont

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(finders.find(f"fonts/{name}"), round(size_pt / 72 * DPI))


def stamp_image(*, organisation: str, when: dt.datetime):
    """The picture of the visible signature and the x (pixels) of the signature image's centre:
    the signature image, the seal over its left third, and under them the organisation with
    the signing time (serif, 10 pt, black)."""
    from PIL import Image, ImageDraw

    _pkcs12, signature_path, seal_path = _paths()
    for path in (signature_path, seal_path):
        if not path.is_file():
            raise SigningUnavailable(f"Thiếu hình ảnh chữ ký hoặc con dấu: {path}.")
    seal_size = round(SEAL_MM * MM)
    signature = Image.open(signature_path).convert("RGBA")
    signature.thumbnail((round(SIGNATURE_MM[0] * MM), round(SIGNATURE_MM[1] * MM)))
    seal = Image.open(seal_path).convert("RGBA").resize((seal_size, seal_size))
    font = _font(10)
    lines = [organisation, f"Thời gian ký: {when.isoformat(timespec='seconds')}"]
    measure = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    text_w = max(measure.textlength(line, font=font) for line in lines)
    line_h = round(4.4 * MM)
    sig_x = seal_size - signature.width // 3  # the seal covers the signature's left third
    centre = sig_x + signature.width / 2
    shift = max(0, round(text_w / 2 - centre))  # room for the text centred under the signature
    group_h = max(seal_size, signature.height)
    width = max(sig_x + signature.width, round(centre + text_w / 2)) + shift
    height = group_h + line_h * len(lines) + round(1 * MM)
    canvas = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    canvas.alpha_composite(signature, (sig_x + shift, (group_h - signature.height) // 2))
    canvas.alpha_composite(seal, (shift, (group_h - seal_size) // 2))
    draw = ImageDraw.Draw(canvas)
    y = group_h + round(1 * MM)
    for line in lines:
        draw.text((centre + shift, y), line, font=font, fill=(0, 0, 0, 255), anchor="mt")
        y += line_h
    return canvas, centre + shift


def placement_box(placement: Placement | None, image, centre_px: float, page_size) -> Placement:
    """The stamp's box at its real size: the signature image centred on the signer's space
    (or, without one, at the bottom right of the last page), kept inside the page."""
    scale = 72 / DPI
    width_pt, height_pt = image.width * scale, image.height * scale
    page_w, _page_h = page_size
    if placement is None:
        x1, y1 = page_w - width_pt - 40, 60
        return Placement(-1, (x1, y1, x1 + width_pt, y1 + height_pt))
    ax1, ay1, ax2, ay2 = placement.box
    cx, cy = (ax1 + ax2) / 2, (ay1 + ay2) / 2
    x1 = min(max(cx - centre_px * scale, 20), page_w - 20 - width_pt)
    return Placement(placement.page, (x1, cy - height_pt / 2, x1 + width_pt, cy + height_pt / 2))


def locate(document, anchor_id: str = ANCHOR_ID) -> tuple[Placement | None, tuple[float, float]]:
    """Where ``anchor_id`` lies in a rendered WeasyPrint document (the last occurrence), in PDF
    points, and the last page's size."""
    found = None
    for index, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and element.get("id") == anchor_id:
                x, y = box.border_box_x(), box.border_box_y()
                w, h = box.border_width(), box.border_height()
                page_h = page.height * PX
                found = Placement(
                    index, (x * PX, page_h - (y + h) * PX, (x + w) * PX, page_h - y * PX)
                )
    last = document.pages[-1]
    return found, (last.width * PX, last.height * PX)


# -- signing and checking --------------------------------------------------------------------


def sign_pdf(
    pdf: bytes,
    *,
    organisation: str,
    placement: Placement | None = None,
    page_size: tuple[float, float] = (595.28, 841.89),
    location: str = "",
    reason: str = "Ban hành văn bản điện tử",
    when: dt.datetime | None = None,
) -> bytes:
    """``pdf`` signed (PAdES B-B, SHA-256) with the configured certificate and the visible
    signature of Appendix I Part II at ``placement`` (see :func:`locate`)."""
    from django.utils import timezone
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    signer = _signer()
    when = timezone.localtime(when or timezone.now()).replace(microsecond=0)
    image, centre = stamp_image(organisation=organisation, when=when)
    where = placement_box(placement, image, centre, page_size)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = where.page if where.page >= 0 else _page_count(writer) - 1
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=organisation,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        stamp_style=StaticStampStyle(background=PdfImage(image), border_width=0),
        new_field_spec=fields.SigFieldSpec(
            FIELD_NAME, on_page=page, box=tuple(round(v) for v in where.box)
        ),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def _page_count(writer) -> int:
    return int(writer.root["/Pages"]["/Count"])


def _trust_roots():
    """The configured certificate and the chain shipped with it: what "trusted" means here."""
    try:
        signer = _signer()
    except SigningUnavailable:
        return []
    roots = [signer.signing_cert]
    roots += list(signer.cert_registry) if signer.cert_registry else []
    return roots


def signature_check(pdf: bytes) -> SignatureCheck:
    """Validate the one signature of ``pdf`` with pyHanko: its bytes unchanged, the signature
    sound and covering the whole file; trusted when its certificate is the configured one (or
    chains to the chain shipped with it)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a damaged file is an invalid signature
        return SignatureCheck(False, False, summary=f"Không đọc được tệp PDF: {exc}")
    if len(signatures) != 1:
        return SignatureCheck(
            False, False, summary=f"Tệp có {len(signatures)} chữ ký số, không phải một."
        )
    context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[0], context)
    except (ValueError, KeyError) as exc:  # pyHanko's SignatureValidationError is a ValueError
        return SignatureCheck(False, False, summary=f"Chữ ký không kiểm tra được: {exc}")
    valid = bool(
        status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    )
    if valid:
        summary = "Chữ ký hợp lệ: văn bản không bị thay đổi sau khi ký."
    elif not status.intact:
        summary = "Chữ ký không hợp lệ: nội dung văn bản đã bị thay đổi sau khi ký."
    else:
        summary = "Chữ ký không hợp lệ."
    return SignatureCheck(
        valid,
        bool(status.trusted),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        summary=summary,
    )


# -- the demo material ------------------------------------------------------------------------


def demo_material_write(*, organisation: str, force: bool = False) -> list[Path]:
    """A self-signed certificate (PKCS#12, with the configured passphrase, if any), a drawn
    signature and a drawn seal marked "MẪU", at the configured paths. Files already there are
    kept unless ``force``. Returns the files written."""
    pkcs12_path, signature_path, seal_path = _paths()
    written = []
    if force or not pkcs12_path.is_file():
        pkcs12_path.parent.mkdir(parents=True, exist_ok=True)
        pkcs12_path.write_bytes(_demo_pkcs12(organisation))
        pkcs12_path.chmod(0o600)
        written.append(pkcs12_path)
    if force or not signature_path.is_file():
        signature_path.parent.mkdir(parents=True, exist_ok=True)
        _demo_signature().save(signature_path)
        written.append(signature_path)
    if force or not seal_path.is_file():
        seal_path.parent.mkdir(parents=True, exist_ok=True)
        _demo_seal(organisation).save(seal_path)
        written.append(seal_path)
    return written


def _demo_pkcs12(organisation: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _x509_text(organisation)),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Chứng thư tự ký, chỉ để thử"),
            x509.NameAttribute(NameOID.COMMON_NAME, _x509_text(organisation)),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    passphrase = _passphrase()
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(
        organisation.encode(), key, certificate, None, encryption
    )


def _x509_text(text: str) -> str:
    """At most 64 bytes of UTF-8 (RFC 5280's upper bound for a name attribute)."""
    while len(text.encode()) > 64:
        text = text[:-1]
    return text


BLUE = (20, 40, 170, 255)
RED = (210, 20, 30, 255)


def _demo_signature():
    """A hand-written-looking stroke in blue ink on a transparent ground."""
    from PIL import Image, ImageDraw

    w, h = round(SIGNATURE_MM[0] * MM), round(SIGNATURE_MM[1] * MM)
    image = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for i in range(241):
        t = i / 240
        x = w * (0.06 + 0.86 * t)
        y = h * (0.55 - 0.28 * math.sin(t * math.pi * 5.2) * (1 - 0.6 * t) - 0.12 * t)
        points.append((x, y))
    draw.line(points, fill=BLUE, width=round(0.6 * MM), joint="curve")
    draw.line(
        [(w * 0.18, h * 0.8), (w * 0.55, h * 0.72), (w * 0.92, h * 0.78)],
        fill=BLUE,
        width=round(0.45 * MM),
        joint="curve",
    )
    return image


def _demo_seal(organisation: str):
    """A round red seal: the body's name around the ring, a star and "MẪU" in the middle."""
    from PIL import Image, ImageDraw

    size = round(SEAL_MM * MM)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    line = round(0.5 * MM)
    draw.ellipse((line, line, size - line, size - line), outline=RED, width=line)
    inner = round(8 * MM)
    draw.ellipse((inner, inner, size - inner, size - inner), outline=RED, width=line // 2)
    # The star.
    r_out, r_in = 5.5 * MM, 2.2 * MM
    star = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        star.append((c + r * math.cos(a), c - 1.5 * MM + r * math.sin(a)))
    draw.polygon(star, fill=RED)
    font = _font(7, bold=True)
    draw.text((c, c + 6 * MM), "MẪU", font=font, fill=RED, anchor="mm")
    # The name around the ring, letter by letter, clockwise from the left.
    text = organisation.upper()
    ring = (size / 2) - 4.2 * MM
    letter_font = _font(7, bold=True)
    span = math.radians(300)
    start = -math.pi / 2 - span / 2
    for i, char in enumerate(text):
        angle = start + span * (i + 0.5) / len(text)
        x, y = c + ring * math.cos(angle), c + ring * math.sin(angle)
        glyph = Image.new("RGBA", (round(5 * MM), round(5 * MM)), (255, 255, 255, 0))
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), char, font=letter_font, fill=RED, anchor="mm"
        )
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        image.alpha_composite(glyph, (round(x - glyph.width / 2), round(y - glyph.height / 2)))
    return image
