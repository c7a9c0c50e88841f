#!/usr/bin/env python3
"""Second synthetic-video generator: articulated children in furnished rooms, grey Y4M + truth.

Written without reading the project's own synthetic generator, to cross-check the tracker on
figures and rooms that generator does not draw. See README.md beside this file.

Usage: python3 gen.py [--out DIR] [--sheets DIR] [--no-sheets] [SCENARIO ...]
  DIR defaults to /tmp/gen2/clips (clips) and /tmp/gen2/sheets (PNG contact sheets).
  SCENARIO: s1 .. s8 (default: all, generated one after another).

Writes DIR/NAME.y4m (YUV4MPEG2, Cmono, 10 fps), DIR/NAME.truth.json and DIR/manifest.json.
Everything is deterministic: each scenario has a fixed seed.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

FPS = 10
BLEND_S = 0.35          # seconds to blend from one activity's pose into the next
UNSCORED_VISIBLE = 0.5  # a person showing less than this share of the figure is unscored
TAU = 2.0 * math.pi


def smoothstep(x):
    x = min(1.0, max(0.0, x))
    return x * x * (3.0 - 2.0 * x)


# --------------------------------------------------------------------------------------------
# Soft-edged drawing: signed distance in pixels -> coverage clip(0.5 - d, 0, 1) (anti-aliased)
# --------------------------------------------------------------------------------------------

def pixel_grid(bx0, by0, bx1, by1, x0, y0, x1, y1):
    """Pixel-centre coordinates of a box clipped to [x0, x1) x [y0, y1), or None if empty."""
    bx0, by0 = max(x0, int(math.floor(bx0))), max(y0, int(math.floor(by0)))
    bx1, by1 = min(x1, int(math.ceil(bx1))), min(y1, int(math.ceil(by1)))
    if bx1 <= bx0 or by1 <= by0:
        return None
    ys, xs = np.mgrid[by0:by1, bx0:bx1].astype(np.float32)
    return (bx0, by0, bx1, by1), xs + 0.5, ys + 0.5


class Layer:
    """Premultiplied grey (c) and alpha (a) over the pixel box [x0, x1) x [y0, y1)."""

    def __init__(self, x0, y0, x1, y1):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.c = np.zeros((y1 - y0, x1 - x0), np.float32)
        self.a = np.zeros((y1 - y0, x1 - x0), np.float32)

    def grid(self, bx0, by0, bx1, by1):
        """Pixel-centre coordinates of a sub-box (clipped to the layer), or None if empty."""
        return pixel_grid(bx0, by0, bx1, by1, self.x0, self.y0, self.x1, self.y1)

    def paint(self, box, cov, val):
        bx0, by0, bx1, by1 = box
        sl = (slice(by0 - self.y0, by1 - self.y0), slice(bx0 - self.x0, bx1 - self.x0))
        self.c[sl] = val * cov + self.c[sl] * (1.0 - cov)
        self.a[sl] = cov + self.a[sl] * (1.0 - cov)


def draw_capsule(layer, p, q, rp, rq, shade_fn, hpx):
    """Tapered capsule from p (radius rp) to q (radius rq); shade_fn(u, v) gives grey from
    coordinates along (u) and across (v) the limb, both in units of the figure height."""
    r = max(rp, rq)
    g = layer.grid(min(p[0], q[0]) - r - 2, min(p[1], q[1]) - r - 2,
                   max(p[0], q[0]) + r + 2, max(p[1], q[1]) + r + 2)
    if g is None:
        return
    box, X, Y = g
    dx, dy = q[0] - p[0], q[1] - p[1]
    L2 = dx * dx + dy * dy
    L = math.sqrt(L2) if L2 > 1e-9 else 1e-3
    rx, ry = X - p[0], Y - p[1]
    h = np.clip((rx * dx + ry * dy) / max(L2, 1e-6), 0.0, 1.0)
    px, py = rx - h * dx, ry - h * dy
    rad = rp + (rq - rp) * h
    dist = np.sqrt(px * px + py * py) - rad
    cov = np.clip(0.5 - dist, 0.0, 1.0)
    if not cov.any():
        return
    v = (rx * (-dy) + ry * dx) / L          # signed distance across the axis
    u = h * L
    val = shade_fn(u / hpx, v / hpx)
    val = val * (1.0 - 0.16 * np.clip(v / np.maximum(rad, 0.5), -1, 1) ** 2)   # round shading
    layer.paint(box, cov, val)


def draw_ellipse(layer, c, rx, ry, colour_fn):
    """Axis-aligned ellipse; colour_fn(xn, yn) gets normalised coordinates (1 on the rim)."""
    g = layer.grid(c[0] - rx - 2, c[1] - ry - 2, c[0] + rx + 2, c[1] + ry + 2)
    if g is None:
        return
    box, X, Y = g
    xn, yn = (X - c[0]) / rx, (Y - c[1]) / ry
    k = np.sqrt(xn * xn + yn * yn) + 1e-6
    grad = np.sqrt((xn / rx) ** 2 + (yn / ry) ** 2) / k + 1e-6
    dist = (k - 1.0) / grad
    cov = np.clip(0.5 - dist, 0.0, 1.0)
    if not cov.any():
        return
    val = colour_fn(xn, yn) * (1.0 - 0.14 * np.clip(xn * xn + yn * yn, 0, 1))
    layer.paint(box, cov, val)


def draw_convex(layer, pts, shade_fn, origin, axis, hpx, halfwidth):
    """Convex polygon (clockwise on screen); shade_fn(u, v) in figure-height units, u along
    `axis` from `origin`, v across it."""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    g = layer.grid(min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2)
    if g is None:
        return
    box, X, Y = g
    dist = None
    n = len(pts)
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        ex, ey = b[0] - a[0], b[1] - a[1]
        el = math.hypot(ex, ey) or 1e-6
        nx, ny = ey / el, -ex / el            # outward normal for a clockwise (y-down) polygon
        d = (X - a[0]) * nx + (Y - a[1]) * ny
        dist = d if dist is None else np.maximum(dist, d)
    cov = np.clip(0.5 - dist, 0.0, 1.0)
    if not cov.any():
        return
    rx, ry = X - origin[0], Y - origin[1]
    u = rx * axis[0] + ry * axis[1]
    v = rx * (-axis[1]) + ry * axis[0]
    val = shade_fn(u / hpx, v / hpx) * (1.0 - 0.14 * np.clip(v / halfwidth, -1, 1) ** 2)
    layer.paint(box, cov, val)


# --------------------------------------------------------------------------------------------
# Clothing textures (functions of body-local coordinates, so patterns move with the body)
# --------------------------------------------------------------------------------------------

class Cloth:
    def __init__(self, kind, base, amp=0.0, period=0.04, seed=0):
        self.kind, self.base, self.amp, self.period = kind, float(base), float(amp), period
        rng = np.random.default_rng(seed)
        t = rng.uniform(-1, 1, (24, 24)).astype(np.float32)
        t = (t + np.roll(t, 1, 0) + np.roll(t, 1, 1) + np.roll(np.roll(t, 1, 0), 1, 1)) / 2.0
        self.tile = np.clip(t, -1, 1)

    def __call__(self, u, v):
        p = self.period
        if self.kind == "plain":
            return np.full(u.shape, self.base, np.float32)
        if self.kind == "striped":
            return self.base + self.amp * np.tanh(3.0 * np.sin(TAU * u / p))
        if self.kind == "checked":
            return self.base + self.amp * np.tanh(3.0 * np.sin(TAU * u / p)) * np.tanh(
                3.0 * np.sin(TAU * v / p + 0.7))
        if self.kind == "noisy":
            n = self.tile.shape[0]
            fu, fv = u / p * 2.0, v / p * 2.0 + 7.3
            iu, iv = np.floor(fu), np.floor(fv)
            wu, wv = fu - iu, fv - iv
            iu, iv = iu.astype(np.int64) % n, iv.astype(np.int64) % n
            t = self.tile
            val = ((t[iu, iv] * (1 - wv) + t[iu, (iv + 1) % n] * wv) * (1 - wu)
                   + (t[(iu + 1) % n, iv] * (1 - wv) + t[(iu + 1) % n, (iv + 1) % n] * wv) * wu)
            return self.base + self.amp * val
        raise ValueError(self.kind)

    def describe(self):
        return {"kind": self.kind, "grey": round(self.base, 1), "amp": self.amp}


def plain(grey):
    return lambda u, v: np.full(u.shape, grey, np.float32)


# --------------------------------------------------------------------------------------------
# Poses: joint angles in the picture plane (0 = pointing down, + = towards +x)
# L / R are the limbs on the picture's left / right in a front view.
# --------------------------------------------------------------------------------------------

REST = dict(f=0.0, lean=0.0, bob=0.0, tk=1.0,
            aL1=-0.12, aL2=-0.06, aR1=0.12, aR2=0.06,
            lL1=-0.045, lL2=-0.02, lR1=0.045, lR2=0.02)
SEATED_LEGS = dict(tk=0.62, lL1=-0.3, lL2=-0.06, lR1=0.3, lR2=0.06)
SEATED_ARMS = dict(aL1=-0.22, aL2=0.55, aR1=0.22, aR2=-0.55)


def blend(p, q, w):
    return {k: p[k] + (q[k] - p[k]) * w for k in p}


def pose_rest(tt, seg, actor):
    p = dict(REST)
    if actor.seated:
        p.update(SEATED_ARMS)
    p["lean"] = 0.004 * math.sin(TAU * 0.23 * tt + actor.phase)      # barely alive
    return p


def pose_wave(tt, seg, actor):
    p = pose_rest(tt, seg, actor)
    s = 1.0 if seg.get("arm", "R") == "R" else -1.0
    k = "aR" if s > 0 else "aL"
    p[k + "1"] = s * seg.get("upper", 2.2)
    p[k + "2"] = s * (math.pi - 0.2 + 0.45 * math.sin(TAU * seg.get("hz", 1.5) * tt))
    return p


def pose_reach(tt, seg, actor):
    """One arm straight up, held, and down again, once per period."""
    p = pose_rest(tt, seg, actor)
    s = 1.0 if seg.get("arm", "R") == "R" else -1.0
    k = "aR" if s > 0 else "aL"
    ph = (tt % seg.get("period", 2.5)) / seg.get("period", 2.5)
    a = smoothstep(ph / 0.3) if ph < 0.6 else 1.0 - smoothstep((ph - 0.6) / 0.3)
    p[k + "1"] += a * (s * (math.pi - 0.12) - p[k + "1"])
    p[k + "2"] += a * (s * (math.pi - 0.08) - p[k + "2"])
    return p


def pose_jj(tt, seg, actor):
    T = seg.get("period", 1.2)
    x = TAU * tt / T + seg.get("phase", 0.0)
    a = 0.5 - 0.5 * math.cos(x)
    p = dict(REST)
    p["aR1"] = 0.12 + 2.8 * a
    p["aR2"] = p["aR1"] + 0.12 * a
    p["aL1"], p["aL2"] = -p["aR1"], -p["aR2"]
    p["lR1"] = 0.045 + 0.26 * a
    p["lR2"] = p["lR1"] - 0.03
    p["lL1"], p["lL2"] = -p["lR1"], -p["lR2"]
    p["bob"] = 0.035 * abs(math.sin(x))
    return p


def pose_armups(tt, seg, actor):
    T = seg.get("period", 1.8)
    a = 0.5 - 0.5 * math.cos(TAU * tt / T)
    p = pose_rest(tt, seg, actor)
    p["aR1"] = 0.12 + a * (math.pi - 0.3)
    p["aR2"] = p["aR1"] + 0.05
    p["aL1"], p["aL2"] = -p["aR1"], -p["aR2"]
    return p


def pose_sway(tt, seg, actor):
    """Feet planted, hips and trunk swaying sideways."""
    p = pose_rest(tt, seg, actor)
    hip_shift = seg.get("hip", 0.035) * actor.W            # pixels
    alpha = math.asin(min(0.9, hip_shift / (0.45 * actor.hpx_near)))
    s = math.sin(TAU * tt / seg.get("period", 3.0))
    al = alpha * s
    for k in ("lL1", "lL2", "lR1", "lR2"):
        p[k] -= al
    p["lean"] += 0.6 * al
    lag = 0.5 * alpha * math.sin(TAU * tt / seg.get("period", 3.0) - 0.8)
    for k in ("aL1", "aL2", "aR1", "aR2"):
        p[k] -= lag
    return p


def pose_hop(tt, seg, actor):
    T = seg.get("period", 0.7)
    ph = (tt % T) / T
    air = math.sin(math.pi * ph / 0.5) if ph < 0.5 else 0.0
    p = pose_rest(tt, seg, actor)
    p["bob"] = seg.get("height", 0.07) * air
    p["aR1"] += 0.35 * air
    p["aL1"] -= 0.35 * air
    p["aR2"] += 0.5 * air
    p["aL2"] -= 0.5 * air
    return p


def pose_walk(tt, seg, actor, dist_px, hpx):
    d = seg["dir"]
    A = seg["amp"]
    stride = 1.8 * math.sin(A) * hpx
    psi = TAU * dist_px / max(stride, 1.0)
    p = dict(REST)
    p["f"] = 1.0
    p["lean"] = d * 0.05
    for i, side in enumerate(("L", "R")):
        s = math.sin(psi + i * math.pi)
        c = math.cos(psi + i * math.pi)
        th = d * A * s
        knee = 0.08 + 0.7 * max(0.0, c) ** 1.5
        p["l" + side + "1"] = th
        p["l" + side + "2"] = th - d * knee
        up = -d * 0.8 * A * s
        p["a" + side + "1"] = up
        p["a" + side + "2"] = up + d * 0.35
    return p


POSES = {"rest": pose_rest, "wave": pose_wave, "reach": pose_reach, "jj": pose_jj,
         "armups": pose_armups, "sway": pose_sway, "hop": pose_hop}


# --------------------------------------------------------------------------------------------
# Actors: a child with a look, a size, and a timeline of activities
# --------------------------------------------------------------------------------------------

class Actor:
    def __init__(self, pid, scene, look, x, z, segments, size=0.6, seat=None, phase=0.0):
        """x in pixels, z depth in [~-0.2, 1] (0 near, 1 far), size = standing height at z=0 as
        a share of the picture height. segments: list of (t0, t1, kind, params); 'walk' takes
        to=x1 and optional z=z1, bump=dz (z bulge half-way). seat=(x, y) makes it seated."""
        self.pid, self.scene, self.look = pid, scene, look
        self.W, self.H = scene.W, scene.H
        self.hpx_near = size * scene.H
        self.seated = seat is not None
        self.seat = seat
        self.phase = phase
        self.segs = []
        cx, cz, cdir = x, z, 1.0
        for t0, t1, kind, kw in segments:
            s = dict(kw, t0=t0, t1=t1, kind=kind, x0=cx, z0=cz)
            if kind == "walk":
                s["x1"], s["z1"] = kw["to"], kw.get("z", cz)
                cdir = 1.0 if s["x1"] > cx else -1.0
                s["dir"] = cdir
                spd = abs(s["x1"] - cx) / (t1 - t0) / self.hpx_near      # heights per second
                s["amp"] = min(0.45, max(0.2, 0.16 + 0.4 * spd))
                cx, cz = s["x1"], s["z1"]
            else:
                s["x1"], s["z1"], s["dir"] = cx, cz, cdir
            self.segs.append(s)

    def hpx(self, z):
        return self.hpx_near * (1.0 - 0.4 * z)

    def floor_y(self, z):
        sc = self.scene
        return sc.floor_near - z * (sc.floor_near - sc.floor_far)

    def _eval(self, s, t):
        tt = t - s["t0"]
        if s["kind"] == "walk":
            u = min(1.0, max(0.0, tt / (s["t1"] - s["t0"])))
            x = s["x0"] + (s["x1"] - s["x0"]) * u
            z = s["z0"] + (s["z1"] - s["z0"]) * u + s.get("bump", 0.0) * math.sin(math.pi * u)
            p = pose_walk(tt, s, self, abs(x - s["x0"]), self.hpx(z))
        else:
            x, z = s["x0"], s["z0"]
            p = POSES[s["kind"]](tt, s, self)
        if self.seated:
            p.update(SEATED_LEGS)
        return p, x, z

    def state(self, t):
        if t < self.segs[0]["t0"]:
            return None
        k = 0
        while k + 1 < len(self.segs) and t >= self.segs[k + 1]["t0"]:
            k += 1
        s = self.segs[k]
        p, x, z = self._eval(s, min(t, s["t1"]))
        w = (t - s["t0"]) / BLEND_S
        if k > 0 and w < 1.0:
            prev = self.segs[k - 1]
            q, _, _ = self._eval(prev, prev["t1"])
            p = blend(q, p, smoothstep(w))
        return dict(pose=p, x=x, z=z, dir=s["dir"])


def make_look(rng, top=None, bottom=None):
    """A random child's look; top/bottom may be given (Cloth)."""
    kinds = ["plain", "checked", "striped", "noisy"]

    def cloth():
        kind = kinds[int(rng.integers(0, 4))]
        base = float(rng.uniform(45, 215))
        amp = float(rng.uniform(18, 40)) if kind != "plain" else 0.0
        return Cloth(kind, base, amp, float(rng.uniform(0.03, 0.06)), seed=int(rng.integers(1 << 30)))

    return dict(
        skin=float(rng.uniform(120, 200)),
        hair=float(rng.choice([rng.uniform(25, 70), rng.uniform(150, 200)])),
        long_hair=bool(rng.random() < 0.5),
        top=top or cloth(), bottom=bottom or cloth(),
        long_sleeves=bool(rng.random() < 0.5), long_trousers=bool(rng.random() < 0.6),
        shoe=float(rng.uniform(20, 90)))


