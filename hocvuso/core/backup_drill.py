"""The restore drill: back up a database, restore it into an empty one, compare the two.

    python -m hocvuso.core.backup_drill --commune "…"                       # temporary SQLite files
    python -m hocvuso.core.backup_drill --commune "…" --database-url postgres://postgres@127.0.0.1:5432/ --city

Each step is a `manage.py` command in its own process, as an operator would run it: `migrate` and
`load_demo` on the source, `backup`, `restore` into an empty target (which checks integrity,
`migrate --check` and every table's row count against the manifest), then the uploaded files
compared byte for byte (EXPORT_ROOT's left out), and the commune's
report (its XLSX annex) from both databases, which must hold the same figures. On PostgreSQL the
drill makes and drops its own databases, hocvuso_drill_src and hocvuso_drill_dst.
"""

import argparse
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
FILES = {"MEDIA_ROOT": "media", "PRIVATE_MEDIA_ROOT": "private-media", "EXPORT_ROOT": "exports"}


class DrillFailed(AssertionError):
    pass


def manage(env: dict, *args, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(  # nosec B603
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if check and done.returncode != 0:
        raise DrillFailed(f"manage.py {' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}")
    return done


def site(url: str, folder: Path) -> dict:
    """The environment of one installation: its database and its own file folders."""
    env = dict(os.environ, DATABASE_URL=url)
    for setting, name in FILES.items():
        env[setting] = str(folder / name)
    return env


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def report_cells(env: dict, commune: str, output: Path) -> list:
    manage(
        env, "report", "--commune", commune, "--from", "2026-01-01", "--to", "2026-05-31",
        "--date", "2026-06-05", "--output", output, "--xlsx",
    )  # fmt: skip
    book = load_workbook(output.with_suffix(".xlsx"), read_only=True)
    return [list(row) for sheet in book for row in sheet.iter_rows(values_only=True)]


def drill(workdir: Path, source_url: str, target_url: str, commune: str, city=False) -> str:
    """Run the drill; return what it did, or raise DrillFailed."""
    source = site(source_url, workdir / "source")
    target = site(target_url, workdir / "target")
    manage(source, "migrate", "--noinput", "-v", "0")
    manage(source, "load_demo", *(["--city"] if city else []))
    # An uploaded file in each folder saved, and an export that is not saved.
    for setting, name in FILES.items():
        folder = Path(source[setting]) / "drill"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tep-tai-len.txt").write_text(f"Tệp mẫu của {name}\n")
    archive = Path(manage(source, "backup", "--output", workdir / "archives").stdout.strip())
    # `restore` itself checks integrity, `migrate --check` and the row counts, and fails if
    # one of them does not pass.
    restored = manage(target, "restore", archive).stdout.strip()
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        if files_of(Path(source[setting])) != files_of(Path(target[setting])):
            raise DrillFailed(f"{setting} differs after the restore")
    if Path(target["EXPORT_ROOT"]).exists():
        raise DrillFailed("EXPORT_ROOT was restored; it is not part of a backup")
    before = report_cells(source, commune, workdir / "source.docx")
    after = report_cells(target, commune, workdir / "target.docx")
    if before != after or len(before) < 10:
        raise DrillFailed("The report's figures differ between the source and the restored copy")
    return f"{archive.name}: {restored} Báo cáo: {len(before)} dòng số liệu giống nhau."


def postgres_databases(base_url: str) -> tuple[str, str, callable]:
    """Make the empty databases hocvuso_drill_src and _dst; return their URLs and a cleanup."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(base_url)
    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()
    names = ("hocvuso_drill_src", "hocvuso_drill_dst")

    def run(statement):
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(statement.format(sql.Identifier(name)))

    run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
    run(sql.SQL("CREATE DATABASE {}"))
    src, dst = (parts._replace(path=f"/{name}").geturl() for name in names)
    return src, dst, lambda: run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commune", required=True, help="the commune whose report is compared")
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite files)")
    parser.add_argument("--city", action="store_true", help="load_demo --city")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hocvuso-drill-") as work:
        workdir = Path(work)
        if options.database_url:
            src, dst, cleanup = postgres_databases(options.database_url)
        else:
            src, dst = (
                f"sqlite:///{workdir / 'src.sqlite3'}",
                f"sqlite:///{workdir / 'dst.sqlite3'}",
            )
            cleanup = lambda: None  # noqa: E731 — the folder goes with its files
        try:
            print(drill(workdir, src, dst, options.commune, city=options.city))
        except DrillFailed as error:
            print(f"Diễn tập phục hồi THẤT BẠI (restore drill failed): {error}", file=sys.stderr)
            return 1
        finally:
            cleanup()
    print("Diễn tập phục hồi: đạt (restore drill passed).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
