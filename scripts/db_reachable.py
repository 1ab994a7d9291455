"""Exit 0 when the PostgreSQL server of a database URL answers, 1 otherwise (used by `make test`)."""

import sys

import dj_database_url
import psycopg

settings = dj_database_url.parse(sys.argv[1])
if "postgresql" not in settings["ENGINE"]:
    sys.exit(1)
try:
    psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg.Error:
    sys.exit(1)
