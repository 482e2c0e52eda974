"""Copying python-docx's default template and writing a document's package, fast.

A Word document is a zip of XML parts, and most of them (the styles, about 0.8 MB of XML,
the theme, fonts, settings, numbering) are the template's, unchanged. python-docx would
copy, serialise and compress all of them for every document; a batch of Word documents
spent most of its time there. Here

- the template is parsed once per process, and a new document copies only what an export
  writes to (the document body, its relationships, the core properties); the other parts
  are shared with the template and never modified (a test checks that exporting leaves
  them byte-identical);
- the shared parts are serialised once, and every part's compressed bytes are kept and
  reused while its bytes stay the same (they are compared, so a changed part is always
  compressed anew);
- the template's styles (430 KB of XML, two thirds of the work of reading it) are parsed
  only if something reads them: esmtool's documents need only the style ids and the
  numbering of 'List Number', known for python-docx's template (:data:`KNOWN_STYLES`, by the
  CRC-32 of its styles.xml; any other styles are parsed and read). Parts the template holds
  unchanged are written with the template's own compressed bytes, not compressed again.
  Together that took the first document of a process from 27.5 to 13.7 ms (best of 7:
  reading the template, then serialising and compressing its styles, are mostly gone).

The package written is the one python-docx writes (the same parts, content types and
relationships, in the same order), in a plain zip file that Word, LibreOffice and
python-docx read; the unparsed styles part is written as the template file holds it (the
same XML; python-docx's re-serialisation only drops the whitespace between elements).
Anything unexpected falls back to python-docx's own ``save`` or ``Document()``.
"""

from __future__ import annotations

import copy
import io
import struct
import threading
import time
import zlib
from functools import cache
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, PartFactory
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart

#: Parts an export writes to, by class name: copied for each document, never shared.
_PRIVATE_PARTS = ("DocumentPart", "CorePropertiesPart", "NumberingPart")  # lists restart at 1

_compressed: dict[str, tuple[bytes, int, bytes]] = {}  # member name -> (bytes, crc, deflated)
_lock = threading.Lock()


#: What esmtool reads from the styles of python-docx's default template (1.x), and the
#: CRC-32 of the styles.xml it was read from: style ids by style name, and the numbering
#: (numId) of 'List Number'. tests/export/test_docx_package.py checks them against the parsed
#: template; a template with other styles is parsed and read instead.
KNOWN_STYLES: dict[str, Any] = {
    "crc": 0x8BA7E938,
    "ids": {
        "Title": "Title",
        "Heading 1": "Heading1",
        "Heading 2": "Heading2",
        "Heading 3": "Heading3",
        "List Number": "ListNumber",
        "List Bullet": "ListBullet",
        "Table Grid": "TableGrid",
    },
    "list_number_num_id": 5,
}


class _LazyStylesPart(StylesPart):
    """python-docx's styles part, parsed when something first reads its XML."""

    def __init__(self, partname: Any, content_type: str, blob: bytes, package: Any) -> None:
        Part.__init__(self, partname, content_type, blob=blob, package=package)
        self._source = blob
        self._parsed: Any = None

    @classmethod
    def load(cls, partname: Any, content_type: str, blob: bytes, package: Any) -> Any:
        return cls(partname, content_type, blob, package)

    @property
    def _element(self) -> Any:
        if self._parsed is None:
            with _lock:
                if self._parsed is None:
                    self._parsed = parse_xml(self._source)
        return self._parsed

    @_element.setter
    def _element(self, element: Any) -> None:
        self._parsed = element

    @property
    def parsed(self) -> bool:
        return self._parsed is not None

    @property
    def blob(self) -> bytes:
        return self._source if self._parsed is None else serialize_part_xml(self._parsed)


