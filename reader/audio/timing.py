"""Times in the final file, from what was really encoded.

A section starts at the first frame of its MP3 within the joined file (the sum of the frame
counts before it): that is its chapter start. Its samples appear ``ENCODER_DELAY_SAMPLES`` later
(encoder and decoder delay; the files carry no gapless header), so utterance times are shifted by
that. Sections and files are counted in samples of the MP3s (``OUTPUT_RATE``), utterances in samples
of their section WAV (the clips' rate, resampled once on encoding, which keeps their times). All times
are rounded to whole milliseconds once, at the end.
"""

from __future__ import annotations

from .assemble import SectionPCM
from .data import SectionTiming, UtteranceTiming
from .encode import OUTPUT_RATE
from .mp3frames import ENCODER_DELAY_SAMPLES


def samples_to_ms(samples: int, rate: int = OUTPUT_RATE) -> int:
    return round(samples * 1000 / rate)


def section_timings(
    titles: list[str], pcms: list[SectionPCM], section_samples: list[int], total_samples: int
) -> list[SectionTiming]:
    """``section_samples``: decoded length of each section MP3; ``total_samples``: of the joined file
    (both at ``OUTPUT_RATE``). Utterance spans are counted at their section WAV's own rate."""
    timings = []
    offset = 0
    for title, pcm, length in zip(titles, pcms, section_samples, strict=True):
        shift_ms = (offset + ENCODER_DELAY_SAMPLES) * 1000 / OUTPUT_RATE
        utterances = [
            UtteranceTiming(round(shift_ms + a * 1000 / pcm.rate), round(shift_ms + b * 1000 / pcm.rate))
            for a, b in pcm.spans
        ]
        timings.append(SectionTiming(title=title, start_ms=samples_to_ms(offset), end_ms=0, utterances=utterances))
        offset += length
    for current, following in zip(timings, timings[1:]):
        current.end_ms = following.start_ms
    if timings:
        timings[-1].end_ms = samples_to_ms(total_samples)
    return timings
