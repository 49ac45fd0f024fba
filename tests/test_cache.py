"""reader.cache: keys, layout, atomic entries, and damaged entries treated as misses."""

from __future__ import annotations

import io
import math
import os
import subprocess
import wave
from array import array
from pathlib import Path

import imageio_ffmpeg
import platformdirs
import pytest

from reader.cache import Cache, clear, default_cache_dir, entry_files
from reader.engines.base import Clip
from reader.errors import EngineError, OutputError


class Engine:
    def __init__(self, name="espeak", voice="de", **options):
        self.name, self.voice, self._options = name, voice, options

    def options(self):
        return dict(self._options)


def tone_wav(seconds=0.2, rate=22050, freq=440) -> bytes:
    samples = array("h", (int(8000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(int(seconds * rate))))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buf.getvalue()


def tone_mp3(seconds=0.3) -> bytes:
    source = f"sine=frequency=300:duration={seconds}:sample_rate=24000"
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", source,
           "-c:a", "libmp3lame", "-b:a", "32k", "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "-"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout


@pytest.fixture
def cache(tmp_path) -> Cache:
    return Cache(tmp_path / "cache")


def test_key_depends_on_everything_that_changes_the_sound(cache):
    base = cache.key(Engine(rate=165), "Hallo Welt.", "de")
    assert len(base) == 64 and int(base, 16) >= 0
    assert cache.key(Engine(rate=165), "Hallo Welt.", "de") == base
    variants = [
        cache.key(Engine(name="gtts", rate=165), "Hallo Welt.", "de"),
        cache.key(Engine(voice="en", rate=165), "Hallo Welt.", "de"),
        cache.key(Engine(rate=170), "Hallo Welt.", "de"),
        cache.key(Engine(rate=165), "Hallo Welt.", "en"),
        cache.key(Engine(rate=165), "Hallo Welt!", "de"),
    ]
    assert base not in variants and len(set(variants)) == len(variants)


def test_key_ignores_option_order(cache):
    assert cache.key(Engine(a=1, b=2), "x", "de") == cache.key(Engine(b=2, a=1), "x", "de")


@pytest.mark.parametrize("fmt,data", [("wav", tone_wav()), ("mp3", tone_mp3())])
def test_put_get_round_trip_and_layout(cache, fmt, data):
    key = cache.key(Engine(), "Grüße aus Köln.", "de")
    assert cache.get(key) is None and cache.path(key) is None
    path = cache.put(key, Clip(data, fmt))
    assert path == cache.directory / "utterances" / key[:2] / f"{key}.{fmt}"
    assert cache.get(key) == Clip(data, fmt)
    assert cache.path(key) == path
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize(
    "fmt,data,damage",
    [
        ("wav", tone_wav(), lambda d: d[: len(d) // 2]),
        ("wav", tone_wav(), lambda d: b"garbage" * 20),
        ("mp3", tone_mp3(), lambda d: d[:-50]),
        ("mp3", tone_mp3(), lambda d: d[:100] + b"\x00" * 300 + d[400:]),
        ("wav", tone_wav(), lambda d: b""),
    ],
    ids=["wav-truncated", "wav-garbage", "mp3-truncated", "mp3-zeroed", "empty"],
)
def test_damaged_entry_is_a_miss_and_is_replaced(cache, fmt, data, damage):
    key = cache.key(Engine(), "Satz.", "de")
    path = cache.put(key, Clip(data, fmt))
    path.write_bytes(damage(data))
    assert cache.get(key) is None and cache.path(key) is None
    cache.put(key, Clip(data, fmt))
    assert cache.get(key) == Clip(data, fmt)


def test_unreadable_entry_is_a_miss(cache):
    key = cache.key(Engine(), "Satz.", "de")
    folder = cache.directory / "utterances" / key[:2]
    (folder / f"{key}.wav").mkdir(parents=True)  # a folder where a file should be: reading fails
    assert cache.get(key) is None


def test_invalid_clip_from_engine_is_refused(cache):
    key = cache.key(Engine(), "Satz.", "de")
    with pytest.raises(EngineError, match="invalid wav audio"):
        cache.put(key, Clip(b"RIFF....nonsense", "wav"))
    assert cache.get(key) is None
    assert not (cache.directory / "utterances" / key[:2]).exists() or not any(
        (cache.directory / "utterances" / key[:2]).iterdir()
    )


def test_new_format_replaces_the_old_entry(cache):
    key = cache.key(Engine(), "Satz.", "de")
    old = cache.put(key, Clip(tone_wav(), "wav"))
    new = cache.put(key, Clip(tone_mp3(), "mp3"))
    assert not old.exists() and new.exists()
    assert cache.get(key).format == "mp3"


def test_unwritable_cache_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = Cache(blocker)
    with pytest.raises(OutputError, match="cache"):
        cache.put(cache.key(Engine(), "x", "de"), Clip(tone_wav(), "wav"))


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("READER_CACHE_DIR")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("reader"))


# ---------------------------------------------------------------- clear: reader's entries only


def foreign_files(folder: Path, key: str) -> list[Path]:
    """Files reader did not make, some with names or places close to its own."""
    files = [
        folder / "docs" / "thesis.txt",
        folder / f"{key}.wav",  # an entry's name, but not in utterances/<xx>/
        folder / "utterances" / "notes.txt",
        folder / "utterances" / key[:2] / "readme.txt",
        folder / "utterances" / key[:2] / f"{key}.wav.bak",
        folder / "utterances" / "zz" / f"{key}.wav",  # not a shard name
        folder / "utterances" / "ff" / f"{key}.wav",  # a key in the wrong shard
        folder / "utterances" / key[:2] / "sub" / f"{key}.wav",  # deeper than entries live
    ]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not reader's")
    return files


def unfinished_write(cache: Cache, key: str) -> Path:
    """What a killed atomic write leaves (the naming of reader.files.atomic_path)."""
    import tempfile

    folder = cache.directory / "utterances" / key[:2]
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{key}.wav.", suffix=".wav.part", dir=folder)
    os.close(fd)
    return Path(name)


def test_clear_removes_entries_and_unfinished_writes_and_nothing_else(cache):
    keys = [cache.key(Engine(), text, "de") for text in ("Eins.", "Zwei.", "Drei.")]
    entries = [cache.put(keys[0], Clip(tone_wav(), "wav")), cache.put(keys[1], Clip(tone_mp3(), "mp3"))]
    entries.append(unfinished_write(cache, keys[2]))
    others = foreign_files(cache.directory, keys[0])
    assert sorted(entry_files(cache.directory)) == sorted(entries)
    assert clear(cache.directory) == 3
    assert not any(p.exists() for p in entries)
    assert all(p.read_bytes() == b"not reader's" for p in others)
    assert not (cache.directory / "utterances" / keys[1][:2]).exists() or keys[1][:2] == keys[0][:2]
    assert (cache.directory / "utterances").is_dir()  # it still holds files of someone else
    assert entry_files(cache.directory) == [] and clear(cache.directory) == 0


def test_clear_removes_the_folders_it_emptied_but_not_the_cache_folder(cache):
    cache.put(cache.key(Engine(), "Satz.", "de"), Clip(tone_wav(), "wav"))
    assert clear(cache.directory) == 1
    assert cache.directory.is_dir() and list(cache.directory.iterdir()) == []


def test_clear_does_not_follow_links(cache, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    key = cache.key(Engine(), "Satz.", "de")
    victim = elsewhere / f"{key}.wav"
    victim.parent.mkdir()
    victim.write_bytes(tone_wav())
    (cache.directory / "utterances").mkdir(parents=True)
    (cache.directory / "utterances" / key[:2]).symlink_to(elsewhere, target_is_directory=True)
    other = cache.directory / "utterances" / "cd"
    other.mkdir()
    (other / f"cd{key[2:]}.wav").symlink_to(victim)
    assert entry_files(cache.directory) == [] and clear(cache.directory) == 0
    assert victim.read_bytes() == tone_wav()


def test_clear_of_a_missing_folder_is_nothing(tmp_path):
    assert clear(tmp_path / "none") == 0 and entry_files(tmp_path / "none") == []
