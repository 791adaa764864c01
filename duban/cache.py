"""The workers' shared cache (settings.CACHES["shared"] with DEBUG off): Django's file cache, culled on one
write in CULL_EVERY instead of on every write — culling lists the whole directory, which costs more than the
write itself once it holds a few thousand entries."""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 50
_writes = itertools.count(1)


class SharedFileCache(FileBasedCache):
    def _cull(self) -> None:
        if next(_writes) % CULL_EVERY == 0:
            super()._cull()  # type: ignore[misc]  # (a private method the stubs leave out)
