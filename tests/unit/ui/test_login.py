"""The login throttle (ui/login.py) with a recorded sleep and a fake clock: the delay grows per client after a
few free mistakes, a right password still works (after the wait) and ends the streak, clients are apart,
parallel attempts wait their turn. Against a real `warta serve`: tests/e2e/api/test_security.py."""

from __future__ import annotations

import asyncio

from assistant.ui.login import BASE_DELAY_S, CLIENT, FREE_ATTEMPTS, LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _throttle(clock: Clock, max_delay_s: float = 8.0) -> LoginThrottle:
    return LoginThrottle("me", "secret", max_delay_s=max_delay_s, sleep=clock.sleep, clock=clock)


def _attempt(throttle: LoginThrottle, password: str, client: str = "10.0.0.1", username: str = "me") -> bool:
    async def run() -> bool:
        CLIENT.set(client)
        return await throttle.check(username, password)

    return asyncio.run(run())


def test_the_delay_grows_after_the_free_attempts_and_is_capped() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    assert not any(_attempt(throttle, "wrong") for _ in range(20))
    assert clock.slept == [BASE_DELAY_S * 2 ** i for i in range(5)] + [8.0] * (20 - FREE_ATTEMPTS - 5)
    assert throttle.delay_for(0) == 0.0 and throttle.delay_for(10_000) == 8.0


def test_a_right_password_waits_too_then_ends_the_streak() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for _ in range(6):
        _attempt(throttle, "wrong")
    clock.slept.clear()
    assert _attempt(throttle, "secret")
    assert clock.slept == [throttle.delay_for(6)]  # no shortcut for the right one
    clock.slept.clear()
    assert not _attempt(throttle, "wrong") and clock.slept == []  # a fresh streak


def test_a_wrong_username_counts_and_clients_are_apart() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for _ in range(FREE_ATTEMPTS + 1):
        assert not _attempt(throttle, "secret", username="root")
    assert clock.slept == [BASE_DELAY_S]
    clock.slept.clear()
    assert _attempt(throttle, "secret", client="10.0.0.2") and clock.slept == []  # another client: no wait


def test_an_old_streak_is_forgotten() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for _ in range(8):
        _attempt(throttle, "wrong")
    clock.now += 2 * 3600
    clock.slept.clear()
    _attempt(throttle, "wrong")
    assert clock.slept == []


def test_parallel_attempts_from_one_client_wait_their_turn() -> None:
    async def run() -> float:
        throttle = LoginThrottle("me", "secret", max_delay_s=0.2)
        CLIENT.set("10.0.0.9")
        for _ in range(FREE_ATTEMPTS + 1):  # the free ones, then one at 0.2 s
            await throttle.check("me", "wrong")
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.gather(*(throttle.check("me", "wrong") for _ in range(5)))
        return loop.time() - started

    assert asyncio.run(run()) >= 5 * 0.2 * 0.9  # one after the other, not 0.2 s for all five
