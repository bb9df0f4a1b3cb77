"""Minimal pure-Python msgpack decoder (subset sufficient for wordfreq cBpack files).

Used by build_dictionaries.py so that the dictionary build needs no compiled
dependency. Supports nil/bool/int/float/str/bin/array/map.
"""
import struct


class _Reader:
    def __init__(self, data: bytes):
        self.d = data
        self.i = 0

    def take(self, n: int) -> bytes:
        b = self.d[self.i:self.i + n]
        if len(b) != n:
            raise ValueError("truncated msgpack data")
        self.i += n
        return b

    def obj(self):
        t = self.d[self.i]
        self.i += 1
        if t <= 0x7F:
            return t
        if 0x80 <= t <= 0x8F:
            return self._map(t & 0x0F)
        if 0x90 <= t <= 0x9F:
            return self._arr(t & 0x0F)
        if 0xA0 <= t <= 0xBF:
            return self.take(t & 0x1F).decode("utf-8")
        if t >= 0xE0:
            return t - 0x100
        if t == 0xC0:
            return None
        if t == 0xC2:
            return False
        if t == 0xC3:
            return True
        fmt = {
            0xCC: ">B", 0xCD: ">H", 0xCE: ">I", 0xCF: ">Q",
            0xD0: ">b", 0xD1: ">h", 0xD2: ">i", 0xD3: ">q",
            0xCA: ">f", 0xCB: ">d",
        }.get(t)
        if fmt:
            return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        if t in (0xD9, 0xDA, 0xDB):  # str8/16/32
            n = self._len({0xD9: ">B", 0xDA: ">H", 0xDB: ">I"}[t])
            return self.take(n).decode("utf-8")
        if t in (0xC4, 0xC5, 0xC6):  # bin8/16/32
            n = self._len({0xC4: ">B", 0xC5: ">H", 0xC6: ">I"}[t])
            return self.take(n)
        if t == 0xDC:
            return self._arr(self._len(">H"))
        if t == 0xDD:
            return self._arr(self._len(">I"))
        if t == 0xDE:
            return self._map(self._len(">H"))
        if t == 0xDF:
            return self._map(self._len(">I"))
        raise ValueError(f"unsupported msgpack type byte 0x{t:02x}")

    def _len(self, fmt):
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def _arr(self, n):
        return [self.obj() for _ in range(n)]

    def _map(self, n):
        out = {}
        for _ in range(n):
            k = self.obj()
            out[k] = self.obj()
        return out


def unpackb(data: bytes):
    r = _Reader(data)
    v = r.obj()
    return v
