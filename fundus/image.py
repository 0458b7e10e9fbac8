"""Read a photo safely: typed errors for bad files, pixel limits before decoding.

The header is parsed with Pillow (cheap, no pixel allocation) so that size limits and
EXIF orientation are known before OpenCV decodes anything. OpenCV does the decoding
because it can decode JPEGs at 1/2, 1/4 or 1/8 scale straight from the DCT, which is
most of the speed of the preprocessing path on 12 MP camera photos.

A photo file is read once (`read_photo_bytes`): the same bytes are hashed, decoded,
graded and sealed into the data folder, so a result always belongs to the file stored.
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from fundus.text import QT_TRANSLATE_NOOP

# 60 MP covers every fundus camera we know (the largest seen is 16 MP) with room to
# spare; a 30000x30000 "decompression bomb" (900 MP) is refused before allocation.
MAX_PIXELS = 60_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
SUPPORTED_FORMATS = {"JPEG", "PNG", "TIFF", "BMP", "MPO"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}  # what a folder of photos is searched for

_EXIF_ORIENTATION = 0x0112
_REDUCED_FLAGS = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2,
                  4: cv2.IMREAD_REDUCED_COLOR_4, 8: cv2.IMREAD_REDUCED_COLOR_8}


class ImageError(Exception):
    """A photo that cannot be used. The message is meant for the technician."""


class EmptyFileError(ImageError):
    pass


class NotAnImageError(ImageError):
    pass


class TruncatedImageError(ImageError):
    pass


class ImageTooLargeError(ImageError):
    pass


@dataclass(frozen=True)
class PhotoBytes:
    """A photo file's bytes, read once, with their sha256 (computed once, here)."""

    name: str  # the file's name, for messages
    data: bytes
    sha256: str

    @classmethod
    def of(cls, name: str, data: bytes) -> "PhotoBytes":
        return cls(name, data, hashlib.sha256(data).hexdigest())


def read_photo_bytes(path: str | os.PathLike) -> PhotoBytes:
    """The file's bytes and their sha256; ImageError for a missing, empty, unreadable or oversized file."""
    path = Path(path)
    return PhotoBytes.of(path.name, _read_bytes(path))


def read_image(path: str | os.PathLike, min_side: int | None = None) -> np.ndarray:
    """Decode `path` to an RGB uint8 array, applying EXIF orientation.

    With `min_side`, a JPEG is decoded at the largest reduction (2, 4 or 8) that keeps
    its shorter side >= min_side; other formats are always decoded in full.
    """
    path = Path(path)
    return decode_image(_read_bytes(path), path.name, min_side)


