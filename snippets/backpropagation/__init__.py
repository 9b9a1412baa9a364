"""Code blocks of the Backpropagation note (docs/backpropagation.md)."""
