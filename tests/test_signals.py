"""SIGTERM stops the work as Ctrl-C does, set up from the main thread only."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from scaffold.signals import terminate_as_interrupt


@pytest.fixture
def sigterm_ignored(request: pytest.FixtureRequest) -> None:
    """SIGTERM ignored to begin with, and the caller's handler put back afterwards."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    request.addfinalizer(lambda: signal.signal(signal.SIGTERM, previous))


@pytest.mark.usefixtures("sigterm_ignored")
def test_sigterm_raises_keyboard_interrupt_once_set_up() -> None:
    terminate_as_interrupt()
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler runs as soon as the signal arrives


@pytest.mark.usefixtures("sigterm_ignored")
def test_set_up_from_another_thread_it_does_nothing_and_does_not_fail() -> None:
    """Python lets only the main thread set a handler: an API caller's thread may call it."""
    failures: list[Exception] = []

    def worker() -> None:
        try:
            terminate_as_interrupt()
        except Exception as error:  # reported by the assertion below
            failures.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert failures == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
