# Checks for the exercises of the PyTorch note. Save it beside
# exercise_kit.py. In a notebook cell:
#     from check_exercises import check_jacobian
#     print(check_jacobian(jacobian))
# From a shell, every exercise function or class that my_solution.py defines:
#     python check_exercises.py my_solution.py
# Each check prints one line: "passed: ..." or "not yet: <what is wrong>".

import numpy as np
import torch
from torch.func import grad, jacrev, vmap
from exercise_kit import TRIALS, NotYet, call, compare, main, sizes, verdict


def tensors(rng, *shapes):
    return [torch.tensor(rng.normal(size=shape)) for shape in shapes]  # float64


@verdict(f"agrees with torch.func.jacrev(f)(x).T on {TRIALS + 1} shapes")
def check_jacobian(jacobian):
    rng = np.random.default_rng(0)
    for n, m in sizes(rng, 2):  # x has n entries, y = f(x) has m
        x, A = tensors(rng, (n,), (m, n))
        def f(x):
            return torch.tanh(A @ x) * x.sum()
        expected = jacrev(f)(x).T.numpy()  # the note's layout: a row per x_i
        compare("J", call(jacobian, f, x.clone()), expected, f"n={n}, m={m}")


@verdict(f"agrees with autograd of X @ W + b on {TRIALS + 1} shapes")
def check_linear_function(LinearFunction):
    rng = np.random.default_rng(0)
    for N, D, C in sizes(rng, 3):
        inputs = [t.requires_grad_() for t in tensors(rng, (N, D), (D, C), (C,))]
        dZ = torch.tensor(rng.normal(size=(N, C)))
        at = f"N={N}, D={D}, C={C}"
        X, W, b = inputs
        expected = X @ W + b
        Z = call(LinearFunction.apply, X, W, b, who="forward")
        compare("Z", Z, expected.detach().numpy(), at)
        got = call(torch.autograd.grad, Z, inputs, dZ, who="backward")
        for name, g, e in zip(["X̄", "W̄", "b̄"], got,
                              torch.autograd.grad(expected, inputs, dZ)):
            compare(name, g, e.numpy(), at)


@verdict(f"takes the steps of plain SGD on {TRIALS + 1} shapes")
def check_sgd_steps(sgd_steps):
    rng = np.random.default_rng(0)
    for N, D in sizes(rng, 2):
        X, y, w0 = tensors(rng, (N, D), (N,), (D,))
        def mse(w):
            return ((X @ w - y) ** 2).mean()
        expected, w = [], w0.clone()
        for _ in range(3):  # the steps, by torch.func.grad: no .grad involved
            expected.append(mse(w).item())
            w = w - 0.1 * grad(mse)(w)
        reader_w = w0.clone().requires_grad_()
        losses = call(sgd_steps, reader_w, X, y, 0.1, 3)
        at = f"N={N}, D={D}, lr=0.1, 3 steps"
        try:
            losses = np.array([float(loss) for loss in losses])
        except (TypeError, ValueError, RuntimeError):
            raise NotYet(f"returned {type(losses).__name__}, expected a list of "
                         f"the losses as numbers ({at})") from None
        compare("the list of losses", losses, np.array(expected), at)
        compare("w after the steps", reader_w, w.numpy(), at)


@verdict(f"agrees with torch.func.grad(grad(f)) on {TRIALS + 1} shapes")
def check_second_derivative(second_derivative):
    rng = np.random.default_rng(0)
    functions = {"sin": torch.sin, "x³": lambda x: x ** 3,
                 "x tanh(x)": lambda x: x * torch.tanh(x)}
    for (n,) in sizes(rng, 1):
        (x,) = tensors(rng, (n,))
        for name, f in functions.items():
            expected = vmap(grad(grad(f)))(x).numpy()
            got = call(second_derivative, f, x.clone())
            compare(f"the second derivative of {name}", got, expected, f"n={n}")


CHECKS = {"jacobian": check_jacobian, "LinearFunction": check_linear_function,
          "sgd_steps": check_sgd_steps,
          "second_derivative": check_second_derivative}


if __name__ == "__main__":
    main(CHECKS)
