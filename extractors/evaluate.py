"""Scoring extracted quotes against gold, by the rule GUIDELINES.md states.

A prediction matches a gold quote of the same document when their shared normalised
words cover at least 60 % of the gold quote and 50 % of the prediction; each gold quote
takes at most one prediction, best overlap first. Optional gold quotes are neither owed
nor counted against. End to end, a match also needs the right speaker: the predicted
name is one of the gold speaker's names or, for a person, contains one.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import msgspec

from .normalize import normalize_key

GOLD_SHARE = 0.6
PRED_SHARE = 0.5


class PRF(msgspec.Struct, kw_only=True):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Scores(msgspec.Struct, kw_only=True):
    detection: PRF
    e2e: PRF
    errors: list[str]


class GoldSpeaker(msgspec.Struct):
    name: str
    names: list[str] = []
    type: str = "person"
    descriptions: list[str] = []


def words(text: str) -> set[str]:
    """Normalised content words; a leading و/ف clitic is not content."""
    return {w[1:] if len(w) > 3 and w[0] in "وف" else w for w in normalize_key(text).split()}


def speaker_matches(predicted: str, gold: GoldSpeaker) -> bool:
    said = normalize_key(predicted)
    if not said:
        return False
    accepted = {normalize_key(n) for n in [gold.name, *gold.names] if n}
    if said in accepted:
        return True
    return gold.type == "person" and any(f" {a} " in f" {said} " for a in accepted)


def score(gold: list[dict], predicted: list[dict], speakers: dict[str, GoldSpeaker]) -> Scores:
    detection, e2e, errors = PRF(), PRF(), []
    by_doc_gold, by_doc_pred = defaultdict(list), defaultdict(list)
    for row in gold:
        by_doc_gold[Path(row["doc"]).name].append(row)
    for row in predicted:
        by_doc_pred[Path(str(row.get("doc", ""))).name].append(row)
    for doc in sorted(by_doc_gold.keys() | by_doc_pred.keys()):
        golds, preds = by_doc_gold[doc], by_doc_pred[doc]
        pairs = _aligned(golds, preds)
        for i, row in enumerate(golds):
            if row.get("optional"):
                continue
            if i not in pairs:
                detection.fn += 1
                e2e.fn += 1
                errors.append(f"MISS  {doc} [{row['speaker']}] {row['text'][:80]}")
                continue
            detection.tp += 1
            name = _speaker_name(preds[pairs[i]])
            if speaker_matches(name, speakers[row["speaker"]]):
                e2e.tp += 1
            else:
                e2e.fp += 1
                e2e.fn += 1
                errors.append(f"WHO   {doc} [{row['speaker']} != {name}] {row['text'][:80]}")
        matched = set(pairs.values())
        for j, row in enumerate(preds):
            if j not in matched:
                detection.fp += 1
                e2e.fp += 1
                errors.append(f"EXTRA {doc} [{_speaker_name(row)}] {str(row.get('text', ''))[:80]}")
    return Scores(detection=detection, e2e=e2e, errors=errors)


def _aligned(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """gold index → prediction index, best overlap first; matches of optional gold
    quotes are kept out of the counts by the caller but still consume the prediction."""
    gold_words = [words(g["text"]) for g in golds]
    pred_words = [words(str(p.get("text", ""))) for p in preds]
    pairs = []
    for i, g in enumerate(gold_words):
        for j, p in enumerate(pred_words):
            shared = len(g & p)
            if g and p and shared / len(g) >= GOLD_SHARE and shared / len(p) >= PRED_SHARE:
                pairs.append((shared / len(g) + shared / len(p), i, j))
    taken_gold: dict[int, int] = {}
    taken_pred: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in taken_gold and j not in taken_pred:
            taken_gold[i] = j
            taken_pred.add(j)
    return taken_gold


def _speaker_name(row: dict) -> str:
    speaker = row.get("speaker")
    return (speaker.get("name") or "") if isinstance(speaker, dict) else str(speaker or "")


def load_speakers(data: bytes) -> dict[str, GoldSpeaker]:
    return msgspec.json.decode(data, type=dict[str, GoldSpeaker])
