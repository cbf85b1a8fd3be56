"""The demo firm: a fictional law office (users, clients, matters, conflicts, one wall) built
through the real services, for trying casedesk out and for tests and benchmarks.

    from casedesk.web.demo import demo_load
    summary = demo_load(seed=7)          # 150 clients, 300 matters
"""

from casedesk.web.demo.catalog import DEMO_PASSWORD, DEMO_USERS
from casedesk.web.demo.loader import DemoSummary, demo_load, demo_reset

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoSummary", "demo_load", "demo_reset"]
