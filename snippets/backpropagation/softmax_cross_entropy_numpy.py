# Softmax + cross-entropy (mean over the batch) in NumPy,
# checked against PyTorch autograd

import numpy as np
import torch


def forward(S, Y):
    # softmax of each row, shifted: same P, no overflow
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    return -np.sum(Y * np.log(P)) / len(S)  # L = -1/N sum_n sum_c Y log P


def backward(dL, S, Y):
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    # dL/dS = (P - Y)/N; Y is a label, it gets no gradient
    return (dL * (P - Y) / len(S),)


if __name__ == "__main__":
    S = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0]])
    Y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    (dS,) = backward(1.0, S, Y)
    print(f'NumPy loss: {forward(S, Y):.6f}')
    print(f'NumPy dS:\n{dS}')

    S_t = torch.tensor(S, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(S_t, torch.tensor(Y.argmax(axis=1)))
    loss.backward()
    print(f'Pytorch autograd loss: {loss.item():.6f}')
    assert np.allclose(dS, S_t.grad.numpy())
    assert np.isclose(loss.item(), forward(S, Y))
