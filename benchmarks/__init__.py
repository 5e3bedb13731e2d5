"""Accuracy and speed commands; each prints JSON (`python -m benchmarks.<name>`)."""
