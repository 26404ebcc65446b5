"""`manage.py worker` whose exports write a row every DELAY seconds, recording progress at
each row, for test_export_worker.py to kill one in the middle of an export.

    DATABASE_URL=sqlite:///… EXPORT_ROOT=… python -m hocvuso.overview.tests.slow_worker [options]
"""

import os
import sys
import time

DELAY = 0.05


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hocvuso.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from hocvuso.overview import exports

    write_row = exports.StreamingWorkbook.append

    def slowly(*args, **kwargs):
        time.sleep(DELAY)
        return write_row(*args, **kwargs)

    exports.StreamingWorkbook.append = slowly
    exports.PROGRESS_EVERY = 1
    call_command("worker", *argv)


if __name__ == "__main__":
    main(sys.argv[1:])
