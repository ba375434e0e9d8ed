#!/usr/bin/env python3
"""Score predicted claims against gold claims (stdlib only).

Usage:
    score_claims.py GOLD.jsonl PRED_DIR [--docs CORPUS.jsonl] [--min-overlap 0.5] [--details]

GOLD holds one gold claim per line (tests/fixtures/claims/README.md):
  {"claim": "T1.1", "story": "T1", "members": [["doc", "exact quote"], ...],
   "origins": ["Name", ...], "contested": bool, "contested_by": [["doc", "quote"]],
   "laundered": bool, "laundered_in": ["doc", ...]}
Every quote must occur in its document's text; its first occurrence is its span.

PRED_DIR holds `sayso export --format jsonl` files named after the export:
  claims.jsonl        required (claims export, version 2 or 1)
  statements.jsonl    the members' spans (CONTRACT.md "statements")
  attributions.jsonl  fallback span of a q-id member: its content spans
  events.jsonl        fallback span of an e-id member: its sentence
  documents.jsonl     document texts, to find the gold quotes (else --docs)

Matching: a gold member matches the predicted claim member of its document
whose span overlaps it by at least --min-overlap of the shorter of the two,
the one with the largest overlap-over-union; each gold member matches at most
one predicted statement, several gold members may match the same one.

Metrics (over gold members only; predicted statements no gold member matches
are ignored):
  pairs      precision/recall/F1 of unordered member pairs in one claim; a
             gold pair is predicted when both members match statements of one
             predicted claim (members matching one statement count as joined)
  origins    on gold claims whose members are found together: the predicted
             claim holding most of them (2 or more) has `origins` ==
             len(gold origins)
  contested  per gold claim: predicted true when any predicted claim holding a
             statement that overlaps one of its members is contested;
             contested_by recall = gold (claim, denying member) links found
             in those claims' contested_by
  laundered  per gold claim, as contested; laundered_in recall/precision over
             (gold claim, document) pairs (a claim without `laundered_in`
             names the documents of its own-voice members when laundered)

Last line: claims_pair_f1=0.xxx origins_acc=0.xxx contested_f1=0.xxx laundered_f1=0.xxx
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict


def read_jsonl(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    sys.exit(f"{path}:{number}: not a JSON line")
    except OSError as exc:
        sys.exit(f"{path}: cannot read it ({exc.strerror})")
    return rows


def optional_rows(pred_dir, name):
    path = os.path.join(pred_dir, name + ".jsonl")
    return read_jsonl(path) if os.path.isfile(path) else []


def document_texts(pred_dir, docs):
    rows = optional_rows(pred_dir, "documents") or (read_jsonl(docs) if docs else [])
    return {str(r["id"]): r.get("text") or "" for r in rows if "id" in r}


def locate(texts, doc, quote):
    """The gold member's span: the first occurrence of its quote in its document."""
    if doc not in texts:
        raise ValueError(f"gold document {doc!r} is not among the predicted documents "
                         "(PRED_DIR/documents.jsonl or --docs)")
    start = texts[doc].find(quote)
    if start < 0:
        raise ValueError(f"gold quote not in document {doc!r}: {quote[:60]!r}")
    return (start, start + len(quote))


def gold_members(gold, texts):
    """{(doc, span): gold claim id}, members listed twice keep their first claim."""
    members = {}
    for claim in gold:
        for doc, quote in claim["members"]:
            members.setdefault((doc, locate(texts, doc, quote)), claim["claim"])
    return members


def statement_spans(pred_dir):
    """{(doc, statement id): [spans]} from statements, else attributions and events."""
    spans = {}
    for r in optional_rows(pred_dir, "events"):
        if r.get("sentence"):
            spans[(r["document"], r["id"])] = [tuple(r["sentence"])]
    for r in optional_rows(pred_dir, "attributions"):
        content = r.get("content") or {}
        spans[(r["document"], r["id"])] = [tuple(s) for s in content.get("spans") or []]
    for r in optional_rows(pred_dir, "statements"):
        spans[(r["document"], r["id"])] = [tuple(r["span"])]
    return spans


def predicted_statements(claims, spans):
    """[(doc, spans, claim index)] for every predicted claim member with a span."""
    out = []
    for index, claim in enumerate(claims):
        for doc, sid in claim.get("members") or []:
            if spans.get((doc, sid)):
                out.append((doc, spans[(doc, sid)], index, sid))
    return out


def overlap(span, spans):
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)


