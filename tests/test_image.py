"""fundus.image: formats, orientation, bit depth, and refusal of bad files."""
import io
import struct
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

from fundus.image import (MAX_PIXELS, EmptyFileError, ImageTooLargeError, NotAnImageError,
                          TruncatedImageError, read_image, reduction_factor)
from fundus.jpeg import reduced_jpeg


@pytest.fixture
def photo(labelled_raw_photos):
    return labelled_raw_photos[0]


def _rgb_gradient(h=60, w=80):
    y, x = np.mgrid[0:h, 0:w]
    return np.stack([x * 3 % 256, y * 4 % 256, (x + y) % 256], -1).astype(np.uint8)


@pytest.mark.parametrize("fmt,suffix", [("PNG", ".png"), ("TIFF", ".tif"), ("BMP", ".bmp")])
def test_lossless_formats_round_trip_exactly(tmp_path, fmt, suffix):
    rgb = _rgb_gradient()
    path = tmp_path / f"x{suffix}"
    Image.fromarray(rgb).save(path, fmt)
    np.testing.assert_array_equal(read_image(path), rgb)


def test_jpeg_is_rgb_not_bgr(tmp_path):
    red = np.zeros((40, 40, 3), np.uint8)
    red[..., 0] = 250
    Image.fromarray(red).save(tmp_path / "red.jpg", quality=95)
    out = read_image(tmp_path / "red.jpg")
    assert out[..., 0].mean() > 240 and out[..., 2].mean() < 10


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_matches_pillow(tmp_path, orientation):
    rgb = _rgb_gradient()
    img = Image.fromarray(rgb)
    exif = img.getexif()
    exif[0x0112] = orientation
    path = tmp_path / "o.png"
    img.save(path, exif=exif)
    expected = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
    np.testing.assert_array_equal(read_image(path), expected)


def test_sixteen_bit_png_becomes_eight_bit(tmp_path):
    gray16 = (np.arange(64 * 64).reshape(64, 64) * 16).astype(np.uint16)
    cv2.imwrite(str(tmp_path / "g16.png"), gray16)
    out = read_image(tmp_path / "g16.png")
    assert out.dtype == np.uint8 and out.shape == (64, 64, 3)
    np.testing.assert_array_equal(out[..., 0], (gray16 >> 8).astype(np.uint8))


def test_grayscale_and_alpha_become_rgb(tmp_path):
    Image.fromarray(np.full((30, 30), 77, np.uint8)).save(tmp_path / "g.png")
    assert (read_image(tmp_path / "g.png") == 77).all()
    rgba = np.zeros((30, 30, 4), np.uint8)
    rgba[..., 1] = 200
    rgba[:, :15, 3] = 255  # left half opaque green, right half transparent -> black
    Image.fromarray(rgba).save(tmp_path / "a.png")
    out = read_image(tmp_path / "a.png")
    assert out.shape == (30, 30, 3)
    assert (out[:, :15, 1] == 200).all() and (out[:, 15:] == 0).all()


def test_empty_file_refused(tmp_path):
    (tmp_path / "e.jpg").write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty"):
        read_image(tmp_path / "e.jpg")


def test_non_image_refused(tmp_path):
    (tmp_path / "notes.jpg").write_text("patient list, not a photo")
    with pytest.raises(NotAnImageError, match="not a readable image"):
        read_image(tmp_path / "notes.jpg")


def test_missing_file_refused(tmp_path):
    with pytest.raises(Exception, match="not found"):
        read_image(tmp_path / "nope.jpg")


def test_truncated_real_jpeg_refused(tmp_path, photo):
    data = photo.read_bytes()
    (tmp_path / "t.jpg").write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedImageError, match="incomplete"):
        read_image(tmp_path / "t.jpg")


def test_truncated_png_refused(tmp_path):
    buf = io.BytesIO()
    Image.fromarray(_rgb_gradient(200, 200)).save(buf, "PNG")
    (tmp_path / "t.png").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(TruncatedImageError):
        read_image(tmp_path / "t.png")


def _png_header_only(width, height):
    """A PNG whose header claims width x height, with a tiny (invalid) body: a bomb
    must be refused from the header, before any pixel is allocated."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) \
        + chunk(b"IEND", b"")


def test_decompression_bomb_refused_before_decoding(tmp_path):
    (tmp_path / "bomb.png").write_bytes(_png_header_only(30000, 30000))
    with pytest.raises(ImageTooLargeError):
        read_image(tmp_path / "bomb.png")


def test_just_over_pixel_limit_refused(tmp_path):
    side = int(MAX_PIXELS ** 0.5) + 10
    (tmp_path / "big.png").write_bytes(_png_header_only(side, side))
    with pytest.raises(ImageTooLargeError, match="limit"):
        read_image(tmp_path / "big.png")


def test_reduction_factor():
    assert reduction_factor(3264, None) == 1
    assert reduction_factor(3264, 280) == 8
    assert reduction_factor(1944, 280) == 4
    assert reduction_factor(300, 280) == 1


def test_reduced_decode_of_real_photo(photo):
    full = read_image(photo)
    reduced = read_image(photo, min_side=280)
    assert reduced.shape[0] == pytest.approx(full.shape[0] / 8, abs=1)
    small_full = cv2.resize(full, reduced.shape[1::-1], interpolation=cv2.INTER_AREA)
    assert np.abs(small_full.astype(int) - reduced).mean() < 3


def test_reduced_jpeg_is_small_and_deterministic(raw_photos):
    data = raw_photos[0].read_bytes()
    jpeg, width, height = reduced_jpeg(data, raw_photos[0].name)
    assert max(width, height) == 1024 and len(jpeg) < len(data) / 3
    assert reduced_jpeg(data, raw_photos[0].name)[0] == jpeg
