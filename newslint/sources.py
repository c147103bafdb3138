"""Where a document comes from: the "source" that corpus rules group by.

A record's source is the host of its ``source``/``url`` field (``www.`` dropped),
or the field's value when it is not a URL (``reuters``); a text file's source is
its directory (a site's folder, often).
"""

from __future__ import annotations

import os


def host_of(value: str) -> str | None:
    """The host of a URL (without ``www.``), or the value itself (``reuters``)."""
    value = value.strip()
    if not value:
        return None
    scheme = value.find("://")
    if 0 < scheme <= 10:  # urlsplit costs microseconds, and this runs per record
        rest = value[scheme + 3 :]
        end = len(rest)
        for stop in "/?#":
            i = rest.find(stop, 0, end)
            if i >= 0:
                end = i
        host = rest[:end].rpartition("@")[2]
        host = host[: host.find("]") + 1] if host.startswith("[") else host.partition(":")[0]
        host = host.rstrip(".").lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    return value[:80]


def text_group(path: str) -> str:
    """The "source" of a plain text file: its directory (a site's folder, often)."""
    if path in ("-", "<stdin>"):
        return "<stdin>"
    parent = os.path.dirname(path)
    return (parent or ".") + os.sep


def source_of(doc_source: str | None, path: str | None) -> str:
    """The source of a document: its host, else its directory."""
    if doc_source:
        host = host_of(doc_source)
        if host:
            return host
    return text_group(path or "-")
