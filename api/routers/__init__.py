"""One router per resource; the app includes every router listed here."""
from . import health

ROUTERS = [health.router]
