"""The login check, with a growing delay per client. No Gradio here.

Gradio's login form (and gradio_client's `auth=`) posts to `/login`, which calls the `auth` callable given
to `launch()`. `LoginThrottle.check` is that callable: it waits, then compares the credentials.

Contract:
- a client's first `FREE_ATTEMPTS` wrong logins in a row are answered at once; each one after that waits
  twice as long as the one before (`BASE_DELAY_S`, 2x, 4x, …) up to `max_delay_s`, before the credentials are
  even compared, so a right password waits too and gives nothing away by answering sooner;
- a right login ends the streak: that client's next attempt is answered at once;
- one client's attempts are checked one at a time, so firing many in parallel waits as long as in a row.

A client is the address the request came from (set by ui/guard.py for every request, in `CLIENT`). On one
machine every local user is 127.0.0.1: one user's wrong passwords slow the others' logins (a delay, never a
lockout). See docs/security.md.
"""

from __future__ import annotations

import asyncio
import contextvars
import hmac
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

# The address of the request being served: set by the guard middleware, read here (the auth callable gets
# only the username and password).
CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("warta_client", default="unknown")

FREE_ATTEMPTS = 3  # typos are free
BASE_DELAY_S = 0.5
_FORGET_AFTER_S = 3600.0  # a streak this old is forgotten (and the table stays small)
_MAX_CLIENTS = 1024


@dataclass
class _Streak:
    failures: int = 0
    last: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _same(given: str, expected: str) -> bool:
    # Constant time: how fast a wrong password is refused says nothing about how much of it was right.
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class LoginThrottle:
    """One username and password, checked with a growing delay per client (see the module docstring)."""

    def __init__(self, username: str, password: str, max_delay_s: float = 30.0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._username, self._password = username, password
        self._max_delay_s = max_delay_s
        self._sleep, self._clock = sleep, clock
        self._streaks: dict[str, _Streak] = {}

    def delay_for(self, failures: int) -> float:
        """Seconds the next attempt waits after `failures` wrong ones in a row."""
        if failures < FREE_ATTEMPTS:
            return 0.0
        return min(self._max_delay_s, BASE_DELAY_S * 2 ** min(failures - FREE_ATTEMPTS, 30))

    def _streak(self, client: str) -> _Streak:
        now = self._clock()
        if len(self._streaks) >= _MAX_CLIENTS:
            for key in [k for k, s in self._streaks.items() if now - s.last > _FORGET_AFTER_S and not s.lock.locked()]:
                del self._streaks[key]
        streak = self._streaks.setdefault(client, _Streak(last=now))
        if now - streak.last > _FORGET_AFTER_S:
            streak.failures = 0
        return streak

    async def check(self, username: str, password: str) -> bool:
        """Gradio's `auth` callable (a coroutine function: Gradio awaits it in the server's event loop)."""
        streak = self._streak(CLIENT.get())
        async with streak.lock:
            delay = self.delay_for(streak.failures)
            if delay:
                await self._sleep(delay)
            # Both compared, always: which one was wrong is not told by the time taken either.
            ok = _same(username, self._username) & _same(password, self._password)
            streak.last = self._clock()
            streak.failures = 0 if ok else streak.failures + 1
            return ok
