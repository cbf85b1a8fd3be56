"""Benchmarks for trial materials: Bates stamping (bench_stamp) and binders (bench_binder)."""
