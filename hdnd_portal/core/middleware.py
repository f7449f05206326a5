"""The kernel's middleware: the language, and what no request may carry.

Language selection: Vietnamese unless the user picked another language.

Django's LocaleMiddleware also follows the browser's Accept-Language header, so an
English-language browser would get English pages and English validation messages
in a Vietnamese public office. Here only the language cookie written by
``set_language`` (the switcher in the user menu) changes the language.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers

from hdnd_portal.core.inputs import has_controls, strip_controls, stripped_querydict


class PortalLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        translation.deactivate()
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharactersMiddleware:
    """No control character reaches a view, a form or a query (``hdnd_portal.core.inputs``).

    One defence for every door, instead of one per search box: query parameters (the top
    bar's ``q``, every list's filters, the API's) and cookies lose their C0 control characters,
    form fields keep only tabs and line breaks (a textarea's; Django's multipart parser already
    drops them from uploaded files' names), and an address with one answers 404 (no page of
    the portal has one; ``/lich/a%00b.ics`` reached the database). Before the session
    middleware, which reads its cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_controls(request.path_info):
            raise Http404("Địa chỉ không hợp lệ.")
        request.GET = stripped_querydict(request.GET)
        if any(has_controls(k) or has_controls(v) for k, v in request.COOKIES.items()):
            request.COOKIES = {
                strip_controls(k): strip_controls(v) for k, v in request.COOKIES.items()
            }
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            # Read here rather than in the view: the CSRF check reads the same body anyway.
            request.POST = stripped_querydict(request.POST, multiline=True)
        return self.get_response(request)