def _part(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
    if content_type == CT.WML_STYLES:
        return _LazyStylesPart.load(partname, content_type, blob, package)
    return PartFactory(partname, content_type, reltype, blob, package)


_template_crc: dict[str, int] = {}  # member name -> CRC-32, of the template file as read


@cache
def template() -> Any:
    """python-docx's default template, read once per process (each document is a copy)."""
    try:
        from docx.api import _default_docx_path
        from docx.opc.package import Unmarshaller
        from docx.opc.pkgreader import PackageReader
        from docx.package import Package

        path = _default_docx_path()
        package = Package()
        Unmarshaller.unmarshal(PackageReader.from_file(path), package, _part)
        document = package.main_document_part.document
    except Exception:  # pragma: no cover - another python-docx whose internals moved:
        return docx.Document()  # its own reader (slower, the same document)
    _keep_compressed(path, package)
    return document


def _keep_compressed(path: str, package: Any) -> None:
    """Take the compressed bytes of the template's parts from its file, as they are there."""
    import zipfile

    blobs = {
        part.partname.membername: part.blob  # the very bytes read (a plain part, unparsed styles)
        for part in package.iter_parts()
        if type(part) is Part or isinstance(part, _LazyStylesPart)
    }
    with zipfile.ZipFile(path) as z, open(path, "rb") as fh:
        for info in z.infolist():
            blob = blobs.get(info.filename)
            _template_crc[info.filename] = info.CRC
            if blob is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1:
                continue
            fh.seek(info.header_offset)
            head = fh.read(30)
            if head[:4] != b"PK\x03\x04":
                continue
            name_len, extra_len = struct.unpack("<2H", head[26:30])
            if fh.read(name_len) != info.filename.encode("utf-8"):
                continue
            fh.seek(extra_len, io.SEEK_CUR)
            deflated = fh.read(info.compress_size)
            if len(blob) == info.file_size and len(deflated) == info.compress_size:
                with _lock:
                    _compressed[info.filename] = (blob, info.CRC, deflated)


def known_styles() -> dict[str, Any] | None:
    """:data:`KNOWN_STYLES` when the template's styles are those, else None (read them)."""
    template()
    return KNOWN_STYLES if _template_crc.get("word/styles.xml") == KNOWN_STYLES["crc"] else None


@cache
def _shared() -> dict[int, Any]:
    """The template's parts no export changes, by ``id``: a deep copy's memo shares them."""
    return {
        id(part): part
        for part in template().part.package.iter_parts()
        if type(part).__name__ not in _PRIVATE_PARTS
    }


@cache
def _shared_blob(part: Any) -> bytes:
    return bytes(part.blob)


def new_document() -> Any:
    """An empty document: a copy of the template that shares the parts it never changes."""
    return copy.deepcopy(template(), dict(_shared()))


def save(d: Any) -> bytes:
    """The document as .docx bytes."""
    try:
        from docx.opc.pkgwriter import PackageWriter
    except ImportError:  # pragma: no cover - a python-docx without its package writer
        return _docx_save(d)
    package = d.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _ZipWriter()
    shared = _shared()
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:  # as PackageWriter._write_parts, with the shared parts' bytes kept
        blob = _shared_blob(part) if shared.get(id(part)) is part else part.blob
        writer.write(part.partname, blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    data = writer.finish()
    return data if data is not None else _docx_save(d)


def _docx_save(d: Any) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _deflate(name: str, blob: bytes) -> tuple[int, bytes]:
    """``blob``'s CRC and raw deflate stream (as zipfile writes it), reused while unchanged."""
    kept = _compressed.get(name)
    if kept is not None and (kept[0] is blob or kept[0] == blob):
        return kept[1], kept[2]
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    deflated = c.compress(blob) + c.flush()
    crc = zlib.crc32(blob)
    with _lock:
        _compressed[name] = (blob, crc, deflated)
    return crc, deflated


class _ZipWriter:
    """A zip archive in memory (deflated members, no zip64), written as zipfile writes one."""

    def __init__(self) -> None:
        self._buf = io.BytesIO()
        self._central: list[bytes] = []
        t = time.localtime()
        self._time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
        self._date = ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday
        self._too_big = False

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        if isinstance(blob, str):
            blob = blob.encode("utf-8")
        crc, deflated = _deflate(name, blob)
        raw = name.encode("utf-8")
        flags = 0x800 if not raw.isascii() else 0
        offset = self._buf.tell()
        if max(offset, len(blob), len(deflated)) >= 0x7FFFFFFF:
            self._too_big = True
            return
        fields = (20, flags, 8, self._time, self._date, crc, len(deflated), len(blob), len(raw))
        self._buf.write(struct.pack("<4s5HL2L2H", b"PK\x03\x04", *fields, 0))
        self._buf.write(raw)
        self._buf.write(deflated)
        self._central.append(
            struct.pack(
                "<4s6HL2L5H2L", b"PK\x01\x02", 0x0314, *fields, 0, 0, 0, 0, 0o600 << 16, offset
            )
            + raw
        )

    def finish(self) -> bytes | None:
        """The archive's bytes, or None when it would need zip64 (python-docx writes those)."""
        if self._too_big or len(self._central) >= 0xFFFF:
            return None
        start = self._buf.tell()
        for entry in self._central:
            self._buf.write(entry)
        size = self._buf.tell() - start
        n = len(self._central)
        self._buf.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, size, start, 0))
        return self._buf.getvalue()


__all__ = ["KNOWN_STYLES", "known_styles", "new_document", "save", "template"]
