"""Alembic environment: the engine comes from desktop.migrate (no alembic.ini needed)."""

from alembic import context

from desktop.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through desktop.migrate (griddesk-admin init)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
