"""Bytes -> text for web pages, the way browsers decide.

Order: a byte order mark, then the HTTP charset, then ``<meta charset>`` / ``<meta http-equiv>`` (or an XML
declaration) in the first few KB, then UTF-8 if the bytes are valid UTF-8, else windows-1252.
Labels are read as browsers read them (WHATWG Encoding Standard): iso-8859-1, latin1 and us-ascii mean
windows-1252. Unknown labels are skipped. Two common server mistakes are corrected: a page declared UTF-8
whose bytes hold no UTF-8 at all is windows-1252, and a page declared latin1/windows-1252 whose bytes are
valid UTF-8 with non-ASCII characters is UTF-8 (reading it as declared would garble every umlaut).
"""

from __future__ import annotations

import codecs
import re

FALLBACK = "windows-1252"
META_SCAN_BYTES = 4096

BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Labels that browsers map differently from Python's codec names (keys: lower case, "_" -> "-").
LABEL_ALIASES = {
    **dict.fromkeys(
        ("iso-8859-1", "iso8859-1", "iso-8859-1:1987", "latin1", "latin-1", "l1", "cp819", "ibm819",
         "iso-ir-100", "csisolatin1", "us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "x-cp1252", "cp1252"),
        "windows-1252",
    ),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5", "iso-ir-148"), "windows-1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620", "dos-874"), "windows-874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese"), "gb18030"),
    **dict.fromkeys(("ks-c-5601-1987", "ks-c-5601-1989", "korean", "windows-949"), "euc-kr"),
    **dict.fromkeys(("x-sjis", "ms-kanji", "windows-31j"), "shift_jis"),
    **dict.fromkeys(("macintosh", "mac", "x-mac-roman", "csmacintosh"), "mac_roman"),
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8", "utf8"), "utf-8"),
}

# A <meta> that names UTF-16 was itself read as ASCII, so the page is not UTF-16 (WHATWG).
META_OVERRIDES = {"utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}

# Python codecs that are no web page encoding (or are unsafe to honour, like UTF-7).
REFUSED_CODECS = {"utf-7", "undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "mbcs", "oem"}

# Codecs a misconfigured server claims for UTF-8 pages (Apache's old default was iso-8859-1).
WESTERN_SINGLE_BYTE = {"cp1252", "iso8859-15", "iso8859-1"}

_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9][\w.:-]*)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)""", re.I)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';\s]+)""", re.I)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    match = _HTTP_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def codec_for(label: str | None) -> str | None:
    """Python's codec name for a charset label as a browser reads it, or None if unknown or refused."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower().replace("_", "-")
    key = LABEL_ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name
        if name in REFUSED_CODECS:
            return None
        _is_text_codec(name)
    except LookupError:
        return None
    return name


def _is_text_codec(name: str) -> None:
    """Raise LookupError for codecs that are no text encoding (base64, rot13, hex ...)."""
    try:
        b"-".decode(name)
    except UnicodeDecodeError:  # a text codec that dislikes this byte (utf-16, utf-32)
        pass


def display_name(codec: str) -> str:
    """The name a web page would use: windows-1252 rather than Python's cp1252."""
    return {"cp1252": "windows-1252", "cp1254": "windows-1254", "cp874": "windows-874"}.get(codec, codec)


def meta_charset(data: bytes) -> str | None:
    """The label named by <meta charset>, <meta http-equiv> or an XML declaration near the start."""
    head = _COMMENT.sub(b"", data[:META_SCAN_BYTES])
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes. Returns (text, encoding name); a byte order mark is not part of the text."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace"), codec
    declared = codec_for(http_charset)
    if declared is None:
        declared = codec_for(meta_charset(data))
        declared = codec_for(META_OVERRIDES.get(declared, declared)) if declared else None
    codec = _checked(data, declared) if declared else _guessed(data)
    return data.decode(codec, "replace"), display_name(codec)


def _checked(data: bytes, declared: str) -> str:
    """The declared codec, unless the bytes plainly contradict it."""
    if declared == "utf-8":
        return "utf-8" if _has_utf8_text(data) or data.isascii() else codec_for(FALLBACK)
    if declared in WESTERN_SINGLE_BYTE and not data.isascii() and _is_utf8(data):
        return "utf-8"
    return declared


def _guessed(data: bytes) -> str:
    return "utf-8" if _is_utf8(data) else codec_for(FALLBACK)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_utf8_text(data: bytes) -> bool:
    """True if the bytes hold at least one valid multi-byte UTF-8 character (stray bad bytes allowed)."""
    text = data.decode("utf-8", "replace")
    return any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text)
