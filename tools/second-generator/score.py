#!/usr/bin/env python3
"""Scores `wigglewoods track` on the clips made by gen.py (identity and detection).

Usage: python3 score.py [-v] [--no-sticky] [--bin PATH] [--clips DIR] [--keep DIR] [SCENARIO ...]
  BIN: --bin, else $WIGGLEWOODS_BIN, else target/release/wigglewoods of this repository.
  DIR: /tmp/gen2/clips (made by `python3 gen.py`). --keep DIR saves each run's JSONL.
  -v:  also print per-frame problems (unmatched people, id changes, extra players).

For each clip it runs `BIN track --input CLIP.y4m --jsonl --profile P`, matches players to
truth people in every frame (Hungarian assignment on box IoU >= 0.2; a player whose box
centre lies inside a truth box also matches, at lower priority, when the IoU is lower).
A pair matched in the previous frame is kept while it still qualifies, before the assignment
(CLEAR-MOT style); --no-sticky matches every frame afresh. It reports:
  found   share of truth-person-frames matched by some player (after the first second,
          leaving out the person's unscored frames and frames where the tracker is learning)
  swaps   id changes of the player matched to one truth person: every change to an id that
          another truth person had before, plus every other change unless the person went
          unmatched for more than 2 s in between (a new id after a long absence is fine)
  over    frames with more players than truth people in view (frames not learning)
  iou     mean box IoU of the matched pairs counted in `found`
One line per clip, then one summary JSON line. Exits 0; a clip that fails carries "error".
"""
import json
import os
import subprocess
import sys

# The repository's own release build (this file is tools/second-generator/score.py).
DEFAULT_BIN = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "target", "release", "wigglewoods",
)
MIN_IOU = 0.2
GAP_S = 2.0


def iou(a, b):
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0.0, min(ax2, bx2) - max(a[0], b[0]))
    ih = max(0.0, min(ay2, by2) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def centre_inside(player, box):
    cx, cy = player[0] + player[2] / 2.0, player[1] + player[3] / 2.0
    return box[0] <= cx <= box[0] + box[2] and box[1] <= cy <= box[1] + box[3]


def hungarian_max(score):
    """Assignment maximising the total score; score is rows x cols (rows <= cols),
    entries None where a pair is not allowed. Returns {row: col}."""
    n = len(score)
    m = len(score[0]) if n else 0
    if n == 0 or m == 0:
        return {}
    cost = [[(-s if s is not None else 0.0) for s in row] for row in score]   # None: no gain
    INF = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], INF, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = {}
    for j in range(1, m + 1):
        if p[j] and score[p[j] - 1][j - 1] is not None:
            out[p[j] - 1] = j - 1
    return out


def pair_score(tb, pb):
    """IoU when >= MIN_IOU; a small score when only the player's centre is inside; else None."""
    o = iou(tb, pb)
    if o >= MIN_IOU:
        return o
    if centre_inside(pb, tb):
        return 0.01 + 0.1 * o                       # allowed, but after any real overlap
    return None


def match(truth_boxes, player_boxes, keep=None):
    """{truth index: (player index, iou)} for one frame. keep: {truth index: player index}
    pairs from the previous frame; those still allowed are kept before the assignment (as in
    the CLEAR-MOT metrics), so two overlapping people do not flip between two players just
    because the IoU sum is slightly higher the other way round."""
    out = {}
    for ti, pi in (keep or {}).items():
        if pair_score(truth_boxes[ti], player_boxes[pi]) is not None:
            out[ti] = pi
    rows = [ti for ti in range(len(truth_boxes)) if ti not in out]
    cols = [pi for pi in range(len(player_boxes)) if pi not in out.values()]
    if rows and cols:
        score = [[pair_score(truth_boxes[ti], player_boxes[pi]) for pi in cols] for ti in rows]
        if len(rows) <= len(cols):
            a = hungarian_max(score)
        else:
            t = [list(col) for col in zip(*score)]
            a = {r: c for c, r in hungarian_max(t).items()}
        for r, c in a.items():
            out[rows[r]] = cols[c]
    return {ti: (pi, iou(truth_boxes[ti], player_boxes[pi])) for ti, pi in out.items()}


def run_track(binary, clip, profile, keep):
    cmd = [binary, "track", "--input", clip, "--jsonl", "--profile", profile]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.strip()[-400:]}")
    if keep:
        name = os.path.splitext(os.path.basename(clip))[0]
        with open(os.path.join(keep, name + ".jsonl"), "w") as f:
            f.write(p.stdout)
    frames = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    return [f for f in frames if "players" in f]


def ranges(frames):
    out = []
    for t in frames:
        if out and t == out[-1][1] + 1:
            out[-1][1] = t
        else:
            out.append([t, t])
    return ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in out)


