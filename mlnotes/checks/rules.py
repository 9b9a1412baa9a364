"""Every forward/backward rule the notes state, with PyTorch as its oracle.

One entry per rule: the NumPy module the page shows (its ``forward(*inputs)``
and ``backward(upstream, *inputs)``), the shapes of its inputs in terms of
named sizes, how to draw the inputs, and the same forward pass in PyTorch.
A new block joins the property tests by adding one entry here.
"""

from __future__ import annotations

import inspect
from dataclasses import KW_ONLY, dataclass
from typing import Callable, Protocol

import numpy as np
import torch
import torch.nn.functional as F

from snippets.backpropagation import (
    bias_add_numpy,
    engine,
    dot_product_numpy,
    log_numpy,
    matrix_matrix_product_numpy,
    matrix_vector_product_numpy,
    outer_product_numpy,
    relu_numpy,
    softmax_cross_entropy_numpy,
    softmax_numpy,
)
from snippets.loss_functions import (
    bce,
    bce_with_logits,
    cross_entropy,
    hinge,
    huber,
    kl_divergence,
    l1,
    log_softmax,
    mse,
    multi_margin,
)


def normal(rng, shape):
    return rng.normal(size=shape)


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, size=shape)  # log's domain, away from 0


def one_hot(rng, shape):
    return np.eye(shape[1])[rng.integers(shape[1], size=shape[0])]


def probability(rng, shape):
    return rng.uniform(0.05, 0.95, size=shape)  # away from the clamps at 0 and 1


def distribution(rng, shape):
    return rng.dirichlet(np.ones(shape[-1]), size=shape[:-1])  # rows that sum to 1


def log_distribution(rng, shape):
    return np.log(distribution(rng, shape))


def sign(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape)


class EngineOp:
    """One operation of the backpropagation note's engine as a rule: forward is
    the node's value, backward the gradients ``backward(upstream)`` leaves in
    the inputs (one rule, or several where the operation is made of others,
    as x - y is x + (-1)·y)."""

    def __init__(self, operation):
        self.operation = operation

    def forward(self, *inputs):
        return self.operation(*map(engine.Tensor, inputs)).data

    def backward(self, upstream, *inputs):
        tensors = [engine.Tensor(x) for x in inputs]
        self.operation(*tensors).backward(upstream)
        return tuple(t.grad for t in tensors)


class Block(Protocol):
    """What a rule checks: a NumPy module the page shows, or an engine operation."""

    def forward(self, *inputs: np.ndarray) -> np.ndarray: ...

    def backward(self, upstream: np.ndarray, *inputs: np.ndarray) -> tuple[np.ndarray, ...]: ...


@dataclass(frozen=True)
class Rule:
    name: str
    module: Block  # forward(*inputs), backward(upstream, *inputs) -> a gradient per input
    shapes: Callable[..., list[tuple[int, ...]]]  # the named sizes -> the shape of each input
    torch_forward: Callable[..., torch.Tensor]
    _: KW_ONLY
    draw: tuple[Callable, ...] = ()  # how to draw each input; default: standard normal
    differentiable: int | None = None  # the first inputs that get a gradient; default: all

    @property
    def sizes(self) -> list[str]:
        """The named sizes, from the parameters of ``shapes`` (``lambda N, C: ...`` -> ["N", "C"])."""
        return list(inspect.signature(self.shapes).parameters)

    def inputs(self, rng, sizes: dict[str, int]) -> list[np.ndarray]:
        shapes = self.shapes(**sizes)
        draws = self.draw or (normal,) * len(shapes)
        return [draw(rng, shape) for draw, shape in zip(draws, shapes)]

    def wrt(self, inputs) -> int:
        return len(inputs) if self.differentiable is None else self.differentiable


