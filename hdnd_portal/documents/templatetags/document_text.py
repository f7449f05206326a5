"""Text filters for printed documents.

``unbroken_numbers``: a document number ("25/2018/QH14", "01/KH-HĐND") may not be split across
two lines — the line-breaking rules allow a break after "/" before a letter, and a reader would
then read "25/2018/" and "QH14" as two things. Each number is wrapped in ``<span
class="nobreak">``; the template that uses the filter styles ``.nobreak { white-space: nowrap; }``.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# "25/2018/QH14", "01/KH-HĐND", "05/2026/NQ-HĐND", "42/2013/QH13"
_NUMBER = re.compile(r"\b\d{1,4}(?:/\d{4})?/[A-ZĐ][A-ZĐa-zđ0-9-]*")


@register.filter
def unbroken_numbers(value) -> str:
    text = conditional_escape(value or "")
    return mark_safe(
        _NUMBER.sub(lambda m: format_html('<span class="nobreak">{}</span>', m.group(0)), text)
    )
