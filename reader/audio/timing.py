"""Times in the final file, from what was really encoded.

A section starts at the first frame of its MP3 within the joined file (the sum of the frame
counts before it): that is its chapter start. Its samples appear ``ENCODER_DELAY_SAMPLES`` later
(encoder and decoder delay; the files carry no gapless header), so utterance times are shifted by
that. All times are rounded to whole milliseconds.
"""

from __future__ import annotations

from .assemble import SAMPLE_RATE, SectionPCM
from .data import SectionTiming, UtteranceTiming
from .mp3frames import ENCODER_DELAY_SAMPLES


def samples_to_ms(samples: int, rate: int = SAMPLE_RATE) -> int:
    return round(samples * 1000 / rate)


def section_timings(
    titles: list[str], pcms: list[SectionPCM], section_samples: list[int], total_samples: int
) -> list[SectionTiming]:
    """``section_samples``: decoded length of each section MP3; ``total_samples``: of the joined file."""
    timings = []
    offset = 0
    for title, pcm, length in zip(titles, pcms, section_samples, strict=True):
        shift = offset + ENCODER_DELAY_SAMPLES
        utterances = [UtteranceTiming(samples_to_ms(shift + a), samples_to_ms(shift + b)) for a, b in pcm.spans]
        timings.append(SectionTiming(title=title, start_ms=samples_to_ms(offset), end_ms=0, utterances=utterances))
        offset += length
    for current, following in zip(timings, timings[1:]):
        current.end_ms = following.start_ms
    if timings:
        timings[-1].end_ms = samples_to_ms(total_samples)
    return timings
