"""A Redis cache that degrades instead of failing.

When Redis is down or restarting, every cache operation answers as if the cache were empty
(reads miss, writes are dropped) so pages are rendered without it, and sessions, kept in the
database, survive. Rate-limit counters move to a local-memory cache in the meantime, so they
keep counting on each app server. The outage is logged once when it starts and once when it
ends; in between Redis is tried again every few seconds, never on every request. When Redis
answers again, the function named by the `ON_RECOVERY` option runs once (the portal retires
cached pages there, since invalidations made during the outage were lost).
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

RETRY_SECONDS = 5.0
# Keys that must keep working during an outage (allauth's rate limits), kept locally meanwhile.
LOCAL_DURING_OUTAGE_PREFIXES = ("allauth:rl:",)
UNAVAILABLE = (RedisError, OSError)

# Per Redis location, shared by every thread's cache object in this process.
_outages: dict[str, float] = {}  # location -> when to try Redis again
_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        self._on_recovery = options.pop("ON_RECOVERY", "")
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = f"{server}|{params.get('KEY_PREFIX', '')}"
        self._local = LocMemCache(f"redis-outage:{self._location}", {"TIMEOUT": params.get("TIMEOUT", 300)})

    # The outage, as this process sees it.

    def _in_outage(self) -> bool:
        retry_at = _outages.get(self._location)
        return retry_at is not None and time.monotonic() < retry_at

    def _failed(self, error: Exception) -> None:
        with _lock:
            first = self._location not in _outages
            _outages[self._location] = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Redis is unavailable (%s); serving without the cache until it returns", error)

    def _answered(self) -> None:
        if self._location not in _outages:
            return
        with _lock:
            recovered = _outages.pop(self._location, None) is not None
        if recovered:
            logger.warning("Redis answers again; caching resumes")
            if self._on_recovery:
                import_string(self._on_recovery)()

    def _call(self, operation: str, key, when_down, *args, **kwargs):
        """Run a cache operation on Redis, or answer `when_down` (or locally, for rate limits)."""
        local = isinstance(key, str) and key.startswith(LOCAL_DURING_OUTAGE_PREFIXES)
        if not self._in_outage():
            try:
                result = getattr(super(), operation)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
            else:
                self._answered()
                return result
        if local:
            return getattr(self._local, operation)(*args, **kwargs)
        return when_down() if callable(when_down) else when_down

    def add(self, key, value, timeout=..., version=None):
        return self._call("add", key, False, key, value, *self._timeout(timeout), version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, key, default, version=version)

    def set(self, key, value, timeout=..., version=None):
        return self._call("set", key, None, key, value, *self._timeout(timeout), version=version)

    def touch(self, key, timeout=..., version=None):
        return self._call("touch", key, False, key, *self._timeout(timeout), version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, False, key, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, False, key, version=version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        return self._call("incr", key, missing, key, delta, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", None, dict, keys, version=version)

    def set_many(self, data, timeout=..., version=None):
        return self._call("set_many", None, lambda: list(data), data, *self._timeout(timeout), version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, None, keys, version=version)

    def clear(self):
        return self._call("clear", None, False)

    @staticmethod
    def _timeout(timeout) -> tuple:
        """Pass a timeout on only when one was given, so each backend keeps its own default."""
        return () if timeout is ... else (timeout,)
