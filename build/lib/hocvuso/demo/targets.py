"""The city's 2026 targets under Plan 01-KH/BCĐTW, for the demo.

The values are illustrative (indicators.catalogue.ILLUSTRATIVE_CITY_TARGETS_2026):
plausible for a city, not Hải Phòng's real targets. The migration that adds
the indicators sets them too when the city is already loaded; on a new
database the units come later, so the demo sets them here.
"""

from hocvuso.indicators.catalogue import create_city_targets
from hocvuso.indicators.models import Indicator, Target


def build_targets(demo) -> None:
    create_city_targets(Indicator, Target, demo.commune.parent, year=2026)
