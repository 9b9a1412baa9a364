"""The legend of every checked formula of the notes, with PyTorch as its oracle.

A page marks a display equation with ``<!-- check: <name> -->`` on the line
just before its ``$$``; the legend of that name says what each symbol of the
equation is: the inputs with their shapes in named sizes and how to draw
them, and the same forward pass in PyTorch, which gives every other value the
formulas name. Gradients (``\\bar{X}``, ``\\frac{\\partial{L}}{\\partial{X}}``)
and Jacobians (``J^y_x``) come from torch.autograd on that forward pass.
``tests/test_formulas.py`` evaluates the equation as written against it.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from mlnotes.checks.formulas.oracle import Legend
from mlnotes.checks.rules import distribution, normal, one_hot, positive, probability, sign


def labels(rng, shape):
    """A class per row: shape is (N, C), the labels are N floats in 0..C-1."""
    return rng.integers(shape[1], size=shape[0]).astype(np.float64)


def one_hot_row(rng, shape):
    return one_hot(rng, (1, shape[0]))[0]


def probabilities(rng, shape):
    return distribution(rng, shape)


def probability_or_edge(rng, shape):
    """Probabilities, about a third of them within 1e-13 of 0 or 1: there p(1 - p)
    falls under BCE's floor, so a formula that drops the floor fails."""
    p = probability(rng, shape)
    edge = rng.random(shape) < 1 / 3
    return np.where(edge, rng.choice([1e-13, 1 - 1e-13], size=shape), p)


FLOAT32_EPSILON = float(np.float32(1e-12))  # PyTorch's floor of p(1 - p) in BCE's gradient, as stored
HUBER_DELTA = 0.7  # not 1: a formula that drops a factor delta must fail


def relu_activation(v):
    z = v["z"]
    (derivative,) = torch.autograd.grad(torch.relu(z).sum(), z)
    return {"a": torch.relu(z), "\\phi": torch.relu(z), "\\phi'": derivative}


def mlp(v):
    Z_1 = v["X"] @ v["W_1"] + v["b_1"]
    A_1 = torch.relu(Z_1)
    S = A_1 @ v["W_2"] + v["b_2"]
    return {"Z_1": Z_1, "A_1": A_1, "S": S, "P": torch.softmax(S, dim=1),
            "L": F.cross_entropy(S, v["Y"].argmax(dim=1))}


LAMBDA = 0.3  # any weight of the L2 term


def mlp_l2(v):
    values = mlp(v)
    values["L"] = values["L"] + LAMBDA / 2 * ((v["W_1"] ** 2).sum() + (v["W_2"] ** 2).sum())
    return values


def fused_row(v):
    """One row s of the MLP's S and its one-hot y: p = softmax(s), and its share of
    the loss, NLL of log p over N rows (through p, so that the bar of p is dL/dp)."""
    p = torch.softmax(v["s"], dim=0)
    return {"p": p, "L": F.nll_loss(p.log()[None], v["y"].argmax()[None]) / v["N"]}


def multi_margin(v):
    y = v["y"].detach().long()
    S = v["S"]
    return {"m": 1 - S.gather(1, y[:, None]) + S, "L": F.multi_margin_loss(S, y)}


