#!/usr/bin/env python3
"""Robustness of the motion core to the moment it starts: the real clips with their first K
frames cut off (truth shifted with them), scored by the shared eval.py.

A figure that holds only for one start frame is luck, not a principle: a kiosk starts
whenever staff press Start. Clips are written under /tmp/start-shift/kK/ (never into the
repository; the footage is third-party). Needs Python 3 only.

    python3 tools/start-shift/shift.py            # K = 0..4, one summary line each
    python3 tools/start-shift/shift.py 1 3 -v     # only K = 1 and 3, per clip too
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CLIPS = os.environ.get("WIGGLEWOODS_REAL_CLIPS",
                       os.path.join(REPO, "..", "shared", "real-clips"))
OUT = "/tmp/start-shift"


def frame_bytes(width, height, colour):
    """Bytes of one frame's planes in a Y4M colour space (8 bits a sample unless it says more)."""
    wide = 2 if ("p" in colour[3:] or colour.startswith("mono1")) else 1
    cw, ch = (width + 1) // 2, (height + 1) // 2
    if colour.startswith("mono"):
        return width * height * wide
    if colour.startswith("420"):
        return (width * height + 2 * cw * ch) * wide
    if colour.startswith("422"):
        return (width * height + 2 * cw * height) * wide
    if colour == "444alpha":
        return 4 * width * height
    if colour.startswith("444"):
        return 3 * width * height * wide
    sys.exit(f"unknown Y4M colour space C{colour}")


def cut(k):
    """Writes the clips and truth with the first k frames removed; returns the folder."""
    src = os.path.join(CLIPS, "clips")
    out = os.path.join(OUT, f"k{k}")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "manifest.json")) as f:
        manifest = json.load(f)
    for clip in manifest["clips"]:
        with open(os.path.join(src, clip["file"]), "rb") as f:
            data = f.read()
        end = data.index(b"\n") + 1
        header = data[:end].decode()
        width = int(header.split(" W")[1].split()[0])
        height = int(header.split(" H")[1].split()[0])
        colour = header.split(" C")[1].split()[0] if " C" in header else "420jpeg"
        size = frame_bytes(width, height, colour)
        frames, at = [], end
        while at < len(data):
            if not data.startswith(b"FRAME", at):
                sys.exit(f"{clip['file']}: frame {len(frames)} does not start with FRAME")
            line_end = data.index(b"\n", at) + 1
            frames.append(data[at:line_end + size])
            at = line_end + size
        with open(os.path.join(out, clip["file"]), "wb") as f:
            f.write(data[:end] + b"".join(frames[k:]))
        with open(os.path.join(src, clip["name"] + ".truth.json")) as f:
            truth = json.load(f)
        truth["per_frame"] = truth["per_frame"][k:]

        def shift(ranges):
            return [[max(0, a - k), b - k] for a, b in ranges if b - k >= 0]

        for key in ("still_ranges", "empty_ranges", "unscored_ranges"):
            truth[key] = shift(truth.get(key, []))
        for kind, ranges in truth.get("oracle_gestures", {}).items():
            truth["oracle_gestures"][kind] = shift(ranges)
        with open(os.path.join(out, clip["name"] + ".truth.json"), "w") as f:
            json.dump(truth, f)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    return out


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    ks = [int(a) for a in args if a.isdigit()] or list(range(5))
    for k in ks:
        folder = cut(k)
        p = subprocess.run([sys.executable, os.path.join(CLIPS, "eval.py"), "--clips", folder],
                           capture_output=True, text=True, cwd=REPO)
        for line in p.stdout.splitlines():
            if not line.strip().startswith("{"):
                continue
            r = json.loads(line)
            if r.get("summary"):
                print(f"k={k} errors {r['errors']} found_1s {r['mean_detection_rate_1s']} count {r['mean_count_exact']} "
                      f"id_switches {r['id_switches_total']} false_kinds {r['false_gesture_kinds_total']} "
                      f"events {r['event_recall']} empty {r['empty_false_player_rate']} "
                      f"over {r['over_count_frames_total']}")
            elif verbose:
                print(f"   {r['clip']:24} found_1s {r.get('detection_rate_1s')} count {r.get('count_exact')} "
                      f"ids {r.get('ids')} events {r.get('event_recall')} false {r.get('false_gestures')}")


if __name__ == "__main__":
    main()