def decode_image(data: bytes, name: str, min_side: int | None = None) -> np.ndarray:
    """`read_image` for a photo already in memory (e.g. decrypted); `name` is for messages."""
    if not data:
        raise _empty_file(name)
    fmt, (width, height), orientation = _read_header(data, name)
    if width * height > MAX_PIXELS:
        raise ImageTooLargeError(QT_TRANSLATE_NOOP(
            "image", "{name}: {width}x{height} pixels is more than the {limit} MP limit; "
                     "this is not a fundus camera photo")
            .format(name=name, width=width, height=height, limit=MAX_PIXELS // 1_000_000))
    if fmt in ("JPEG", "MPO"):
        _check_jpeg_complete(data, name)
        factor = reduction_factor(min(width, height), min_side)
        bgr = _cv_decode(data, _REDUCED_FLAGS[factor] | cv2.IMREAD_IGNORE_ORIENTATION, name)
    else:
        # Decoded once: OpenCV refuses an incomplete PNG, TIFF or BMP, and only then does
        # Pillow tell a damaged file from one OpenCV cannot read.
        bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED | cv2.IMREAD_IGNORE_ORIENTATION)
        if bgr is None or bgr.size == 0:
            _check_complete_with_pillow(data, name)
            raise _undecodable(name)
    return apply_orientation(_to_rgb8(bgr), orientation)


def reduction_factor(short_side: int, min_side: int | None) -> int:
    """Largest JPEG DCT scale (1, 2, 4, 8) that keeps the short side >= min_side."""
    if not min_side:
        return 1
    return max((f for f in (1, 2, 4, 8) if short_side // f >= min_side), default=1)


def file_error(path: Path, error: OSError) -> ImageError:
    """An OS error on a photo file, in plain words (no errno, no full path)."""
    if isinstance(error, FileNotFoundError):
        return ImageError(QT_TRANSLATE_NOOP("image", "{name}: file not found").format(name=path.name))
    if isinstance(error, PermissionError):
        return ImageError(QT_TRANSLATE_NOOP("image", "{name}: no permission to read the file")
                          .format(name=path.name))
    return ImageError(QT_TRANSLATE_NOOP("image", "{name}: cannot read the file ({reason})")
                      .format(name=path.name, reason=error.strerror or type(error).__name__))


def _empty_file(name: str) -> EmptyFileError:
    return EmptyFileError(QT_TRANSLATE_NOOP("image", "{name}: the file is empty (0 bytes); copy the photo again")
                          .format(name=name))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise file_error(path, e) from None
    if path.is_dir():
        raise NotAnImageError(QT_TRANSLATE_NOOP(
            "image", "{name}: is a folder, not a photo")
            .format(name=path.name))
    if size == 0:
        raise _empty_file(path.name)
    if size > MAX_FILE_BYTES:
        raise ImageTooLargeError(QT_TRANSLATE_NOOP(
            "image", "{name}: file of {mb} MB is too large for a photo")
            .format(name=path.name, mb=size // 2**20))
    try:
        return path.read_bytes()
    except OSError as e:
        raise file_error(path, e) from None


def _read_header(data: bytes, name: str) -> tuple[str, tuple[int, int], int]:
    """Format, (width, height) and EXIF orientation, without decoding pixels."""
    try:
        header = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageTooLargeError(QT_TRANSLATE_NOOP(
            "image", "{name}: image dimensions are too large")
            .format(name=name)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise NotAnImageError(QT_TRANSLATE_NOOP(
            "image", "{name}: not a readable image (JPEG, PNG, TIFF or BMP expected)")
            .format(name=name)) from None
    if header.format not in SUPPORTED_FORMATS:
        raise NotAnImageError(QT_TRANSLATE_NOOP(
            "image", "{name}: {format} images are not supported; use JPEG, PNG, TIFF or BMP")
            .format(name=name, format=header.format))
    try:
        orientation = int(header.getexif().get(_EXIF_ORIENTATION, 1))
    except (OSError, SyntaxError, ValueError, TypeError):
        orientation = 1  # unreadable metadata is no reason to refuse the pixels
    return header.format, header.size, orientation


def _check_jpeg_complete(data: bytes, name: str) -> None:
    # OpenCV decodes a truncated JPEG "successfully", filling the missing part with
    # grey. The end-of-image marker is the reliable sign of a complete file; some
    # cameras append metadata after it, hence the search window.
    if b"\xff\xd9" not in data[-65536:]:
        raise TruncatedImageError(QT_TRANSLATE_NOOP(
            "image", "{name}: the photo is incomplete (truncated file); copy it again")
            .format(name=name))


def _check_complete_with_pillow(data: bytes, name: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise TruncatedImageError(QT_TRANSLATE_NOOP(
            "image", "{name}: the image data is damaged or incomplete")
            .format(name=name)) from None


def _cv_decode(data: bytes, flags: int, name: str) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if img is None or img.size == 0:
        raise _undecodable(name)
    return img


def _undecodable(name: str) -> NotAnImageError:
    return NotAnImageError(QT_TRANSLATE_NOOP("image", "{name}: the image data could not be decoded").format(name=name))


def _to_rgb8(img: np.ndarray) -> np.ndarray:
    """OpenCV's BGR / BGRA / gray, 8 or 16 bit or float -> RGB uint8."""
    if img.dtype == np.uint16:
        img = (img >> 8).astype(np.uint8)
    elif img.dtype != np.uint8:
        img = img.astype(np.float32)
        scale = 255.0 if img.max(initial=0) <= 1.0 else 1.0
        img = np.clip(img * scale, 0, 255).astype(np.uint8)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    if img.shape[2] == 4:
        # Composite on black: the background of a fundus photo is black.
        alpha = img[:, :, 3:4].astype(np.uint16)
        img = (img[:, :, :3].astype(np.uint16) * alpha // 255).astype(np.uint8)
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def apply_orientation(rgb: np.ndarray, orientation: int) -> np.ndarray:
    """Apply an EXIF orientation tag (1..8) to an array."""
    ops = {
        2: lambda a: a[:, ::-1],
        3: lambda a: a[::-1, ::-1],
        4: lambda a: a[::-1],
        5: lambda a: np.rot90(a, 1)[::-1],  # transpose
        6: lambda a: np.rot90(a, -1),
        7: lambda a: np.rot90(a, -1)[::-1],  # transverse
        8: lambda a: np.rot90(a, 1),
    }
    op = ops.get(orientation)
    return np.ascontiguousarray(op(rgb)) if op else rgb
