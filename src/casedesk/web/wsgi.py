"""WSGI entry point used by ``casedesk serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
application = get_wsgi_application()