def overlapping(member, by_doc, min_overlap):
    """[(overlap over union, statement)] of predicted statements matching a gold member."""
    doc, span = member
    found = []
    for statement in by_doc.get(doc, ()):
        spans = statement[1]
        if covers(spans, member, min_overlap):
            inter, size = overlap(span, spans), sum(e - s for s, e in spans)
            found.append((inter / (size + span[1] - span[0] - inter), statement))
    return found


def pairs(labels):
    groups = defaultdict(list)
    for member, label in labels.items():
        groups[label].append(member)
    out = set()
    for ms in groups.values():
        ms = sorted(ms)
        out.update((ms[i], ms[j]) for i in range(len(ms)) for j in range(i + 1, len(ms)))
    return out


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def flag_scores(gold, touched, claims, flag):
    """(tp, fp, fn) of a boolean claim flag, per gold claim."""
    tp = fp = fn = 0
    for claim in gold:
        predicted = any(claims[i].get(flag) for i in touched[claim["claim"]])
        tp += predicted and bool(claim.get(flag))
        fp += predicted and not claim.get(flag)
        fn += not predicted and bool(claim.get(flag))
    return tp, fp, fn


def laundered_docs(claim):
    if "laundered_in" in claim:
        return set(claim["laundered_in"] or [])
    if not claim.get("laundered"):
        return set()
    return {doc for doc, sid in claim.get("members") or [] if not str(sid).startswith("q")}


def covers(spans, member, min_overlap):
    """Whether predicted spans overlap a gold member's span enough to match it."""
    span = member[1]
    inter = overlap(span, spans)
    shorter = min(sum(e - s for s, e in spans), span[1] - span[0]) or 1
    return inter > 0 and inter >= min_overlap * shorter


def contested_by_found(gold, touched, claims, texts, spans, min_overlap):
    """(links found, gold links): a gold denying member named in contested_by."""
    found = total = 0
    for claim in gold:
        named = [(d, sid) for i in touched[claim["claim"]]
                 for d, sid in claims[i].get("contested_by") or []]
        for doc, quote in claim.get("contested_by") or []:
            total += 1
            member = (doc, locate(texts, doc, quote))
            found += any(d == doc and covers(spans.get((d, sid)) or [], member, min_overlap)
                         for d, sid in named)
    return found, total


def by_document(statements):
    """{document: [(doc, spans, claim index, statement id)]}."""
    by_doc = defaultdict(list)
    for statement in statements:
        by_doc[statement[0]].append(statement)
    return by_doc


def match_members(members, by_doc, min_overlap):
    """({gold member: best predicted statement}, {gold claim: predicted claims touched})."""
    matched, touched = {}, defaultdict(set)
    for member, gold_claim in members.items():
        found = overlapping(member, by_doc, min_overlap)
        touched[gold_claim].update(s[2] for _, s in found)
        if found:
            matched[member] = max(found, key=lambda f: (f[0], -f[1][2]))[1]
    return matched, touched


def pair_counts(members, matched):
    """(gold pairs, predicted pairs, correct) over the gold members."""
    pred_labels = {m: ("pred", s[2]) for m, s in matched.items()}
    for m in members:
        pred_labels.setdefault(m, ("single", m))
    gp, pp = pairs(members), pairs(pred_labels)
    return len(gp), len(pp), len(gp & pp)


def main_claim(claim, members, matched):
    """The predicted claim holding most of a gold claim's members, if it holds 2+."""
    held = Counter(s[2] for m, s in matched.items() if members[m] == claim["claim"])
    best = min(held.items(), key=lambda kv: (-kv[1], kv[0]), default=(None, 0))
    return best[0] if best[1] >= 2 else None


def origin_counts(gold, claims, members, matched):
    """(gold claims scored, whose predicted origins count is right)."""
    best = [(c, main_claim(c, members, matched)) for c in gold]
    scored = [(c, i) for c, i in best if i is not None]
    hits = sum(claims[i].get("origins") == len(c.get("origins") or []) for c, i in scored)
    return len(scored), hits


def laundered_in_scores(gold, touched, claims):
    gold_li = {(c["claim"], d) for c in gold for d in c.get("laundered_in") or []}
    pred_li = {(c["claim"], d) for c in gold for i in touched[c["claim"]]
               for d in laundered_docs(claims[i])}
    return prf(len(gold_li & pred_li), len(pred_li), len(gold_li))


def all_statements(spans):
    """Every predicted statement with a span, claimed or not (claim index None)."""
    return by_document((doc, sp, None, sid) for (doc, sid), sp in spans.items() if sp)


