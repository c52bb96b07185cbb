#!/usr/bin/env python3
"""Reference implementation of essaim content roots (docs/CONTENT.md, version 1).

Written from the text of docs/CONTENT.md alone, as an independent cross-check
of p2p/content. Standard library only.

    python3 scripts/contentref.py vectors             print the test-vector block
    python3 scripts/contentref.py check docs/CONTENT.md
                                                      exit 1 if the doc's block differs
    python3 scripts/contentref.py update docs/CONTENT.md
                                                      rewrite the doc's block in place
    python3 scripts/contentref.py root PATH [--chunk-log2 K]
                                                      content root of a file or folder
"""

import argparse
import hashlib
import os
import stat
import sys
import textwrap
import unicodedata

VERSION = 1
MIN_K, MAX_K = 14, 24
AUTO_MIN_K, AUTO_MAX_CHUNKS = 16, 4096
MAX_ENTRIES = 1 << 18
MAX_TOTAL = 1 << 44

TAG_LEAF, TAG_INNER, TAG_FILES, TAG_ROOT = b"\x00", b"\x01", b"\x02", b"\x03"
MAGIC = b"esmf"

BEGIN, END = "<!-- vectors:begin -->", "<!-- vectors:end -->"


def sha256(b):
    return hashlib.sha256(b).digest()


# ---------------------------------------------------------------- §1–2 the file list
#
# An entry is (path: str, size: int or None); size None means an empty folder.

BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def check_path(p):
    """Raise ValueError if path p breaks a rule of §2 (single-path rules)."""
    if not p or p.startswith("/"):
        raise ValueError(f"{p!r}: empty or absolute")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in p):  # undecodable bytes from os.listdir
        raise ValueError(f"{p!r}: not valid UTF-8")
    if len(p.encode("utf-8")) > 1024:
        raise ValueError(f"{p!r}: longer than 1024 bytes")
    parts = p.split("/")
    if len(parts) > 32:
        raise ValueError(f"{p!r}: more than 32 components")
    for c in parts:
        if c in ("", ".", ".."):
            raise ValueError(f"{p!r}: empty, '.' or '..' component")
        if len(c.encode("utf-8")) > 255:
            raise ValueError(f"{p!r}: component longer than 255 bytes")
    for ch in p:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o <= 0x9F:
            raise ValueError(f"{p!r}: control character")
        if ch == "\\":
            raise ValueError(f"{p!r}: backslash")
        if o in BIDI:
            raise ValueError(f"{p!r}: bidirectional formatting character")
    if fold(parts[0]).startswith(fold(".essaim")):
        raise ValueError(f"{p!r}: reserved name")


