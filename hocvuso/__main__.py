"""`python -m hocvuso <command>`, or the `hocvuso` command a pip install puts on the PATH: Django's
manage.py for an installed hocvuso, which has no manage.py (docs/deploy.md)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hocvuso.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hocvuso", *sys.argv[1:]])


if __name__ == "__main__":
    main()
