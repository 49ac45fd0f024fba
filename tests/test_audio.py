"""reader.audio: real espeak speech rendered to a chaptered MP3, then decoded and measured.

Everything is checked on the files themselves: ffmpeg (called here, not through reader.audio)
decodes and measures them, mutagen reads the tags back.
"""

from __future__ import annotations

import dataclasses
import io
import math
import shutil
import subprocess
import threading
import warnings
import wave
from array import array
from pathlib import Path

import imageio_ffmpeg
import pytest
from mutagen.id3 import ID3, CTOCFlags

from benchmarks.audio_fixtures import make_sections
from reader.audio import MAX_TRUE_PEAK_DBTP, TARGET_LUFS, Tags, render
from reader.audio.assemble import assemble_section, audio_segment, pause_samples
from reader.audio.join import join
from reader.audio.mp3frames import scan_bytes, scan_file
from reader.cache import Cache
from reader.engines.base import Clip
from reader.engines.espeak import EspeakEngine
from reader.errors import EngineError, NotAnArticleError, OutputError
from reader.speech.script import Script, ScriptSection, Utterance

from audiocheck import loudness

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
RATE = 44100
REPEATED = "Das ist wichtig."

TAGS = Tags(
    title="Größe und Übermut",
    author="Jörg Müller",
    album="Bärenblog",
    date="2024-03-05T10:00:00+01:00",
    url="https://example.org/groesse/",
    language="de",
)


def make_script() -> Script:
    def u(text, pause=350, kind="sentence"):
        return Utterance(spoken=text, written=text, pause_ms=pause, kind=kind)

    return Script(
        title=TAGS.title,
        sections=[
            ScriptSection("Einführung: Größe", [
                u("Größe und Übermut.", 900, "title"),
                u("Heute sprechen wir über Brücken, Flüsse und schöne Täler."),
                u(REPEATED, 700),
            ]),
            ScriptSection("Über Brücken", [
                u("Die älteste Brücke der Stadt ist über dreihundert Jahre alt.", 700),
                u(REPEATED, 1200),
            ]),
            ScriptSection("Schluss", [u("Vielen Dank fürs Zuhören.", 1200)]),
        ],
    )


# --- measuring, independently of reader.audio ------------------------------------------------

def decode(path: Path, rate: int = RATE) -> array:
    cmd = [FFMPEG, "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"]
    return array("h", subprocess.run(cmd, capture_output=True, check=True).stdout)


def rms_db(samples) -> float:
    if not samples:
        return -120.0
    power = sum(s * s for s in samples) / len(samples)
    return 10 * math.log10(power / 32768**2) if power else -120.0


def window(samples: array, start_ms: float, end_ms: float) -> array:
    return samples[int(start_ms * RATE / 1000): int(end_ms * RATE / 1000)]


def onset(samples, limit: float) -> int:
    """Index of the first sample louder than ``limit``."""
    return next(i for i, s in enumerate(samples) if abs(s) > limit)


# --- engines around the real espeak: counting, failing, louder, quieter -----------------------

class Wrapped:
    """espeak with hooks: counts calls and threads, can fail on the n-th call or scale the samples."""

    def __init__(self, fail_on=None, scale=1.0, concurrency=1, name="espeak", as_mp3=False):
        self.inner = EspeakEngine()
        self.name, self.voice, self.max_chars = name, self.inner.voice, self.inner.max_chars
        self.fail_on, self.scale, self.concurrency, self.as_mp3 = fail_on, scale, concurrency, as_mp3
        self.calls = 0
        self.lock = threading.Lock()

    def options(self) -> dict:
        return {**self.inner.options(), "scale": self.scale}

    def synthesize(self, text: str, lang: str = "de") -> Clip:
        with self.lock:
            self.calls += 1
            if self.calls == self.fail_on:
                raise EngineError("the test engine failed: nothing to do")
        clip = self.inner.synthesize(text, lang)
        if self.scale != 1.0:
            clip = Clip(scaled_wav(clip.data, self.scale), "wav")
        return Clip(google_like_mp3(clip.data), "mp3") if self.as_mp3 else clip

    def close(self) -> None:
        pass


