"""Read what an ELF file needs at run time: its loader and its shared libraries.

A few dozen lines of struct unpacking instead of a dependency: the program
headers give the loader (PT_INTERP) and the dynamic section (PT_DYNAMIC), whose
string-table address is mapped to a file offset through the loadable segments.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\x7fELF"
PT_LOAD, PT_DYNAMIC, PT_INTERP = 1, 2, 3
DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 1, 5, 15, 29


@dataclass(frozen=True)
class ElfInfo:
    interpreter: str | None
    needed: tuple[str, ...]
    search: tuple[str, ...]  # RPATH and RUNPATH entries, $ORIGIN unexpanded


@dataclass(frozen=True)
class _Segment:
    kind: int
    offset: int
    vaddr: int
    filesz: int


def is_elf(head: bytes) -> bool:
    return head[:4] == MAGIC


def parse(data: bytes) -> ElfInfo | None:
    """The run-time needs of an ELF file, or None when `data` is not a usable ELF."""
    if not is_elf(data) or len(data) < 64 or data[4] not in (1, 2):
        return None
    try:
        return _parse(data, wide=data[4] == 2, order="<" if data[5] == 1 else ">")
    except (struct.error, IndexError, UnicodeDecodeError):
        return None


def _parse(data: bytes, *, wide: bool, order: str) -> ElfInfo:
    segments = _segments(data, wide=wide, order=order)
    interp = next((s for s in segments if s.kind == PT_INTERP), None)
    interpreter = _cstring(data, interp.offset) if interp else None

    dynamic = next((s for s in segments if s.kind == PT_DYNAMIC), None)
    if dynamic is None:
        return ElfInfo(interpreter, (), ())
    entries = _dynamic(data, dynamic, wide=wide, order=order)
    strtab = _file_offset(segments, dict(entries).get(DT_STRTAB, 0))

    def text(tag: int) -> list[str]:
        return [_cstring(data, strtab + v) for t, v in entries if t == tag]

    search = [p for raw in text(DT_RPATH) + text(DT_RUNPATH) for p in raw.split(":")]
    return ElfInfo(interpreter, tuple(text(DT_NEEDED)), tuple(p for p in search if p))


def _segments(data: bytes, *, wide: bool, order: str) -> list[_Segment]:
    if wide:
        (phoff,) = struct.unpack_from(order + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x36)
        layout, fields = order + "IIQQQQ", (0, 2, 3, 5)
    else:
        (phoff,) = struct.unpack_from(order + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x2A)
        layout, fields = order + "IIIIII", (0, 1, 2, 4)

    segments = []
    for index in range(phnum):
        values = struct.unpack_from(layout, data, phoff + index * phentsize)
        kind, offset, vaddr, filesz = (values[f] for f in fields)
        segments.append(_Segment(kind, offset, vaddr, filesz))
    return segments


def _dynamic(
    data: bytes, segment: _Segment, *, wide: bool, order: str
) -> list[tuple[int, int]]:
    layout = order + ("qQ" if wide else "iI")
    step = struct.calcsize(layout)
    entries = []
    for offset in range(segment.offset, segment.offset + segment.filesz, step):
        tag, value = struct.unpack_from(layout, data, offset)
        if tag == DT_NULL:
            break
        entries.append((tag, value))
    return entries


def _file_offset(segments: list[_Segment], address: int) -> int:
    for segment in segments:
        if (
            segment.kind == PT_LOAD
            and segment.vaddr <= address < segment.vaddr + segment.filesz
        ):
            return address - segment.vaddr + segment.offset
    return address


def _cstring(data: bytes, offset: int) -> str:
    end = data.index(b"\0", offset)
    return data[offset:end].decode()