def skeleton(st, actor):
    """Joint positions (pixels) of an actor state."""
    p, z = st["pose"], st["z"]
    H = actor.hpx(z)
    f, lean, tk = p["f"], p["lean"], p["tk"]
    th, sh = 0.235 * tk * H, 0.215 * H
    legs = []
    for side in ("L", "R"):
        a1, a2 = p["l" + side + "1"], p["l" + side + "2"]
        legs.append((a1, a2, th * math.cos(a1) + sh * math.cos(a2),
                     th * math.sin(a1) + sh * math.sin(a2)))
    hw = H * (0.055 * (1 - f) + 0.012 * f)
    if actor.seated:
        Px, Py = actor.seat[0], actor.seat[1] - p["bob"] * H
        floor = None
    else:
        floor = actor.floor_y(z)
        Py = floor - 0.03 * H - max(l[2] for l in legs) - p["bob"] * H
        Px = st["x"] - 0.5 * ((-hw + legs[0][3]) + (hw + legs[1][3]))
    down = (-math.sin(lean), math.cos(lean))
    perp = (math.cos(lean), math.sin(lean))
    P = (Px, Py)
    N = (Px - 0.30 * H * down[0], Py - 0.30 * H * down[1])
    J = dict(P=P, N=N, H=H, floor=floor, down=down, perp=perp)
    sw = H * (0.105 * (1 - f) + 0.015 * f)
    for i, side in enumerate(("L", "R")):
        sg = -1.0 if side == "L" else 1.0
        S = (N[0] + 0.035 * H * down[0] + sg * sw * perp[0],
             N[1] + 0.035 * H * down[1] + sg * sw * perp[1])
        a1, a2 = p["a" + side + "1"], p["a" + side + "2"]
        E = (S[0] + 0.155 * H * math.sin(a1), S[1] + 0.155 * H * math.cos(a1))
        Wr = (E[0] + 0.135 * H * math.sin(a2), E[1] + 0.135 * H * math.cos(a2))
        Hd = (Wr[0] + 0.022 * H * math.sin(a2), Wr[1] + 0.022 * H * math.cos(a2))
        hip = (Px + sg * hw, Py)
        l1, l2 = legs[i][0], legs[i][1]
        K = (hip[0] + th * math.sin(l1), hip[1] + th * math.cos(l1))
        A = (K[0] + sh * math.sin(l2), K[1] + sh * math.cos(l2))
        J[side] = dict(S=S, E=E, W=Wr, hand=Hd, hip=hip, K=K, A=A)
    J["head"] = (N[0] - 0.118 * H * down[0], N[1] - 0.118 * H * down[1])
    return J


