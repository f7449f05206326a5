"""Vietnamese identity and phone numbers, checked where they are typed (forms, API, imports).

Duplicate detection of letters relies on the identity number (``petitions.crypto.blind_index``),
and a forwarding slip's "điện thoại" must reach someone: "abc" or "gọi tôi" are refused with the
shape expected. Spaces, dots and dashes typed between groups of digits are allowed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-()]")
# CCCD: 12 digits; the old CMND: 9 digits; a passport: one or two letters and 7 or 8 digits
# (Vietnamese passports "C1234567", new ones "P01234567"), foreign ones alike.
_IDENTITY = re.compile(r"^(\d{12}|\d{9}|[A-Z]{1,2}\d{6,8})$")
# A mobile (10 digits, 0 + 9) or a landline (11 digits, 0 + area code + number), or +84/84.
_PHONE = re.compile(r"^(?:\+?84|0)\d{9,10}$")


def compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


@deconstructible
class IdentityNumberValidator:
    message = _(
        "Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số); hộ chiếu: chữ cái và 7–8 chữ số, "
        "ví dụ C1234567."
    )

    def __call__(self, value):
        if value and not _IDENTITY.match(compact(value)):
            raise ValidationError(self.message, code="identity_number")

    def __eq__(self, other):
        return isinstance(other, IdentityNumberValidator)


@deconstructible
class PhoneNumberValidator:
    message = _("Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0 hoặc +84, ví dụ 0912 345 678.")

    def __call__(self, value):
        if value and not _PHONE.match(compact(value)):
            raise ValidationError(self.message, code="phone_number")

    def __eq__(self, other):
        return isinstance(other, PhoneNumberValidator)


validate_identity_number = IdentityNumberValidator()
validate_phone_number = PhoneNumberValidator()
