"""Image sizes: as the engine reports them, and gzip-compressed as a registry stores.

The compressed size is the sum of each layer tar gzipped at the default level,
streamed from `docker save` without touching the disk. Layers are identified by
their content digest (the image's RootFS diff ids), and their compressed sizes
are remembered in a small cache file, so a base image shared by many builds is
compressed once.
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
import zlib
from pathlib import Path
from typing import IO, Any

from refactor.verify import engine as engine_
from refactor.verify.model import ImageSize

CHUNK = 1024 * 1024


def cache_file() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "dockerfile-refactor" / "layer-sizes.json"


def _load() -> dict[str, int]:
    try:
        data = json.loads(cache_file().read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _store(sizes: dict[str, int]) -> None:
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(sizes, sort_keys=True))
        temporary.replace(path)
    except OSError:
        pass  # the cache only saves time; without it sizes are computed again


def measure(
    engine: engine_.Engine, image: str, inspected: dict[str, Any], *, compressed: bool
) -> ImageSize:
    layers: list[str] = list((inspected.get("RootFS") or {}).get("Layers") or [])
    uncompressed = int(inspected.get("Size") or 0)
    if not compressed:
        return ImageSize(uncompressed, None, len(layers))

    known = _load()
    if any(layer not in known for layer in layers):
        known.update(_compress_save(engine, image, known))
        _store(known)
    total = sum(known.get(layer, 0) for layer in layers)
    return ImageSize(uncompressed, total, len(layers))


def _compress_save(
    engine: engine_.Engine, image: str, known: dict[str, int]
) -> dict[str, int]:
    """Compressed size per diff id (and per quick key) of every layer of `image`.

    `docker save` writes each layer tar afresh, so its digest is not the diff id;
    the manifest and the image config at the end of the stream pair them up. A
    layer whose quick key (its size and the digest of its first megabyte) was
    seen before is not compressed again: base layers are shared by most images.
    """
    by_member: dict[str, int] = {}
    quick: dict[str, str] = {}
    documents: dict[str, Any] = {}
    with (
        engine_.tar_stream(engine, ["save", image], timeout=60) as stream,
        tarfile.open(fileobj=stream, mode="r|") as archive,
    ):
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            if member.name.endswith("layer.tar"):
                key, size = _layer_size(handle, member.size, known)
                by_member[member.name], quick[member.name] = size, key
            elif member.name.endswith(".json"):
                documents[member.name] = json.loads(handle.read())
    return _pair(by_member, quick, documents)


def _pair(
    by_member: dict[str, int], quick: dict[str, str], documents: dict[str, Any]
) -> dict[str, int]:
    manifest = documents.get("manifest.json") or [{}]
    config = documents.get(manifest[0].get("Config", ""), {})
    diff_ids = (config.get("rootfs") or {}).get("diff_ids") or []
    found: dict[str, int] = {}
    for name, diff_id in zip(manifest[0].get("Layers", []), diff_ids, strict=False):
        found[diff_id] = found[quick[name]] = by_member[name]
    return found


def _layer_size(
    handle: IO[bytes], length: int, known: dict[str, int]
) -> tuple[str, int]:
    first = handle.read(CHUNK)
    key = f"quick:{length}:{hashlib.sha256(first).hexdigest()}"
    if key in known:
        while handle.read(CHUNK):
            pass
        return key, known[key]

    # wbits 31: a gzip stream, as registries store layers.
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    size = len(compressor.compress(first))
    while chunk := handle.read(CHUNK):
        size += len(compressor.compress(chunk))
    return key, size + len(compressor.flush())
