"""Write resources/sounds/gong.wav: a soft two-tone chime (made here, no licence to track)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "gong.wav"


def tone(freq: float, seconds: float, start: float) -> list[float]:
    """A decaying bell-like tone with two overtones."""
    samples = []
    for i in range(int(RATE * seconds)):
        t = i / RATE
        envelope = math.exp(-3.2 * t) * min(1.0, t / 0.01)
        wave_ = (
            math.sin(2 * math.pi * freq * t)
            + 0.35 * math.sin(2 * math.pi * freq * 2.01 * t)
            + 0.12 * math.sin(2 * math.pi * freq * 3.02 * t)
        )
        samples.append(envelope * wave_ / 1.47)
    return [0.0] * int(RATE * start) + samples


def main() -> None:
    high, low = tone(880.0, 1.4, 0.0), tone(659.25, 1.6, 0.45)
    length = max(len(high), len(low))
    mixed = [
        0.6 * ((high[i] if i < len(high) else 0.0) + (low[i] if i < len(low) else 0.0))
        for i in range(length)
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(32767 * 0.8 * s)) for s in mixed))


if __name__ == "__main__":
    main()
