"""The workers' shared cache (duban.cache): files every worker reads, culled on one write in CULL_EVERY."""

from __future__ import annotations

from typing import Any

from duban import cache as shared_cache


def test_one_worker_writes_and_another_reads(tmp_path):
    one = shared_cache.SharedFileCache(str(tmp_path), {})
    other = shared_cache.SharedFileCache(str(tmp_path), {})
    one.set("due:2026-04-03:7", {"rows": [1, 2, 3]}, 60)
    assert other.get("due:2026-04-03:7") == {"rows": [1, 2, 3]}


def test_it_culls_on_one_write_in_so_many(tmp_path, monkeypatch):
    culls: list[Any] = []
    monkeypatch.setattr(shared_cache.FileBasedCache, "_cull", lambda self: culls.append(self), raising=True)
    cache = shared_cache.SharedFileCache(str(tmp_path), {})
    for i in range(shared_cache.CULL_EVERY * 2):
        cache.set(f"k{i}", i, 60)
    assert len(culls) == 2
