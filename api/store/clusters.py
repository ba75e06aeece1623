"""Quote reuse groups in the SQLite store (issue 7): placement, regrouping, reads.

The grouping decisions are :mod:`api.reuse`'s; this module only feeds it candidates from
the ``reuse_terms`` token index (blocked by speaker) and keeps ``clusters`` /
``quote_clusters`` up to date. Functions take the connection of the caller's transaction.
"""

from __future__ import annotations

import gc
import sqlite3

import msgspec

from api.reuse import (
    DEFAULT_CONFIG,
    Candidate,
    Drift,
    Features,
    Item,
    VERBATIM_BLOCK,
    Placement,
    ReuseConfig,
    ReuseIndex,
    choose,
    credit_for,
    day_number,
    drift,
    features,
    placement_order,
    shortlist,
    verbatim_candidates,
)

from .base import StoredQuote
from .rows import QUOTE_COLUMNS, next_day, quote_from_row


class Appearance(StoredQuote, frozen=True, kw_only=True):
    """One appearance of a statement: the quote (the one shape) plus how its wording
    drifted from the first appearance and whom it credits (None: no credit)."""

    drift: Drift
    credit: str | None


class Cluster(msgspec.Struct, frozen=True):
    """A statement and every appearance, first seen first (earliest date, then ingestion)."""

    cluster: int
    speaker_id: str
    size: int
    outlets: list[str]
    first_published: str | None
    last_published: str | None
    first_seen: Appearance
    appearances: list[Appearance]


class ClusterSummary(msgspec.Struct, frozen=True):
    cluster: int
    speaker_id: str
    size: int
    first_published: str | None
    last_published: str | None
    first_seen: StoredQuote


class ClusterFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Clusters of these speakers with an appearance in [since, until] (ISO days, inclusive)."""

    speaker_ids: list[str] | None = None
    since: str | None = None
    until: str | None = None
    min_size: int = 1


class RebuildStats(msgspec.Struct, frozen=True):
    quotes: int
    clusters: int
    reused: int  # clusters with more than one appearance


# --- writes ---------------------------------------------------------------------------
def _candidates(conn: sqlite3.Connection, ids: list[int]) -> list[Candidate]:
    if not ids:
        return []
    rows = conn.execute(
        "SELECT qc.quote_id, qc.cluster_id, q.article_id, q.published_at, qc.stems, qc.speaker_id"
        " FROM quote_clusters qc JOIN quotes q ON q.id = qc.quote_id"
        f" WHERE qc.quote_id IN ({', '.join('?' * len(ids))})", ids).fetchall()
    by_id = {r[0]: Candidate(quote_id=r[0], cluster_id=r[1], article_id=r[2], day=day_number(r[3]),
                             features=Features.from_stems(r[4].split()), speaker_id=r[5]) for r in rows}
    return [by_id[q] for q in ids if q in by_id]


def _record(conn: sqlite3.Connection, item: Item, feats: Features, placement: Placement) -> None:
    conn.execute(
        "INSERT INTO quote_clusters (quote_id, cluster_id, speaker_id, stems, matched, score)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (item.quote_id, placement.cluster_id, item.speaker_id, " ".join(feats.stems),
         placement.matched, placement.score))
    if item.recruits:
        conn.executemany("INSERT OR IGNORE INTO reuse_terms (speaker_id, term, quote_id) VALUES (?, ?, ?)",
                         _term_rows(item, feats))
    published = item.published_at or ""
    # a quote brought back (issue 9) may find its own id still naming its old group: rejoin it
    if placement.matched is None and not conn.execute(
            "SELECT 1 FROM clusters WHERE id = ?", (placement.cluster_id,)).fetchone():
        conn.execute("INSERT INTO clusters (id, speaker_id, size, first_published, last_published)"
                     " VALUES (?, ?, 1, ?, ?)", (placement.cluster_id, item.speaker_id, published, published))
    else:
        conn.execute(
            "UPDATE clusters SET size = size + 1,"
            " first_published = CASE WHEN first_published = '' OR (? != '' AND ? < first_published)"
            "   THEN ? ELSE first_published END,"
            " last_published = CASE WHEN ? > last_published THEN ? ELSE last_published END"
            " WHERE id = ?",
            (published, published, published, published, published, placement.cluster_id))


def _term_rows(item: Item, feats: Features) -> list[tuple[str, str, int]]:
    rows = [(item.speaker_id, t, item.quote_id) for t in sorted(feats.terms)]
    if feats.signature is not None:
        rows.append((VERBATIM_BLOCK, feats.signature, item.quote_id))
    return rows


def _postings(conn: sqlite3.Connection, speaker_id: str, term: str, limit: int) -> list[int]:
    return [q for (q,) in conn.execute(
        "SELECT quote_id FROM reuse_terms WHERE speaker_id = ? AND term = ? ORDER BY quote_id DESC LIMIT ?",
        (speaker_id, term, limit))]


def place_quote(conn: sqlite3.Connection, item: Item, config: ReuseConfig = DEFAULT_CONFIG) -> Placement:
    """Place one just-inserted quote (inside the caller's write transaction)."""
    feats = features(item.text)
    postings = [_postings(conn, item.speaker_id, term, config.postings_per_term) for term in sorted(feats.terms)]
    ids = shortlist(postings, len(feats.terms), config)
    placement = choose(item, feats, _candidates(conn, ids), config)
    if placement.matched is None and feats.signature is not None:
        same = _postings(conn, VERBATIM_BLOCK, feats.signature, config.postings_per_term)
        placement = choose(item, feats, verbatim_candidates(item, _candidates(conn, sorted(same))), config)
    _record(conn, item, feats, placement)
    return placement


def place_article(conn: sqlite3.Connection, items: list[Item],
                  config: ReuseConfig = DEFAULT_CONFIG) -> list[Placement]:
    """Place the just-inserted quotes of one article, in :func:`api.reuse.placement_order`."""
    return [place_quote(conn, item, config) for item in sorted(items, key=placement_order)]


def remove_quotes(conn: sqlite3.Connection, quote_ids: list[int]) -> None:
    """Take quotes out of their groups (a takedown, a rejection, a changed speaker or span):
    sizes and dates are recounted from the members left; an empty group goes."""
    for qid in quote_ids:
        row = conn.execute("SELECT cluster_id, speaker_id FROM quote_clusters WHERE quote_id = ?", (qid,)).fetchone()
        if row is None:
            continue
        cid, sid = row
        conn.execute("DELETE FROM quote_clusters WHERE quote_id = ?", (qid,))
        conn.execute("DELETE FROM reuse_terms WHERE speaker_id IN (?, ?) AND quote_id = ?", (sid, VERBATIM_BLOCK, qid))
        size, first, last = conn.execute(
            "SELECT count(*), coalesce(min(nullif(q.published_at, '')), ''), coalesce(max(q.published_at), '')"
            " FROM quote_clusters qc JOIN quotes q ON q.id = qc.quote_id WHERE qc.cluster_id = ?", (cid,)).fetchone()
        if size:
            conn.execute("UPDATE clusters SET size = ?, first_published = ?, last_published = ? WHERE id = ?",
                         (size, first, last, cid))
        else:
            conn.execute("DELETE FROM clusters WHERE id = ?", (cid,))


def rebuild(conn: sqlite3.Connection, config: ReuseConfig = DEFAULT_CONFIG) -> RebuildStats:
    """Regroup every stored quote from scratch, in ingestion (id) order, in one transaction.

    Uses :class:`api.reuse.ReuseIndex` in memory (the same decisions as :func:`place_quote`),
    then writes the tables in bulk.
    """
    index = ReuseIndex(config)
    # Many small objects are made and all are kept to the end: the cyclic garbage collector
    # would only walk them over and over (about 40% of the time); none form cycles.
    collecting = gc.isenabled()
    gc.disable()
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute(
            "SELECT id, speaker_id, article_id, text, published_at, kind FROM quotes ORDER BY id").fetchall()
        conn.execute("DELETE FROM reuse_terms")
        conn.execute("DELETE FROM quote_clusters")
        conn.execute("DELETE FROM clusters")
        qc_rows, term_rows = [], []
        clusters: dict[int, list] = {}
        items = sorted((Item(quote_id=qid, speaker_id=sid, article_id=aid, text=text, published_at=published,
                             kind=kind) for qid, sid, aid, text, published, kind in rows), key=placement_order)
        for item in items:
            qid, sid, published = item.quote_id, item.speaker_id, item.published_at
            text = item.text
            feats = features(text)
            p = index.place(item, feats)
            qc_rows.append((qid, p.cluster_id, sid, " ".join(feats.stems), p.matched, p.score))
            if item.recruits:
                term_rows.extend(_term_rows(item, feats))
            c = clusters.setdefault(p.cluster_id, [sid, 0, "", ""])
            c[1] += 1
            if published and (not c[2] or published < c[2]):
                c[2] = published
            if published > c[3]:
                c[3] = published
        conn.executemany("INSERT INTO quote_clusters (quote_id, cluster_id, speaker_id, stems, matched, score)"
                         " VALUES (?, ?, ?, ?, ?, ?)", qc_rows)
        conn.executemany("INSERT INTO reuse_terms (speaker_id, term, quote_id) VALUES (?, ?, ?)", term_rows)
        conn.executemany("INSERT INTO clusters (id, speaker_id, size, first_published, last_published)"
                         " VALUES (?, ?, ?, ?, ?)", [(cid, *c) for cid, c in clusters.items()])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        if collecting:
            gc.enable()
    return RebuildStats(quotes=len(rows), clusters=len(clusters),
                        reused=sum(1 for c in clusters.values() if c[1] > 1))


def assignments(conn: sqlite3.Connection) -> dict[int, int]:
    """quote id → cluster id of every placed quote."""
    return dict(conn.execute("SELECT quote_id, cluster_id FROM quote_clusters").fetchall())


# --- reads ----------------------------------------------------------------------------
def cluster_of(conn: sqlite3.Connection, quote_id: int) -> int | None:
    row = conn.execute("SELECT cluster_id FROM quote_clusters WHERE quote_id = ?", (quote_id,)).fetchone()
    return row[0] if row else None


_FIRST_ORDER = "ORDER BY q.published_at = '', q.published_at, q.id"


def get_cluster(conn: sqlite3.Connection, cluster_id: int) -> Cluster | None:
    head = conn.execute("SELECT speaker_id, size, first_published, last_published FROM clusters WHERE id = ?",
                        (cluster_id,)).fetchone()
    if head is None:
        return None
    rows = conn.execute(
        f"SELECT {QUOTE_COLUMNS}, a.credit,"
        " CASE WHEN q.source IS NULL AND a.credit IS NULL THEN a.text END"
        " FROM quote_clusters qc JOIN quotes q ON q.id = qc.quote_id JOIN articles a ON a.id = q.article_id"
        f" WHERE qc.cluster_id = ? {_FIRST_ORDER}", (cluster_id,)).fetchall()
    quotes = [(quote_from_row(r[:-2]), r[-2], r[-1]) for r in rows]
    first_text = quotes[0][0].text
    appearances = [
        Appearance(**{f: getattr(q, f) for f in q.__struct_fields__},
                   drift=drift(first_text, q.text),
                   credit=credit_for(source=q.source, article_credit=credit, article_text=text))
        for q, credit, text in quotes
    ]
    outlets = list(dict.fromkeys(a.article.outlet for a in appearances if a.article.outlet))
    return Cluster(cluster=cluster_id, speaker_id=head[0], size=len(appearances), outlets=outlets,
                   first_published=head[2] or None, last_published=head[3] or None,
                   first_seen=appearances[0], appearances=appearances)


def list_clusters(conn: sqlite3.Connection, filters: ClusterFilter, *, limit: int,
                  after: tuple[str, int] | None) -> tuple[list[ClusterSummary], tuple[str, int] | None]:
    """Clusters newest first (last appearance, then id); ``after`` is the previous page's last key."""
    where, params = ["c.size >= ?"], [filters.min_size]
    if filters.speaker_ids is not None:
        if not filters.speaker_ids:
            return [], None
        where.append(f"c.speaker_id IN ({', '.join('?' * len(filters.speaker_ids))})")
        params.extend(filters.speaker_ids)
    if filters.since:
        where.append("c.last_published >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("c.first_published != '' AND c.first_published < ?")
        params.append(next_day(filters.until))
    if after is not None:
        where.append("(c.last_published < ? OR (c.last_published = ? AND c.id < ?))")
        params.extend([after[0], after[0], after[1]])
    rows = conn.execute(
        "SELECT c.id, c.speaker_id, c.size, c.first_published, c.last_published FROM clusters c"
        f" WHERE {' AND '.join(where)} ORDER BY c.last_published DESC, c.id DESC LIMIT ?",
        [*params, limit + 1]).fetchall()
    items = []
    for cid, sid, size, first, last in rows[:limit]:
        qrow = conn.execute(
            f"SELECT {QUOTE_COLUMNS} FROM quote_clusters qc JOIN quotes q ON q.id = qc.quote_id"
            f" JOIN articles a ON a.id = q.article_id WHERE qc.cluster_id = ? {_FIRST_ORDER} LIMIT 1",
            (cid,)).fetchone()
        items.append(ClusterSummary(cluster=cid, speaker_id=sid, size=size, first_published=first or None,
                                    last_published=last or None, first_seen=quote_from_row(qrow)))
    nxt = (rows[limit - 1][4], rows[limit - 1][0]) if len(rows) > limit else None
    return items, nxt


__all__ = [
    "Appearance", "Cluster", "ClusterFilter", "ClusterSummary", "RebuildStats", "assignments",
    "cluster_of", "get_cluster", "list_clusters", "place_article", "place_quote", "rebuild",
    "remove_quotes",
]
