"""Every forward/backward rule the notes state, with PyTorch as its oracle.

One entry per rule: the NumPy module the page shows (its ``forward(*inputs)``
and ``backward(upstream, *inputs)``), the shapes of its inputs in terms of
named sizes, how to draw the inputs, and the same forward pass in PyTorch.
A new block joins the property tests by adding one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Callable

import numpy as np
import torch

from snippets.backpropagation import (
    bias_add_numpy,
    dot_product_numpy,
    log_numpy,
    matrix_matrix_product_numpy,
    matrix_vector_product_numpy,
    outer_product_numpy,
    relu_numpy,
    softmax_cross_entropy_numpy,
    softmax_numpy,
)


def normal(rng, shape):
    return rng.normal(size=shape)


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, size=shape)  # log's domain, away from 0


def one_hot(rng, shape):
    return np.eye(shape[1])[rng.integers(shape[1], size=shape[0])]


@dataclass(frozen=True)
class Rule:
    name: str
    module: ModuleType  # forward(*inputs), backward(upstream, *inputs) -> one gradient per differentiable input
    sizes: str  # the named sizes, e.g. "N D C"
    shapes: Callable[..., list[tuple[int, ...]]]  # sizes -> the shape of each input
    torch_forward: Callable[..., torch.Tensor]
    draw: tuple[Callable, ...] = ()  # how to draw each input; default: standard normal
    differentiable: int | None = None  # the first inputs that get a gradient; default: all

    def inputs(self, rng, sizes: dict[str, int]) -> list[np.ndarray]:
        shapes = self.shapes(**sizes)
        draws = self.draw or (normal,) * len(shapes)
        return [draw(rng, shape) for draw, shape in zip(draws, shapes)]

    def wrt(self, inputs) -> int:
        return len(inputs) if self.differentiable is None else self.differentiable


RULES = [
    Rule("dot product", dot_product_numpy, "n", lambda n: [(n,), (n,)], lambda x, y: x @ y),
    Rule("vector product", outer_product_numpy, "m n", lambda m, n: [(m, 1), (1, n)], lambda x, y: x @ y),
    Rule("matrix-vector product", matrix_vector_product_numpy, "C D",
         lambda C, D: [(C, D), (D, 1)], lambda W, x: W @ x),
    Rule("matrix-matrix product", matrix_matrix_product_numpy, "N D C",
         lambda N, D, C: [(N, D), (D, C)], lambda X, W: X @ W),
    Rule("softmax", softmax_numpy, "C", lambda C: [(C, 1)], lambda s: torch.softmax(s, dim=0)),
    Rule("broadcast bias add", bias_add_numpy, "N C", lambda N, C: [(N, C), (C,)], lambda Y, b: Y + b),
    Rule("relu", relu_numpy, "n", lambda n: [(n,)], torch.relu),
    Rule("log", log_numpy, "n", lambda n: [(n,)], torch.log, draw=(positive,)),
    Rule("softmax + cross-entropy", softmax_cross_entropy_numpy, "N C", lambda N, C: [(N, C), (N, C)],
         lambda S, Y: torch.nn.functional.cross_entropy(S, Y.argmax(dim=1)),
         draw=(normal, one_hot), differentiable=1),
]
