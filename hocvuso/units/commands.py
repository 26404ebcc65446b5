"""What the commands about one commune over a period share: its arguments and their checks."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hocvuso.core.commands import iso_date
from hocvuso.units.lookup import CommuneNotFound, find_commune


class CommunePeriodCommand(BaseCommand):
    """A command that writes one file about one commune from --from to --to."""

    commune_help = "Mã hoặc tên chính xác của xã"
    output_help = "Tệp sẽ ghi"
    output_suffix = ""

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help=self.commune_help)
        parser.add_argument("--from", dest="start", required=True, type=iso_date)
        parser.add_argument("--to", dest="end", required=True, type=iso_date)
        parser.add_argument("--output", required=True, help=self.output_help)

    def commune_and_period(self, options):
        """The commune found by its code or name, and the period, or a Vietnamese error."""
        try:
            commune = find_commune(options["commune"])
        except CommuneNotFound as error:
            raise CommandError(str(error)) from None
        start, end = options["start"], options["end"]
        if end < start:
            raise CommandError("Ngày --to phải sau ngày --from.")
        return commune, start, end

    def output_path(self, options) -> Path:
        """The --output file, refused unless it ends in the command's suffix."""
        output = Path(options["output"])
        if output.suffix.lower() != self.output_suffix:
            raise CommandError(f"--output phải là tệp {self.output_suffix}")
        return output