def render_person(st, actor):
    """The actor's figure as a Layer (unclipped: may reach outside the picture)."""
    look, p, d = actor.look, st["pose"], st["dir"]
    J = skeleton(st, actor)
    H, f = J["H"], p["f"]
    pts = [J["head"], J["P"]] + [J[s][k] for s in ("L", "R") for k in ("S", "E", "W", "K", "A")]
    m = 0.16 * H + 3
    lay = Layer(int(min(q[0] for q in pts) - m), int(min(q[1] for q in pts) - m),
                int(max(q[0] for q in pts) + m), int(max(q[1] for q in pts) + m))
    skin, hair = look["skin"], look["hair"]
    profile = f > 0.5
    far = ("L" if d > 0 else "R") if profile else None

    def dim(fn, k):
        return (lambda u, v: fn(u, v) * k) if k != 1.0 else fn

    def leg(side):
        j = J[side]
        k = 0.82 if side == far else 1.0
        rth = (0.058 if actor.seated else 0.05) * H
        draw_capsule(lay, j["hip"], j["K"], rth, 0.04 * H, dim(look["bottom"], k), H)
        shin = look["bottom"] if look["long_trousers"] else plain(skin)
        draw_capsule(lay, j["K"], j["A"], 0.038 * H, 0.03 * H, dim(shin, k), H)
        if profile:
            toe = (j["A"][0] + d * 0.075 * H, j["A"][1] + 0.012 * H)
            draw_capsule(lay, (j["A"][0], j["A"][1] + 0.008 * H), toe, 0.024 * H, 0.02 * H,
                         plain(look["shoe"] * k), H)
        else:
            draw_ellipse(lay, (j["A"][0], j["A"][1] + 0.012 * H), 0.036 * H, 0.021 * H,
                         lambda xn, yn: np.full(xn.shape, look["shoe"], np.float32))

    def arm(side):
        j = J[side]
        k = 0.82 if side == far else 1.0
        draw_capsule(lay, j["S"], j["E"], 0.035 * H, 0.028 * H, dim(look["top"], k), H)
        fore = look["top"] if look["long_sleeves"] else plain(skin)
        draw_capsule(lay, j["E"], j["W"], 0.028 * H, 0.022 * H, dim(fore, k), H)
        draw_ellipse(lay, j["hand"], 0.03 * H, 0.03 * H,
                     lambda xn, yn: np.full(xn.shape, skin * k, np.float32))

    def trunk():
        N, P, down, perp = J["N"], J["P"], J["down"], J["perp"]
        wt = H * (0.07 * (1 - f) + 0.05 * f)
        ws = H * (0.125 * (1 - f) + 0.068 * f)
        wh = H * (0.095 * (1 - f) + 0.07 * f)

        def at(w, y):       # w across (to +x), y down the trunk from N
            return (N[0] + w * perp[0] + y * down[0], N[1] + w * perp[1] + y * down[1])
        poly = [at(-wt, -0.005 * H), at(wt, -0.005 * H), at(ws, 0.045 * H),
                at(wh, 0.3 * H), at(-wh, 0.3 * H), at(-ws, 0.045 * H)]
        draw_convex(lay, poly, look["top"], N, down, H, ws)

    def head():
        c = J["head"]
        rx, ry = 0.068 * H, 0.085 * H
        eye_r = max(0.7, 0.1 * rx)
        ex = [(-0.36, 0.12), (0.36, 0.12)] if not profile else [(d * 0.55, 0.12)]

        def colour(xn, yn):
            hair_edge = -0.2 + 0.08 * np.cos(7.0 * xn)
            if profile:
                hair_m = np.maximum(np.clip((hair_edge - yn) * ry / 1.5, 0, 1),
                                    np.clip((-(xn * d) - 0.2) * rx / 1.5, 0, 1) * (yn < 0.55))
            else:
                hair_m = np.clip((hair_edge - yn) * ry / 1.5, 0, 1)
            val = skin + (hair - skin) * hair_m
            for exn, eyn in ex:
                dd = np.sqrt(((xn - exn) * rx) ** 2 + ((yn - eyn) * ry) ** 2)
                e = np.clip(eye_r + 0.5 - dd, 0, 1)
                val = val + (35.0 - val) * e
            return val
        draw_ellipse(lay, c, rx, ry, colour)

    if look["long_hair"]:
        c, N = J["head"], J["N"]
        back = -d * 0.03 * H if profile else 0.0
        draw_capsule(lay, c, (N[0] + back, N[1] + 0.05 * H), 0.07 * H, 0.075 * H, plain(hair), H)
    if profile:
        arm(far)
        leg(far)
        leg("R" if far == "L" else "L")
        trunk()
        arm("R" if far == "L" else "L")
    else:
        if not actor.seated:
            leg("L")
            leg("R")
        trunk()
        if actor.seated:
            leg("L")
            leg("R")
        arm("L")
        arm("R")
    draw_capsule(lay, J["N"], J["head"], 0.032 * H, 0.03 * H, plain(skin), H)
    head()
    return lay, J


