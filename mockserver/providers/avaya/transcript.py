"""What the mock hears in audio it is asked to transcribe (seed 004, View Transcription:
``transcription_text`` "Text of the transcribed audio"; ``type`` "auto" or "keywords", the
latter "returns topics and keywords for a given audio file").

The mock hears nothing, so the text is deterministic: what the far end said into the
recording when a test scripted it (far_end.py's ``say``), else one of ``SENTENCES`` chosen
by a stable hash of the recording's SID (or of the audio URL). A ``keywords``
transcription is the text's keywords: its words of four letters or more that are not
common words, lower-cased, each once, in order of appearance, at most eight, joined by
", ". Audio at a URL the mock cannot look into lasts 10 to 60 seconds, again by a stable
hash of the URL.
"""
from __future__ import annotations

import re

from ...core.numbering import stable_hash

SENTENCES = (
    "Hello, this is a test message. Please call me back when you get a chance.",
    "Hi, I am calling about my order. It has not arrived yet.",
    "Good morning. I would like to schedule an appointment for next Tuesday.",
    "This is a reminder that your payment is due at the end of the month.",
    "Thanks for calling. Please leave your name and number after the tone.",
    "I need help resetting the password for my account.",
)
STOP_WORDS = frozenset("""about after again also been before being could does from have
having here into just like more most much only other over please some such than that their
them then there these they this those through very what when where which while will with
would your yours""".split())
MAX_KEYWORDS = 8
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def transcript(speech: str | None, key: str, quality: str) -> str:
    """The text of audio: ``speech`` when known, else a sentence chosen by ``key``; its
    keywords for the ``keywords`` quality."""
    text = speech.strip() if speech and speech.strip() else \
        SENTENCES[stable_hash(key) % len(SENTENCES)]
    return keywords(text) if quality == "keywords" else text


def keywords(text: str) -> str:
    """The keywords of a text (module doc)."""
    found: list[str] = []
    for word in _WORD.findall(text):
        word = word.lower().strip("'")
        if len(word) >= 4 and word not in STOP_WORDS and word not in found:
            found.append(word)
    return ", ".join(found[:MAX_KEYWORDS])


def audio_seconds(url: str) -> int:
    """How long the audio at a URL the mock cannot look into lasts (10 to 60 seconds)."""
    return 10 + stable_hash(url) % 51
