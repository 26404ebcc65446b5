"""Backups that restore (SECURITY.md rows 27–28): the drill on SQLite files, and its refusals.

The drill on PostgreSQL is `make backup-drill` (hocvuso/core/backup_drill.py), run by CI.
"""

import pytest

from hocvuso.core import backups
from hocvuso.core.backup_drill import drill


@pytest.mark.system
def test_a_backup_restores_into_an_empty_database_with_the_same_rows_files_and_report(tmp_path):
    # Every step is a manage.py command in its own process, on temporary SQLite files (~13 s):
    # migrate and load_demo, backup, restore (integrity, migrations, row counts), migrate
    # --check, a refused second restore, the files, and the report's figures from both.
    done = drill(
        tmp_path,
        f"sqlite:///{tmp_path / 'src.sqlite3'}",
        f"sqlite:///{tmp_path / 'dst.sqlite3'}",
        "Chí Minh",
    )
    assert "Kiểm tra: toàn vẹn, migration, số dòng — đạt." in done
    archive = next((tmp_path / "archives").glob("hocvuso-backup-*.tar.gz"))
    # The archive holds citizens' data: only its owner reads it.
    assert archive.stat().st_mode & 0o077 == 0


def test_it_says_in_vietnamese_and_english_when_pg_dump_is_missing(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupError) as error:
        backups._pg_tool("pg_dump")
    assert "Không tìm thấy pg_dump" in str(error.value)
    assert "pg_dump was not found on PATH" in str(error.value)


@pytest.mark.django_db
def test_it_refuses_to_restore_into_a_database_that_has_tables(tmp_path):
    with pytest.raises(backups.BackupError, match="chỉ phục hồi vào một cơ sở dữ liệu trống"):
        backups.restore(tmp_path / "never-opened.tar.gz")


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "_refuse_unless_empty", lambda: None)
    archive = tmp_path / "hocvuso-backup-2026-12-01T1530.tar.gz"
    archive.write_bytes(b"not a tar file")
    with pytest.raises(backups.BackupError, match="không phải một bản sao lưu đọc được"):
        backups.restore(archive)