def print_details(gold, claims, members, matched, touched, texts, every, min_overlap):
    """One block per gold claim: flags gold/predicted, then each member's match
    (a claim member, else a statement in no exported claim, else nothing)."""
    for claim in gold:
        ids = sorted(touched[claim["claim"]])
        flags = " ".join(f"{flag}={int(bool(claim.get(flag)))}/"
                         f"{int(any(claims[i].get(flag) for i in ids))}"
                         for flag in ("contested", "laundered"))
        best = main_claim(claim, members, matched)
        origins = "-" if best is None else claims[best].get("origins")
        print(f"{claim['claim']} (gold/pred) {flags} origins={len(claim['origins'])}/{origins}")
        for (doc, span), gold_claim in members.items():
            if gold_claim == claim["claim"]:
                print(f"  {doc} {texts[doc][span[0]:span[1]][:50]!r} -> "
                      f"{member_fate((doc, span), matched, claims, every, min_overlap)}")


def member_fate(member, matched, claims, every, min_overlap):
    hit = matched.get(member)
    if hit:
        return f"{claims[hit[2]].get('claim')} {hit[3]}"
    loose = overlapping(member, every, min_overlap)
    if loose:
        return f"{max(loose, key=lambda f: f[0])[1][3]} (in no claim)"
    return "no statement"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred_dir")
    ap.add_argument("--docs", help="corpus JSONL with the document texts "
                                   "(when PRED_DIR has no documents.jsonl)")
    ap.add_argument("--min-overlap", type=float, default=0.5)
    ap.add_argument("--details", action="store_true",
                    help="first list each gold claim's flags and member matches")
    args = ap.parse_args(argv)

    gold = read_jsonl(args.gold)
    claims = read_jsonl(os.path.join(args.pred_dir, "claims.jsonl"))
    texts = document_texts(args.pred_dir, args.docs)
    try:
        members = gold_members(gold, texts)
    except ValueError as exc:
        sys.exit(f"{args.gold}: {exc}")
    except (KeyError, TypeError) as exc:
        sys.exit(f"{args.gold}: not a gold claim record (needs claim and "
                 f"[document, quote] members): {exc!r}")
    spans = statement_spans(args.pred_dir)
    statements = predicted_statements(claims, spans)
    matched, touched = match_members(members, by_document(statements), args.min_overlap)
    every = all_statements(spans)
    if args.details:
        print_details(gold, claims, members, matched, touched, texts, every,
                      args.min_overlap)
    covered = sum(bool(overlapping(m, every, args.min_overlap)) for m in members)

    n_gold, n_pred, tp = pair_counts(members, matched)
    pair_p, pair_r, pair_f = prf(tp, n_pred, n_gold)
    origin_total, origin_hits = origin_counts(gold, claims, members, matched)
    origins_acc = origin_hits / origin_total if origin_total else 0.0
    ctp, cfp, cfn = flag_scores(gold, touched, claims, "contested")
    con = prf(ctp, ctp + cfp, ctp + cfn)
    ltp, lfp, lfn = flag_scores(gold, touched, claims, "laundered")
    lau = prf(ltp, ltp + lfp, ltp + lfn)
    found_by, total_by = contested_by_found(gold, touched, claims, texts, spans,
                                            args.min_overlap)
    li = laundered_in_scores(gold, touched, claims)

    n_members = sum(len(c.get("members") or []) for c in claims)
    print(f"gold_claims={len(gold)} gold_members={len(members)} "
          f"matched_members={len(matched)} predicted_claims={len(claims)} "
          f"predicted_members={n_members} members_without_span={n_members - len(statements)} "
          f"gold_members_with_a_statement={covered}")
    print(f"pairs: gold={n_gold} predicted={n_pred} correct={tp} "
          f"precision={pair_p:.3f} recall={pair_r:.3f}")
    print(f"origins: claims={origin_total} correct={origin_hits}")
    print(f"contested: gold={ctp + cfn} predicted={ctp + cfp} correct={ctp} "
          f"precision={con[0]:.3f} recall={con[1]:.3f}  "
          f"contested_by links found={found_by}/{total_by}")
    print(f"laundered: gold={ltp + lfn} predicted={ltp + lfp} correct={ltp} "
          f"precision={lau[0]:.3f} recall={lau[1]:.3f}  "
          f"laundered_in precision={li[0]:.3f} recall={li[1]:.3f}")
    print(f"claims_pair_f1={pair_f:.3f} origins_acc={origins_acc:.3f} "
          f"contested_f1={con[2]:.3f} laundered_f1={lau[2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
