"""`make wheel-check`: the wheel holds everything hocvuso needs, and runs from it alone.

    .venv/bin/python deploy/wheel_check.py

Builds the wheel (`pip wheel . --no-deps`), checks that it holds every file of the source's
hocvuso/ folder that git knows (templates, report templates, static files, the translations'
.mo, data), installs it with its dependencies into a new virtualenv, and from a folder outside
the source runs what docs/deploy.md runs: `hocvuso migrate`, `python -m hocvuso load_demo`,
`collectstatic` with production settings, and `report` on a temporary SQLite database, then
checks that the report's DOCX and XLSX open. Exits non-zero, saying why, on any failure.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fail(message: str):
    sys.exit(f"FAIL {message}")


def run(what: str, command: list, **kwargs) -> str:
    started = time.perf_counter()
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    if result.returncode:
        fail(
            f"{what}: {' '.join(map(str, command))}\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    print(f"ok  {what} ({time.perf_counter() - started:.1f} s)")
    return result.stdout


def source_files() -> set[str]:
    """The files under hocvuso/ the wheel must hold: those git knows, else those on disk."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "hocvuso"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [
            str(p.relative_to(ROOT))
            for p in (ROOT / "hocvuso").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    return {name for name in listed if (ROOT / name).exists()}


def build_wheel(dist: Path) -> Path:
    # setuptools reuses build/ when it is there: a file deleted from the source since the last
    # build would slip into the wheel.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run("pip wheel", [*pip, "wheel", ".", "--no-deps", "--quiet", "-w", dist], cwd=ROOT)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    (wheel,) = dist.glob("hocvuso-*.whl")
    missing = sorted(source_files() - set(zipfile.ZipFile(wheel).namelist()))
    if missing:
        fail(
            "the wheel lacks files of the source (pyproject.toml's package-data?):\n  "
            + "\n  ".join(missing)
        )
    print(f"ok  {wheel.name} holds every file of hocvuso/")
    return wheel


def main() -> int:
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="hocvuso-wheelcheck-"))
    try:
        wheel = build_wheel(workdir / "dist")
        venv = workdir / "venv"
        run("virtualenv", [sys.executable, "-m", "venv", venv])
        python = venv / "bin" / "python"
        run(
            "pip install the wheel and its dependencies",
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel],
        )
        here = workdir / "run"
        here.mkdir()
        # Nothing of the source tree or of the environment that runs this script.
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(here)),
            "DJANGO_SETTINGS_MODULE": "hocvuso.settings",
            "DATABASE_URL": f"sqlite:///{here / 'hocvuso.sqlite3'}",
            "MEDIA_ROOT": str(here / "media"),
            "PRIVATE_MEDIA_ROOT": str(here / "private-media"),
            "EXPORT_ROOT": str(here / "exports"),
            "STATIC_ROOT": str(here / "static"),
        }
        where = run(
            "import hocvuso",
            [python, "-c", "import hocvuso; print(hocvuso.__file__)"],
            cwd=here,
            env=env,
        )
        if not where.startswith(str(venv)):
            fail(f"hocvuso was imported from {where.strip()}, not from the virtualenv")
        run(
            "hocvuso migrate", [venv / "bin" / "hocvuso", "migrate", "--noinput"], cwd=here, env=env
        )
        run(
            "python -m hocvuso load_demo", [python, "-m", "hocvuso", "load_demo"], cwd=here, env=env
        )
        production = {**env, "DEBUG": "false", "SECRET_KEY": "wheel-check-" + "x" * 50}
        run(
            "collectstatic (production settings)",
            [python, "-m", "hocvuso", "collectstatic", "--noinput"],
            cwd=here,
            env=production,
        )
        if not list((here / "static" / "css").glob("hocvuso.*.css.gz")):
            fail("collectstatic wrote no hashed, compressed stylesheet")
        commune = run(
            "find the demo commune",
            [
                python,
                "-m",
                "hocvuso",
                "shell",
                "-c",
                "from hocvuso.support.models import SupportVisit; "
                "print(SupportVisit.objects.values_list('commune__code', flat=True).first())",
            ],
            cwd=here,
            env=env,
        ).split()[-1]  # after the shell's "… objects imported automatically"
        output = here / "bao-cao.docx"
        report = [python, "-m", "django", "report", "--commune", commune, "--output", output]
        run(
            "python -m django report",
            [*report, "--from", "2026-01-01", "--to", "2026-05-31", "--xlsx"],
            cwd=here,
            env=env,
        )
        opened = run(
            "the DOCX and XLSX open",
            [
                python,
                "-c",
                "import sys, docx, openpyxl; "
                "print(len(docx.Document(sys.argv[1]).paragraphs)); "
                "print(len(openpyxl.load_workbook(sys.argv[2]).sheetnames))",
                output,
                output.with_suffix(".xlsx"),
            ],
            cwd=here,
            env=env,
        ).split()
        if int(opened[0]) < 10 or int(opened[1]) < 1:
            fail(f"the report is nearly empty: {opened[0]} paragraphs, {opened[1]} sheets")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"wheel-check passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