def score_clip(name, truth, frames, verbose, sticky=True):
    fps = truth["fps"]
    n = min(len(truth["per_frame"]), len(frames))
    first = int(round(fps))
    gap_max = int(round(GAP_S * fps))
    found_n = found_d = 0
    ious = []
    over = []
    problems = []
    unmatched = {}
    last = {}           # truth id -> (player id, frame)
    owners = {}         # player id -> set of truth ids it was matched to
    swaps = taken = changed = 0
    learning = 0
    prev_pairs = {}     # truth id -> player id matched in the previous frame
    for t in range(n):
        fr = frames[t]
        if fr.get("learning", False):
            learning += 1
            continue
        people = truth["per_frame"][t]["people"]
        players = fr["players"]
        pboxes = [[p["x"], p["y"], p["w"], p["h"]] for p in players]
        keep = {}
        if sticky:
            index_t = {p["id"]: i for i, p in enumerate(people)}
            index_p = {p["id"]: i for i, p in enumerate(players)}
            keep = {index_t[tid]: index_p[pid] for tid, pid in prev_pairs.items()
                    if tid in index_t and pid in index_p}
        m = match([p["box"] for p in people], pboxes, keep)
        prev_pairs = {people[ti]["id"]: players[pi]["id"] for ti, (pi, _) in m.items()}
        if len(players) > len(people):
            over.append(t)
        for ti, person in enumerate(people):
            if person["unscored"]:
                continue
            hit = m.get(ti)
            if t >= first:
                found_d += 1
                if hit is not None:
                    found_n += 1
                    ious.append(hit[1])
                else:
                    unmatched.setdefault(person["id"], []).append(t)
            if hit is None:
                continue
            pid = players[hit[0]]["id"]
            tid = person["id"]
            if tid in last and last[tid][0] != pid:
                prev, prev_t = last[tid]
                others = owners.get(pid, set()) - {tid}
                if others:
                    swaps += 1
                    taken += 1
                    problems.append(f"  f{t}: person {tid} id {prev} -> {pid} (id had been person "
                                    f"{','.join(map(str, sorted(others)))})")
                elif t - prev_t - 1 <= gap_max:
                    swaps += 1
                    changed += 1
                    problems.append(f"  f{t}: person {tid} id {prev} -> {pid} (unmatched "
                                    f"{t - prev_t - 1} frames before)")
                elif verbose:
                    problems.append(f"  f{t}: person {tid} id {prev} -> {pid} after "
                                    f"{t - prev_t - 1} frames unmatched (not counted)")
            last[tid] = (pid, t)
            owners.setdefault(pid, set()).add(tid)
    ids = sorted({p["id"] for t in range(n) if not frames[t].get("learning", False)
                  for p in frames[t]["players"]})
    res = dict(clip=name, profile=truth["profile"], frames=n, learning_frames=learning,
               person_frames=found_d, found=round(found_n / found_d, 4) if found_d else None,
               found_n=found_n, swaps=swaps, swaps_taken=taken, swaps_changed=changed,
               over=len(over), iou=round(sum(ious) / len(ious), 4) if ious else None,
               player_ids=len(ids), truth_people=len(truth["people"]))
    if verbose:
        for tid in sorted(unmatched):
            problems.insert(0, f"  person {tid} unmatched in frames {ranges(unmatched[tid])}")
        if over:
            problems.append(f"  more players than people in frames {ranges(over)}")
    return res, problems, (found_n, found_d, ious)


def main():
    args = sys.argv[1:]
    binary = os.environ.get("WIGGLEWOODS_BIN", DEFAULT_BIN)
    clips_dir = "/tmp/gen2/clips"
    keep = None
    verbose = False
    sticky = True
    only = []
    while args:
        a = args.pop(0)
        if a == "-v":
            verbose = True
        elif a == "--no-sticky":
            sticky = False
        elif a == "--bin":
            binary = args.pop(0)
        elif a == "--clips":
            clips_dir = args.pop(0)
        elif a == "--keep":
            keep = args.pop(0)
            os.makedirs(keep, exist_ok=True)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            only.append(a)
    with open(os.path.join(clips_dir, "manifest.json")) as f:
        manifest = json.load(f)
    results = []
    tot_n = tot_d = 0
    all_ious = []
    for clip in manifest["clips"]:
        name = clip["name"]
        if only and name not in only:
            continue
        try:
            with open(os.path.join(clips_dir, clip["truth"])) as f:
                truth = json.load(f)
            frames = run_track(binary, os.path.join(clips_dir, clip["file"]), truth["profile"], keep)
            r, problems, (fn, fd, ious) = score_clip(name, truth, frames, verbose, sticky)
            tot_n, tot_d = tot_n + fn, tot_d + fd
            all_ious += ious
        except Exception as e:          # report and go on
            r, problems = dict(clip=name, error=str(e)), []
        results.append(r)
        if "error" in r:
            print(f"{name}: ERROR {r['error']}", flush=True)
            continue
        print(f"{name} {truth['width']}x{truth['height']} {r['profile']:8s} found {r['found']} "
              f"({r['found_n']}/{r['person_frames']})  swaps {r['swaps']} (taken {r['swaps_taken']}, "
              f"changed {r['swaps_changed']})  over {r['over']}  iou {r['iou']}  "
              f"player ids {r['player_ids']} / people {r['truth_people']}", flush=True)
        for line in problems if verbose else []:
            print(line)
    ok = [r for r in results if "error" not in r]
    summary = dict(
        summary=True, binary=binary, sticky=sticky, clips=len(results), errors=len(results) - len(ok),
        found=round(tot_n / tot_d, 4) if tot_d else None,
        mean_clip_found=round(sum(r["found"] for r in ok if r["found"] is not None)
                              / max(1, sum(r["found"] is not None for r in ok)), 4),
        swaps=sum(r["swaps"] for r in ok), over=sum(r["over"] for r in ok),
        iou=round(sum(all_ious) / len(all_ious), 4) if all_ious else None,
        per_clip={r["clip"]: {k: r.get(k) for k in ("found", "swaps", "over", "iou", "error")
                              if k in r} for r in results})
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
