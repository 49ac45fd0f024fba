"""Count the frames of an MP3 (MPEG-1/2/2.5 Layer III) by walking its frame headers.

Durations and chapter times come from these counts: for a file without Xing header, a decoder
outputs exactly ``frames * samples_per_frame`` samples. The walk reads headers and seeks past
frame bodies, so memory stays small whatever the file's length. ID3v2 tags (anywhere) and a
trailing ID3v1 tag are skipped; anything else that is not a frame header makes the file invalid.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

# LAME's encoder delay (576) plus the decoder's delay (529): where the first input sample appears
# when a file without Xing/LAME header (so without gapless info) is decoded.
ENCODER_DELAY_SAMPLES = 1105

# Header fields, by the bits' value. Version: 0 = MPEG 2.5, 2 = MPEG 2, 3 = MPEG 1 (1 is reserved).
SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
BITRATES_KBPS = {
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
BITRATES_KBPS[0] = BITRATES_KBPS[2]
SAMPLES_PER_FRAME = {3: 1152, 2: 576, 0: 576}
LAYER_III = 1


@dataclass(frozen=True)
class FrameHeader:
    length: int  # bytes, header included
    samples: int
    sample_rate: int


@dataclass(frozen=True)
class Mp3Info:
    frames: int
    samples: int
    sample_rate: int

    @property
    def duration_ms(self) -> float:
        return self.samples * 1000 / self.sample_rate if self.sample_rate else 0.0


def parse_header(head: bytes) -> FrameHeader | None:
    """The Layer III frame header in the first 4 bytes of ``head``, or None if there is none."""
    if len(head) < 4 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return None
    version = (head[1] >> 3) & 0x3
    layer = (head[1] >> 1) & 0x3
    bitrate_index = head[2] >> 4
    rate_index = (head[2] >> 2) & 0x3
    padding = (head[2] >> 1) & 0x1
    if version == 1 or layer != LAYER_III or bitrate_index in (0, 15) or rate_index == 3:
        return None
    rate = SAMPLE_RATES[version][rate_index]
    samples = SAMPLES_PER_FRAME[version]
    bitrate = BITRATES_KBPS[version][bitrate_index] * 1000
    length = samples // 8 * bitrate // rate + padding
    return FrameHeader(length=length, samples=samples, sample_rate=rate)


def _id3v2_size(head: bytes) -> int:
    """Total size of the ID3v2 tag starting at ``head`` (10-byte header + body + footer)."""
    if len(head) < 10:
        raise ValueError("truncated ID3v2 tag")
    size = 0
    for byte in head[6:10]:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if head[5] & 0x10 else 0
    return 10 + size + footer


def scan(stream: io.BufferedIOBase, size: int) -> Mp3Info:
    """Walk the frames of an MP3 ``stream`` of ``size`` bytes; raise ValueError if it is not one."""
    frames = samples = rate = 0
    pos = 0
    while pos < size:
        stream.seek(pos)
        head = stream.read(10)
        if head[:3] == b"ID3":
            pos += _id3v2_size(head)
            continue
        if head[:3] == b"TAG" and size - pos == 128:
            break
        header = parse_header(head)
        if header is None:
            raise ValueError(f"no MP3 frame at byte {pos}")
        if pos + header.length > size:
            raise ValueError(f"MP3 frame at byte {pos} is cut off")
        frames += 1
        samples += header.samples
        rate = rate or header.sample_rate
        pos += header.length
    if frames == 0:
        raise ValueError("no MP3 frames")
    return Mp3Info(frames=frames, samples=samples, sample_rate=rate)


def scan_file(path: Path) -> Mp3Info:
    with open(path, "rb") as stream:
        return scan(stream, Path(path).stat().st_size)


def scan_bytes(data: bytes) -> Mp3Info:
    return scan(io.BytesIO(data), len(data))


def is_valid_mp3(data: bytes) -> bool:
    try:
        scan_bytes(data)
    except ValueError:
        return False
    return True
