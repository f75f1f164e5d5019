"""The audio behind a recording's ``recording_url`` (seed 004, View Recording: "The URL where
the mp3 file of the recording is located"; Record Live Call: FileFormat "mp3" or "wav").

The mock records nothing, so a recording's file is silence of the recording's duration,
real enough for any player or decoder:

- WAV: 8 kHz, mono, 8-bit unsigned PCM (silence is the byte 0x80), written with the
  standard library's ``wave``; exactly ``duration`` seconds.
- MP3: MPEG-2 Layer III frames, 16 kHz mono at 8 kbit/s, each 36 bytes (a 4-byte header,
  9 bytes of side information and 23 bytes of main data) and 36 ms long, all of their
  side information and data zero: every decoder reads them as silence. The frame count is
  the duration rounded up to whole frames (15 s is 417 frames, 15.012 s).
"""
from __future__ import annotations

import io
import math
import wave

WAV_RATE = 8000
#: MPEG-2 (``10``), Layer III (``01``), no CRC; 8 kbit/s (index 1), 16 kHz (index 2), no
#: padding; mono (``11``), no copyright, not original, no emphasis
MP3_HEADER = bytes((0xFF, 0xF3, 0x18, 0xC0))
MP3_FRAME_BYTES = 36            # 72 * 8000 bit/s / 16000 Hz
MP3_FRAME_SECONDS = 576 / 16000
CONTENT_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav"}


def silent_wav(seconds: int) -> bytes:
    """A WAV file of ``seconds`` of silence (8 kHz mono 8-bit)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(WAV_RATE)
        out.writeframes(b"\x80" * (WAV_RATE * max(0, seconds)))
    return buffer.getvalue()


def mp3_frames(seconds: int) -> int:
    """How many MP3 frames ``seconds`` of audio take (rounded up)."""
    return math.ceil(max(0, seconds) / MP3_FRAME_SECONDS - 1e-9)


def silent_mp3(seconds: int) -> bytes:
    """An MP3 file of ``seconds`` of silence (see the module doc)."""
    frame = MP3_HEADER + bytes(MP3_FRAME_BYTES - len(MP3_HEADER))
    return frame * mp3_frames(seconds)


def silent_audio(file_format: str, seconds: int) -> tuple[bytes, str]:
    """The file of a recording and its Content-Type: WAV for ``wav``, else MP3."""
    if file_format == "wav":
        return silent_wav(seconds), CONTENT_TYPES["wav"]
    return silent_mp3(seconds), CONTENT_TYPES["mp3"]
