"""One router per resource; the app includes every router listed here."""
from . import health, widget

ROUTERS = [health.router, widget.router]
