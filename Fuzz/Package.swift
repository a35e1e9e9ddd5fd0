// swift-tools-version:6.0
// Coverage-guided fuzz targets (libFuzzer + AddressSanitizer), in their own package so that
// `swift test` at the root never builds them. Build and run them with `Fuzz/run TARGET [SECONDS]`
// (see Fuzz/README.md): the flags below are not enough on their own, the build also needs
// `-sanitize=fuzzer,address -parse-as-library` and the allocator's invariant checks.
import PackageDescription

let poolmap = "poolmap"

let package = Package(
    name: "poolmap-fuzz",
    dependencies: [.package(name: "poolmap", path: "..")],
    targets: [
        // libFuzzer's driver, declared for Swift (see Sources/CFuzzerDriver/include).
        .target(name: "CFuzzerDriver"),
        // What the targets share: the input reader, the checks on reports and frames.
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "PoolAllocator", package: poolmap),
                .product(name: "PoolText", package: poolmap),
                .product(name: "PoolScript", package: poolmap),
                .product(name: "PoolReport", package: poolmap),
            ]
        ),
        // MemoryPool against a naive model: offsets, errors, stats, regions, defragment, snapshots.
        .executableTarget(
            name: "FuzzAllocator",
            dependencies: ["FuzzSupport", .product(name: "PoolAllocator", package: poolmap)]
        ),
        // Any bytes as a .pool script: a script or well-formed diagnostics; scripts run and report.
        .executableTarget(name: "FuzzScriptParser", dependencies: ["FuzzSupport"]),
        // Any bytes as a trace: the same promises as the script parser.
        .executableTarget(name: "FuzzTraceParser", dependencies: ["FuzzSupport"]),
        // Any bytes as a glibc mtrace log: a trace or diagnostics, whole or in pieces; traces run and convert.
        .executableTarget(
            name: "FuzzMtrace",
            dependencies: [
                "FuzzSupport",
                .product(name: "PoolScript", package: poolmap),
                .product(name: "PoolText", package: poolmap),
            ]
        ),
        // Any bytes as a PyTorch memory snapshot: a value or one error; replays run and read back.
        .executableTarget(
            name: "FuzzSnapshot",
            dependencies: [
                "FuzzSupport",
                .product(name: "PoolScript", package: poolmap),
                .product(name: "PoolSnapshot", package: poolmap),
            ]
        ),
        // Input events for the explorer, the player, the comparison and the quiz, every frame checked.
        .executableTarget(
            name: "FuzzApps",
            dependencies: [
                "FuzzSupport",
                .product(name: "PoolAllocator", package: poolmap),
                .product(name: "PoolScript", package: poolmap),
                .product(name: "PoolApp", package: poolmap),
                .product(name: "PoolQuiz", package: poolmap),
                .product(name: "MemoryMap", package: poolmap),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
