"""Chinese for everyone; English only for a person who chose it.

Django's LocaleMiddleware follows the browser's Accept-Language, so an English browser got English pages.
This one reads only the choice stored by the language switch (Django's set_language view, /i18n/setlang/,
which keeps it in the language cookie); without a choice every page is in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language the person chose, else the site's (zh-hans); Accept-Language is never asked."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        # override, not activate: the thread goes back to the site's language after the request, so one
        # person's choice never leaks into the next request (or a command) served by the same thread
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
