// swift-tools-version:6.0
import PackageDescription

/// Allocator invariants are checked after every mutation in debug builds
/// (and so in `swift test`); release builds compile the checks out.
let internalChecks: [SwiftSetting] = [
    .define("POOL_INTERNAL_CHECKS", .when(configuration: .debug)),
]

let package = Package(
    name: "poolmap",
    products: [
        .library(name: "PoolAllocator", targets: ["PoolAllocator"]),
        .library(name: "MemoryMap", targets: ["MemoryMap"]),
        .library(name: "PoolRecord", targets: ["PoolRecord"]),
        .executable(name: "poolmap", targets: ["poolmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The allocator: exact first fit in O(log n). Depends on nothing outside this package.
        .target(name: "PoolAllocator", dependencies: ["CPrefetch"], swiftSettings: internalChecks),
        // The one C builtin the allocator uses: a cache prefetch hint.
        .target(name: "CPrefetch"),
        // Pure rendering: pool + view state -> grid of styled cells. No I/O.
        .target(name: "MemoryMap", dependencies: ["PoolAllocator"]),
        // Script and trace parsing, running and headless output.
        .target(name: "PoolScript", dependencies: ["PoolAllocator", "MemoryMap"]),
        // App state machines (explorer, player) and the terminal seam they talk to.
        .target(name: "PoolApp", dependencies: ["PoolAllocator", "MemoryMap", "PoolScript"]),
        // The system ncurses, and the one module that imports it.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(name: "CursesTerminal", dependencies: ["CNcurses", "PoolApp", "MemoryMap"]),
        // `poolmap record`: runs a program with the allocation tracer preloaded and writes its
        // trace. The tracer's C source (Tracer/) is compiled at first use, not by SwiftPM.
        .target(name: "PoolRecord", exclude: ["Tracer"]),
        // The command line.
        .executableTarget(
            name: "poolmap",
            dependencies: [
                "PoolAllocator", "MemoryMap", "PoolScript", "PoolApp", "CursesTerminal", "PoolRecord",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "PoolAllocatorTests", dependencies: ["PoolAllocator"]),
        .testTarget(name: "MemoryMapTests", dependencies: ["MemoryMap", "PoolAllocator"],
                    exclude: ["Golden"]),
        .testTarget(name: "PoolScriptTests", dependencies: ["PoolScript", "PoolAllocator", "MemoryMap"]),
        .testTarget(name: "PoolAppTests", dependencies: ["PoolApp", "PoolAllocator", "MemoryMap", "PoolScript"]),
        .testTarget(name: "PoolRecordTests", dependencies: ["PoolRecord", "PoolScript"], exclude: ["Fixtures"]),
        // Runs the built `poolmap` executable: the CLI end to end, and the TUI under tmux.
        .testTarget(name: "PoolmapEndToEndTests", dependencies: ["poolmap"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
