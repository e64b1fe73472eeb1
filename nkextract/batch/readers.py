"""Reading an articles folder: which files are inputs, their text, encoding and date.

Every file found becomes an ``Entry``; reading an entry gives ``Article`` records (one
per story: a ``.jsonl`` file holds many) or raises ``ArticleError`` with a kind, so the
batch command can record it in ``errors`` and go on.
"""
from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import json
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..errors import ArticleError, InputError

logger = logging.getLogger(__name__)

#: file name suffixes read as articles; any other file is listed as ``skipped``
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES
METADATA_FILE = "metadata.csv"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: JSON fields holding the story text, and its publication date, in order of preference
TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("headline", "title")
DATE_FIELDS = ("published", "date")
#: single-byte encodings tried, via charset-normalizer, when a file is not UTF-8
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251"]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))
# A byte-level test no library offers: is there any well-formed multi-byte UTF-8 character?
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Entry:
    """A file found in the articles folder.

    name: its path relative to the folder, with ``/`` separators (the article name).
    path: where to read it. problem: an ArticleError found while listing (a link loop).
    """

    name: str
    path: Path
    problem: ArticleError | None = None

    @property
    def is_article(self) -> bool:
        return self.name.lower().endswith(ARTICLE_SUFFIXES)


@dataclass
class Failure:
    """A story that could not be read, where its file holds others (a ``.jsonl`` line)."""

    name: str
    kind: str
    message: str
    sha256: str | None = None


@dataclass
class Article:
    """One story read from an entry: its name, text and what reading it involved."""

    name: str
    text: str
    sha256: str
    encoding: str | None = None
    published: str | None = None


