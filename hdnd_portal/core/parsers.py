"""The API's parsers: a body nested too deep is a 400, not a RecursionError (500), and no
string of a body keeps a control character (``hdnd_portal.core.inputs``: a NUL is refused by
PostgreSQL; tabs and line breaks stay, as in a form's text box)."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser

from hdnd_portal.core.inputs import strip_controls_deep, stripped_querydict


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return strip_controls_deep(super().parse(stream, media_type, parser_context))
        except RecursionError:
            raise ParseError("Dữ liệu JSON lồng nhau quá sâu.") from None


class SafeFormParser(FormParser):
    """A form-encoded body, as the pages' forms get it from the middleware. (A multipart body
    was already read and stripped by ``ControlCharactersMiddleware``: DRF reuses it.)"""

    def parse(self, stream, media_type=None, parser_context=None):
        return stripped_querydict(super().parse(stream, media_type, parser_context), multiline=True)
