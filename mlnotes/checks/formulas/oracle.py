"""A legend (what the symbols of a checked formula stand for) and its oracle:
the legend's forward pass in PyTorch on drawn inputs, with autograd's
gradients and Jacobians. legends.py holds the legends of the notes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlnotes.checks.formulas.parse import Unsupported, name_of, parse


@dataclass(frozen=True)
class Legend:
    """``inputs``: each input symbol's shape in the named sizes (``"N D"``, ``"C 1"``
    a column, ``""`` a scalar) and how to draw it. ``forward``: the computation
    in PyTorch, from the inputs to every other value the formulas name. Without
    an ``"L"``, L is ``<output, G>`` for a random G, so that the bar of output is G."""

    name: str
    sizes: str
    inputs: dict
    forward: object
    output: str | None = None
    constants: dict = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """Every name the legend binds, with its kind: "input", "value" (of the
        forward, learnt by running it once), "constant" or "size"."""
        oracle = self.sample()
        kinds = {name: "value" for name in [*oracle.values, "L"]}
        kinds.update({name: "input" for name in oracle.tensors})
        kinds.update({name: "constant" for name in oracle.constants})
        kinds.update({name: "size" for name in self.sizes.split()})
        return kinds

    def sample(self) -> "Oracle":
        """The legend at every size 2: a 1 in a shape there is a literal 1."""
        if self.name not in _SAMPLES:
            _SAMPLES[self.name] = Oracle(self, {size: 2 for size in self.sizes.split()}, 0)
        return _SAMPLES[self.name]

    def vectors(self) -> set[str]:
        """The names of its vectors: 1-D, or n x 1, or 1 x n (by the literal 1)."""
        return {name for name, value in self.sample().values.items() if value.dim() == 1 or
                value.dim() == 2 and 1 in value.shape}

    def shape(self, spec: str, sizes: dict[str, int]) -> tuple[int, ...]:
        return tuple(int(d) if d.isdigit() else sizes[d] for d in spec.split())


_SAMPLES: dict[str, "Oracle"] = {}


def canonical(key: str) -> str:
    """A legend key as the evaluator spells names (``L_{\\delta}`` -> ``L_\\delta``)."""
    name = name_of(parse(key, start="expr"))
    if name is None:
        raise Unsupported(f"the legend key {key!r} is not a name of the notation")
    return name


class Oracle:
    """The legend's values on drawn inputs, with autograd's gradients and Jacobians."""

    def __init__(self, legend: Legend, sizes: dict[str, int], seed: int):
        import torch

        self.torch, self.legend, self.sizes = torch, legend, sizes
        rng = np.random.default_rng(seed)
        self.tensors = {}
        for symbol, (spec, draw) in legend.inputs.items():
            drawn = np.asarray(draw(rng, legend.shape(spec, sizes)), dtype=np.float64)
            self.tensors[canonical(symbol)] = torch.tensor(drawn, requires_grad=True)
        computed = {canonical(k): v for k, v in legend.forward({**sizes, **self.tensors}).items()}
        self.values = {**self.tensors, **computed}
        if "L" not in self.values and legend.output is not None:
            out = self.values[canonical(legend.output)]
            upstream = torch.tensor(rng.normal(size=tuple(out.shape)))
            self.values["L"] = (out * upstream).sum()
        self.constants = {canonical(k): v for k, v in legend.constants.items()}
        self._numpy: dict = {}
        self._grads: dict = {}
        self._vectors: set[str] | None = None

    def is_vector(self, name: str) -> bool:
        if self._vectors is None:
            self._vectors = self.legend.vectors()
        return name in self._vectors

    def value(self, name: str):
        if name in self.values:
            if name not in self._numpy:
                self._numpy[name] = self.values[name].detach().numpy().astype(np.float64)
            return self._numpy[name]
        if name in self.constants:
            return np.float64(self.constants[name])
        if name in self.sizes:
            return np.float64(self.sizes[name])
        raise Unsupported(f"the symbol {name} is not in the legend {self.legend.name!r}")

    def tensor(self, name: str):
        if name not in self.values:
            raise Unsupported(f"the symbol {name} is not a value of the legend {self.legend.name!r}")
        return self.values[name]

    def grad(self, of: str, wrt: str):
        """d of / d wrt, with wrt's shape (of an elementwise ``of``: its elementwise derivative)."""
        if (of, wrt) not in self._grads:
            (g,) = self.torch.autograd.grad(self.tensor(of).sum(), self.tensor(wrt), retain_graph=True,
                                            allow_unused=True)
            if g is None:  # a legend whose forward bypasses wrt: its gradient would be a silent 0
                raise Unsupported(f"in the legend {self.legend.name!r}, {of} is not computed from {wrt}")
            self._grads[of, wrt] = g.detach().numpy().astype(np.float64)
        return self._grads[of, wrt]

    def jacobian(self, y: str, x: str):
        """The note's J^y_x: a row per entry of x, a column per entry of y."""
        if ("J", y, x) not in self._grads:
            out, wrt = self.tensor(y).reshape(-1), self.tensor(x)
            columns = []
            for k in range(out.numel()):
                (g,) = self.torch.autograd.grad(out[k], wrt, retain_graph=True, allow_unused=True)
                columns.append(np.zeros(wrt.numel()) if g is None else g.detach().numpy().reshape(-1))
            self._grads["J", y, x] = np.stack(columns, axis=1) if columns else np.zeros((wrt.numel(), 0))
        return self._grads["J", y, x]
