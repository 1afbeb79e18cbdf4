"""One router per resource; the app includes every router listed here."""
from . import admin, articles, chat, console, eligibility, facts, health, intake, search, widget

# A request is matched against the routers in this order (no two share a path): the busiest first, as matching
# each router it passes cost an intake answer ~0.02 ms.
ROUTERS = [intake.router, chat.router, health.router, articles.router, search.router, widget.router,
           eligibility.router, facts.router, admin.router, console.router]
