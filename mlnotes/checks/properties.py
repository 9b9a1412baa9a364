"""The one Hypothesis helper of the property tests (backward rules, formulas)."""

from __future__ import annotations

from typing import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

LARGEST = 5  # sizes 1 to 5: vectors of length 1 and non-square matrices come up


def property_test(check: Callable[[dict[str, int], int], None], size_names: list[str], examples: int,
                  **options) -> Callable[[], None]:
    """A test that calls ``check(sizes, seed)`` on drawn sizes (1 to 5, one per
    name) and a seed for the values; derandomized and with no example database,
    so every run sees the same cases, and a failure reports the smallest sizes
    Hypothesis found. ``options`` go to Hypothesis's ``settings``."""
    sizes = st.fixed_dictionaries({name: st.integers(1, LARGEST) for name in size_names})

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None, **options)
    @given(sizes=sizes, seed=st.integers(0, 2**32 - 1))
    def holds(sizes, seed):
        check(sizes, seed)

    return holds
