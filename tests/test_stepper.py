"""The numbers of the stepped graph figures are the engine's and autograd's.

Each stepped figure (mlnotes/checks/stepper.py) records its graph, the text of
every label and the steps that show them. Here the snippet that draws it runs
again, and every label is recomputed twice: from the engine's graph, and from
the same graph rebuilt in PyTorch, where autograd gives the gradient each edge
sends back (a clone per edge, its .grad kept). The steps must follow the
algorithm: the leaves, then every operation in topological order; the seed,
then every node in reverse order, a fork adding its shares before its own rule.
"""

import contextlib
import copy

import pytest
import torch

from mlnotes.checks.snippets import importable
from mlnotes.checks.stepper import FOLDER, STEPPED, is_constant, recorded

# What a label says, per figure: (a forward value, a gradient), as its page explains.
SAYS = {
    "gate_graph.svg": (lambda value: f"{value.item():g}", lambda grad: f"{grad.item():g}"),
    "mlp_graph.svg": (lambda value: "×".join(map(str, value.shape)) or "scalar",
                      lambda grad: f"{grad.abs().max().item():.2g}"),
}
TORCH = {"+": torch.add, "×": torch.mul, "@": torch.matmul, "max": torch.maximum,
         "relu": torch.relu, "σ": torch.sigmoid, "tanh": torch.tanh, "log": torch.log,
         "sum": torch.sum, "softmax": lambda s: torch.softmax(s, -1)}
# The rule each backward step must name (draw_graph.py words the rest)
RULES = {"+": "add distributes", "×": "multiply swaps", "max": "max routes",
         "@": "matrix product", "relu": "ReLU masks", "log": "log divides",
         "sum": "sum copies", "softmax": "softmax"}
FORK = "gradients add at a fork"


def drawn_graph(tmp_path, snippet, root):
    """Run the snippet as the tests do (in an empty folder) and return the
    root of the graph it drew, with its topological order."""
    with contextlib.chdir(tmp_path), importable(FOLDER), contextlib.redirect_stdout(None):
        namespace = {"__name__": "__main__"}
        exec(compile((FOLDER / snippet).read_text(encoding="utf-8"), snippet, "exec"),
             namespace)
    return namespace[root], namespace[root].topological_order()


def label_ids(prefix, order):
    """Each label's id, as draw_graph.py names them, with what it carries:
    ("value" | "grad", index of the node, slot of the input or "out").
    A constant (a label, a number) sends no gradient back: no label."""
    ids = {}
    for j, node in enumerate(order):
        for k, parent in enumerate(node.parents):
            ids[f"{prefix}-value{j}_{k}"] = ("value", j, k)
            if not is_constant(f"{prefix}.svg", parent):
                ids[f"{prefix}-grad{j}_{k}"] = ("grad", j, k)
    last = len(order) - 1
    ids[f"{prefix}-value{last}_out"] = ("value", last, "out")
    ids[f"{prefix}-grad{last}_out"] = ("grad", last, "out")
    return ids


def engine_labels(order, value, grad, prefix):
    labels = {}
    for key, (kind, j, k) in label_ids(prefix, order).items():
        node = order[j]
        if k == "out":
            labels[key] = value(torch.tensor(node.data)) if kind == "value" else grad(
                torch.tensor(node.grad))
        elif kind == "value":
            labels[key] = value(torch.tensor(node.parents[k].data))
        else:
            labels[key] = grad(torch.tensor(node.local_backward(node.grad)[k]))
    for i, node in enumerate(order):
        labels[f"{prefix}-total{i}"] = grad(torch.tensor(node.grad))
    return labels


def autograd_labels(order, value, grad, prefix):
    """The same graph in PyTorch: every input of every node is a clone of its
    parent, so autograd reports the share each edge sends back; a leaf's
    .grad is the sum of its shares."""
    tensors, inputs = [], {}
    for j, node in enumerate(order):
        if not node.parents:
            tensors.append(torch.tensor(node.data, requires_grad=True))
            continue
        for k, parent in enumerate(node.parents):
            inputs[j, k] = tensors[order.index(parent)].clone()
            inputs[j, k].retain_grad()
        tensors.append(TORCH[node.op](*(inputs[j, k] for k in range(len(node.parents)))))
        tensors[-1].retain_grad()
    tensors[-1].backward()
    labels = {}
    for key, (kind, j, k) in label_ids(prefix, order).items():
        if k == "out":
            labels[key] = value(tensors[j].detach()) if kind == "value" else grad(
                torch.ones_like(tensors[j]))
        else:
            labels[key] = value(inputs[j, k].detach()) if kind == "value" else grad(
                inputs[j, k].grad)
    for i, tensor in enumerate(tensors):
        labels[f"{prefix}-total{i}"] = grad(tensor.grad)
    return labels


