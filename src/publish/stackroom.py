"""Deep recursion without CPython's frame-stack thrashing: running a call inside one roomy interpreter frame.

CPython 3.11 to 3.13 keeps Python frames in 16 KiB chunks and frees a chunk as soon as the frame that opened it
returns (python/cpython#142183, fixed only in later 3.13 and 3.14 releases). WeasyPrint's layout recurses deep
enough to cross a chunk boundary on nearly every line of text, and where the boundary falls depends on how deep
the caller already is. Behind ``publish build`` it fell badly: 140,000 mmap/munmap pairs for a 20-article book
against 14,000 for the ``weasyprint`` command on the same HTML, and 5 s of system time for 100 articles.

The way around it: call through a function whose code object declares a large operand stack. CPython gives that
frame a 2 MiB chunk of its own, and every frame the call opens lives in the unused half, so no chunk is allocated
or freed during the work, whatever the caller's depth. Only the pages the frames use are touched.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")

ROOM = 131_072
"""Extra stack slots (8 bytes each): the frame's chunk becomes 2 MiB, leaving about 1 MiB for the frames below."""


def _call(action: Callable[[], T]) -> T:
    return action()


_roomy = types.FunctionType(_call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + ROOM),
                            _call.__globals__, "_roomy")


def call_with_room(action: Callable[[], T]) -> T:
    """``action()``, with every frame it opens inside one stack chunk allocated up front."""
    return cast(T, _roomy(action))
