// swift-tools-version:6.0
// Benchmarks live in their own package so `swift test` at the root never builds them.
// Run from this folder: `swift run -c release AllocatorBenchmark`, `swift run -c release RenderBenchmark`,
// `swift run -c release RecordBenchmark`, `swift run -c release TraceBenchmark`.
import PackageDescription

let package = Package(
    name: "poolmap-benchmarks",
    dependencies: [.package(name: "poolmap", path: "..")],
    targets: [
        // What the benchmarks share: the workload's generator, a clock and the median.
        .target(name: "BenchmarkSupport"),
        .executableTarget(
            name: "AllocatorBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "PoolAllocator", package: "poolmap")]
        ),
        .executableTarget(
            name: "RenderBenchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PoolAllocator", package: "poolmap"),
                .product(name: "MemoryMap", package: "poolmap"),
            ]
        ),
        .executableTarget(
            name: "TraceBenchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PoolText", package: "poolmap"),
                .product(name: "MemoryMap", package: "poolmap"),
                .product(name: "PoolScript", package: "poolmap"),
                .product(name: "PoolReport", package: "poolmap"),
                .product(name: "PoolApp", package: "poolmap"),
                .product(name: "PoolSnapshot", package: "poolmap"),
            ]
        ),
        .executableTarget(
            name: "RecordBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "PoolRecord", package: "poolmap")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