# --------------------------------------------------------------------------------------------
# Rooms
# --------------------------------------------------------------------------------------------

def lowfreq(rng, W, H, cells, amp):
    g = rng.uniform(-1, 1, (cells[1], cells[0])).astype(np.float32)
    im = Image.fromarray(((g + 1) * 127.5).astype(np.uint8)).resize((W, H), Image.BICUBIC)
    return (np.asarray(im, np.float32) / 127.5 - 1.0) * amp


class Room:
    """Static background: textured wall, window, shelves with objects, bench, floor."""

    def __init__(self, W, H, seed, wall=None, floor_delta=None, shelves_left=None):
        self.W, self.H = W, H
        rng = np.random.default_rng(seed)
        self.horizon = int(0.66 * H)
        self.floor_near = 0.965 * H
        self.floor_far = self.horizon + 0.05 * H
        self.wall = float(wall if wall is not None else rng.uniform(115, 160))
        fd = floor_delta if floor_delta is not None else float(rng.choice([-1, 1])) * rng.uniform(35, 55)
        self.floor_tone = self.wall + fd
        img = np.empty((H, W), np.float32)
        img[:] = self.wall
        img += lowfreq(rng, W, H, (6, 5), 9.0) + lowfreq(rng, W, H, (23, 17), 3.0)
        # floor: boards getting wider towards the camera, each its own tone
        fl = np.full((H - self.horizon, W), self.floor_tone, np.float32)
        n = 9
        rows = [int((H - self.horizon) * (k / n) ** 1.5) for k in range(n + 1)]
        for k in range(n):
            fl[rows[k]:rows[k + 1]] += rng.uniform(-6, 6)
            if rows[k] > 0:
                fl[rows[k] - 1:rows[k]] -= 14
        fl += lowfreq(rng, W, H - self.horizon, (9, 3), 5.0)
        img[self.horizon:] = fl
        # objects drawn at 2x with PIL, then box-downsampled (anti-aliased)
        S = 2
        val = Image.new("L", (W * S, H * S), 0)
        alp = Image.new("L", (W * S, H * S), 0)
        dv, da = ImageDraw.Draw(val), ImageDraw.Draw(alp)

        def rect(x0, y0, x1, y1, g):
            box = [x0 * S, y0 * S, x1 * S, y1 * S]
            dv.rectangle(box, fill=int(max(0, min(255, g))))
            da.rectangle(box, fill=255)

        def ellipse(x0, y0, x1, y1, g):
            box = [x0 * S, y0 * S, x1 * S, y1 * S]
            dv.ellipse(box, fill=int(max(0, min(255, g))))
            da.ellipse(box, fill=255)

        def poly(pts, g):
            pts = [(x * S, y * S) for x, y in pts]
            dv.polygon(pts, fill=int(max(0, min(255, g))))
            da.polygon(pts, fill=255)

        left = bool(rng.random() < 0.5) if shelves_left is None else shelves_left
        hz = self.horizon
        rect(0, hz - 0.018 * H, W, hz, self.wall + 45 if self.wall < 150 else self.wall - 45)   # skirting
        # window on the side opposite the shelves
        wx0 = (0.62 if left else 0.1) * W
        wx1, wy0, wy1 = wx0 + 0.26 * W, 0.08 * H, 0.42 * H
        rect(wx0 - 0.012 * W, wy0 - 0.012 * W, wx1 + 0.012 * W, wy1 + 0.012 * W, 235)
        rect(wx0, wy0, wx1, wy1, 205)
        for k in range(3):                                   # trees outside, cut by the sill
            ellipse(wx0 + (0.05 + 0.3 * k) * (wx1 - wx0), wy1 - 0.13 * H + k * 0.02 * H,
                    wx0 + (0.35 + 0.3 * k) * (wx1 - wx0), wy1 + 0.01 * H, 150 + 15 * k)
        rect(wx0 - 0.02 * W, wy1, wx1 + 0.02 * W, wy1 + 0.022 * H, 225)        # sill
        mx = (wx0 + wx1) / 2
        rect(mx - 0.006 * W, wy0, mx + 0.006 * W, wy1, 235)
        rect(wx0, (wy0 + wy1) / 2 - 0.006 * W, wx1, (wy0 + wy1) / 2 + 0.006 * W, 235)
        # shelves with books, boxes, a ball and a plant
        sx0 = (0.03 if left else 0.69) * W
        sx1 = sx0 + 0.28 * W
        for k, sy in enumerate((0.22 * H, 0.38 * H, 0.54 * H)):
            rect(sx0, sy, sx1, sy + 0.018 * H, 70 + 10 * k)
            x = sx0 + 0.01 * W
            while x < sx1 - 0.03 * W:
                kind = rng.random()
                if kind < 0.55:                          # a run of books
                    for _ in range(int(rng.integers(2, 6))):
                        bw, bh = rng.uniform(0.006, 0.013) * W, rng.uniform(0.06, 0.1) * H
                        if x + bw > sx1 - 0.01 * W:
                            break
                        rect(x, sy - bh, x + bw, sy, rng.uniform(40, 220))
                        x += bw + 0.001 * W
                elif kind < 0.75:                        # a box
                    bw, bh = rng.uniform(0.03, 0.05) * W, rng.uniform(0.04, 0.07) * H
                    rect(x, sy - bh, x + bw, sy, rng.uniform(60, 200))
                    rect(x, sy - bh, x + bw, sy - bh + 0.008 * H, rng.uniform(60, 200))
                    x += bw
                elif kind < 0.88:                        # a ball
                    r = rng.uniform(0.018, 0.03) * H
                    ellipse(x, sy - 2 * r, x + 2 * r, sy, rng.uniform(80, 230))
                    x += 2 * r
                else:                                    # a potted plant
                    pw, ph = 0.03 * W, 0.035 * H
                    poly([(x, sy - ph), (x + pw, sy - ph), (x + 0.8 * pw, sy), (x + 0.2 * pw, sy)], 110)
                    for q in range(4):
                        ellipse(x + (q * 0.25 - 0.1) * pw, sy - ph - 0.05 * H + (q % 2) * 0.01 * H,
                                x + (q * 0.25 + 0.4) * pw, sy - ph + 0.005 * H, 60 + 12 * q)
                    x += pw
                x += rng.uniform(0.005, 0.02) * W
        # a picture frame
        px0 = (0.38 if left else 0.44) * W
        rect(px0, 0.12 * H, px0 + 0.12 * W, 0.3 * H, 55)
        rect(px0 + 0.008 * W, 0.12 * H + 0.008 * W, px0 + 0.112 * W, 0.3 * H - 0.008 * W, 185)
        ellipse(px0 + 0.03 * W, 0.17 * H, px0 + 0.07 * W, 0.24 * H, 120)
        # bench in front of the wall, on the floor
        bx0 = (0.58 if left else 0.12) * W
        bx1 = bx0 + 0.3 * W
        by = hz - 0.06 * H
        bench = 95 if self.wall > 120 else 175
        rect(bx0, by, bx1, by + 0.025 * H, bench)
        rect(bx0, by + 0.025 * H, bx1, by + 0.032 * H, bench - 25)
        for lx in (bx0 + 0.01 * W, bx1 - 0.025 * W):
            rect(lx, by + 0.03 * H, lx + 0.015 * W, hz + 0.025 * H, bench - 35)
        v = np.asarray(val.reduce(S), np.float32)
        a = np.asarray(alp.reduce(S), np.float32) / 255.0
        img = v + img * (1.0 - a)
        img += rng.normal(0, 2.0, img.shape).astype(np.float32)             # fine static grain
        self.img = img
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        r2 = ((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2
        self.vignette = (1.0 - 0.07 * r2).astype(np.float32)
        self.fg = None          # optional static foreground Layer (the wheelchair's front)

    def wall_grey_near(self, x, y0, y1):
        xs = slice(max(0, int(x - 0.1 * self.W)), int(x + 0.1 * self.W))
        return float(np.median(self.img[int(y0):int(y1), xs]))


def add_wheelchair(room, cx, seat_y, hpx):
    """A wheelchair seen from the front: backrest and push handles into the background; the
    big wheels (nearly edge-on, so narrow ellipses) and armrests as a foreground layer."""
    W, H = room.W, room.H
    back = Layer(0, 0, W, H)
    dark, frame = 45.0, 165.0
    bw = 0.17 * hpx
    top = seat_y - 0.36 * hpx
    poly = [(cx - bw, top), (cx + bw, top), (cx + bw, seat_y + 0.02 * hpx), (cx - bw, seat_y + 0.02 * hpx)]
    draw_convex(back, poly, plain(dark), (cx, top), (0.0, 1.0), hpx, bw * 3)
    for sg in (-1, 1):
        x = cx + sg * bw
        draw_capsule(back, (x, seat_y + 0.05 * hpx), (x, top - 0.05 * hpx), 0.012 * hpx, 0.012 * hpx,
                     plain(frame), hpx)
        draw_ellipse(back, (x, top - 0.06 * hpx), 0.02 * hpx, 0.025 * hpx,
                     lambda xn, yn: np.full(xn.shape, 30.0, np.float32))        # grips, end-on
    room.img = back.c + room.img * (1.0 - back.a)
    fg = Layer(0, 0, W, H)
    R = 0.26 * hpx
    for sg in (-1, 1):
        wx, wy = cx + sg * 0.245 * hpx, seat_y + 0.05 * hpx
        rx = 0.3 * R
        g = fg.grid(wx - rx - 3, wy - R - 3, wx + rx + 3, wy + R + 3)
        if g is None:
            continue
        box, X, Y = g
        xn, yn = (X - wx) / rx, (Y - wy) / R
        k = np.sqrt(xn * xn + yn * yn) + 1e-6
        grad = np.sqrt((xn / rx) ** 2 + (yn / R) ** 2) / k + 1e-6
        dist = (k - 1.0) / grad                               # pixels outside the outer rim
        tyre = np.clip(0.5 - (np.abs(dist + 0.035 * R) - 0.035 * R), 0, 1)
        rim = np.clip(0.5 - (np.abs(dist + 0.12 * R) - 0.012 * R), 0, 1)
        hub = np.clip(0.5 - (np.sqrt(((X - wx) / 0.35) ** 2 + (Y - wy) ** 2) - 0.06 * R), 0, 1)
        cov = np.maximum.reduce([tyre, rim, hub])
        val = np.where(tyre >= np.maximum(rim, hub), 32.0, frame).astype(np.float32)
        fg.paint(box, cov, val)
        ax = cx + sg * 0.205 * hpx                            # armrest pad and its post
        draw_capsule(fg, (ax, seat_y - 0.135 * hpx), (ax + sg * 0.02 * hpx, seat_y - 0.13 * hpx),
                     0.024 * hpx, 0.024 * hpx, plain(70.0), hpx)
        draw_capsule(fg, (ax, seat_y - 0.12 * hpx), (ax, seat_y + 0.06 * hpx), 0.011 * hpx,
                     0.011 * hpx, plain(frame), hpx)
    room.fg = fg


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------

class Scene:
    def __init__(self, name, W, H, seconds, seed, profile="standing", **room_kw):
        self.name, self.W, self.H, self.seconds, self.seed = name, W, H, seconds, seed
        self.profile = profile
        self.room = Room(W, H, seed, **room_kw)
        self.floor_near, self.floor_far = self.room.floor_near, self.room.floor_far
        self.rng = np.random.default_rng(seed + 1)
        self.actors = []
        self.notes = []

    def off_left(self, size=0.6):
        return -0.35 * size * self.H

    def off_right(self, size=0.6):
        return self.W + 0.35 * size * self.H


def low_contrast_look(sc, x, delta_top, delta_bottom, kind="plain", amp=0.0):
    room = sc.room
    wall = room.wall_grey_near(x, 0.2 * sc.H, room.horizon - 0.03 * sc.H)
    look = make_look(sc.rng,
                     top=Cloth(kind, wall + delta_top, amp, 0.04, seed=sc.seed + 7),
                     bottom=Cloth("plain", wall + delta_bottom, 0.0))
    look["long_sleeves"], look["long_trousers"] = True, True
    return look, wall


def s1():
    sc = Scene("s1", 320, 240, 10.0, 101)
    W = sc.W
    sc.actors.append(Actor(1, sc, make_look(sc.rng), sc.off_left(), 0.1, [
        (1.0, 2.8, "walk", dict(to=0.5 * W)),
        (2.8, 3.0, "rest", {}),
        (3.0, 6.0, "wave", dict(arm="R")),
        (6.0, 8.0, "rest", {}),
        (8.0, 9.9, "walk", dict(to=sc.off_right())),
    ], size=0.6))
    sc.notes.append("empty 0-1 s; walks in, waves the right-hand arm 3-6 s, still 6-8 s, walks out")
    return sc


def s2():
    sc = Scene("s2", 640, 480, 8.0, 202)
    sc.actors.append(Actor(1, sc, make_look(sc.rng), 0.48 * sc.W, 0.1, [
        (0.0, 8.0, "jj", dict(period=1.2)),
    ], size=0.62))
    sc.notes.append("jumping jacks from frame 0 (the background is learnt with the child in view)")
    return sc


def s3():
    sc = Scene("s3", 640, 480, 10.0, 303)
    sc.actors.append(Actor(1, sc, make_look(sc.rng), sc.off_left(0.64), 0.0, [
        (1.0, 8.6, "walk", dict(to=sc.off_right(0.64))),
    ], size=0.64))
    sc.actors.append(Actor(2, sc, make_look(sc.rng), sc.off_right(0.6), 0.75, [
        (1.0, 8.6, "walk", dict(to=sc.off_left(0.6))),
    ], size=0.6))
    sc.notes.append("1 near walks left to right, 2 far walks right to left; they cross at ~4.8 s")
    return sc


def s4():
    sc = Scene("s4", 320, 240, 8.0, 404)
    W = sc.W
    sc.actors.append(Actor(1, sc, make_look(sc.rng), 0.32 * W, 0.1, [
        (0.0, 8.0, "sway", dict(period=3.0, hip=0.035)),
    ], size=0.6))
    sc.actors.append(Actor(2, sc, make_look(sc.rng), sc.off_right(0.55), 0.3, [
        (3.0, 4.6, "walk", dict(to=0.74 * W)),
        (4.6, 8.0, "hop", dict(period=0.7, height=0.07)),
    ], size=0.58))
    sc.notes.append("1 sways from frame 0 (head moves about 5% of the width); 2 enters at 3 s, hops")
    return sc


def s5():
    sc = Scene("s5", 640, 480, 8.0, 505, profile="seated")
    hpx = 0.98 * sc.H
    cx, seat_y = 0.5 * sc.W, 0.8 * sc.H
    add_wheelchair(sc.room, cx, seat_y, hpx)
    sc.actors.append(Actor(1, sc, make_look(sc.rng), cx, 0.0, [
        (0.0, 1.0, "rest", {}),
        (1.0, 4.0, "wave", dict(arm="R", upper=2.0)),
        (4.0, 4.8, "rest", {}),
        (4.8, 7.3, "reach", dict(arm="R", period=1.25)),
        (7.3, 8.0, "rest", {}),
    ], size=0.98, seat=(cx, seat_y)))
    sc.notes.append("seated in a wheelchair, picture cut at the knees; waves 1-4 s, "
                    "reaches up twice 4.8-7.3 s")
    return sc


def s6():
    sc = Scene("s6", 1280, 720, 10.0, 606)
    x1 = 0.4 * sc.W
    look, wall = low_contrast_look(sc, x1, +14, -12, kind="striped", amp=4.0)
    sc.actors.append(Actor(1, sc, look, x1, 0.05, [
        (0.0, 1.0, "rest", {}),
        (1.0, 10.0, "wave", dict(arm="L", hz=1.3)),
    ], size=0.62))
    sc.actors.append(Actor(2, sc, make_look(sc.rng), sc.off_right(0.55), 0.8, [
        (4.0, 9.6, "walk", dict(to=sc.off_left(0.55))),
    ], size=0.55))
    sc.notes.append(f"1 waves only the left-hand arm from 1 s, clothes about 12-14 grey levels off the "
                    f"wall ({wall:.0f}); 2 walks across behind from 4 s")
    return sc


def s7():
    sc = Scene("s7", 320, 240, 9.0, 707)
    W = sc.W
    look, wall = low_contrast_look(sc, 0.5 * W, -12, +13)
    sc.actors.append(Actor(1, sc, look, sc.off_left(), 0.1, [
        (1.0, 2.8, "walk", dict(to=0.5 * W)),
        (2.8, 3.0, "rest", {}),
        (3.0, 6.6, "armups", dict(period=1.8)),
        (6.6, 6.8, "rest", {}),
        (6.8, 8.8, "walk", dict(to=sc.off_right())),
    ], size=0.6))
    sc.notes.append(f"low-contrast clothes (wall {wall:.0f}, top -12, trousers +13); arm-ups 3-6.6 s")
    return sc


def s8():
    sc = Scene("s8", 1280, 720, 10.0, 808)
    W = sc.W
    xs = [0.2 * W, 0.5 * W, 0.8 * W]
    sc.actors.append(Actor(1, sc, make_look(sc.rng), xs[0], 0.2, [
        (0.0, 5.0, "jj", dict(period=1.2, phase=0.0)),
        (5.0, 8.6, "walk", dict(to=xs[2], bump=-0.3)),
        (8.6, 10.0, "jj", dict(period=1.2)),
    ], size=0.58))
    sc.actors.append(Actor(2, sc, make_look(sc.rng), xs[1], 0.2, [
        (0.0, 10.0, "jj", dict(period=1.3, phase=1.0)),
    ], size=0.6))
    sc.actors.append(Actor(3, sc, make_look(sc.rng), xs[2], 0.2, [
        (0.0, 5.0, "jj", dict(period=1.1, phase=2.0)),
        (5.0, 8.6, "walk", dict(to=xs[0], bump=0.45)),
        (8.6, 10.0, "jj", dict(period=1.1)),
    ], size=0.62))
    sc.notes.append("three jumping jacks; 5-8.6 s: 1 (left) walks to the right in front of 2, "
                    "3 (right) walks to the left behind 2")
    return sc


SCENARIOS = {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5, "s6": s6, "s7": s7, "s8": s8}


# --------------------------------------------------------------------------------------------
# Rendering a clip
# --------------------------------------------------------------------------------------------

def blur121(img):
    out = img.copy()
    out[:, 1:-1] = 0.25 * img[:, :-2] + 0.5 * img[:, 1:-1] + 0.25 * img[:, 2:]
    o2 = out.copy()
    o2[1:-1] = 0.25 * out[:-2] + 0.5 * out[1:-1] + 0.25 * out[2:]
    return o2


def render_clip(sc, out_dir):
    W, H = sc.W, sc.H
    room = sc.room
    n = int(round(sc.seconds * FPS))
    rng = np.random.default_rng(sc.seed + 99)
    flick_ph = float(rng.uniform(0, TAU))
    per_frame = []
    frames_small = []
    path = os.path.join(out_dir, sc.name + ".y4m")
    with open(path, "wb") as fh:
        fh.write(f"YUV4MPEG2 W{W} H{H} F{FPS}:1 Ip A1:1 Cmono\n".encode())
        for t_i in range(n):
            t = t_i / FPS
            img = room.img.copy()
            states = [(a, a.state(t)) for a in sc.actors]
            states = [(a, s) for a, s in states if s is not None]
            states.sort(key=lambda e: -e[1]["z"])                       # far first
            owner = np.zeros((H, W), np.int16)
            info = {}
            for a, st in states:
                lay, J = render_person(st, a)
                if J["floor"] is not None:                              # soft contact shadow
                    sx = 0.5 * (J["L"]["A"][0] + J["R"]["A"][0])
                    lift = 1.0 - min(1.0, st["pose"]["bob"] / 0.08)
                    g = pixel_grid(sx - 0.2 * J["H"], J["floor"] - 0.05 * J["H"],
                                   sx + 0.2 * J["H"], J["floor"] + 0.05 * J["H"], 0, 0, W, H)
                    if g is not None:
                        (bx0, by0, bx1, by1), X, Y = g
                        r2 = ((X - sx) / (0.16 * J["H"])) ** 2 + ((Y - J["floor"]) / (0.025 * J["H"])) ** 2
                        dark = (0.22 + 0.1 * lift) * (0.5 + 0.5 * lift)
                        img[by0:by1, bx0:bx1] *= 1.0 - dark * np.exp(-r2 * 1.5)
                fx0, fy0 = max(0, lay.x0), max(0, lay.y0)
                fx1, fy1 = min(W, lay.x1), min(H, lay.y1)
                full = int((lay.a > 0.5).sum())
                if fx1 > fx0 and fy1 > fy0:
                    sub = (slice(fy0 - lay.y0, fy1 - lay.y0), slice(fx0 - lay.x0, fx1 - lay.x0))
                    c, al = lay.c[sub], lay.a[sub]
                    img[fy0:fy1, fx0:fx1] = c + img[fy0:fy1, fx0:fx1] * (1.0 - al)
                    owner[fy0:fy1, fx0:fx1][al > 0.5] = a.pid
                    info[a.pid] = (full, (fx0, fy0, fx1, fy1))
                else:
                    info[a.pid] = (full, None)
            if room.fg is not None:
                img = room.fg.c + img * (1.0 - room.fg.a)
                owner[room.fg.a > 0.5] = 0
            people = []
            for a in sorted(sc.actors, key=lambda a: a.pid):
                if a.pid not in info or info[a.pid][1] is None:
                    continue
                full, (fx0, fy0, fx1, fy1) = info[a.pid]
                m = owner[fy0:fy1, fx0:fx1] == a.pid
                vis = int(m.sum())
                if vis == 0:
                    continue
                rows, cols = np.nonzero(m.any(axis=1))[0], np.nonzero(m.any(axis=0))[0]
                box = [int(fx0 + cols[0]), int(fy0 + rows[0]),
                       int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)]
                frac = vis / max(1, full)
                people.append(dict(id=a.pid, box=box, visible=round(frac, 3),
                                   unscored=bool(frac < UNSCORED_VISIBLE),
                                   profile="seated" if a.seated else "standing"))
            per_frame.append(dict(frame=t_i, people=people))
            # camera: slight optical blur, vignette, slow light flicker, sensor noise
            img = blur121(img) * room.vignette
            gain = 1.0 + 0.02 * math.sin(TAU * t / 5.3 + flick_ph) + 0.004 * math.sin(TAU * t / 1.7)
            img = img * gain + rng.normal(0.0, 2.5, img.shape).astype(np.float32)
            y = np.clip(np.rint(img), 0, 255).astype(np.uint8)
            fh.write(b"FRAME\n")
            fh.write(y.tobytes())
            frames_small.append((t_i, y))
    people_meta = []
    for a in sorted(sc.actors, key=lambda a: a.pid):
        uns = [pf["frame"] for pf in per_frame for p in pf["people"] if p["id"] == a.pid and p["unscored"]]
        seen = [pf["frame"] for pf in per_frame for p in pf["people"] if p["id"] == a.pid]
        lk = a.look
        people_meta.append(dict(
            id=a.pid, profile="seated" if a.seated else "standing",
            first_frame=seen[0] if seen else None, last_frame=seen[-1] if seen else None,
            unscored=uns,
            look=dict(top=lk["top"].describe(), bottom=lk["bottom"].describe(),
                      skin=round(lk["skin"]), hair=round(lk["hair"]))))
    truth = dict(clip=sc.name + ".y4m", generator="tools/second-generator/gen.py",
                 width=W, height=H, fps=FPS, frames=n, profile=sc.profile,
                 wall_grey=round(room.wall, 1), floor_grey=round(room.floor_tone, 1),
                 notes=sc.notes, unscored_rule=f"visible share of the figure < {UNSCORED_VISIBLE} "
                 "(cut by the picture edge or hidden behind a nearer child)",
                 people=people_meta, per_frame=per_frame)
    with open(os.path.join(out_dir, sc.name + ".truth.json"), "w") as f:
        json.dump(truth, f, separators=(",", ":"))
    return truth, frames_small


def contact_sheet(name, truth, frames, sheet_dir, cols=4, rows=4):
    """Evenly spaced frames with truth boxes (white, dashed when unscored) and ids."""
    n = len(frames)
    pick = [round(i * (n - 1) / (cols * rows - 1)) for i in range(cols * rows)]
    W, H = truth["width"], truth["height"]
    tw = 320
    th = int(round(H * tw / W))
    sheet = Image.new("L", (cols * tw, rows * (th + 12)), 0)
    d = ImageDraw.Draw(sheet)
    k = tw / W
    for i, t in enumerate(pick):
        im = Image.fromarray(frames[t][1]).resize((tw, th), Image.BILINEAR)
        ox, oy = (i % cols) * tw, (i // cols) * (th + 12)
        sheet.paste(im, (ox, oy + 12))
        d.text((ox + 2, oy), f"{name} f{t} t={t / FPS:.1f}s", fill=255)
        for p in truth["per_frame"][t]["people"]:
            x, y, w, h = p["box"]
            box = [ox + x * k, oy + 12 + y * k, ox + (x + w) * k - 1, oy + 12 + (y + h) * k - 1]
            d.rectangle(box, outline=255 if not p["unscored"] else 128)
            d.text((box[0] + 2, box[1] + 1), str(p["id"]) + ("u" if p["unscored"] else ""), fill=255)
    os.makedirs(sheet_dir, exist_ok=True)
    sheet.save(os.path.join(sheet_dir, name + ".png"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/gen2/clips")
    ap.add_argument("--sheets", default="/tmp/gen2/sheets")
    ap.add_argument("--no-sheets", action="store_true")
    ap.add_argument("scenarios", nargs="*")
    args = ap.parse_args()
    names = args.scenarios or list(SCENARIOS)
    for nm in names:
        if nm not in SCENARIOS:
            sys.exit(f"unknown scenario {nm}; known: {' '.join(SCENARIOS)}")
    os.makedirs(args.out, exist_ok=True)
    man_path = os.path.join(args.out, "manifest.json")
    manifest = {}
    if os.path.exists(man_path):
        with open(man_path) as f:
            manifest = {c["name"]: c for c in json.load(f).get("clips", [])}
    for nm in names:
        sc = SCENARIOS[nm]()
        truth, frames = render_clip(sc, args.out)
        if not args.no_sheets:
            contact_sheet(nm, truth, frames, args.sheets)
        manifest[nm] = dict(name=nm, file=nm + ".y4m", truth=nm + ".truth.json",
                            profile=sc.profile, width=sc.W, height=sc.H, frames=truth["frames"],
                            people=len(sc.actors))
        print(f"{nm}: {sc.W}x{sc.H} {truth['frames']} frames, {len(sc.actors)} people -> "
              f"{os.path.join(args.out, nm + '.y4m')}", flush=True)
    with open(man_path, "w") as f:
        json.dump({"generator": "tools/second-generator/gen.py",
                   "clips": [manifest[k] for k in sorted(manifest)]}, f, indent=1)


if __name__ == "__main__":
    main()