def find_entries(root: str | Path) -> Iterator[Entry]:
    """Every file under root, recursively, in a stable order (names sorted per folder).

    Symbolic links are followed, but a folder already being walked is not entered again
    (a link loop gives an Entry with a ``symlink_loop`` problem). The root's
    ``metadata.csv`` is not an article and is left out.
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"Articles folder {root} does not exist or is not a folder: check the path.")
    yield from _walk(root, PurePosixPath(), {_identity(root)})


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _walk(folder: Path, prefix: PurePosixPath, ancestors: set) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as err:
        yield Entry(str(prefix), folder, _os_problem(err, folder))
        return
    for name in names:
        path = folder / name
        rel = prefix / name
        if prefix == PurePosixPath() and name == METADATA_FILE:
            continue
        try:
            is_dir = path.is_dir()
        except OSError as err:  # a link loop (ELOOP) raises here on some Pythons
            yield Entry(str(rel), path, _os_problem(err, path))
            continue
        if not is_dir:
            if path.is_symlink() and not path.exists():
                yield Entry(str(rel), path, _dangling(path))
            else:
                yield Entry(str(rel), path)
            continue
        try:
            identity = _identity(path)
        except OSError as err:
            yield Entry(str(rel), path, _os_problem(err, path))
            continue
        if identity in ancestors:
            yield Entry(str(rel), path, ArticleError(
                "symlink_loop", f"{rel} links back to a folder that contains it; not followed."))
            continue
        yield from _walk(path, rel, ancestors | {identity})


def _dangling(path: Path) -> ArticleError:
    try:
        path.stat()
    except OSError as err:
        return _os_problem(err, path)
    return ArticleError("missing", f"{path} is a link to a file that does not exist.")


def _os_problem(err: OSError, path: Path) -> ArticleError:
    """The ArticleError for an OSError met while listing or reading path."""
    if err.errno == errno.ELOOP:
        return ArticleError("symlink_loop", f"{path} is a symbolic link loop; fix or remove the link.")
    if isinstance(err, FileNotFoundError):
        return ArticleError("missing", f"{path} disappeared before it could be read (deleted during the run?).")
    if isinstance(err, PermissionError):
        return ArticleError("unreadable", f"{path} cannot be read: permission denied; check its permissions.")
    return ArticleError("unreadable", f"{path} cannot be read: {err.strerror or err}.")


def read_metadata(root: str | Path) -> dict[str, str]:
    """Publication dates from the folder's ``metadata.csv`` (columns file,published; more allowed).

    A ``date`` column stands in for ``published``; a file with neither is logged and
    ignored. RETURNS: article name (path relative to root, ``/`` separated) -> date.
    """
    path = Path(root) / METADATA_FILE
    if not path.exists():
        return {}
    try:
        return read_metadata_file(path)
    except InputError as err:
        logger.warning("%s", err)
        return {}


def read_metadata_file(path: str | Path) -> dict[str, str]:
    """Publication dates from a metadata CSV file; see ``read_metadata``. Raises InputError."""
    path = Path(path)
    try:
        text = decode(path.read_bytes(), str(path))[0]
    except (OSError, ArticleError) as err:
        raise InputError(f"Metadata file {path} cannot be read ({err}); fix or remove it.") from err
    reader = csv.DictReader(text.splitlines())
    fields = {name.strip().lower(): name for name in reader.fieldnames or []}
    date_field = next((fields[f] for f in DATE_FIELDS if f in fields), None)
    if "file" not in fields or date_field is None:
        raise InputError(f"Metadata file {path} needs the columns file,published (found: "
                         f"{','.join(reader.fieldnames or [])}); rename its header.")
    dates = {}
    for row in reader:
        name, date = (row.get(fields["file"]) or "").strip(), (row.get(date_field) or "").strip()
        if name and date:
            dates[str(PurePosixPath(name.replace("\\", "/")))] = _iso_day(date)
    return dates


def _iso_day(date: str) -> str:
    """``1987-02-26T15:01:01`` -> ``1987-02-26``; other forms are kept as written."""
    return date[:10] if len(date) > 10 and date[4:5] == "-" and date[7:8] == "-" and date[10] in "T " else date


def read_entry(
    entry: Entry,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata: dict[str, str] | None = None,
) -> list[Article | Failure]:
    """The articles in one entry's file.

    max_bytes: larger files are refused (kind ``too_large``) without being read.
    metadata: article name -> publication date (from ``metadata.csv``); wins over dates
        found inside JSON files.
    RETURNS: one Article, or one per line of a ``.jsonl`` file (a Failure for a bad
        line). Raises ArticleError when the file cannot be read at all.
    """
    if entry.problem is not None:
        raise entry.problem
    data = read_bytes(entry.path, max_bytes=max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    try:
        return _articles(entry, data, sha, metadata or {})
    except ArticleError as err:
        err.sha256 = sha  # type: ignore[attr-defined]  # the manifest still names the bytes
        raise


def _articles(entry: Entry, data: bytes, sha: str, metadata: dict[str, str]) -> list[Article | Failure]:
    suffix = entry.path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _jsonl_articles(entry.name, data, metadata)
    text, encoding = decode(data, entry.name)
    published = metadata.get(entry.name)
    if suffix in HTML_SUFFIXES:
        text = html_text(text, entry.name)
    elif suffix in JSON_SUFFIXES:
        text, published_inside = json_text(_parse_json(text, entry.name), entry.name)
        published = published or published_inside
    if not text.strip():
        raise ArticleError("empty", f"{entry.name} has no text (only white space); remove it or fill it.")
    return [Article(entry.name, text, sha, encoding, published)]


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file no larger than max_bytes, or an ArticleError."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("unreadable", f"{path} is not a regular file (a pipe or device?); not read.")
        if info.st_size > max_bytes:
            raise ArticleError("too_large", f"{path} is {info.st_size:,} bytes, over the limit of "
                                            f"{max_bytes:,}; raise the limit (--max-bytes) or split it.")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise _os_problem(err, path) from err
    if len(data) > max_bytes:
        raise ArticleError("too_large", f"{path} grew over the limit of {max_bytes:,} bytes while being read.")
    if not data:
        raise ArticleError("empty", f"{path} is empty (0 bytes); remove it or fill it.")
    return data


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes. RETURNS: (text, what was done), e.g. ``"utf-8"``,
    ``"utf-16 (BOM)"``, ``"cp1252 (detected)"``. Raises ArticleError (``binary``/``encoding``).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), f"{codec.replace('-sig', '')} (BOM)"
            except UnicodeDecodeError as err:
                raise ArticleError("encoding", f"{name} starts with a {codec} byte order mark but is "
                                               f"not valid {codec} ({err.reason} at byte {err.start}).") from err
    if b"\x00" in data or _control_share(data) > 0.1:
        raise ArticleError("binary", f"{name} holds binary data, not text (a renamed file?); remove or convert it.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err
    if _has_utf8_sequences(data):
        # Valid multi-byte UTF-8 beside invalid bytes: a damaged UTF-8 file, not a
        # legacy encoding; guessing would turn its accented letters into mojibake.
        raise ArticleError("encoding", f"{name} is not valid UTF-8 ({first_bad.reason} at byte "
                                       f"{first_bad.start}); repair it or re-save it as UTF-8.")
    return _decode_legacy(data, name)


def _control_share(data: bytes) -> float:
    """The share of control bytes (other than tab, newlines, form feed) in data's start."""
    sample = data[:65536]
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(len(sample), 1)


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether data contains at least one well-formed multi-byte UTF-8 character."""
    return _UTF8_SEQUENCE.search(data) is not None


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=LEGACY_ENCODINGS))
    if not matches:
        raise ArticleError("encoding", f"{name} is neither UTF-8 nor a known single-byte encoding; "
                                       "re-save it as UTF-8.")
    best = min(matches, key=lambda match: match.chaos)
    # Where the bytes read the same in several encodings, prefer CP1252, the usual one.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.01:
            try:
                return data.decode("cp1252"), "cp1252 (detected)"
            except UnicodeDecodeError:
                break
    return str(best), f"{best.encoding} (detected)"


def html_text(html: str, name: str) -> str:
    """The article text of an HTML page, taken out by trafilatura (boilerplate dropped)."""
    try:
        import trafilatura
    except ImportError as err:  # one reader missing must not stop the other files
        raise ArticleError("reader_unavailable", f"{name} is HTML, but its reader cannot be imported "
                                                 f"({err}); install it with `pip install trafilatura "
                                                 "lxml_html_clean`.") from err
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise ArticleError("no_text", f"{name} is an HTML page with no article text in it.")
    return text


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleError("invalid_json", f"{name} is not valid JSON ({err.msg} at line {err.lineno}).") from err


def json_text(record: object, name: str) -> tuple[str, str | None]:
    """The story text and publication date of a JSON object.

    The text is the first of the fields ``text``, ``body``, ``content``, after the
    ``headline`` or ``title`` when there is one. RETURNS: (text, published or None).
    """
    if not isinstance(record, dict):
        raise ArticleError("no_text", f"{name} holds JSON {type(record).__name__}, not an object with a "
                                      f"text field ({'/'.join(TEXT_FIELDS)}).")
    body = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), None)
    if body is None:
        raise ArticleError("no_text", f"{name} has no text field: add one of {', '.join(TEXT_FIELDS)} "
                                      f"(found: {', '.join(sorted(map(str, record))) or 'nothing'}).")
    title = next((record[f] for f in TITLE_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    text = f"{title.strip()}\n\n{body}" if title and body.strip() else body
    published = next((str(record[f]) for f in DATE_FIELDS if record.get(f)), None)
    return text, published


def _jsonl_articles(name: str, data: bytes, metadata: dict[str, str]) -> list[Article | Failure]:
    """One Article (or Failure) per non-blank line of a .jsonl file, named ``file.jsonl#N``."""
    text, encoding = decode(data, name)
    articles: list[Article | Failure] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        article = f"{name}#{number}"
        sha = hashlib.sha256(line.encode("utf-8")).hexdigest()
        try:
            body, published = json_text(_parse_json(line, article), article)
            if not body.strip():
                raise ArticleError("empty", f"{article} has an empty text field.")
        except ArticleError as err:
            articles.append(Failure(article, err.kind, err.message, sha))
            continue
        published = metadata.get(article) or metadata.get(name) or published
        articles.append(Article(article, body, sha, encoding, published))
    if not articles:
        raise ArticleError("empty", f"{name} has no lines with articles.")
    return articles
