"""Backups that restore: the database and the uploaded files in one dated archive.

An archive (`hocvuso-backup-2026-12-01T1530.tar.gz`) holds

- `manifest.json`: when, hocvuso's and Django's versions, the database's vendor, the applied
  migrations and the rows of every table, counted in the very state that was saved;
- the database: `database.sqlite3`, copied through SQLite's online backup API (never a copy of
  the live file, which a writer may be half-way through), or `database.dump`, PostgreSQL's
  `pg_dump -Fc` taken from the same snapshot as the counts;
- `media/` and `private-media/`: MEDIA_ROOT and PRIVATE_MEDIA_ROOT (signed documents).

EXPORT_ROOT is left out: it holds Excel exports made on request, which are made again.

`restore` goes only into an empty database and empty file folders, then checks the result:
`PRAGMA integrity_check` on SQLite, no migration left to apply, and every table's row count
equal to the manifest's. See docs/backup.md.
"""

import datetime
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
# The folders saved, by their name in the archive.
FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """What stops a backup or a restore, said in Vietnamese and English."""


@dataclass
class Restored:
    manifest: dict
    counts: dict[str, int]
    files: int


def _version() -> str:
    try:
        return importlib.metadata.version("hocvuso")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(row[0] for row in cursor.fetchall())


def describe(cursor, vendor: str) -> tuple[dict[str, int], list[str]]:
    """Every table's row count, and the applied migrations (`app.name`), as `cursor` sees them."""
    counts = {}
    for table in _tables(cursor, vendor):
        # Names come from the database's own catalogue, quoted as identifiers.
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # nosec B608
        counts[table] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return counts, migrations


def _pg_env() -> dict[str, str]:
    """The connection of DATABASE_URL for pg_dump and pg_restore; the password never in argv."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(name):
            env[key] = str(db[name])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy {name} trên máy này: hãy cài postgresql-client cùng phiên bản với "
            f"máy chủ PostgreSQL. ({name} was not found on PATH: install postgresql-client.)"
        )
    return path


def _run(command: list[str]) -> None:
    done = subprocess.run(  # nosec B603
        command, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} không thành công ({Path(command[0]).name} failed): "
            f"{done.stderr.strip()}"
        )


def _dump_sqlite(target: Path) -> tuple[dict, list]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API: a consistent copy while others go on writing.
        connection.connection.backup(copy)
        return describe(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> tuple[dict, list]:
    pg_dump = _pg_tool("pg_dump")
    # The counts and pg_dump read one snapshot, exported from this transaction, so that the
    # manifest describes exactly what the dump holds even while the site is in use.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_dump,
                "-Fc",
                f"--snapshot={snapshot}",
                f"--file={target}",
                settings.DATABASES["default"]["NAME"],
            ]
        )
        return describe(cursor, "postgresql")


def backup(output: Path, now: datetime.datetime | None = None) -> Path:
    """Write the archive into the folder `output`; return its path."""
    now = timezone.localtime(now)
    output.mkdir(parents=True, exist_ok=True)
    archive = output / f"hocvuso-backup-{now:%Y-%m-%dT%H%M}.tar.gz"
    if archive.exists():
        raise BackupError(f"Tệp {archive} đã có (already exists); không ghi đè.")
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(
            f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor} ({vendor} is not supported)."
        )
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / (SQLITE_FILE if vendor == "sqlite" else PG_FILE)
        dump = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        counts, migrations = dump(database)
        manifest = {
            "created_at": now.isoformat(),
            "hocvuso": _version(),
            "django": django.get_version(),
            "database": vendor,
            "database_file": database.name,
            "folders": sorted(FOLDERS),
            "migrations": migrations,
            "row_counts": counts,
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        partial = archive.with_name(archive.name + ".part")
        # Citizens' visits and members' phone numbers: readable by the owner only.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(Path(work) / MANIFEST, MANIFEST)
            tar.add(database, database.name)
            for name, setting in FOLDERS.items():
                folder = Path(getattr(settings, setting))
                if folder.is_dir():
                    tar.add(folder, name)
        partial.rename(archive)
    return archive


def _files_in(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def _refuse_unless_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có {len(tables)} bảng: chỉ phục hồi vào một cơ sở dữ liệu "
            f"trống. (The target database has {len(tables)} tables; restore only into an empty "
            "database.)"
        )
    for setting in FOLDERS.values():
        folder = Path(getattr(settings, setting))
        if _files_in(folder):
            raise BackupError(
                f"Thư mục {setting} ({folder}) đã có tệp: chỉ phục hồi vào thư mục trống. "
                f"({setting} is not empty.)"
            )


def _load_sqlite(source: Path) -> None:
    name = settings.DATABASES["default"]["NAME"]
    connection.close()
    backup_copy = sqlite3.connect(source)
    target = sqlite3.connect(name)
    try:
        # Through the backup API again: the pages land in the target, its journal included.
        backup_copy.backup(target)
    finally:
        backup_copy.close()
        target.close()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        result = [row[0] for row in cursor.fetchall()]
    if result != ["ok"]:
        raise BackupError(f"PRAGMA integrity_check: {'; '.join(result[:5])}")


def _load_postgresql(source: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    connection.close()
    # One transaction: a failure leaves the database empty, ready for another try.
    _run(
        [
            pg_restore,
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            "-d",
            settings.DATABASES["default"]["NAME"],
            str(source),
        ]
    )


def _check_migrations() -> None:
    try:
        call_command("migrate", check=True, plan=False, verbosity=0, interactive=False)
    except SystemExit as stop:
        if stop.code:
            raise BackupError(
                "Còn migration chưa áp dụng: bản sao lưu cũ hơn phiên bản phần mềm này; chạy "
                "`manage.py migrate` rồi kiểm tra lại. (Unapplied migrations remain.)"
            ) from None


def restore(archive: Path) -> Restored:
    """Restore `archive` into the empty database and folders of the settings, then check it."""
    _refuse_unless_empty()
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                # The "data" filter refuses absolute paths, links out of the folder, devices.
                tar.extractall(work, filter="data")
            manifest = json.loads((Path(work) / MANIFEST).read_text())
        except (OSError, tarfile.TarError, ValueError) as error:
            raise BackupError(
                f"{archive} không phải một bản sao lưu đọc được của hocvuso "
                f"(not a readable hocvuso backup): {error}"
            ) from None
        vendor = connection.vendor
        if manifest["database"] != vendor:
            raise BackupError(
                f"Bản sao lưu là của {manifest['database']}, cơ sở dữ liệu đích là {vendor}. "
                f"(The archive holds a {manifest['database']} database, the target is {vendor}.)"
            )
        load = _load_sqlite if vendor == "sqlite" else _load_postgresql
        load(Path(work) / manifest["database_file"])
        files = 0
        for name, setting in FOLDERS.items():
            saved = Path(work) / name
            if saved.is_dir():
                shutil.copytree(saved, Path(getattr(settings, setting)), dirs_exist_ok=True)
                files += sum(1 for p in saved.rglob("*") if p.is_file())
    _check_migrations()
    with connection.cursor() as cursor:
        counts, _ = describe(cursor, vendor)
    if counts != manifest["row_counts"]:
        differ = sorted(
            t
            for t in set(counts) | set(manifest["row_counts"])
            if counts.get(t) != manifest["row_counts"].get(t)
        )
        raise BackupError(
            "Số dòng khác với bản kê (row counts differ from the manifest): " + ", ".join(differ)
        )
    return Restored(manifest=manifest, counts=counts, files=files)
