# Forward and reverse mode on f = (x + y) * max(y, z) at (1, 3, 2): both add
# up the same products of local derivatives along paths, grouped differently

x, y, z = 1.0, 3.0, 2.0
q, m = x + y, max(y, z)            # f = q * m
# The local derivative on each edge of the graph
local = {("x", "q"): 1.0, ("y", "q"): 1.0,                 # add
         ("y", "m"): 1.0 if y > z else 0.0,                # max routes
         ("z", "m"): 1.0 if z > y else 0.0,
         ("q", "f"): m, ("m", "f"): q}                     # multiply swaps

# df/dy as a sum over the paths from y to f of the product along each path
paths = [["y", "q", "f"], ["y", "m", "f"]]
products = [local[p[0], p[1]] * local[p[1], p[2]] for p in paths]
print(f'df/dy = {" + ".join(f"{v:g}" for v in products)} = {sum(products):g}')


def forward_mode(dx, dy, dz):
    """Push one input direction through the graph, gate by gate."""
    dq = local["x", "q"] * dx + local["y", "q"] * dy
    dm = local["y", "m"] * dy + local["z", "m"] * dz
    return local["q", "f"] * dq + local["m", "f"] * dm


def reverse_mode(df=1.0):
    """Pull df back through the graph: the gradient of f at every node."""
    dq, dm = local["q", "f"] * df, local["m", "f"] * df
    return (local["x", "q"] * dq, local["y", "q"] * dq + local["y", "m"] * dm,
            local["z", "m"] * dm)


seeds = [(1, 0, 0), (0, 1, 0), (0, 0, 1)]  # one sweep per input
by_forward = tuple(forward_mode(*seed) for seed in seeds)
by_reverse = reverse_mode()
print(f'forward mode, 3 sweeps (one per input):  {by_forward}')
print(f'reverse mode, 1 sweep (one per output): {by_reverse}')
assert by_forward == by_reverse == (3.0, 7.0, 0.0)
