"""Reading article folders: file kinds, encodings, dates, and every kind of bad input."""
from __future__ import annotations

import codecs
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkextract.errors import ArticleError, InputError
from nkextract.batch.readers import (Article, Entry, Failure, decode, find_entries, read_entry, read_metadata,
                               read_metadata_file)

STORY = "Exports rose 5% to $3 million in March, the trade ministry said on Tuesday."
HTML_PAGE = f"""<html><head><title>Trade</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Exports rise</h1><p>{STORY}</p>
<p>Imports fell 2% to $1.5 million over the same period, according to the figures.</p></article>
<footer>Copyright 2020 Example News</footer></body></html>"""


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def read(folder, name, **kwargs):
    return read_entry(Entry(name, folder / name), **kwargs)


def kind_of(folder, name, **kwargs):
    with pytest.raises(ArticleError) as caught:
        read(folder, name, **kwargs)
    return caught.value.kind


# -- encodings ------------------------------------------------------------------------
TEXT = "Le caf\u00e9 exporte 5 % de plus, \u00e0 3 millions de francs, said the r\u00e9sum\u00e9."


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (TEXT.encode("utf-16"), "utf-16 (BOM)"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16 (BOM)"),
        (TEXT.encode("cp1252"), "cp1252 (detected)"),
        (TEXT.encode("latin-1"), "cp1252 (detected)"),
    ],
)
def test_decode_records_what_was_done(data, encoding):
    assert decode(data, "x.txt") == (TEXT, encoding)


def test_cp1252_punctuation_is_decoded(tmp_path):
    text = "Profit rose \u20ac5 million \u2014 the bank\u2019s \u201cbest\u201d year."
    write(tmp_path, "a.txt", text.encode("cp1252"))
    [article] = read(tmp_path, "a.txt")
    assert (article.text, article.encoding) == (text, "cp1252 (detected)")


def test_utf16_bom_file(tmp_path):
    write(tmp_path, "a.txt", STORY.encode("utf-16"))
    [article] = read(tmp_path, "a.txt")
    assert (article.text, article.encoding) == (STORY, "utf-16 (BOM)")


def test_invalid_utf8(tmp_path):
    # valid multi-byte UTF-8 beside invalid bytes: damaged UTF-8, not a legacy encoding
    write(tmp_path, "a.txt", "Caf\u00e9 exports rose 5%".encode("utf-8") + b" \xff\xfe\x80 more text")
    assert kind_of(tmp_path, "a.txt") == "encoding"


def test_binary_renamed_txt(tmp_path):
    write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert kind_of(tmp_path, "picture.txt") == "binary"


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_decode_never_fails_otherwise(data):
    try:
        text, encoding = decode(data, "x.txt")
    except ArticleError as err:
        assert err.kind in {"binary", "encoding"}
    else:
        assert isinstance(text, str) and encoding


# -- sizes ----------------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path, data):
    write(tmp_path, "a.txt", data)
    assert kind_of(tmp_path, "a.txt") == "empty"


def test_50mb_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk and is never read
    with pytest.raises(ArticleError) as caught:
        read(tmp_path, "huge.txt")
    assert caught.value.kind == "too_large"
    assert "52,428,800" in caught.value.message


def test_size_limit_is_an_option(tmp_path):
    write(tmp_path, "a.txt", STORY)
    assert kind_of(tmp_path, "a.txt", max_bytes=10) == "too_large"
    assert read(tmp_path, "a.txt", max_bytes=len(STORY))[0].text == STORY


# -- file kinds ------------------------------------------------------------------------
def test_html_article_text_without_boilerplate(tmp_path):
    write(tmp_path, "page.html", HTML_PAGE)
    [article] = read(tmp_path, "page.html")
    assert STORY in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


@pytest.mark.parametrize("page", [
    "<html><head><script>var x = 1;</script></head><body></body></html>",
    "<html><body><style>p {color: red}</style><div>   </div></body></html>",
])
def test_html_with_no_article(tmp_path, page):
    write(tmp_path, "page.htm", page)
    assert kind_of(tmp_path, "page.htm") == "no_text"


@pytest.mark.parametrize("field", ["text", "body", "content"])
def test_json_text_fields(tmp_path, field):
    write(tmp_path, "a.json", json.dumps({field: STORY, "date": "2020-03-04"}))
    [article] = read(tmp_path, "a.json")
    assert (article.text, article.published) == (STORY, "2020-03-04")


def test_json_headline_comes_first(tmp_path):
    write(tmp_path, "a.json", json.dumps({"headline": "Exports up", "body": STORY, "published": "2020-03-04"}))
    [article] = read(tmp_path, "a.json")
    assert article.text == f"Exports up\n\n{STORY}"


@pytest.mark.parametrize("record,kind", [
    ({"title": "Exports up", "url": "http://x"}, "no_text"),
    ([{"text": STORY}], "no_text"),
    ({"text": "   "}, "empty"),
])
def test_json_without_text_field(tmp_path, record, kind):
    write(tmp_path, "a.json", json.dumps(record))
    assert kind_of(tmp_path, "a.json") == kind


