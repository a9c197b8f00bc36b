"""A cache backend that is always down, as Redis is during an outage."""

from django.core.cache.backends.base import BaseCache


class FailingCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("the cache is down")

    add = get = set = touch = delete = clear = incr = get_many = set_many = _down
    has_key = delete_many = _down