def scaled_wav(data: bytes, scale: float) -> bytes:
    with wave.open(io.BytesIO(data)) as src:
        params, pcm = src.getparams(), array("h", src.readframes(src.getnframes()))
    out_pcm = array("h", (max(-32768, min(32767, int(s * scale))) for s in pcm))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as dst:
        dst.setparams(params)
        dst.writeframes(out_pcm.tobytes())
    return buf.getvalue()


def google_like_mp3(wav: bytes) -> bytes:
    """MP3 as Google's voice sends it: 24 kHz mono 32 kbit/s, no Xing header, no ID3."""
    cmd = [FFMPEG, "-v", "error", "-f", "wav", "-i", "-", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k",
           "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "-"]
    return subprocess.run(cmd, input=wav, capture_output=True, check=True).stdout


class Garbage(Wrapped):
    def synthesize(self, text, lang="de"):
        self.calls += 1
        return Clip(b"\x00 this is not audio \x00" * 10, "ogg")


# --- the rendered article, once per module ----------------------------------------------------

@dataclasses.dataclass
class Done:
    rendered: object
    out: Path
    sections_dir: Path
    cache_dir: Path
    progress: list
    samples: array


@pytest.fixture(scope="module")
def done(tmp_path_factory) -> Done:
    base = tmp_path_factory.mktemp("render")
    sections_dir = base / "sections"
    sections_dir.mkdir()
    (sections_dir / "notes.txt").write_text("keep me")
    progress = []
    rendered = render(
        make_script(), EspeakEngine(), base / "article.mp3", tags=TAGS, cache=Cache(base / "cache"),
        sections_dir=sections_dir, progress=lambda d, t: progress.append((d, t, threading.get_ident())),
    )
    return Done(rendered, base / "article.mp3", sections_dir, base / "cache", progress, decode(base / "article.mp3"))


def all_utterances(rendered):
    return [u for s in rendered.sections for u in s.utterances]


def test_duration_of_decoded_file_matches(done):
    decoded_ms = len(done.samples) * 1000 / RATE
    assert abs(decoded_ms - done.rendered.duration_ms) <= 60
    assert done.rendered.duration_ms > 5000


def test_counts_and_progress(done):
    assert (done.rendered.synthesized, done.rendered.cached) == (5, 1)  # REPEATED is said twice
    assert [(d, t) for d, t, _ in done.progress] == [(i, 6) for i in range(1, 7)]
    assert {ident for _, _, ident in done.progress} == {threading.get_ident()}


def test_chapters_read_back(done):
    id3 = ID3(done.out)
    assert id3.version == (2, 3, 0)
    toc = id3.getall("CTOC")[0]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.child_element_ids == ["ch0", "ch1", "ch2"]
    chaps = [id3[f"CHAP:{cid}"] for cid in toc.child_element_ids]
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == ["Einführung: Größe", "Über Brücken", "Schluss"]
    assert chaps[0].start_time == 0
    assert all(a.end_time == b.start_time for a, b in zip(chaps, chaps[1:]))
    assert chaps[-1].end_time == done.rendered.duration_ms
    assert [(c.start_time, c.end_time) for c in chaps] == [(s.start_ms, s.end_ms) for s in done.rendered.sections]


def test_tags_read_back(done):
    id3 = ID3(done.out)
    assert id3["TIT2"].text == ["Größe und Übermut"]
    assert id3["TPE1"].text == ["Jörg Müller"]
    assert id3["TALB"].text == ["Bärenblog"]
    assert str(id3["TDRC"].text[0]) == "2024-03-05"
    assert id3["WOAS"].url == "https://example.org/groesse/"
    assert id3["TLAN"].text == ["deu"]
    assert id3["TCON"].text == ["Speech"]
    assert id3["TSSE"].text[0].startswith("reader ")


def test_loudness_of_final_file(done):
    lufs, peak = loudness(done.out)
    assert abs(lufs - TARGET_LUFS) <= 1.0
    assert peak <= MAX_TRUE_PEAK_DBTP
    assert abs(done.rendered.loudness_lufs - lufs) <= 0.2
    assert abs(done.rendered.true_peak_dbtp - peak) <= 0.2


def test_utterance_timings_are_ordered_and_inside_their_sections(done):
    times = [t for u in all_utterances(done.rendered) for t in (u.start_ms, u.end_ms)]
    assert times == sorted(times) and len(set(times)) == len(times)
    for section in done.rendered.sections:
        assert [len(s.utterances) for s in done.rendered.sections] == [3, 2, 1]
        for u in section.utterances:
            assert section.start_ms <= u.start_ms < u.end_ms <= section.end_ms


def test_pauses_are_silent_and_speech_is_not(done):
    utterances = all_utterances(done.rendered)
    bounds = [u.start_ms for u in utterances[1:]] + [done.rendered.duration_ms]
    for u, next_start in zip(utterances, bounds):
        assert rms_db(window(done.samples, u.start_ms, u.end_ms)) > -40
        gap = window(done.samples, u.end_ms + 20, next_start - 40)
        assert len(gap) > RATE // 10
        assert max(abs(s) for s in gap) < 100  # -50 dBFS: silence, not quiet speech


def test_speech_starts_where_the_timing_says(done):
    """The first sound of each utterance sits where its clip's first sound does, within 5 ms."""
    cache, engine = Cache(done.cache_dir), EspeakEngine()
    spoken = [u for s in make_script().sections for u in s.utterances]
    for utterance, timing in zip(spoken, all_utterances(done.rendered)):
        clip = decode(cache.path(cache.key(engine, utterance.spoken, utterance.lang)))
        found = window(done.samples, timing.start_ms, timing.end_ms)
        gain = 10 ** ((rms_db(found) - rms_db(clip)) / 20)  # the loudness normalisation
        limit = 0.05 * max(abs(s) for s in clip)
        lead_ms = onset(clip, limit) * 1000 / RATE
        found_ms = onset(found, limit * gain) * 1000 / RATE
        assert abs(found_ms - lead_ms) <= 5


def test_chapters_start_where_section_audio_begins(done):
    for section in done.rendered.sections:
        assert 0 <= section.utterances[0].start_ms - section.start_ms <= 50
        assert rms_db(window(done.samples, section.start_ms, section.start_ms + 20)) < -60


def test_section_files(done):
    names = sorted(p.name for p in done.sections_dir.iterdir())
    assert names == ["01-einfuehrung-groesse.mp3", "02-ueber-bruecken.mp3", "03-schluss.mp3", "notes.txt"]
    assert (done.sections_dir / "notes.txt").read_text() == "keep me"
    for number, section in enumerate(done.rendered.sections, start=1):
        path = Path(section.file)
        assert path.parent == done.sections_dir
        id3 = ID3(path)
        assert id3["TRCK"].text == [f"{number}/3"]
        assert id3["TIT2"].text == [section.title]
        assert id3["TALB"].text == [TAGS.title]
        decoded_ms = len(decode(path)) * 1000 / RATE
        assert abs(decoded_ms - (section.end_ms - section.start_ms)) <= 2


def test_no_stray_files_next_to_the_output(done):
    assert sorted(p.name for p in done.out.parent.iterdir()) == ["article.mp3", "cache", "sections"]


# --- the cache seen from render --------------------------------------------------------------

def copied_cache(done, tmp_path) -> Cache:
    shutil.copytree(done.cache_dir, tmp_path / "cache")
    return Cache(tmp_path / "cache")


def test_second_render_synthesizes_nothing(done, tmp_path):
    engine = Wrapped()
    engine.options = EspeakEngine().options  # same cache keys as the fixture's engine
    again = render(make_script(), engine, tmp_path / "again.mp3", tags=TAGS, cache=copied_cache(done, tmp_path))
    assert (again.synthesized, again.cached, engine.calls) == (0, 6, 0)
    assert again.duration_ms == done.rendered.duration_ms
    assert again.sections == [dataclasses.replace(s, file=None) for s in done.rendered.sections]


def test_changed_utterance_is_the_only_one_synthesized(done, tmp_path):
    script = make_script()
    script.sections[1].utterances[0].spoken = "Die jüngste Brücke der Stadt ist aus Glas."
    result = render(script, EspeakEngine(), tmp_path / "changed.mp3", tags=TAGS, cache=copied_cache(done, tmp_path))
    assert (result.synthesized, result.cached) == (1, 5)


def test_corrupt_cache_entry_is_synthesized_again(done, tmp_path):
    cache = copied_cache(done, tmp_path)
    engine = EspeakEngine()
    entry = cache.path(cache.key(engine, "Vielen Dank fürs Zuhören.", "de"))
    entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # truncated
    result = render(make_script(), engine, tmp_path / "repaired.mp3", tags=TAGS, cache=cache)
    assert (result.synthesized, result.cached) == (1, 5)
    assert result.duration_ms == done.rendered.duration_ms


def test_concurrent_synthesis_keeps_the_order(done, tmp_path):
    engine = Wrapped(concurrency=3)
    engine.options = EspeakEngine().options
    progress = []
    result = render(
        make_script(), engine, tmp_path / "parallel.mp3", tags=TAGS, cache=Cache(tmp_path / "cache"),
        progress=lambda d, t: progress.append((d, threading.get_ident())),
    )
    assert engine.calls == 5
    assert [d for d, _ in progress] == list(range(1, 7))
    assert {ident for _, ident in progress} == {threading.get_ident()}
    mine, reference = all_utterances(result), all_utterances(done.rendered)
    assert len(mine) == len(reference)
    for a, b in zip(mine, reference):  # each clip in its place: espeak's output may differ a little from call to call
        assert abs((a.end_ms - a.start_ms) - (b.end_ms - b.start_ms)) <= 40


def test_mp3_clips_are_decoded_cached_and_timed(tmp_path):
    engine = Wrapped(as_mp3=True, name="mp3voice")
    script = make_script()
    out, cache = tmp_path / "mp3.mp3", Cache(tmp_path / "cache")
    first = render(script, engine, out, tags=TAGS, cache=cache)
    assert {p.suffix for p in (tmp_path / "cache").rglob("*.*")} == {".mp3"}
    samples = decode(out)
    assert abs(len(samples) * 1000 / RATE - first.duration_ms) <= 60
    for u in all_utterances(first):
        assert rms_db(window(samples, u.start_ms, u.end_ms)) > -40
    again = render(script, engine, tmp_path / "again.mp3", tags=TAGS, cache=cache)
    assert (again.synthesized, engine.calls) == (0, 5)


# --- a section WAV at its clips' rate ---------------------------------------------------------

def tone_wav(path: Path, rate: int, seconds: float) -> Path:
    count = int(rate * seconds)
    pcm = array("h", (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(count)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def wav_info(path: Path) -> tuple[int, int]:
    with wave.open(str(path)) as wav:
        return wav.getframerate(), wav.getnframes()


def pydub_audio_segment_module():
    """pydub's module, imported (as reader imports it) with its audioop DeprecationWarning filtered."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
        audio_segment()
        import pydub.audio_segment
    return pydub.audio_segment


def test_section_takes_the_first_clips_rate_and_converts_others(tmp_path):
    speech = tmp_path / "speech.wav"
    speech.write_bytes(EspeakEngine().synthesize("Guten Tag.").data)
    rate, speech_frames = wav_info(speech)
    assert rate == 22050
    odd = tone_wav(tmp_path / "odd.wav", 16000, 0.5)  # another rate: converted, its duration kept
    section = assemble_section([speech, odd, speech], [300, 450, 0], tmp_path / "s.wav", workers=2)
    assert section.rate == 22050
    assert wav_info(tmp_path / "s.wav") == (22050, section.samples)
    (a0, a1), (b0, b1), (c0, c1) = section.spans
    assert a0 == 0 and a1 == speech_frames and c1 - c0 == speech_frames
    assert b0 - a1 == pause_samples(300, 22050) == 6615
    assert c0 - b1 == pause_samples(450, 22050)
    assert abs((b1 - b0) - 11025) <= 2
    assert section.samples == c1


def test_section_at_a_given_rate_and_mp3_clips_without_ffprobe(tmp_path, monkeypatch):
    def no_ffprobe(*args, **kwargs):
        raise AssertionError("pydub asked ffprobe")

    monkeypatch.setattr(pydub_audio_segment_module(), "mediainfo_json", no_ffprobe)
    mp3 = tmp_path / "clip.mp3"
    mp3.write_bytes(google_like_mp3(tone_wav(tmp_path / "t.wav", 22050, 0.6).read_bytes()))
    first = assemble_section([mp3], [200], tmp_path / "a.wav")
    assert first.rate == 24000 and wav_info(tmp_path / "a.wav")[0] == 24000
    assert abs(first.spans[0][1] - 0.6 * 24000) <= 1152 + 1105  # MP3 padding: at most a frame and the delay
    again = assemble_section([mp3], [200], tmp_path / "b.wav", rate=22050)
    assert wav_info(tmp_path / "b.wav") == (22050, again.samples)
    assert abs(again.spans[0][1] - first.spans[0][1] * 22050 / 24000) <= 2
    assert again.samples - again.spans[0][1] == pause_samples(200, 22050)


def test_broken_wav_clip_is_an_engine_error(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF" + bytes(40))
    with pytest.raises(EngineError, match="could not be decoded"):
        assemble_section([bad], [100], tmp_path / "s.wav")


# --- loudness at the extremes ----------------------------------------------------------------

@pytest.mark.parametrize("scale", [0.05, 6.0], ids=["quiet", "clipped-loud"])
def test_loudness_target_for_quiet_and_loud_engines(tmp_path, scale):
    script = Script("Laut", sections=[ScriptSection("Eins", [
        Utterance("Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.", "x", 350),
        Utterance("Franz jagt im komplett verwahrlosten Taxi quer durch Bayern.", "y", 700),
    ])])
    out = tmp_path / "loud.mp3"
    result = render(script, Wrapped(scale=scale), out, tags=Tags("Laut"), cache=Cache(tmp_path / "c"))
    lufs, peak = loudness(out)
    assert abs(lufs - TARGET_LUFS) <= 1.0
    assert peak <= MAX_TRUE_PEAK_DBTP
    assert abs(result.loudness_lufs - lufs) <= 0.2


# --- failures leave no output ----------------------------------------------------------------

def test_engine_error_midway_leaves_no_output(tmp_path):
    engine = Wrapped(fail_on=2, name="failing")
    with pytest.raises(EngineError, match="test engine failed"):
        render(make_script(), engine, tmp_path / "out.mp3", tags=TAGS, cache=Cache(tmp_path / "cache"),
               sections_dir=tmp_path / "sections")
    assert engine.calls == 2  # the pending utterances were cancelled
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_engine_error_keeps_an_existing_output(tmp_path):
    out = tmp_path / "out.mp3"
    out.write_bytes(b"the previous version")
    with pytest.raises(EngineError):
        render(make_script(), Wrapped(fail_on=3, name="failing"), out, tags=TAGS, cache=Cache(tmp_path / "cache"))
    assert out.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out.mp3"]


def test_undecodable_clip_is_an_engine_error(tmp_path):
    out = tmp_path / "out.mp3"
    out.write_bytes(b"old")
    with pytest.raises(EngineError, match="could not be decoded"):
        render(make_script(), Garbage(name="garbage"), out, tags=TAGS, cache=Cache(tmp_path / "cache"))
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out.mp3"]


def test_script_without_utterances_is_not_an_article(tmp_path):
    script = Script("Leer", sections=[ScriptSection("Nichts", [])])
    with pytest.raises(NotAnArticleError):
        render(script, Wrapped(), tmp_path / "out.mp3", tags=TAGS, cache=Cache(tmp_path / "cache"))
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder_fails_before_synthesis(tmp_path):
    engine = Wrapped()
    with pytest.raises(OutputError, match="does not exist"):
        render(make_script(), engine, tmp_path / "nope" / "out.mp3", tags=TAGS, cache=Cache(tmp_path / "cache"))
    assert engine.calls == 0


# --- joining and frame counting --------------------------------------------------------------

def test_join_keeps_every_frame(tmp_path):
    parts = make_sections(tmp_path / "parts", sections=3, seconds=0.7)
    joined = join(parts, tmp_path / "joined.mp3", tmp_path / "list.txt")
    infos = [scan_file(p) for p in parts]
    assert joined.frames == sum(i.frames for i in infos)
    assert len(decode(tmp_path / "joined.mp3")) == joined.samples
    assert not (tmp_path / "list.txt").exists()


def test_frame_count_skips_tags_and_rejects_damage(done):
    tagged = Path(done.rendered.sections[0].file).read_bytes()
    info = scan_bytes(tagged)
    assert info.samples == len(decode(Path(done.rendered.sections[0].file)))
    with pytest.raises(ValueError):
        scan_bytes(tagged[:-100])
    with pytest.raises(ValueError):
        scan_bytes(b"RIFF" + tagged[4:])
