"""The steps a graph figure records, read back from its SVG, and the page's
stepper checked against them in a browser.

``snippets/backpropagation/draw_graph.py`` writes the steps into the figure's
description (``<dc:description>``, JSON): the graph's nodes, the text of every
label by its id, and per step a caption, the labels it shows and the parts it
lights up. ``tests/test_stepper.py`` checks those numbers against the engine
and autograd; ``tests/test_browser.py`` checks that the page shows them, step
by step, with :func:`stepping_problems`.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from mlnotes.checks.snippets import ROOT

DESCRIPTION = "{http://purl.org/dc/elements/1.1/}description"
# The stepped figures: figure -> (the snippet that draws it, its root tensor)
STEPPED = {
    "gate_graph.svg": ("gate_graph.py", "f"),
    "mlp_graph.svg": ("mlp_engine.py", "L"),
}
# The leaves of each figure that get no gradient (a label), besides the numbers
CONSTANTS = {"mlp_graph.svg": {"Y"}}
FOLDER = ROOT / "snippets" / "backpropagation"


def is_constant(svg_name: str, node) -> bool:
    """A leaf the figure gives no gradient: a label, or a number (-1/N)."""
    if node.parents:
        return False
    try:
        float(node.name)
    except ValueError:
        return node.name in CONSTANTS.get(svg_name, ())
    return True


def recorded(svg: Path) -> dict:
    """The steps an SVG records: {"nodes": [...], "labels": {...}, "steps": [...]}."""
    description = ElementTree.parse(svg).getroot().find(f".//{DESCRIPTION}")
    if description is None:
        raise ValueError(f"{svg} records no steps (no description)")
    return json.loads(description.text)


def expected_states(data: dict) -> list[dict]:
    """What the page shows at each step: the caption, the labels shown so far
    (each step adds its own) and the parts lit."""
    states, shown = [], set()
    for number, step in enumerate(data["steps"]):
        shown |= set(step["show"])
        states.append({"count": f"Step {number} of {len(data['steps']) - 1}",
                       "caption": step["caption"], "shown": sorted(shown),
                       "lit": sorted(step["lit"])})
    return states


# The state of one stepper figure: its counter, caption, and which of the
# given ids are visible and which are lit.
STATE = """([figure, labels]) => {
    const svg = figure.querySelector('svg');
    const part = id => svg.querySelector(`[id="${id}"]`);
    return {
        count: figure.querySelector('.stepper-count').textContent,
        caption: figure.querySelector('.stepper-caption').textContent,
        shown: labels.filter(id => getComputedStyle(part(id)).visibility === 'visible').sort(),
        lit: Array.from(svg.querySelectorAll('.stepper-lit'), el => el.id).sort(),
    };
}"""


def figure_locator(page, svg_name: str):
    return page.locator(f"figure.stepper[data-src$='/{svg_name}']")


def state(page, svg_name: str, labels: list[str]) -> dict:
    return figure_locator(page, svg_name).evaluate(
        "(figure, labels) => (" + STATE + ")([figure, labels])", labels)


def stepping_problems(page, svg_name: str, data: dict) -> list[str]:
    """Step the figure forward to its last step with Next, then back to the
    first with Back; at every step, compare what the page shows with the
    recorded step. One line per difference."""
    figure = figure_locator(page, svg_name)
    figure.wait_for()
    labels = sorted(data["labels"])
    states = expected_states(data)
    found = []

    def compare(number):
        seen = state(page, svg_name, labels)
        for key, want in states[number].items():
            if seen[key] != want:
                found.append(f"{svg_name} step {number}: shows {key} {seen[key]!r}, "
                             f"recorded {want!r}")

    compare(0)
    for number in range(1, len(states)):
        figure.get_by_role("button", name="Next").click()
        compare(number)
    for number in reversed(range(len(states) - 1)):
        figure.get_by_role("button", name="Back").click()
        compare(number)
    return found
