"""SQLAlchemy 2 persistence: tables, mapping, repositories, unit of work, migrations."""
