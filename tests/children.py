"""Child processes that take Ctrl-C as a terminal would give it, however the tests were started."""

from __future__ import annotations

import signal


def sigint_as_on_a_terminal() -> None:
    """Give a child the default SIGINT (a ``preexec_fn``).

    A suite started in the background (``nohup pytest &``) inherits SIGINT ignored, and so
    would every child, which then never sees the Ctrl-C a test sends it.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
