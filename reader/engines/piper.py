"""Piper: a neural voice, offline, an optional extra (``pip install 'reader[piper]'``).

The voice is a local ``.onnx`` model with its ``.onnx.json`` config beside it. The model is loaded
once, on the first ``synthesize`` (a run whose audio is all cached never pays for it), and kept
loaded until ``close()``. A Piper voice speaks one language: ``lang`` is ignored.
Calls are serialised (Piper's phonemizer is process-global), so ``concurrency`` is 1.
Text Piper finds nothing to say in (empty, only punctuation) gives a short silence.
The cache key names the voice by its content (``voice_fingerprint``), not by its file name: another
model, or an edited config, saved under the same name is not served the old voice's audio.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from pathlib import Path

from ..errors import EngineError
from .base import Clip
from .wavdata import SILENCE_MS, silence_wav, wav_bytes

HOW_TO_GET_VOICES = (
    "German voices (e.g. de_DE-thorsten-medium.onnx with its .onnx.json) come from the Piper voices page "
    "(https://huggingface.co/rhasspy/piper-voices); pass --voice PATH.onnx"
)
LENGTH_SCALE_RANGE = (0.25, 4.0)


def _import_piper():
    try:
        import piper
    except ImportError as exc:
        raise EngineError(f"Piper is not installed: pip install 'reader[piper]'; {HOW_TO_GET_VOICES}") from exc
    return piper


def _checked_voice_path(voice_path) -> Path:
    if not voice_path:
        raise EngineError(f"Piper needs a voice model: {HOW_TO_GET_VOICES}")
    path = Path(voice_path).expanduser()
    if not path.is_file():
        raise EngineError(f"Piper voice {path} does not exist: {HOW_TO_GET_VOICES}")
    config = Path(f"{path}.json")
    if not config.is_file():
        raise EngineError(f"Piper voice {path} has no config {config.name} beside it: download both files")
    return path


@functools.lru_cache(maxsize=8)
def _fingerprint(path: str, size: int, mtime_ns: int, config_size: int, config_mtime_ns: int) -> str:
    """sha256 over the model's and its config's contents (cached while neither file changes)."""
    digest = hashlib.sha256()
    for name in (path, f"{path}.json"):
        part = hashlib.sha256()
        with open(name, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                part.update(block)
        digest.update(part.digest())
    return digest.hexdigest()[:32]


def voice_fingerprint(voice_path: Path) -> str:
    """A short hash of the ``.onnx`` model and its ``.onnx.json`` config."""
    try:
        model, config = Path(voice_path).stat(), Path(f"{voice_path}.json").stat()
        return _fingerprint(str(voice_path), model.st_size, model.st_mtime_ns, config.st_size, config.st_mtime_ns)
    except OSError as exc:
        raise EngineError(f"Piper voice {voice_path} cannot be read ({exc.strerror}): download it again") from exc


def _checked_length_scale(value) -> float | None:
    if value is None:
        return None
    lo, hi = LENGTH_SCALE_RANGE
    try:
        scale = float(value)
    except (TypeError, ValueError):
        scale = None
    if scale is None or not lo <= scale <= hi:
        raise EngineError(f"Piper length scale must be a number from {lo} to {hi} (above 1 is slower), not {value!r}")
    return scale


class PiperEngine:
    """A local Piper voice. ``length_scale`` > 1 speaks slower, < 1 faster (None: the voice's own)."""

    name = "piper"
    max_chars = 500
    concurrency = 1
    languages: frozenset = frozenset()  # one voice, one language: passages in others are respelled

    def __init__(self, voice_path=None, length_scale=None):
        self._piper = _import_piper()
        self.voice_path = _checked_voice_path(voice_path)
        self.voice = self.voice_path.stem  # e.g. "de_DE-thorsten-medium"
        self.length_scale = _checked_length_scale(length_scale)
        self._model = None
        self._lock = threading.Lock()
        self.loads = 0  # how many times the model was loaded (once, unless closed in between)

    def options(self) -> dict:
        return {"length_scale": self.length_scale, "model": voice_fingerprint(self.voice_path)}

    def _voice(self):
        if self._model is None:
            try:
                self._model = self._piper.PiperVoice.load(str(self.voice_path))
            except Exception as exc:  # onnxruntime and json raise many kinds
                raise EngineError(
                    f"Piper could not load voice {self.voice_path} ({type(exc).__name__}): "
                    "download the .onnx and its .onnx.json again"
                ) from exc
            self.loads += 1
        return self._model

    def synthesize(self, text: str, lang: str = "de") -> Clip:
        with self._lock:
            voice = self._voice()
            rate = voice.config.sample_rate
            if not text or not text.strip():
                return Clip(silence_wav(SILENCE_MS, rate), "wav")
            config = self._piper.SynthesisConfig(length_scale=self.length_scale)
            try:
                pcm = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text, syn_config=config))
            except Exception as exc:
                raise EngineError(f"Piper failed to speak ({exc}): try --engine espeak") from exc
            return Clip(wav_bytes(pcm, rate) if pcm else silence_wav(SILENCE_MS, rate), "wav")

    def close(self) -> None:
        with self._lock:
            self._model = None
