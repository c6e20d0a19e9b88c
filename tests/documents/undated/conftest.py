"""The start-of-year fixtures (award catalogue, unit leaders) for the documents they print."""

from tests.start_of_year.conftest import catalogue, leaders

__all__ = ["catalogue", "leaders"]
