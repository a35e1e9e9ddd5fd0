print("RenderBenchmark: being written")
