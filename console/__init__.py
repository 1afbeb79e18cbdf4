"""What the staff console shows: the questions visitors asked, their ratings, how far intakes got, and an audit
record of every verdict. Kept in the sessions' database (one Alembic history), so replicas show one console."""