RULES = [
    Rule("dot product", dot_product_numpy, lambda n: [(n,), (n,)], lambda x, y: x @ y),
    Rule("vector product", outer_product_numpy, lambda m, n: [(m, 1), (1, n)], lambda x, y: x @ y),
    Rule("matrix-vector product", matrix_vector_product_numpy,
         lambda C, D: [(C, D), (D, 1)], lambda W, x: W @ x),
    Rule("matrix-matrix product", matrix_matrix_product_numpy,
         lambda N, D, C: [(N, D), (D, C)], lambda X, W: X @ W),
    Rule("softmax", softmax_numpy, lambda C: [(C, 1)], lambda s: torch.softmax(s, dim=0)),
    Rule("broadcast bias add", bias_add_numpy, lambda N, C: [(N, C), (C,)], lambda Y, b: Y + b),
    Rule("relu", relu_numpy, lambda n: [(n,)], torch.relu),
    Rule("log", log_numpy, lambda n: [(n,)], torch.log, draw=(positive,)),
    Rule("softmax + cross-entropy", softmax_cross_entropy_numpy, lambda N, C: [(N, C), (N, C)],
         lambda S, Y: torch.nn.functional.cross_entropy(S, Y.argmax(dim=1)),
         draw=(normal, one_hot), differentiable=1),
    # The engine of the Computational Graph section, operation by operation.
    Rule("engine: add, broadcast", EngineOp(lambda a, b: a + b), lambda N, C: [(N, C), (C,)],
         lambda a, b: a + b),
    Rule("engine: multiply", EngineOp(lambda a, b: a * b), lambda N, C: [(N, C), (N, C)],
         lambda a, b: a * b),
    Rule("engine: max", EngineOp(lambda a, b: a.maximum(b)), lambda n: [(n,), (n,)], torch.maximum),
    Rule("engine: relu", EngineOp(lambda a: a.relu()), lambda n: [(n,)], torch.relu),
    Rule("engine: log", EngineOp(lambda a: a.log()), lambda n: [(n,)], torch.log, draw=(positive,)),
    Rule("engine: sum", EngineOp(lambda a: a.sum()), lambda N, C: [(N, C)], torch.sum),
    Rule("engine: softmax", EngineOp(lambda a: a.softmax()), lambda N, C: [(N, C)],
         lambda s: torch.softmax(s, -1)),
    Rule("engine: dot", EngineOp(lambda a, b: a @ b), lambda n: [(n,), (n,)], lambda a, b: a @ b),
    Rule("engine: matrix-vector", EngineOp(lambda a, b: a @ b), lambda C, D: [(C, D), (D,)],
         lambda a, b: a @ b),
    Rule("engine: matrix-matrix", EngineOp(lambda a, b: a @ b), lambda N, D, C: [(N, D), (D, C)],
         lambda a, b: a @ b),
    Rule("engine: sigmoid", EngineOp(lambda a: a.sigmoid()), lambda n: [(n,)], torch.sigmoid),
    Rule("engine: tanh", EngineOp(lambda a: a.tanh()), lambda n: [(n,)], torch.tanh),
    # Python numbers on either side, negation and powers (the engine's "numbers" section)
    Rule("engine: number + x", EngineOp(lambda a: 2.5 + a), lambda n: [(n,)], lambda a: 2.5 + a),
    Rule("engine: number * x", EngineOp(lambda a: 2.5 * a), lambda n: [(n,)], lambda a: 2.5 * a),
    Rule("engine: negation", EngineOp(lambda a: -a), lambda n: [(n,)], torch.neg),
    Rule("engine: subtract, broadcast", EngineOp(lambda a, b: a - b), lambda N, C: [(N, C), (C,)],
         lambda a, b: a - b),
    Rule("engine: number - x", EngineOp(lambda a: 1 - a), lambda n: [(n,)], lambda a: 1 - a),
    Rule("engine: divide, broadcast", EngineOp(lambda a, b: a / b), lambda N, C: [(N, C), (C,)],
         lambda a, b: a / b, draw=(normal, positive)),
    Rule("engine: number / x", EngineOp(lambda a: 10 / a), lambda n: [(n,)], lambda a: 10 / a,
         draw=(positive,)),
    Rule("engine: power", EngineOp(lambda a: a ** 1.5), lambda n: [(n,)], lambda a: a ** 1.5,
         draw=(positive,)),
    # The Loss function note: the gradient with respect to the prediction only.
    Rule("MSE", mse, lambda n: [(n,), (n,)], F.mse_loss, differentiable=1),
    Rule("L1", l1, lambda n: [(n,), (n,)], F.l1_loss, differentiable=1),
    Rule("Huber", huber, lambda n: [(n,), (n,)], lambda p, y: F.huber_loss(p, y, delta=huber.DELTA),
         draw=(normal, normal), differentiable=1),
    Rule("BCE", bce, lambda n: [(n,), (n,)], F.binary_cross_entropy,
         draw=(probability, probability), differentiable=1),
    Rule("BCE with logits", bce_with_logits, lambda n: [(n,), (n,)], F.binary_cross_entropy_with_logits,
         draw=(normal, probability), differentiable=1),
    Rule("log-softmax", log_softmax, lambda N, C: [(N, C)], lambda s: torch.log_softmax(s, -1)),
    Rule("cross-entropy, soft targets", cross_entropy, lambda N, C: [(N, C), (N, C)], F.cross_entropy,
         draw=(normal, distribution), differentiable=1),
    Rule("KL divergence", kl_divergence, lambda N, C: [(N, C), (N, C)],
         lambda log_q, p: F.kl_div(log_q, p, reduction="batchmean"),
         draw=(log_distribution, distribution), differentiable=1),
    Rule("binary hinge", hinge, lambda n: [(n,), (n,)],
         hinge.torch_hinge, draw=(normal, sign), differentiable=1),
    Rule("multi-margin", multi_margin, lambda N, C: [(N, C), (N, C)],
         # written out: jacrev has no batching rule for multi_margin_loss's backward (it warns);
         # the snippet checks F.multi_margin_loss itself
         lambda S, Y: (F.relu(1 - (S * Y).sum(1, keepdim=True) + S) * (1 - Y)).sum() / S.numel(),
         draw=(normal, one_hot), differentiable=1),
]
