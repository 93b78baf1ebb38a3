"""Alembic environment of the register: runs against the connection that register/db.py hands over.

There is no alembic.ini; :func:`beleidsmonitor.register.db.upgrade` builds the configuration in code
and passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from beleidsmonitor.register.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via db.upgrade
    raise RuntimeError("run the register migrations through beleidsmonitor.register.db.upgrade")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
