"""Two processes on one SQLite file, for test_import_lock.py: one imports a file of visits,
the other logs visits meanwhile, as a volunteer's phone does. Each prints what it saw as JSON.

    DATABASE_URL=sqlite:///… python -m hocvuso.support.tests.lock_probe import ROWS USER_ID DONE
    DATABASE_URL=sqlite:///… python -m hocvuso.support.tests.lock_probe log USER_ID DONE
"""

import datetime
import io
import json
import pathlib
import sys
import time


def import_rows(rows: int, user_id: int, done: pathlib.Path) -> dict:
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.utils import timezone

    from hocvuso.accounts.models import User
    from hocvuso.support import imports
    from hocvuso.units.models import Level, Unit

    officer = User.objects.get(pk=user_id)
    # Connected: the file is in WAL mode now (settings.py's init_command), which a second
    # process switching it at the same moment would find locked.
    print("connected", flush=True)
    villages = list(Unit.objects.filter(level=Level.VILLAGE, parent=officer.unit))
    book = openpyxl.Workbook(write_only=True)
    table = book.create_sheet()
    table.append(["Ngày", "Giờ", "Thôn", "Nơi hỗ trợ", "Dịch vụ", "Số người"])
    start = timezone.localtime() - datetime.timedelta(days=1, minutes=15 * rows)
    for n in range(rows):
        when = start + datetime.timedelta(minutes=15 * n)
        village = villages[n % len(villages)].name
        table.append(
            [when.strftime("%d/%m/%Y"), when.strftime("%H:%M"), village, "Nơi khác", "Khác", 1]
        )
    buffer = io.BytesIO()
    book.save(buffer)

    writing = {}
    save = imports._save

    def timed_save(*args):
        writing["start"] = time.time()
        try:
            return save(*args)
        finally:
            writing["end"] = time.time()

    imports._save = timed_save
    began = time.time()
    try:
        result = imports.import_visits(officer, SimpleUploadedFile("x.xlsx", buffer.getvalue()))
    finally:
        done.touch()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
    return {
        "errors": [str(error) for error in result.errors[:5]],
        "rows": result.rows,
        "seconds": time.time() - began,
        "journal": journal,
        **writing,
    }


def log_visits(user_id: int, done: pathlib.Path) -> dict:
    from hocvuso.accounts.models import User
    from hocvuso.support.services import VisitInput, record_visit

    member = User.objects.get(pk=user_id)
    posts, failures = [], []
    while not done.exists():
        began = time.time()
        try:
            record_visit(member, VisitInput(services=["vneid-activate"]))
        except Exception as error:  # what a volunteer would see as a 500
            failures.append(repr(error))
        posts.append((began, time.time() - began))
        # A volunteer's pace, far quicker than any: a visit every twentieth of a second.
        time.sleep(0.05)
    return {"posts": posts, "failures": failures}


if __name__ == "__main__":
    import django

    django.setup()
    command, *args = sys.argv[1:]
    if command == "import":
        out = import_rows(int(args[0]), int(args[1]), pathlib.Path(args[2]))
    else:
        out = log_visits(int(args[0]), pathlib.Path(args[1]))
    print(json.dumps(out))
