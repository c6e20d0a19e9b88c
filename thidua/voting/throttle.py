"""Wrong voting-card codes, counted per IP address (design §4.2 step 1): after too many misses
in a short while the address is refused for a while. Only misses count, so a room of delegates
behind one address entering their right codes is never slowed down.

The counter lives in the cache (per process with the default local-memory cache; a shared cache
in production makes it per site). Nothing identifying a code is stored: the key is the address."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

# a security limit, not a rule of the law or of the cluster: a setting may lower or raise it
MAX_MISSES = int(getattr(settings, "VOTING_PASS_MAX_MISSES", 10))
WINDOW_SECONDS = int(getattr(settings, "VOTING_PASS_MISS_WINDOW", 15 * 60))


def _key(address: str) -> str:
    return "voting:pass-misses:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def blocked(address: str) -> bool:
    """Too many wrong codes from this address lately."""
    return int(cache.get(_key(address), 0)) >= MAX_MISSES


def record_miss(address: str) -> int:
    """One more wrong code from this address; returns the count in the current window."""
    key = _key(address)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1
