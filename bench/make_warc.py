#!/usr/bin/env python3
"""Builds a CC-NEWS-style WARC for benchmarks: one gzip member per record, a warcinfo record,
then for each page a request, a response and a metadata record, as Common Crawl writes them.

The pages are the article-extraction-benchmark dev pages and the CC-NEWS sample in ../shared,
repeated with distinct URIs and record ids until the file reaches --target-bytes (compressed).
The output is for local runs only (it holds third-party pages): write it under /tmp.

usage: bench/make_warc.py --out /tmp/cc-news-1g.warc.gz [--target-bytes 1000000000]
"""
import argparse
import glob
import gzip
import os
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")


def member(data: bytes) -> bytes:
    c = zlib.compressobj(1, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(kind: str, uri: str, content_type: str, block: bytes, n: int) -> bytes:
    rid = uuid.UUID(int=n)
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2019-11-20T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return member(head + block + b"\r\n\r\n")


def pages():
    for path in sorted(glob.glob(os.path.join(SHARED, "eval", "aeb_dev", "html", "*.html.gz"))):
        yield os.path.basename(path).split(".")[0], gzip.open(path).read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--target-bytes", type=int, default=1_000_000_000)
    args = ap.parse_args()
    sources = list(pages())
    if not sources:
        raise SystemExit(f"no pages under {SHARED}/eval/aeb_dev/html")
    written, n, round_no = 0, 0, 0
    with open(args.out, "wb") as out:
        info = b"software: newsframe bench/make_warc.py\r\nformat: WARC File Format 1.0\r\n"
        written += out.write(record("warcinfo", "", "application/warc-fields", info, 0))
        while written < args.target_bytes:
            round_no += 1
            for key, html in sources:
                n += 3
                uri = f"https://bench.example/{round_no}/{key}"
                request = f"GET /{round_no}/{key} HTTP/1.1\r\nHost: bench.example\r\n\r\n".encode()
                response = (
                    f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(html)}\r\n\r\n"
                ).encode() + html
                written += out.write(record("request", uri, "application/http; msgtype=request", request, n))
                written += out.write(record("response", uri, "application/http; msgtype=response", response, n + 1))
                written += out.write(record("metadata", uri, "application/warc-fields", b"fetchTimeMs: 100\r\n", n + 2))
                if written >= args.target_bytes:
                    break
    print(f"{args.out}: {written} bytes, {n // 3} pages")


if __name__ == "__main__":
    main()
