"""The from-scratch engine of the Computational Graph section against torch.autograd."""

import numpy as np
import pytest
import torch

from snippets.backpropagation.engine import Tensor

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # tiny tensors: see conftest.py
RNG = np.random.default_rng(0)

# Each operation alone is property-tested in tests/test_rules.py ("engine: ..." rules).
# Here: shapes those rules do not draw, and whole expressions.
# name: (input shapes, the expression on engine Tensors, the same on torch tensors)
CASES = {
    "multiply, broadcast": ([(3, 4), (1, 4)], lambda a, b: a * b, lambda a, b: a * b),
    "softmax, vector": ([(5,)], lambda a: a.softmax(), lambda a: a.softmax(-1)),
    "log of a product": ([(3, 4)], lambda a: (a * a).log(), lambda a: (a * a).log()),
    "fork": ([(3,)], lambda a: a * a + a, lambda a: a * a + a),
    "numbers on either side": ([(3, 4), (4,)],
                               lambda a, b: 10 / (1 + b ** 2) - (2 * a - 1) / 3 + -b,
                               lambda a, b: 10 / (1 + b ** 2) - (2 * a - 1) / 3 + -b),
    "an array times a tensor": ([(3,)], lambda a: np.arange(3.0) * a - np.ones(3),
                                lambda a: torch.arange(3.0, dtype=torch.float64) * a - 1),
    "mlp": ([(4, 3), (3, 5), (5,), (5, 2), (2,)],
            lambda x, w1, b1, w2, b2: ((x @ w1 + b1).relu() @ w2 + b2).softmax().log(),
            lambda x, w1, b1, w2, b2: (torch.relu(x @ w1 + b1) @ w2 + b2).log_softmax(-1)),
}


@pytest.mark.parametrize("name", CASES)
def test_engine_gradients_match_autograd(name):
    shapes, engine_expr, torch_expr = CASES[name]
    values = [RNG.normal(size=shape) for shape in shapes]
    ours = [Tensor(v) for v in values]
    theirs = [torch.tensor(v, requires_grad=True) for v in values]
    out = engine_expr(*ours)
    weights = RNG.normal(size=out.shape)  # an upstream gradient that is not all ones
    (out * weights).sum().backward()
    expected = torch_expr(*theirs)
    (expected * torch.tensor(weights)).sum().backward()

    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-12)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        np.testing.assert_allclose(a.grad, b.grad.numpy(), rtol=1e-10, atol=1e-12,
                                   err_msg=f"{name}: gradient of input {i}")


def test_matmul_names_the_shapes_it_cannot_take():
    with pytest.raises(ValueError, match=r"not \(3,\) @ \(3, 2\)"):
        Tensor(np.ones(3)) @ Tensor(np.ones((3, 2)))


def test_a_fork_sums_its_paths_rather_than_keeping_the_last():
    x = Tensor(3.0)
    (x * x + x).backward()  # d/dx (x² + x) = 2x + 1
    assert x.grad == 7.0


def test_a_second_backward_accumulates_in_leaves_only_as_pytorch_does():
    values = RNG.normal(size=(3, 4)), RNG.normal(size=4)
    ours = [Tensor(v) for v in values]
    theirs = [torch.tensor(v, requires_grad=True) for v in values]
    out = ((ours[0] * ours[1]).relu() + ours[1]).sum()
    expected = (torch.relu(theirs[0] * theirs[1]) + theirs[1]).sum()
    for _ in range(3):
        out.backward()
        expected.backward(retain_graph=True)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a.grad, b.grad.numpy(), rtol=1e-12)


def test_backward_with_an_upstream_gradient_is_a_vector_jacobian_product():
    W, x = RNG.normal(size=(3, 4)), RNG.normal(size=4)
    v = RNG.normal(size=3)
    ours = Tensor(x)
    (Tensor(W) @ ours).backward(v)
    theirs = torch.tensor(x, requires_grad=True)
    (torch.tensor(W) @ theirs).backward(torch.tensor(v))
    np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-12)


def test_a_chain_deeper_than_the_recursion_limit():
    depth = 10_000
    x, tx = Tensor(0.5), torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    out, tout = x, tx
    for _ in range(depth):
        out, tout = (out * 0.9999).tanh() + x, torch.tanh(tout * 0.9999) + tx
    assert len(out.topological_order()) > 3 * depth
    out.backward()
    tout.backward()
    np.testing.assert_allclose(x.grad, tx.grad.item(), rtol=1e-10)
