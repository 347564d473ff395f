"""The site's settings as a new process reads them from its environment, without the process.

A new Python process that imports vindplek/settings.py costs about a second of CPU; running the
file anew (runpy) with os.environ replaced for that moment gives the same values in a few
milliseconds. The test run's own settings (django.conf.settings) stay as they are.
"""

import os
import runpy
from collections.abc import Mapping
from types import SimpleNamespace
from unittest import mock

from django.conf import settings

SETTINGS_FILE = settings.BASE_DIR / "vindplek" / "settings.py"


def environment_without(*prefixes: str) -> dict[str, str]:
    """This process's environment without the variables whose names start with a prefix."""
    return {name: value for name, value in os.environ.items() if not name.startswith(prefixes)}


def site_settings(environment: Mapping[str, str]) -> SimpleNamespace:
    """vindplek/settings.py as `import vindplek.settings` reads it with exactly this environment."""
    with mock.patch.dict(os.environ, environment, clear=True):
        return SimpleNamespace(**runpy.run_path(str(SETTINGS_FILE)))
