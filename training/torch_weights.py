"""Read a legacy (pre-1.6, non-zip) PyTorch `.pth` state dict into numpy, without torch.

The file is a sequence of pickles: magic number, protocol version, sys_info, the
state dict (tensors point at storages through persistent ids), the list of storage
keys; then, for each key in that order, an int64 element count and the storage's raw
little-endian bytes.

Unpickling is code execution, so `_RestrictedUnpickler.find_class` resolves only the
four names a state dict of float/long tensors needs, each to a harmless local
stand-in; any other global in the file is refused.
"""

from __future__ import annotations

import collections
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_MAGIC = 0x1950A86A20F9469CFC6C
_PROTOCOL = 1001
_STORAGE_DTYPES = {"FloatStorage": np.dtype("<f4"), "LongStorage": np.dtype("<i8"),
                   "DoubleStorage": np.dtype("<f8"), "IntStorage": np.dtype("<i4")}


class TorchWeightsError(ValueError):
    """The file is not a legacy PyTorch state dict this reader accepts."""


@dataclass(frozen=True)
class _StorageType:
    name: str


@dataclass(frozen=True)
class _TensorRef:
    """A tensor as the pickle describes it; filled from its storage after the pickles."""

    key: str
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None,
                       metadata=None):
    return _TensorRef(storage, int(storage_offset), tuple(size), tuple(stride))


class _RestrictedUnpickler(pickle.Unpickler):
    _ALLOWED = {
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
        **{("torch", name): _StorageType(name) for name in _STORAGE_DTYPES},
    }

    def __init__(self, file, storages: dict):
        super().__init__(file)
        self.storages = storages

    def find_class(self, module, name):
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise TorchWeightsError(f"refusing to load {module}.{name}: not a plain tensor state dict") from None

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"
                and isinstance(pid[1], _StorageType)):
            raise TorchWeightsError(f"unexpected persistent id {pid!r}")
        _, storage_type, key, _location, count = pid[:5]
        self.storages[key] = (storage_type.name, int(count))
        return key


def load_state_dict(path: str | Path) -> dict[str, np.ndarray]:
    """{name: array} in the file's order, each array with the tensor's shape and dtype."""
    path = Path(path)
    with open(path, "rb") as f:
        header = [_restricted_load(f, {}) for _ in range(3)]
        if header[0] != _MAGIC or header[1] != _PROTOCOL:
            raise TorchWeightsError(f"{path}: not a legacy PyTorch file (zip-format .pth files are not supported)")
        storages: dict[str, tuple[str, int]] = {}
        state = _restricted_load(f, storages)
        keys = _restricted_load(f, {})
        data = {key: _read_storage(f, key, *storages[key]) for key in keys}
    if not isinstance(state, dict):
        raise TorchWeightsError(f"{path}: holds a {type(state).__name__}, not a state dict")
    return collections.OrderedDict((name, _materialise(ref, data)) for name, ref in state.items())


def _restricted_load(f, storages: dict):
    try:
        return _RestrictedUnpickler(f, storages).load()
    except (pickle.UnpicklingError, EOFError) as err:
        raise TorchWeightsError(f"corrupt PyTorch file: {err}") from None


def _read_storage(f, key: str, type_name: str, count: int) -> np.ndarray:
    dtype = _STORAGE_DTYPES[type_name]
    stored = int(np.frombuffer(f.read(8), "<i8")[0])
    if stored != count:
        raise TorchWeightsError(f"storage {key}: {stored} elements, the pickle says {count}")
    raw = f.read(count * dtype.itemsize)
    if len(raw) != count * dtype.itemsize:
        raise TorchWeightsError(f"storage {key}: file truncated")
    return np.frombuffer(raw, dtype)


def _materialise(ref: _TensorRef, data: dict[str, np.ndarray]) -> np.ndarray:
    storage = data[ref.key]
    itemsize = storage.dtype.itemsize
    view = np.lib.stride_tricks.as_strided(storage[ref.offset:], ref.shape,
                                           tuple(s * itemsize for s in ref.stride))
    return np.array(view)  # a contiguous copy, detached from the file's buffer
