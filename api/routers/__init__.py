"""One router per resource; the app includes every router listed here."""
from . import admin, articles, chat, console, eligibility, health, intake, search, widget

ROUTERS = [health.router, articles.router, search.router, chat.router, widget.router, eligibility.router,
           intake.router, admin.router, console.router]
