import pytest

from hocvuso.testing import World


@pytest.fixture
def world(db):
    return World()
