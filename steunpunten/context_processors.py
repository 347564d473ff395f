"""Values every page needs: the page in each language, and who runs the site.

Whether demo data is on show comes from the parents' index (zoeken/context_processors.py);
settings name both by string.
"""

from functools import cache as remembered
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from .eigenaar import eigenaar_from_settings

# How each language names itself, in the language switch.
EIGEN_NAAM = {"nl": "Nederlands", "en": "English"}


def talen(request) -> dict:
    """This page in every language (`talen`: code, naam, url, absolute url), lazily, and its
    canonical address."""

    @remembered
    def versions() -> list[dict]:
        current = translation.get_language()
        here = request.get_full_path()
        result = []
        for code, _name in settings.LANGUAGES:
            url = page_in_language(here, code) if code != current else here
            result.append(
                {
                    "code": code,
                    "naam": EIGEN_NAAM.get(code, code),
                    "url": url,
                    "absoluut": request.build_absolute_uri(url),
                    "huidig": code == current,
                }
            )
        return result

    # The page's own address without its query: what search engines should index.
    return {"talen": versions, "canonical": request.build_absolute_uri(request.path)}


def page_in_language(url: str, language: str) -> str:
    """The same page in another language; its home page when the URL names no page."""
    path = urlsplit(url).path
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        translated = translate_url(url, language)
    if translated == url:
        with translation.override(language):
            return reverse("zoeken:home")
    return translated


def eigenaar(request) -> dict:
    """Who runs the site (settings), for the footer and the statements."""
    return {"eigenaar": eigenaar_from_settings()}
