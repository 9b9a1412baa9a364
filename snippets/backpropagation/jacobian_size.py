# Why backward never builds the Jacobian: Z = XW for a realistic layer

N, D, C = 64, 4096, 4096  # a batch of 64, 4096 inputs, 4096 outputs
for name, entries in [("J_X^Z", N * D * N * C), ("J_W^Z", D * C * N * C)]:
    gib = entries * 4 / 2**30  # 4 bytes an entry in float32
    print(f'{name}: {entries:.2e} entries, {gib:,.0f} GiB in float32')
gradients = N * D + D * C  # what the rules dZ W^T and X^T dZ produce
print(f'dL/dX and dL/dW: {gradients:,} entries, {gradients * 4 / 2**20:.0f} MiB')
