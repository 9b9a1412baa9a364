# A graph's saved tensors are freed by backward unless you keep them

import textwrap

import torch


def saved_tensors(L):
    """Names of the tensors the nodes of L's graph saved for backward."""
    found, nodes = [], [L.grad_fn]
    while nodes:
        node = nodes.pop()
        for name in dir(node):
            saved = getattr(node, name) if name.startswith("_saved_") else None
            if torch.is_tensor(saved):
                found.append(f'{type(node).__name__}.{name[len("_saved_"):]}')
        nodes += [n for n, _ in node.next_functions if n is not None]
    return found


def backward_twice(L):
    try:
        L.backward()
        L.backward()
    except RuntimeError as err:
        return err
    return None


x = torch.tensor(2.0, requires_grad=True)

L = (x + 1).sum()  # add and sum need no tensor for their backward
print(f'(x + 1).sum() saved: {", ".join(saved_tensors(L)) or "nothing"}')
assert saved_tensors(L) == [] and backward_twice(L) is None
print(f'  two backward calls work: x.grad = {x.grad.item()} (1, twice)')

x.grad = None
L = x.exp() * x    # exp saves its output, mul saves both of its inputs
print(f'x.exp() * x saved: {", ".join(saved_tensors(L))}')
failed = backward_twice(L)
assert failed is not None
message = f'  the second backward: {type(failed).__name__}: {failed}'
print(textwrap.fill(message, 80, subsequent_indent='  '))

x.grad = None
L = x.exp() * x
L.backward(retain_graph=True)  # keep the saved tensors
L.backward()                   # works, and .grad accumulates twice
twice = 2 * (1 + x.detach()) * x.detach().exp()
print(f'with retain_graph=True: x.grad = {x.grad.item():.4f}')
print(f'twice dL/dx = 2 (e^x + x e^x) = {twice.item():.4f}')
assert torch.isclose(x.grad, twice)
