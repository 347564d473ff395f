"""WSGI entry point (gunicorn vindplek.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vindplek.settings")
application = get_wsgi_application()