def fold(p):
    """NFC then (approximately) simple case folding, character by character.

    Python has no simple case folding; a one-character full folding is the
    simple one, otherwise lower() is used (close enough for a cross-check).
    """
    out = []
    for ch in unicodedata.normalize("NFC", p):
        f = ch.casefold()
        out.append(f if len(f) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(out)


def check_list(entries):
    """Raise ValueError if the list breaks a rule of §1–2."""
    if not 1 <= len(entries) <= MAX_ENTRIES:
        raise ValueError("between 1 and 2^18 entries required")
    for p, _ in entries:
        check_path(p)
    keys = [e[0].encode("utf-8") for e in entries]
    for a, b in zip(keys, keys[1:]):
        if not a < b:
            raise ValueError(f"not strictly increasing: {a!r}, {b!r}")
    folded = set()
    for p, _ in entries:
        f = fold(p)
        if f in folded:
            raise ValueError(f"{p!r}: same name as another after NFC and case folding")
        folded.add(f)
    paths = {p for p, _ in entries}
    for p, _ in entries:
        parts = p.split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in paths:
                raise ValueError(f"{p!r}: under another entry")
    if total_size(entries) > MAX_TOTAL:
        raise ValueError("total size above 2^44")
    if len(encode_file_list(entries)) > 16 << 20:
        raise ValueError("file list encodes to more than 16 MiB")


def total_size(entries):
    return sum(s for _, s in entries if s is not None)


def encode_file_list(entries):
    out = [len(entries).to_bytes(4, "big")]
    for p, size in entries:
        b = p.encode("utf-8")
        out.append(b"\x01" if size is None else b"\x00")
        out.append(len(b).to_bytes(2, "big"))
        out.append(b)
        if size is not None:
            out.append(size.to_bytes(8, "big"))
    return b"".join(out)


def file_list_hash(entries):
    return sha256(TAG_FILES + encode_file_list(entries))


# ---------------------------------------------------------------- §3 chunks


def auto_k(size):
    for k in range(AUTO_MIN_K, MAX_K + 1):
        if -(-size // (1 << k)) <= AUTO_MAX_CHUNKS:
            return k
    return MAX_K


def chunks(data, k):
    n = 1 << k
    return [data[i:i + n] for i in range(0, len(data), n)]


# ---------------------------------------------------------------- §4 hashes


def leaf_hash(chunk):
    return sha256(TAG_LEAF + chunk)


def mth(leaves):
    """RFC 9162-shaped Merkle tree hash, recursively as written in §4."""
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaves[0]
    m = 1
    while m * 2 < n:
        m *= 2
    return sha256(TAG_INNER + mth(leaves[:m]) + mth(leaves[m:]))


def content_root(k, data_root, flh):
    return sha256(TAG_ROOT + bytes([VERSION, k]) + data_root + flh)


class Work:
    """Everything §3–5 derive from a file list, its bytes and k."""

    def __init__(self, entries, data, k):
        check_list(entries)
        if not MIN_K <= k <= MAX_K:
            raise ValueError(f"k={k} outside [{MIN_K}, {MAX_K}]")
        if len(data) != total_size(entries):
            raise ValueError("data length differs from the list's total size")
        self.entries, self.k = entries, k
        self.leaves = [leaf_hash(c) for c in chunks(data, k)]
        self.file_list = encode_file_list(entries)
        self.file_list_hash = sha256(TAG_FILES + self.file_list)
        self.data_root = mth(self.leaves)
        self.root = content_root(k, self.data_root, self.file_list_hash)

    def manifest(self):
        return (MAGIC + bytes([VERSION, self.k]) + self.file_list
                + len(self.leaves).to_bytes(4, "big") + b"".join(self.leaves))


# ---------------------------------------------------------------- a work on disk


def scan(path):
    """File list of a regular file or a folder (§1), and a way to read it."""
    path = os.path.realpath(path)  # the path given is resolved first (§1)
    st = os.lstat(path)
    if stat.S_ISREG(st.st_mode):
        return [(os.path.basename(os.path.abspath(path)), st.st_size)], lambda p: path
    if not stat.S_ISDIR(st.st_mode):
        raise ValueError(f"{path}: not a regular file or folder")
    entries = []

    def walk(rel):
        full = os.path.join(path, *rel.split("/")) if rel else path
        names = os.listdir(full)
        if not names and rel:
            entries.append((rel, None))
        for name in names:
            r = f"{rel}/{name}" if rel else name
            st = os.lstat(os.path.join(full, name))
            if stat.S_ISDIR(st.st_mode):
                walk(r)
            elif stat.S_ISREG(st.st_mode):
                entries.append((r, st.st_size))
            else:
                raise ValueError(f"{r}: not a regular file or folder")

    walk("")
    entries.sort(key=lambda e: e[0].encode("utf-8", "surrogateescape"))
    return entries, lambda p: os.path.join(path, *p.split("/"))


def root_of(path, k=None):
    entries, where = scan(path)
    data = bytearray()
    for p, size in entries:
        if size is not None:
            with open(where(p), "rb") as f:
                b = f.read()
            if len(b) != size:
                raise ValueError(f"{p}: changed while reading")
            data += b
    return Work(entries, bytes(data), auto_k(len(data)) if k is None else k)


# ---------------------------------------------------------------- §6 test vectors
#
# A vector is (name, work, k, entries); work is "file" (the single entry is the
# work) or "folder"; k is an int, or None for the automatic rule; entries are
# (path, spec) in canonical order, spec being "text:S", "pattern:N" or "dir".


def pattern(n):
    return bytes((j * 7 + 3) % 251 for j in range(n))


def content(spec):
    kind, _, arg = spec.partition(":")
    if kind == "text":
        return arg.encode("utf-8")
    if kind == "pattern" and arg.isdigit():
        return pattern(int(arg))
    raise ValueError(f"bad content {spec!r}")


NESTED = [
    ("Z.txt", "text:upper case sorts first"),
    ("a-b", "text:0x2D sorts before /"),
    ("a/b", "pattern:20000"),
    ("a/c/empty.txt", "pattern:0"),
    ("a/c/none", "dir"),
    ("a0", "text:0x30 sorts after /"),
    ("e/f", "dir"),
    ("empty", "dir"),
    ("é.txt", "text:café"),
    ("日本/データ.bin", "pattern:5000"),
    ("ｚ", "text:U+FF5A sorts before U+1F600 in UTF-8"),
    ("😀", "text:emoji"),
]
SMALL_FILES = [
    ("f0", "pattern:5000"),
    ("f1", "pattern:7000"),
    ("f2", "pattern:0"),
    ("f3", "pattern:12000"),
    ("f4", "text:between chunks"),
    ("f5", "pattern:9000"),
]
SAME = [("x/1", "pattern:60000"), ("x/2", "pattern:40000")]

VECTORS = [
    ("empty-file", "file", 14, [("empty.bin", "pattern:0")]),
    ("one-byte", "file", 14, [("one.txt", "text:x")]),
    ("one-byte-k24", "file", 24, [("one.txt", "text:x")]),
    ("one-chunk", "file", 14, [("c.bin", "pattern:16384")]),
    ("one-chunk-plus-one", "file", 14, [("c.bin", "pattern:16385")]),
    ("three-chunks", "file", 14, [("c.bin", "pattern:40000")]),
    ("five-chunks", "file", 14, [("c.bin", "pattern:81820")]),
    ("seven-chunks", "file", 14, [("c.bin", "pattern:114688")]),
    ("nested", "folder", 14, NESTED),
    ("small-files", "folder", 14, SMALL_FILES),
    ("only-empty-folder", "folder", 14, [("x/y", "dir")]),
    ("same-k14", "folder", 14, SAME),
    ("same-k16", "folder", 16, SAME),
    ("auto-small", "file", None, [("hello.txt", "text:hello, world")]),
    ("auto-300k", "file", None, [("big.bin", "pattern:307200")]),
]
FILE_LIST_HEX = "nested"
MANIFEST_HEX = "one-byte"


def vector_work(work, k, entries):
    if work == "file" and (len(entries) != 1 or entries[0][1] == "dir"):
        raise ValueError("a file work is one file")
    lst, data = [], b""
    for p, spec in entries:
        if spec == "dir":
            lst.append((p, None))
        else:
            b = content(spec)
            lst.append((p, len(b)))
            data += b
    return Work(lst, data, auto_k(len(data)) if k is None else k)


def hex_lines(b, width=64):
    h = b.hex()
    return [h[i:i + width] for i in range(0, len(h), width)] or [""]


def vectors_block():
    works = {}
    rows = []
    for name, work, k, entries in VECTORS:
        w = vector_work(work, k, entries)
        works[name] = w
        for p, spec in entries:
            if any(c in p + spec for c in "|;`=") and spec != "dir":
                raise ValueError(f"{name}: reserved character in {p!r} or {spec!r}")
        ents = "; ".join(f"{p}/=dir" if s == "dir" else f"{p}={s}" for p, s in entries)
        kcol = str(k) if k is not None else f"auto:{w.k}"
        rows.append(f"| `{name}` | {work} | {kcol} | `{ents}` | {len(w.leaves)} "
                    f"| `{w.file_list_hash.hex()}` | `{w.data_root.hex()}` | `{w.root.hex()}` |")
    out = [
        "",
        "",
        *textwrap.wrap(
            "Contents: `text:S` is the UTF-8 bytes of S (which holds no `;`, `=`, "
            "`|` or backtick); `pattern:N` is N bytes, byte j (counted from 0 in "
            "each file) being (j·7 + 3) mod 251. `P/=dir` is an empty folder at "
            "path P. Entries are listed in file-list order. Work `file`: the work "
            "is that single file; `folder`: the work is a folder holding the "
            "entries. `k` is the chunk size exponent, given explicitly, or "
            "`auto:K` when the default rule of §3 chooses K. Hashes and "
            "encodings are hex.", width=78),
        "",
        "| name | work | k | entries | chunks | file-list hash | data root | content root |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"File-list encoding of `{FILE_LIST_HEX}`:",
        "",
        "```hex",
        *hex_lines(works[FILE_LIST_HEX].file_list),
        "```",
        "",
        f"Manifest encoding of `{MANIFEST_HEX}`:",
        "",
        "```hex",
        *hex_lines(works[MANIFEST_HEX].manifest()),
        "```",
        "",
    ]
    return "\n".join(out)


def split_doc(text):
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        raise SystemExit("markers missing or repeated")
    head, rest = text.split(BEGIN)
    block, tail = rest.split(END)
    return head, block, tail


def self_check():
    """Spec statements that are cheap to check here."""
    assert mth([]) == sha256(b"")
    assert [auto_k(s) for s in (1 << 20, 256 << 20, 1 << 30, 10 << 30, 64 << 30, 1 << 40)] \
        == [16, 16, 18, 22, 24, 24]
    a, b, c = (leaf_hash(bytes([i])) for i in range(3))
    # An odd node is carried up unchanged, and repeating the last leaf changes the root.
    assert mth([a, b, c]) == sha256(TAG_INNER + sha256(TAG_INNER + a + b) + c)
    assert mth([a, b, c]) != mth([a, b, c, c])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("vectors")
    sub.add_parser("check").add_argument("doc")
    sub.add_parser("update").add_argument("doc")
    r = sub.add_parser("root")
    r.add_argument("path")
    r.add_argument("--chunk-log2", type=int)
    r.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    self_check()

    if args.cmd == "vectors":
        sys.stdout.write(vectors_block())
    elif args.cmd in ("check", "update"):
        with open(args.doc, encoding="utf-8") as f:
            text = f.read()
        head, block, tail = split_doc(text)
        want = vectors_block()
        if args.cmd == "update":
            with open(args.doc, "w", encoding="utf-8") as f:
                f.write(head + BEGIN + want + END + tail)
        elif block != want:
            sys.stderr.write(f"{args.doc}: test vectors differ from "
                             f"`python3 scripts/contentref.py vectors`\n")
            sys.exit(1)
    elif args.cmd == "root":
        try:
            w = root_of(args.path, args.chunk_log2)
        except (OSError, ValueError) as e:
            sys.exit(f"contentref: {e}")
        if args.verbose:
            print(f"k {w.k}, {len(w.entries)} entries, {len(w.leaves)} chunks")
            print(f"file-list hash {w.file_list_hash.hex()}")
            print(f"data root      {w.data_root.hex()}")
        print(w.root.hex())


if __name__ == "__main__":
    main()
