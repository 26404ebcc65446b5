"""An import of 5,000 visits does not keep a volunteer from logging a visit meanwhile.

SQLite has one writer at a time. Saved one row after another in one transaction, such an
import held the write lock for about 27 seconds, and a visit posted meanwhile failed with
"database is locked". Here two processes share a SQLite file, as two web workers do: one
imports, the other logs a visit every twentieth of a second, timing each.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

ROWS = 5_000


def _probe(*args, database):
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-m", "hocvuso.support.tests.lock_probe", *map(str, args)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_visits_are_logged_within_a_second_while_5000_rows_are_imported(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the write lock is SQLite's")
    database = tmp_path / "db.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(database)])
    done = tmp_path / "done"
    importer = _probe("import", ROWS, world.commune.pk, done, database=database)
    assert importer.stdout.readline() == "connected\n"
    logger = _probe("log", world.member.pk, done, database=database)
    imported = json.loads(importer.communicate(timeout=300)[0])
    logged = json.loads(logger.communicate(timeout=60)[0])

    assert imported["errors"] == [] and imported["rows"] == ROWS
    assert imported["journal"] == "wal"
    assert logged["failures"] == []
    during = [wait for began, wait in logged["posts"] if began < imported["end"]]
    overlapping = [
        wait for began, wait in logged["posts"] if imported["start"] - 1 < began < imported["end"]
    ]
    assert overlapping, "some visits were logged while the import wrote"
    assert max(during) < 1, f"a visit waited {max(during):.2f} s"
    assert imported["end"] - imported["start"] < 1, "the write transaction"
