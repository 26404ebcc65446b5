"""The indicators and the city's targets of Plan 01-KH/BCĐTW: the migration and the demo."""

import importlib
from types import SimpleNamespace

from django.apps import apps

from hocvuso.demo.targets import build_targets
from hocvuso.indicators.catalogue import PLAN_01_INDICATORS
from hocvuso.indicators.models import Indicator, Target

migration = importlib.import_module(
    "hocvuso.indicators.migrations.0003_plan_01_indicators_and_targets"
)


def test_the_migration_sets_the_city_targets_only_when_the_city_exists(db):
    migration.forwards(apps, None)
    assert set(PLAN_01_INDICATORS) <= set(Indicator.objects.values_list("code", flat=True))
    assert not Target.objects.exists()


def test_the_migration_sets_the_targets_of_hai_phong_once_it_is_loaded(world):
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    targets = Target.objects.filter(unit=world.haiphong, year=2026)
    assert sorted(targets.values_list("indicator__code", flat=True)) == sorted(PLAN_01_INDICATORS)
    assert {t.source for t in targets} == {"Kế hoạch số 01-KH/BCĐTW"}


def test_the_demo_sets_the_targets_without_overwriting_a_citys_own(world):
    officials = Indicator.objects.get(code="officials-digital-skills")
    Target.objects.create(indicator=officials, unit=world.haiphong, year=2026, value=95)
    build_targets(SimpleNamespace(commune=world.chiminh.commune))
    build_targets(SimpleNamespace(commune=world.chiminh.commune))
    assert Target.objects.filter(unit=world.haiphong, year=2026).count() == 4
    assert Target.objects.get(indicator=officials).value == 95
