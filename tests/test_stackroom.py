"""call_with_room: the PDF writer's guard against CPython's frame-chunk thrashing (python/cpython#142183)."""

from __future__ import annotations

import resource

import pytest

from publish.stackroom import call_with_room

ROUNDS = 3000


def _dive(depth: int) -> int:
    return 0 if depth == 0 else _dive(depth - 1) + 1


def _oscillate() -> int:
    """Go 400 frames deep and back, again and again: about 38 KB of frames, so at least two chunk boundaries."""
    return sum(_dive(400) for _ in range(ROUNDS))


def _page_faults(action: object) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    assert callable(action)
    action()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_returns_the_result_and_raises_the_error() -> None:
    assert call_with_room(_oscillate) == 400 * ROUNDS

    def fail() -> None:
        raise ValueError("from inside")

    with pytest.raises(ValueError, match="from inside"):
        call_with_room(fail)


def test_deep_calls_inside_allocate_no_new_stack_chunks() -> None:
    plain = _page_faults(_oscillate)
    roomy = _page_faults(lambda: call_with_room(_oscillate))
    # A fresh chunk is a fresh mmap, so every chunk opened costs a page fault; inside the room there are none.
    assert roomy < 200, (plain, roomy)
    if plain >= ROUNDS:  # this interpreter thrashes (3.11, 3.12, early 3.13): the room must beat it by far
        assert roomy * 20 < plain, (plain, roomy)
