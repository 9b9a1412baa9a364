"""Property tests: each rule of mlnotes/checks/rules.py on random shapes and values.

For every rule the NumPy backward the page shows is checked against
torch.autograd on the same inputs, against central finite differences of the
NumPy forward, and, for the note's Jacobian layout (J has a row per entry of
the input), against ``torch.func.jacrev`` transposed.  Hypothesis draws the
sizes (1 to 5, so 1 and non-square shapes come up) and a seed for the values;
it is derandomized and keeps no example database, so CI sees the same cases
every run: 100 per rule.
"""

import dataclasses
import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from mlnotes.checks import properties
from mlnotes.checks.rules import RULES

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # tiny tensors: see conftest.py
EXAMPLES = 100
STEP = 1e-6  # central differences: error ~ STEP² and rounding ~ 1e-16 / STEP


def property_test(rule):
    """A Hypothesis test of ``rule``; on failure it reports the smallest sizes it found."""
    return properties.property_test(lambda sizes, seed: check(rule, sizes, seed), rule.sizes, EXAMPLES)


def check(rule, sizes, seed):
    rng = np.random.default_rng(seed)
    inputs = rule.inputs(rng, sizes)
    wrt = rule.wrt(inputs)
    out = rule.module.forward(*inputs)
    upstream = rng.normal(size=np.shape(out))
    grads = rule.module.backward(upstream, *inputs)
    assert len(grads) == wrt, f"backward returned {len(grads)} gradients for {wrt} inputs"
    for i in range(wrt):
        assert np.shape(grads[i]) == inputs[i].shape, (
            f"input {i}: gradient of shape {np.shape(grads[i])} for an input of shape {inputs[i].shape}")

    tensors = [torch.tensor(x, requires_grad=i < wrt) for i, x in enumerate(inputs)]
    expected = rule.torch_forward(*tensors)
    close(out, expected.detach().numpy(), "forward vs PyTorch")
    for i, g in enumerate(torch.autograd.grad(expected, tensors[:wrt], torch.tensor(upstream))):
        close(grads[i], g.numpy(), f"input {i}: backward vs torch.autograd")
        close(grads[i], central_differences(rule, inputs, upstream, i), f"input {i}: backward vs finite differences",
              tolerance=1e-6)
        jacobian = torch.func.jacrev(rule.torch_forward, argnums=i)(*(torch.tensor(x) for x in inputs))
        ours = jacobian_from_backward(rule, inputs, i, np.shape(out))
        assert ours.shape == (inputs[i].size, np.size(out)), "J must have a row per entry of the input"
        close(ours, jacobian.reshape(np.size(out), inputs[i].size).numpy().T, f"input {i}: J vs jacrev transposed")


def close(actual, desired, what, tolerance=1e-10):
    np.testing.assert_allclose(actual, desired, rtol=tolerance, atol=tolerance, err_msg=what)


def central_differences(rule, inputs, upstream, i):
    """d/dx_i of sum(forward(...) * upstream), one entry at a time."""
    grad = np.zeros_like(inputs[i])
    for index in np.ndindex(inputs[i].shape):
        shifted = []
        for sign in (1, -1):
            moved = [x.copy() for x in inputs]
            moved[i][index] += sign * STEP
            shifted.append(np.sum(rule.module.forward(*moved) * upstream))
        grad[index] = (shifted[0] - shifted[1]) / (2 * STEP)
    return grad


def jacobian_from_backward(rule, inputs, i, out_shape):
    """The note's J_x^y, column by column: backward of a unit upstream gradient."""
    columns = []
    for k in range(int(np.prod(out_shape))):
        unit = np.zeros(int(np.prod(out_shape)))
        unit[k] = 1.0
        columns.append(np.reshape(rule.module.backward(unit.reshape(out_shape), *inputs)[i], -1))
    return np.stack(columns, axis=1)


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_backward_rule_on_random_shapes(rule):
    property_test(rule)()


# The checker is tested too: a planted error must fail, with a shrunk counterexample.
PLANTED = [
    # (rule, the line as it is, the line with the error, the sizes Hypothesis must shrink to)
    ("matrix-matrix product", "return dZ @ W.T, X.T @ dZ", "return dZ @ W, X.T @ dZ", "{'N': 1, 'D': 1, 'C': 2}"),
    ("softmax + cross-entropy", "return (dL * (P - Y) / len(S),)", "return (dL * (P - Y),)", "{'N': 2, 'C': 2}"),
    ("MSE", "return (dL * 2 * (y_hat - y) / y_hat.size,)", "return (dL * 2 * (y_hat - y),)", "{'n': 2}"),
]


@pytest.mark.parametrize("name, right, wrong, smallest", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_error_fails_with_the_smallest_shape(name, right, wrong, smallest, tmp_path):
    rule = next(rule for rule in RULES if rule.name == name)
    source = Path(rule.module.__file__).read_text(encoding="utf-8")
    assert right in source, f"{rule.module.__file__} no longer has the line {right!r} to plant an error in"
    planted_file = tmp_path / "planted.py"
    planted_file.write_text(source.replace(right, wrong), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("planted", planted_file)
    planted = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(planted)

    with pytest.raises(Exception) as caught:
        property_test(dataclasses.replace(rule, module=planted))()
    report = "\n".join(notes(caught.value))
    compact = re.sub(r"#[^\n]*|\s", "", report).replace(",}", "}")  # Hypothesis spreads it over commented lines
    assert f"sizes={smallest}".replace(" ", "") in compact, f"expected the counterexample {smallest}, got:\n{report}"


def notes(error: BaseException) -> list[str]:
    """Hypothesis's report; with two distinct failures it raises a group of them."""
    inner = [note for e in getattr(error, "exceptions", []) for note in notes(e)]
    return getattr(error, "__notes__", []) + inner
