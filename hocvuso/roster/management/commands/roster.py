import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from hocvuso.roster.ics import build_calendar
from hocvuso.roster.models import Assignment
from hocvuso.roster.services import aware, default_teams, generate_roster
from hocvuso.teams.models import Team
from hocvuso.units.commands import CommunePeriodCommand


class Command(CommunePeriodCommand):
    help = (
        "Xếp (hoặc xếp lại, giữ nguyên phần đã qua) lịch trực của một xã cho một kỳ "
        "và ghi thành một tệp lịch ICS."
    )
    output_help = "Tệp .ics sẽ ghi"
    output_suffix = ".ics"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--team",
            action="append",
            help="Mã số hoặc tên tổ trực (có thể lặp lại); mặc định là tổ cấp xã",
        )

    def handle(self, *args, **options):
        commune, start, end = self.commune_and_period(options)
        output = self.output_path(options)
        teams = self.teams(commune, options["team"])
        try:
            result = generate_roster(commune, start, end, teams=teams)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        assignments = Assignment.objects.filter(
            shift__commune=commune,
            shift__starts_at__gte=aware(start, datetime.time.min),
            shift__starts_at__lt=aware(end + datetime.timedelta(days=1), datetime.time.min),
        ).order_by("shift__starts_at", "member__full_name")
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(build_calendar(assignments, f"Lịch trực — {commune.name}"))
        self.stdout.write(
            f"Lịch trực {commune.name} {start:%d/%m/%Y}–{end:%d/%m/%Y}: {result.shifts} ca mới, "
            f"{result.kept} ca giữ nguyên, {assignments.count()} lượt trực → {output}"
        )
        for shift in result.unfilled:
            self.stdout.write(f"  Thiếu người: {shift}")

    def teams(self, commune, wanted):
        if not wanted:
            return default_teams(commune)
        teams = []
        for text in wanted:
            queryset = Team.objects.filter(commune=commune)
            team = (
                queryset.filter(pk=int(text))
                if text.isdigit()
                else queryset.filter(name__iexact=text)
            ).first()
            if team is None:
                raise CommandError(f"Xã {commune.name} không có tổ “{text}”.")
            teams.append(team)
        return Team.objects.filter(pk__in=[t.pk for t in teams])
