print("AllocatorBenchmark: being written")
