#!/usr/bin/env python
"""Django's command-line utility for Vindplek.

It reads the git-ignored `.env` beside it first (written by `make run`: DJANGO_DEBUG=1 and the
address the server listens on), so the README's commands run with the settings of the running
development server. Variables already set in the environment win over the file;
VINDPLEK_DOTENV names another file.
"""

import os
import sys
from pathlib import Path


def main() -> None:
    from dotenv import load_dotenv

    default = Path(__file__).resolve().parent / ".env"
    load_dotenv(os.environ.get("VINDPLEK_DOTENV") or default, override=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vindplek.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
