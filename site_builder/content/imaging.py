"""imaging: one photo file -> its variants, made with Pillow: 480, 960 and 1600 px wide (never
wider than the photo), each in WebP and in the photo's own format, upright (as its EXIF says),
without its metadata (a camera's GPS position stays with the newsroom), and named by the hash of
the photo's bytes. Runs in a worker process; Pillow is imported only here, when a photo is made."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from site_builder.newsroom import Photo, Variant

WIDTHS = (480, 960, 1600)
# Encoder settings: quality a reader does not notice lost, at a fraction of the camera's bytes.
JPEG = {"quality": 82, "optimize": True, "progressive": True}
WEBP = {"quality": 80, "method": 4}
PNG = {"compress_level": 6}
# Pillow's format -> (file suffix, media type)
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp"),
           "GIF": ("gif", "image/gif")}
MEDIA_DIR = "media"  # the variants' folder, in the site and in the cache
HASH_LENGTH = 16


def settings_key() -> str:
    """What shapes the variants' bytes besides the photo: a change makes them all again."""
    try:
        pillow = metadata.version("pillow")
    except metadata.PackageNotFoundError:
        pillow = "?"
    return repr(("variants 1", WIDTHS, JPEG, WEBP, PNG, pillow))


def widths_for(width: int) -> list[int]:
    """The variants' widths for a photo this wide: each of WIDTHS narrower than it, and the
    photo's own width in place of those it does not reach."""
    found = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        found.append(width)
    return found


def make_variants(job: tuple[str, str, str]) -> Photo | str:
    """`job`: (the photo's file, the hash of its bytes, the folder to write into). The variants
    made, or why the file is not a photo we can use."""
    from PIL import Image, ImageOps

    source, digest, folder = job
    try:
        with Image.open(source) as opened:
            kind = opened.format or "unknown"
            if kind not in FORMATS:
                return f"is a {kind} image; photos must be JPEG, PNG, WebP or GIF"
            icc = opened.info.get("icc_profile")
            picture = _ready(ImageOps.exif_transpose(opened), kind)
    except Image.UnidentifiedImageError:
        return "is not a photo: not a JPEG, PNG, WebP or GIF image"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        # Pillow's messages may name the file by its full path: the problem names it already.
        return f"cannot be read as a photo ({str(err).replace(source, 'the file')})"
    name = digest[:HASH_LENGTH]
    variants = []
    current = picture
    for width in sorted(widths_for(picture.width), reverse=True):  # each from the one above it
        height = max(1, round(picture.height * width / picture.width))
        if (width, height) != current.size:
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for output in dict.fromkeys(("WEBP", kind)):
            suffix, mime = FORMATS[output]
            path = f"{MEDIA_DIR}/{name}-{width}.{suffix}"
            _save(current, output, os.path.join(folder, path), icc)
            variants.append(Variant(path, width, height, mime))
    variants.sort(key=lambda v: (v.width, v.mime))
    return Photo(name, picture.width, picture.height, tuple(variants))


def _ready(picture, kind: str):
    """The picture in a mode its formats can be written in (and resized without a palette)."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
    if kind == "JPEG" or not has_alpha:
        return picture if picture.mode in ("RGB", "L") else picture.convert("RGB")
    return picture if picture.mode == "RGBA" else picture.convert("RGBA")


def _save(picture, output: str, path: str, icc: bytes | None) -> None:
    """Written beside its name and renamed: a worker stopped mid-write leaves no half photo."""
    options = {"JPEG": JPEG, "WEBP": WEBP, "PNG": PNG}.get(output, {})
    if icc:
        options = {**options, "icc_profile": icc}
    if output == "JPEG" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        picture.save(temporary, output, **options)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
