"""Numbered schema migrations, applied in order and recorded in `_migrations` (simonw/llm style).

`migrate(engine)` is idempotent: it applies only what is missing, all inside one transaction, so it can
run at every start-up and from several processes. To change the schema, append a function to MIGRATIONS
(never edit or reorder one that has shipped) and update models.py to match. Migration 1 builds its tables
from models.py, so a later migration that adds a column must skip it when the column already exists
(`inspect(conn).get_columns(table)`): fresh databases and upgraded ones then end up identical.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, MetaData, String, Table, insert, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain import utcnow
from bot.store.models import Base, UTCDateTime

Migration = Callable[[Connection], None]

_bookkeeping = MetaData()
migrations_table = Table(
    "_migrations",
    _bookkeeping,
    Column("name", String(100), primary_key=True),
    Column("applied_at", UTCDateTime, nullable=False),
)


def m001_initial(conn: Connection) -> None:
    names = ["users", "sessions", "turns", "grades", "debriefs", "reviews", "turn_comments", "llm_calls"]
    Base.metadata.create_all(conn, tables=[Base.metadata.tables[name] for name in names])


def m002_review_indexes(conn: Connection) -> None:
    """For the review pages: sessions.overall (the newest debrief's score, filled in from the debriefs
    already stored) with an index for the list's score filter and sort, and a covering index on grades
    for the dashboard's counts."""
    tables = Base.metadata.tables
    if "overall" not in {column["name"] for column in inspect(conn).get_columns("sessions")}:
        conn.exec_driver_sql("ALTER TABLE sessions ADD COLUMN overall FLOAT")
    for table, name in (("sessions", "ix_sessions_overall"), ("grades", "ix_grades_current")):
        if name not in {found["name"] for found in inspect(conn).get_indexes(table)}:
            next(index for index in tables[table].indexes if index.name == name).create(conn)
    debriefs, newest = tables["debriefs"], {}
    for session_id, debrief in conn.execute(select(debriefs.c.session_id, debriefs.c.debrief).order_by(debriefs.c.id)):
        newest[session_id] = debrief.get("overall")
    for session_id, overall in newest.items():
        conn.execute(update(tables["sessions"]).where(tables["sessions"].c.id == session_id).values(overall=overall))


def m003_grades_index_order(conn: Connection) -> None:
    """m002 first built ix_grades_current led by (superseded, status): useless for the per-turn lookups
    that the dashboard's joins make. Rebuild it led by turn_id where it still has the old order."""
    wanted = next(index for index in Base.metadata.tables["grades"].indexes if index.name == "ix_grades_current")
    found = {index["name"]: index["column_names"] for index in inspect(conn).get_indexes("grades")}
    if found.get(wanted.name) != [column.name for column in wanted.columns]:
        if wanted.name in found:
            conn.exec_driver_sql(f"DROP INDEX {wanted.name}")
        wanted.create(conn)


MIGRATIONS: list[Migration] = [m001_initial, m002_review_indexes, m003_grades_index_order]


def _apply_missing(conn: Connection) -> list[str]:
    if conn.dialect.name == "postgresql":
        # Two processes starting at once must not both apply the same migration.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(724011)")
    _bookkeeping.create_all(conn)
    done = set(conn.scalars(select(migrations_table.c.name)))
    applied = []
    for migration in MIGRATIONS:
        if migration.__name__ in done:
            continue
        migration(conn)
        conn.execute(insert(migrations_table).values(name=migration.__name__, applied_at=utcnow()))
        applied.append(migration.__name__)
    return applied


async def migrate(engine: AsyncEngine) -> list[str]:
    """Bring the schema up to date; returns the names of the migrations it applied (empty if none)."""
    async with engine.begin() as conn:
        return await conn.run_sync(_apply_missing)


async def applied_migrations(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as conn:
        if not await conn.run_sync(lambda sync: inspect(sync).has_table("_migrations")):
            return []
        return list(await conn.scalars(select(migrations_table.c.name).order_by(migrations_table.c.name)))
