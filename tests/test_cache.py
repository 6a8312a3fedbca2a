"""The build cache: entries persist between builds, in shards rewritten only when their
entries changed; a broken or foreign shard is an empty one."""

from __future__ import annotations

from pathlib import Path

from sitrep.cache import SHARD_FILE, BuildCache, digest


def shard_stats(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_ino for path in folder.glob("build-cache-*.pickle")}


def saved(folder: Path, count: int) -> list[str]:
    """A cache of count entries saved into folder; their keys (each its own value)."""
    keys = [digest("entry", str(n)) for n in range(count)]
    cache = BuildCache(folder)
    for key in keys:
        cache.put(key, key)
    cache.save()
    return keys


def test_entries_used_by_a_build_are_there_for_the_next_one(tmp_path):
    keys = saved(tmp_path, 50)
    again = BuildCache(tmp_path)
    assert all(again.get(key) == key for key in keys)
    again.save()                                 # nothing asked for is dropped
    third = BuildCache(tmp_path)
    assert sorted(third.blobs) == sorted(keys)


def test_only_the_shards_whose_entries_changed_are_written_again(tmp_path):
    keys = saved(tmp_path, 200)
    before = shard_stats(tmp_path)
    assert len(before) == 16
    dropped, added = keys[0], digest("entry", "new")
    cache = BuildCache(tmp_path)
    for key in keys[1:]:
        assert cache.get(key) == key
    cache.put(added, added)
    cache.save()
    after = shard_stats(tmp_path)
    rewritten = {name for name in after if after[name] != before[name]}
    assert rewritten == {SHARD_FILE.format(dropped[0]), SHARD_FILE.format(added[0])}
    assert BuildCache(tmp_path).get(dropped) is None and BuildCache(tmp_path).get(added) == added


def test_a_broken_shard_loses_only_its_own_entries(tmp_path):
    keys = saved(tmp_path, 100)
    broken = keys[0][0]
    (tmp_path / SHARD_FILE.format(broken)).write_bytes(b"not a pickle")
    again = BuildCache(tmp_path)
    assert {key for key in keys if again.get(key) is None} == {
        key for key in keys if key[0] == broken}


def test_an_entry_is_decoded_only_when_asked_for_and_a_broken_one_is_missing(tmp_path):
    import pickle
    keys = saved(tmp_path, 40)
    cache = BuildCache(tmp_path)
    assert cache.values == {}                    # read whole, decoded on demand
    assert cache.get(keys[0]) == keys[0]
    assert list(cache.values) == [keys[0]]
    cache.blobs[keys[1]] = pickle.dumps(keys[1])[:-3]          # cut short
    assert cache.get(keys[1]) is None
    assert cache.get(keys[2]) == keys[2]