def test_invalid_json(tmp_path):
    write(tmp_path, "a.json", '{"text": "unfinished')
    assert kind_of(tmp_path, "a.json") == "invalid_json"


def test_jsonl_one_article_per_line(tmp_path):
    lines = [json.dumps({"text": STORY, "published": "2020-01-02"}), "", "not json",
             json.dumps({"body": "Imports fell 2%."}), json.dumps({"url": "x"})]
    write(tmp_path, "wire.jsonl", "\n".join(lines))
    found = read(tmp_path, "wire.jsonl", metadata={"wire.jsonl#4": "2021-05-06"})
    assert [(type(f).__name__, f.name) for f in found] == [
        ("Article", "wire.jsonl#1"), ("Failure", "wire.jsonl#3"),
        ("Article", "wire.jsonl#4"), ("Failure", "wire.jsonl#5")]
    assert found[0].published == "2020-01-02" and found[2].published == "2021-05-06"
    assert [f.kind for f in found if isinstance(f, Failure)] == ["invalid_json", "no_text"]
    assert found[0].sha256 != found[2].sha256


# -- the folder -------------------------------------------------------------------------
def test_entries_recursive_sorted_and_metadata_left_out(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/b/c.html", "notes.md", "metadata.csv"]:
        write(tmp_path, name, STORY)
    names = [e.name for e in find_entries(tmp_path)]
    assert names == ["a/b/c.html", "a/z.txt", "b.txt", "notes.md"]
    assert [e.is_article for e in find_entries(tmp_path)] == [True, True, True, False]


def test_missing_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(find_entries(tmp_path / "nowhere"))


def test_symlink_loop_between_files(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    entries = list(find_entries(tmp_path))
    assert [(e.name, e.problem.kind) for e in entries] == [("a.txt", "symlink_loop"), ("b.txt", "symlink_loop")]
    with pytest.raises(ArticleError):
        read_entry(entries[0])


def test_symlink_loop_between_folders_is_walked_once(tmp_path):
    write(tmp_path, "sub/a.txt", STORY)
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "link").symlink_to(tmp_path / "sub", target_is_directory=True)
    entries = {e.name: e.problem and e.problem.kind for e in find_entries(tmp_path)}
    assert entries == {"link/a.txt": None, "link/back": "symlink_loop",
                       "sub/a.txt": None, "sub/back": "symlink_loop"}


def test_dangling_symlink(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "never.txt")
    [entry] = find_entries(tmp_path)
    assert entry.problem.kind == "missing"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root reading; see the simulated test")
def test_unreadable_file_permissions(tmp_path):
    path = write(tmp_path, "a.txt", STORY)
    path.chmod(0)
    assert kind_of(tmp_path, "a.txt") == "unreadable"


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    import nkextract.batch.readers as readers

    write(tmp_path, "a.txt", STORY)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", denied, raising=False)  # shadows the builtin there
    assert kind_of(tmp_path, "a.txt") == "unreadable"


def test_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    assert kind_of(tmp_path, "pipe.txt") == "unreadable"


def test_file_deleted_after_listing(tmp_path):
    write(tmp_path, "a.txt", STORY)
    [entry] = find_entries(tmp_path)
    (tmp_path / "a.txt").unlink()
    with pytest.raises(ArticleError) as caught:
        read_entry(entry)
    assert caught.value.kind == "missing"


# -- metadata -----------------------------------------------------------------------------
def test_metadata_dates(tmp_path):
    write(tmp_path, "metadata.csv", "file,published,source\nsub/a.txt,2020-12-27,Reuters\n./b.json,2019-01-02,AP\n")
    write(tmp_path, "sub/a.txt", STORY)
    write(tmp_path, "b.json", json.dumps({"text": STORY, "published": "1999-09-09"}))
    dates = read_metadata(tmp_path)
    assert dates == {"sub/a.txt": "2020-12-27", "b.json": "2019-01-02"}
    assert read(tmp_path, "sub/a.txt", metadata=dates)[0].published == "2020-12-27"
    assert read(tmp_path, "b.json", metadata=dates)[0].published == "2019-01-02"  # metadata wins


def test_metadata_date_column_and_timestamps(tmp_path):
    write(tmp_path, "metadata.csv", "file,newid,date\n1.txt,1,1987-02-26T15:01:01.790\n2.txt,2,March 1987\n")
    assert read_metadata(tmp_path) == {"1.txt": "1987-02-26", "2.txt": "March 1987"}


def test_metadata_without_columns(tmp_path, caplog):
    path = write(tmp_path, "metadata.csv", "name,when\na.txt,2020-01-01\n")
    with pytest.raises(InputError, match="file,published"):
        read_metadata_file(path)  # named with --metadata: the run cannot go on
    assert read_metadata(tmp_path) == {}  # found in the folder: warned about, then ignored
    assert "file,published" in caplog.text


def test_article_records_sha256(tmp_path):
    write(tmp_path, "a.txt", STORY)
    [article] = read(tmp_path, "a.txt")
    import hashlib

    assert isinstance(article, Article)
    assert article.sha256 == hashlib.sha256(STORY.encode()).hexdigest()
