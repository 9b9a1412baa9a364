"""The figures of a page as a reader sees them: the size their text renders at,
whether they scroll sideways, and (from the SVG file alone) whether a line
crosses a label.

matplotlib writes text as glyph paths (``svg.fonttype: path``): each glyph is
a ``<use>`` of a path drawn at 100 units per em, so its rendered font size is
100 times the scale of its screen transform. A figure shown as an image is
measured on a copy of its SVG laid out at the image's size.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.etree import ElementTree

SMALLEST_TEXT = 11  # CSS px: no figure's text below this, on a phone
SCROLL_NOTE = "sideways"  # what a figure that scrolls sideways says about it

# Per figure of the page: its file, the smallest font size of its text in CSS
# px (and that text), and whether it scrolls sideways and says so.
FIGURE_TEXT = r"""async () => {
    const figures = [];
    const glyphs = svg => {
        const sizes = [];
        for (const use of svg.querySelectorAll('use')) {
            const m = use.getScreenCTM();
            const group = use.closest('g[id^="text"], g[id*="-"]') || use.parentElement;
            sizes.push([100 * Math.hypot(m.c, m.d), group.id]);
        }
        for (const text of svg.querySelectorAll('text')) {
            const m = text.getScreenCTM();
            sizes.push([parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.c, m.d), text.textContent]);
        }
        return sizes.sort((a, b) => a[0] - b[0]);
    };
    for (const img of document.querySelectorAll("article img[src$='.svg']")) {
        const box = img.getBoundingClientRect();
        if (!box.width) continue;
        const text = await (await fetch(img.src)).text();
        const svg = document.importNode(
            new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true);
        svg.setAttribute('width', box.width);
        svg.setAttribute('height', box.height);
        const holder = document.createElement('div');
        holder.style.cssText = 'position: absolute; left: 0; top: 0; visibility: hidden';
        holder.append(svg);
        document.body.append(holder);
        figures.push({src: img.getAttribute('src'), sizes: glyphs(svg).slice(0, 3),
                      scrolls: false, says: ''});
        holder.remove();
    }
    for (const figure of document.querySelectorAll('article figure.stepper')) {
        const view = figure.querySelector('.stepper-view');
        const hint = figure.querySelector('.stepper-hint');
        const caption = figure.closest('figure:not(.stepper)')?.querySelector('figcaption');
        figures.push({src: figure.dataset.src, sizes: glyphs(figure.querySelector('svg')).slice(0, 3),
                      scrolls: view.scrollWidth > view.clientWidth + 1,
                      says: [hint && hint.checkVisibility() ? hint.textContent : '',
                             caption ? caption.textContent : ''].join(' ')});
    }
    return figures;
}"""


def figure_problems(figures: list[dict], smallest: float = SMALLEST_TEXT) -> list[str]:
    """What FIGURE_TEXT found wrong: text too small, a silent sideways scroll."""
    found = []
    for figure in figures:
        if figure["sizes"] and figure["sizes"][0][0] < smallest:
            size, where = figure["sizes"][0]
            found.append(f"{figure['src']}: text renders at {size:.1f} px ({where}), "
                         f"below {smallest} px")
        if figure["scrolls"] and SCROLL_NOTE not in figure["says"]:
            found.append(f"{figure['src']}: scrolls sideways and does not say so")
    return found


# --- Lines and labels in the SVG file -------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"


def _matrix(transform: str | None):
    """An SVG transform attribute (translate, scale) as (a, b, c, d, e, f)."""
    m = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for kind, args in re.findall(r"(\w+)\(([^)]*)\)", transform or ""):
        v = [float(x) for x in re.findall(NUMBER, args)]
        if kind == "translate":
            t = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0)
        elif kind == "scale":
            t = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif kind == "matrix":
            t = tuple(v)
        else:
            raise ValueError(f"transform {kind} not handled")
        m = _compose(m, t)
    return m


def _compose(m, t):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = t
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
            a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _points(d: str) -> list[tuple[float, float]]:
    """The vertices of a path's data (matplotlib writes M, L, C, Q, z with
    absolute coordinates): good enough for boxes and straight segments."""
    values = [float(x) for x in re.findall(NUMBER, d)]
    return list(zip(values[::2], values[1::2]))


def labels_and_lines(svg: Path):
    """Every text's box (from its glyphs' paths) and every stroked path (a line,
    an arrow, a box's border) as straight segments, in the SVG's coordinates.
    A text or a line is named by the id of its nearest group: texts
    {id: (x0, y0, x1, y1)}, lines [(id, (x0, y0), (x1, y1))]."""
    root = ElementTree.parse(svg).getroot()
    glyphs = {}  # glyph id -> its outline's points (in 100 units per em)
    for defs in root.iter(f"{SVG}defs"):
        for path in defs.iter(f"{SVG}path"):
            m = _matrix(path.get("transform"))
            glyphs[path.get("id")] = [_apply(m, *p) for p in _points(path.get("d", ""))]
    texts, lines = {}, []

    def walk(element, m, name):
        m = _compose(m, _matrix(element.get("transform")))
        name = element.get("id") or name
        tag = element.tag.removeprefix(SVG)
        if tag == "defs":
            return
        if tag == "use":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            points = [_apply(m, px + x, py + y)
                      for px, py in glyphs.get(element.get(XLINK, "").lstrip("#"), [])]
            if points:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                old = texts.get(name, (math.inf, math.inf, -math.inf, -math.inf))
                texts[name] = (min(old[0], *xs), min(old[1], *ys), max(old[2], *xs), max(old[3], *ys))
        elif tag == "path" and "stroke:" in element.get("style", ""):
            points = [_apply(m, *p) for p in _points(element.get("d", ""))]
            lines.extend((name, a, b) for a, b in zip(points, points[1:]))
        for child in element:
            walk(child, m, name)

    walk(root, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), "figure")
    return texts, lines


def crosses(box, a, b) -> bool:
    """Whether the segment a-b passes through the inside of box (x0, y0, x1, y1):
    Liang-Barsky clipping."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    return t1 - t0 > 1e-9


def crossing_problems(svg: Path, margin: float = 1.0) -> list[str]:
    """Each line of the figure that runs through a label (its box grown by
    `margin` points on every side), and each two labels that overlap, one
    line each. A label's own box (a node's border) does not count."""
    texts, lines = labels_and_lines(svg)
    found = []
    grown = {key: (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
             for key, (x0, y0, x1, y1) in texts.items()}
    for key, box in sorted(grown.items()):
        for line, a, b in lines:
            if line != key and crosses(box, a, b):
                found.append(f"{svg.name}: the line {line} crosses the label {key}")
                break
    keys = sorted(texts)
    for i, key in enumerate(keys):
        for other in keys[i + 1:]:
            (a0, b0, a1, b1), (c0, d0, c1, d1) = texts[key], texts[other]
            if a0 < c1 and c0 < a1 and b0 < d1 and d0 < b1:
                found.append(f"{svg.name}: the labels {key} and {other} overlap")
    return found


# --- The stepper keeps its controls and the lit parts in view --------------

# Where the controls and the lit parts of a stepped figure are, against the
# part of the window a reader sees (below Material's header).
IN_VIEW = r"""figure => {
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const view = figure.querySelector('.stepper-view').getBoundingClientRect();
    const lit = Array.from(figure.querySelectorAll('svg .stepper-lit'),
                           el => el.getBoundingClientRect()).filter(box => box.width || box.height);
    const union = lit.length ? {
        top: Math.min(...lit.map(b => b.top)), bottom: Math.max(...lit.map(b => b.bottom)),
        left: Math.min(...lit.map(b => b.left)), right: Math.max(...lit.map(b => b.right))} : null;
    const bar = figure.querySelector('.stepper-bar').getBoundingClientRect();
    return {top, bottom: window.innerHeight, bar: {top: bar.top, bottom: bar.bottom},
            lit: union, left: Math.max(view.left, 0), right: Math.min(view.right, window.innerWidth),
            count: figure.querySelector('.stepper-count').textContent};
}"""


def in_view_problems(where: dict) -> list[str]:
    """What IN_VIEW found out of sight: the controls, or lit parts that would fit."""
    found, count = [], where["count"]
    bar, lit = where["bar"], where["lit"]
    if bar["top"] < where["top"] - 1 or bar["bottom"] > where["bottom"] + 1:
        found.append(f"{count}: the controls are out of view ({bar['top']:.0f}-{bar['bottom']:.0f} px "
                     f"in a window showing {where['top']:.0f}-{where['bottom']:.0f} px)")
    if lit is None:
        return found
    room = min(bar["top"], where["bottom"]) - where["top"]
    if lit["bottom"] - lit["top"] <= room:
        if lit["top"] < where["top"] - 1 or lit["bottom"] > min(bar["top"], where["bottom"]) + 1:
            found.append(f"{count}: the lit part ({lit['top']:.0f}-{lit['bottom']:.0f} px) is not between "
                         f"the header and the controls ({where['top']:.0f}-{bar['top']:.0f} px)")
    elif lit["bottom"] < where["top"] or lit["top"] > bar["top"]:
        found.append(f"{count}: the lit part ({lit['top']:.0f}-{lit['bottom']:.0f} px) is out of view")
    if lit["right"] - lit["left"] <= where["right"] - where["left"]:
        if lit["left"] < where["left"] - 1 or lit["right"] > where["right"] + 1:
            found.append(f"{count}: the lit part ({lit['left']:.0f}-{lit['right']:.0f} px) is off the side "
                         f"of the figure's view ({where['left']:.0f}-{where['right']:.0f} px)")
    return found


def stepping_in_view_problems(page, figure) -> list[str]:
    """Step a figure from its first step to its last with Next, as a reader
    does (the button is clicked where it is), checking at each step."""
    figure.scroll_into_view_if_needed()
    found = in_view_problems(figure.evaluate(IN_VIEW))
    next_button = figure.get_by_role("button", name="Next")
    while next_button.is_enabled():
        next_button.click()
        found += in_view_problems(figure.evaluate(IN_VIEW))
    return found
