"""Speed and memory of the whole pipeline, measured in child processes (peak RSS by wait4).

    python3 benchmarks/pipeline.py            # all three measurements
    python3 benchmarks/pipeline.py --quick    # the seed article only

1. `reader fetch` of the seed sample with espeak and an empty cache: wall time, audio length, their ratio,
   peak memory of the reader process.
2. Joining a 60-minute article (60 sections of 60 s) into one MP3: wall time and peak memory.
3. Rendering a synthetic 60-minute article with espeak (synthesis, assembly, loudness, encoding, join):
   wall time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "ki-agenten-deepseek.html"


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Run cmd; return (wall seconds, peak RSS in MB of the process and the children it waited for, stderr).

    stderr goes to a file, not a pipe: a child writing more than a pipe holds would block while nobody reads.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr}")
    return wall, usage.ru_maxrss / 1024, stderr


def seed_article(tmp: Path) -> dict:
    out = tmp / "seed.mp3"
    wall, peak, _ = measure([sys.executable, "-m", "reader", "fetch", str(SEED), "--engine", "espeak",
                          "--no-cache", "-q", "--out", str(out)])
    audio = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["duration_ms"] / 1000
    return {"wall_s": wall, "audio_s": audio, "realtime_factor": wall / audio, "peak_mb": peak}


JOIN = """
import sys; from pathlib import Path
from reader.audio.join import join
parts = sorted(Path(sys.argv[1]).glob('[0-9]*.mp3'))
join(parts, Path(sys.argv[1]) / 'joined.mp3')
"""

RENDER = """
import sys; from pathlib import Path
from reader.audio import Tags, render
from reader.cache import Cache
from reader.engines.espeak import EspeakEngine
from reader.speech.script import Script, ScriptSection, Utterance
sentence = ("Die Entwicklung der künstlichen Intelligenz verläuft schneller, als viele Beobachter "
            "noch vor wenigen Jahren erwartet hätten, und sie verändert ganze Branchen. ")
sections = [ScriptSection(f"Kapitel {i + 1}", [Utterance(sentence + f"Absatz {j + 1}.", sentence, 700)
            for j in range(int(sys.argv[2]))]) for i in range(12)]
tmp = Path(sys.argv[1])
done = render(Script("Eine Stunde", "de", sections), EspeakEngine(), tmp / "hour.mp3",
              tags=Tags(title="Eine Stunde"), cache=Cache(tmp / "cache"))
print(done.duration_ms / 60000, file=sys.stderr)
"""


def join_hour(tmp: Path) -> dict:
    from benchmarks.audio_fixtures import make_sections

    folder = tmp / "join"
    make_sections(folder, sections=60, seconds=60.0)
    wall, peak, _ = measure([sys.executable, "-c", JOIN, str(folder)])
    return {"wall_s": wall, "peak_mb": peak, "audio_s": 3600.0}


def render_hour(tmp: Path) -> dict:
    per_section = 28  # about 5 minutes of espeak speech per chapter, 12 chapters: an hour
    wall, peak, err = measure([sys.executable, "-c", RENDER, str(tmp), str(per_section)])
    return {"wall_s": wall, "peak_mb": peak, "audio_min": float(err.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the seed article")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        seed = seed_article(tmp)
        print(f"seed article, espeak, no cache: {seed['wall_s']:.1f} s for {seed['audio_s']:.0f} s of audio "
              f"(real-time factor {seed['realtime_factor']:.3f}), peak {seed['peak_mb']:.0f} MB")
        if args.quick:
            return
        hour = join_hour(tmp)
        print(f"join of a 60-minute article (60 x 60 s MP3s, -c copy): {hour['wall_s']:.1f} s, peak {hour['peak_mb']:.0f} MB")
        render = render_hour(tmp)
        print(f"render of a {render['audio_min']:.0f}-minute article with espeak (12 chapters): "
              f"{render['wall_s']:.1f} s, peak {render['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
