print("ferry-bench: no benchmarks yet")