LEGENDS = [
    # The Backpropagation note: a block's L is <its output, a random upstream gradient>.
    Legend("dot product", "n", {"x": ("n 1", normal), "y": ("n 1", normal)},
           lambda v: {"z": (v["x"] * v["y"]).sum()}, output="z"),
    Legend("vector product", "m n", {"x": ("m 1", normal), "y": ("1 n", normal)},
           lambda v: {"Z": v["x"] * v["y"]}, output="Z"),  # broadcast: the outer product
    Legend("matrix-vector product", "C D", {"W": ("C D", normal), "x": ("D 1", normal)},
           lambda v: {"Z": F.linear(v["x"].T, v["W"]).T}, output="Z"),
    Legend("matrix-matrix product", "N D C", {"X": ("N D", normal), "W": ("D C", normal)},
           lambda v: {"Z": v["X"] @ v["W"]}, output="Z"),
    Legend("softmax", "C", {"s": ("C 1", normal)},
           lambda v: {"p": torch.softmax(v["s"], dim=0), "t": torch.logsumexp(v["s"], dim=0).exp()[0]},
           output="p"),
    Legend("broadcast bias add", "N C", {"X": ("N C", normal), "b": ("C", normal)},
           lambda v: {"Z": v["X"] + v["b"]}, output="Z"),
    # The activation, with ReLU as phi: its derivative phi' is autograd's.
    Legend("elementwise activation", "n", {"z": ("n 1", normal)}, relu_activation, output="a"),
    Legend("log", "n", {"x": ("n 1", positive)}, lambda v: {"y": torch.log(v["x"])}, output="y"),
    Legend("2-layer MLP", "N D H C",
           {"X": ("N D", normal), "W_1": ("D H", normal), "b_1": ("H", normal), "W_2": ("H C", normal),
            "b_2": ("C", normal), "Y": ("N C", one_hot)}, mlp),
    Legend("2-layer MLP with L2", "N D H C",
           {"X": ("N D", normal), "W_1": ("D H", normal), "b_1": ("H", normal), "W_2": ("H C", normal),
            "b_2": ("C", normal), "Y": ("N C", one_hot)}, mlp_l2, constants={"\\lambda": LAMBDA}),
    # One row of the MLP's loss, -1/N sum_c y_c log p_c: the fused softmax + cross-entropy.
    Legend("softmax + cross-entropy", "N C", {"s": ("C", normal), "y": ("C", one_hot_row)}, fused_row),
    # The Loss function note: each loss as torch.nn.functional computes it.
    Legend("MSE", "n", {"\\hat{y}": ("n", normal), "y": ("n", normal)},
           lambda v: {"L_{\\mathrm{MSE}}": F.mse_loss(v["\\hat{y}"], v["y"]),
                      "L": F.mse_loss(v["\\hat{y}"], v["y"])}),
    Legend("L1", "n", {"\\hat{y}": ("n", normal), "y": ("n", normal)},
           lambda v: {"L_{\\mathrm{L1}}": F.l1_loss(v["\\hat{y}"], v["y"]), "L": F.l1_loss(v["\\hat{y}"], v["y"])}),
    Legend("Huber", "n", {"r": ("n", lambda rng, shape: 2 * normal(rng, shape))},  # both sides of delta
           lambda v: {"L_\\delta": F.huber_loss(v["r"], torch.zeros_like(v["r"]), reduction="none",
                                                 delta=HUBER_DELTA)},
           constants={"\\delta": HUBER_DELTA}),
    Legend("BCE", "n", {"p": ("n", probability), "y": ("n", probability)},
           lambda v: {"L": F.binary_cross_entropy(v["p"], v["y"])}),
    Legend("BCE near 0 and 1", "n", {"p": ("n", probability_or_edge), "y": ("n", probability)},
           lambda v: {"L": F.binary_cross_entropy(v["p"], v["y"])}, constants={"\\epsilon": FLOAT32_EPSILON}),
    Legend("BCE with logits", "n", {"z": ("n", normal), "y": ("n", probability)},
           lambda v: {"L": F.binary_cross_entropy_with_logits(v["z"], v["y"])}),
    Legend("log-softmax", "C", {"s": ("C", lambda rng, shape: 30 * normal(rng, shape))},  # large, as e^1000
           lambda v: {"p": torch.softmax(v["s"], dim=0), "g": torch.log_softmax(v["s"], dim=0)}, output="g"),
    Legend("cross-entropy", "N C",
           {"S": ("N C", normal), "T": ("N C", distribution), "y": ("N C", labels), "w": ("C", positive)},
           lambda v: {"P": torch.softmax(v["S"], dim=1), "L": F.cross_entropy(v["S"], v["T"]),
                      "L_w": F.cross_entropy(v["S"], v["y"].detach().long(), weight=v["w"].detach())}),
    Legend("p - y", "N C", {"S": ("N C", normal), "Y": ("N C", one_hot)},
           lambda v: {"P": torch.softmax(v["S"], dim=1), "L": F.cross_entropy(v["S"], v["Y"].argmax(dim=1))}),
    Legend("KL divergence", "C", {"p": ("C", probabilities), "q": ("C", probabilities)},
           lambda v: {"\\mathrm{KL}": F.kl_div(v["q"].log(), v["p"], reduction="sum")}),
    Legend("binary hinge", "n", {"s": ("n", normal), "y": ("n", sign)},
           lambda v: {"L": torch.relu(1 - v["y"] * v["s"]).mean()}),
    Legend("multi-margin", "N C", {"S": ("N C", normal), "y": ("N C", labels)}, multi_margin),
]

REGISTRY = {legend.name: legend for legend in LEGENDS}
assert len(REGISTRY) == len(LEGENDS), "two legends with one name"
