"""SIGTERM handled as SIGINT, and both held off while a step must not be cut in two."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_HELD = (signal.SIGINT, signal.SIGTERM)
#: Non-empty while a ``held`` block runs: inner blocks leave the outer one in charge.
_holding: list[bool] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def terminate_as_interrupt() -> None:
    """Make SIGTERM raise KeyboardInterrupt, so both stop the work the same clean way."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM off inside the block; one that came is raised after it.

    The block runs to its end (or to its own error) whatever signal arrives, so a
    move into place is never cut in two; the interruption then takes effect.
    """
    if _holding or threading.current_thread() is not threading.main_thread():
        yield  # an outer block holds them already
        return
    arrived: list[int] = []
    previous = {signum: signal.signal(signum, lambda n, _: arrived.append(n)) for signum in _HELD}
    _holding.append(True)
    try:
        yield
    finally:
        _holding.pop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if arrived:
        raise KeyboardInterrupt