def expected_shows(order, prefix):
    """The labels each step shows, in the algorithm's order."""
    uses = {i: [] for i in range(len(order))}
    for j, node in enumerate(order):
        for k, parent in enumerate(node.parents):
            uses[order.index(parent)].append(f"{j}_{k}")
    last = len(order) - 1
    uses[last].append(f"{last}_out")
    leaves = [i for i, node in enumerate(order) if not node.parents]
    shows = [[], [f"{prefix}-value{edge}" for i in leaves for edge in uses[i]]]
    shows += [[f"{prefix}-value{edge}" for edge in uses[i]]
              for i, node in enumerate(order) if node.parents]
    shows.append([f"{prefix}-grad{last}_out"])
    for i in reversed(range(len(order))):
        if len(uses[i]) > 1:
            shows.append([f"{prefix}-total{i}"])
        if order[i].parents:
            shows.append([f"{prefix}-grad{i}_{k}" for k, parent in enumerate(order[i].parents)
                          if not is_constant(f"{prefix}.svg", parent)])
    return shows


def step_problems(data, root, order, value, grad, prefix):
    """Everything in the recorded steps that differs from the engine, from
    autograd or from the algorithm, one line each."""
    found = []
    nodes = [{"name": n.name, "op": n.op, "parents": [order.index(p) for p in n.parents]}
             for n in order]
    if data["nodes"] != nodes:
        return [f"the recorded graph {data['nodes']} is not the snippet's {nodes}"]
    for oracle, labels in (("the engine", engine_labels(order, value, grad, prefix)),
                           ("autograd", autograd_labels(order, value, grad, prefix))):
        found += [f"label {key} says {text!r}, {oracle} gives {labels.get(key)!r}"
                  for key, text in data["labels"].items() if labels.get(key) != text]
    shows = [step["show"] for step in data["steps"]]
    if shows != expected_shows(order, prefix):
        found.append(f"the steps show {shows}, the algorithm {expected_shows(order, prefix)}")
    if sorted(sum(shows, [])) != sorted(data["labels"]):
        found.append("the last step does not show every label exactly once")
    for number, step in enumerate(data["steps"]):
        caption = step["caption"]
        found += [f"step {number}: the caption {caption!r} does not say {data['labels'][key]!r}"
                  for key in step["show"] if data["labels"][key] not in caption]
        fork = [key for key in step["show"] if "-total" in key]
        shown_ops = {order[int(key.rsplit("grad", 1)[1].split("_")[0])].op
                     for key in step["show"] if "-grad" in key and not key.endswith("_out")}
        rules = [FORK] * bool(fork) + [RULES[op] for op in shown_ops]
        found += [f"step {number}: the caption {caption!r} does not name the rule {rule!r}"
                  for rule in rules if rule.lower() not in caption.lower()]
    return found


@pytest.fixture(scope="module", params=sorted(STEPPED))
def figure(request, tmp_path_factory):
    name = request.param
    snippet, root_name = STEPPED[name]
    root, order = drawn_graph(tmp_path_factory.mktemp("run"), snippet, root_name)
    return name, root, order


def test_recorded_steps_match_the_engine_and_autograd(figure):
    name, root, order = figure
    data = recorded(FOLDER / name)
    problems = step_problems(data, root, order, *SAYS[name], name.removesuffix(".svg"))
    assert not problems, "\n".join(problems)


def test_a_changed_number_or_rule_is_reported(figure):
    """Planted faults in a copy of the recorded steps."""
    name, root, order = figure
    data = recorded(FOLDER / name)
    prefix = name.removesuffix(".svg")
    changed = copy.deepcopy(data)
    key = f"{prefix}-grad{len(order) - 1}_0"  # the first share the backward pass sends
    changed["labels"][key] = "42"
    problems = step_problems(changed, root, order, *SAYS[name], prefix)
    assert f"label {key} says '42', autograd gives {data['labels'][key]!r}" in problems
    changed = copy.deepcopy(data)
    # the blank graph, the leaves, each operation, the seed: then the root's rule
    number = 3 + sum(1 for node in order if node.parents)
    changed["steps"][number]["caption"] = changed["steps"][number]["caption"].replace(
        "multiply swaps", "add distributes")
    problems = step_problems(changed, root, order, *SAYS[name], prefix)
    assert any(p.startswith(f"step {number}: ") and "'multiply swaps'" in p for p in problems)
    changed = copy.deepcopy(data)
    changed["steps"][1:3] = changed["steps"][2:0:-1]  # two forward steps swapped
    assert any(p.startswith("the steps show ") for p in
               step_problems(changed, root, order, *SAYS[name], prefix))
    changed, planted = copy.deepcopy(data), False  # a gradient for a constant: Y, -1/N
    for j, node in enumerate(order):
        for k, parent in enumerate(node.parents):
            if is_constant(name, parent):
                changed["labels"][f"{prefix}-grad{j}_{k}"] = "1.1"
                problems = step_problems(changed, root, order, *SAYS[name], prefix)
                assert f"label {prefix}-grad{j}_{k} says '1.1', the engine gives None" in problems
                planted = True
    assert planted or name == "gate_graph.svg", f"{name} has no constant to plant a gradient on"
