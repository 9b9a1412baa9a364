# Checks for the exercises of the Backpropagation chapter. Save it beside
# exercise_kit.py (and engine.py, for the exercises on the engine). In a cell:
#     from check_exercises import check_exp
#     print(check_exp(exp))
# From a shell, every exercise function that my_solution.py defines:
#     python check_exercises.py my_solution.py
# Each check prints one line: "passed: ..." or "not yet: <what is wrong>".

import numpy as np
import torch
from exercise_kit import TRIALS, NotYet, call, compare, main, sizes, verdict


def engine():
    """The engine's Tensor, for the checks of the exercises on the engine
    (derive-a-block checks need no engine.py)."""
    try:
        from engine import Tensor
    except ModuleNotFoundError:
        raise NotYet("save engine.py (Build an engine) beside "
                     "check_exercises.py first") from None
    return Tensor


def gradients(result, names, function):
    """The reader's result as a tuple of one gradient per name, or NotYet."""
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        raise NotYet(f"{function} returned {type(result).__name__}, "
                     f"expected a tuple of gradients ({', '.join(names)})")
    return result


def autograd(forward, inputs, upstream):
    """PyTorch's gradients of sum(forward(*inputs) * upstream), as arrays."""
    tensors = [torch.tensor(value, requires_grad=True) for value in inputs]
    out = forward(*tensors)
    grads = torch.autograd.grad(out, tensors, torch.tensor(upstream))
    return out.detach().numpy(), [g.numpy() for g in grads]


@verdict(f"agrees with autograd (x̄, W̄, ȳ) on {TRIALS + 1} shapes")
def check_bilinear_backward(bilinear_backward):
    rng = np.random.default_rng(0)
    for m, n in sizes(rng, 2):
        x, W, y, dz = (rng.normal(size=s) for s in [(m, 1), (m, n), (n, 1), (1, 1)])
        _, expected = autograd(lambda x, W, y: x.T @ W @ y, (x, W, y), dz)
        got = gradients(call(bilinear_backward, dz, x, W, y), ["x̄", "W̄", "ȳ"],
                        "bilinear_backward")
        for name, g, e in zip(["x̄", "W̄", "ȳ"], got, expected):
            compare(name, g, e, f"m={m}, n={n}")


def check_operation(name, operation, torch_operation):
    """An engine operation: its value, its local_backward, and a backward pass
    through it, against PyTorch on random shapes."""
    Tensor, rng = engine(), np.random.default_rng(0)
    for N, C in sizes(rng, 2):
        at, x = f"x of shape {(N, C)}", rng.normal(size=(N, C))
        out = call(operation, Tensor(x))
        if not isinstance(out, Tensor):
            raise NotYet(f"{name} returned {type(out).__name__}, expected a Tensor")
        upstream = rng.normal(size=np.shape(out.data))
        value, (expected,) = autograd(torch_operation, [x], upstream)
        compare(f"{name}(x).data", out.data, value, at)
        local = call(out.local_backward, upstream, who="local_backward")
        local = gradients(local, ["x̄"], "local_backward")
        compare("the gradient from local_backward", local[0], expected, at)
        leaf = Tensor(x)  # the whole pass: L = sum(op(x) * upstream)
        (call(operation, leaf) * Tensor(upstream)).sum().backward()
        compare("x.grad after L.backward()", leaf.grad, expected, at)


@verdict(f"agrees with torch.exp and autograd on {TRIALS + 1} shapes")
def check_exp(exp):
    check_operation("exp", exp, torch.exp)


@verdict(f"agrees with torch.mean and autograd on {TRIALS + 1} shapes")
def check_mean(mean):
    check_operation("mean", mean, torch.mean)


@verdict(f"agrees with .T in PyTorch and autograd on {TRIALS + 1} shapes")
def check_transpose(transpose):
    check_operation("transpose", transpose, lambda t: t.T)


def gate_graph(backward, x, y, z, calls):
    """f = sum(q * max(y, z) + q * q) with q = x + y: y and q fork. Runs
    backward(f) `calls` times and returns the gradients of x, y and z."""
    q = x + y
    f = (q * y.maximum(z) + q * q).sum()
    for _ in range(calls):
        backward(f)
    return x.grad, y.grad, z.grad


def torch_gate_graph(x, y, z, calls):
    x, y, z = (torch.tensor(v, requires_grad=True) for v in (x, y, z))
    q = x + y
    f = (q * torch.maximum(y, z) + q * q).sum()
    for _ in range(calls):
        f.backward(retain_graph=True)
    return x.grad.numpy(), y.grad.numpy(), z.grad.numpy()


@verdict("adds up forks, and only leaves accumulate, as in PyTorch")
def check_backward(backward):
    Tensor, rng = engine(), np.random.default_rng(0)
    for (n,) in sizes(rng, 1):
        values = [rng.normal(size=n) for _ in range(3)]
        for calls in (1, 2):
            expected = torch_gate_graph(*values, calls)
            got = call(gate_graph, backward, *map(Tensor, values), calls,
                       who="backward")
            at = f"n={n}, after {calls} backward call{'s' * (calls > 1)}"
            for name, g, e in zip("xyz", got, expected):
                compare(f"{name}.grad", g, e, at)


CHECKS = {"bilinear_backward": check_bilinear_backward, "exp": check_exp,
          "mean": check_mean, "backward": check_backward,
          "transpose": check_transpose}


if __name__ == "__main__":
    main(CHECKS)
