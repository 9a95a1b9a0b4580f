"""Benchmarks for `make bench`: a data generator, the command table and the runner."""
