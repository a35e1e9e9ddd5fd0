// swift-tools-version:6.0
import PackageDescription

/// Allocator invariants are checked after every mutation in debug builds
/// (and so in `swift test`); release builds compile the checks out.
let internalChecks: [SwiftSetting] = [
    .define("POOL_INTERNAL_CHECKS", .when(configuration: .debug))
]

// The module graph, bottom up (docs/architecture.md explains each arrow):
//   PoolAllocator ← PoolText ← MemoryMap, PoolScript ← PoolReport ← poolmap
//   PoolFiles (swift-system) ← PoolScript, PoolRecord, PoolCommandLine, PoolSnapshot, poolmap
//   MemoryMap, PoolScript ← PoolApp ← CursesTerminal, PoolQuiz ← poolmap
//   PoolText, PoolScript ← PoolRecord ← poolmap; PoolCommandLine ← poolmap
//   PoolAllocator ← OSTEPSimulator ← poolmap
//   PoolScript, MemoryMap ← PoolSnapshot ← PoolReport (the as-recorded report), poolmap
//   PoolScript ← PoolRecord (one address-to-id converter)
//   C targets: CPrefetch ← PoolAllocator, PoolScript; CNcurses, CTerminalSignals ← CursesTerminal
let package = Package(
    name: "poolmap",
    products: [
        .library(name: "PoolAllocator", targets: ["PoolAllocator"]),
        .library(name: "PoolText", targets: ["PoolText"]),
        .library(name: "MemoryMap", targets: ["MemoryMap"]),
        .library(name: "PoolScript", targets: ["PoolScript"]),
        .library(name: "PoolReport", targets: ["PoolReport"]),
        .library(name: "PoolApp", targets: ["PoolApp"]),
        .library(name: "PoolQuiz", targets: ["PoolQuiz"]),
        .library(name: "PoolRecord", targets: ["PoolRecord"]),
        .library(name: "OSTEPSimulator", targets: ["OSTEPSimulator"]),
        .library(name: "PoolSnapshot", targets: ["PoolSnapshot"]),
        .executable(name: "poolmap", targets: ["poolmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // The allocator: exact first fit in O(log n). Depends on nothing outside this package.
        .target(name: "PoolAllocator", dependencies: ["CPrefetch"], swiftSettings: internalChecks),
        // The one C builtin the allocator and the runner's id maps use: a cache prefetch hint.
        .target(name: "CPrefetch"),
        // The words and numbers poolmap prints and reads: the size grammar, hex offsets,
        // percentages, the wording of a failed allocation, JSON text.
        .target(name: "PoolText", dependencies: ["PoolAllocator"]),
        // Pure rendering: pool + view state -> grid of styled cells; the text map line. No I/O.
        .target(name: "MemoryMap", dependencies: ["PoolAllocator", "PoolText"]),
        // Files as the system sees them: open, read, write and paths from swift-system; stat,
        // mkdir, isatty and errno text by hand (swift-system has none of them).
        .target(name: "PoolFiles", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        // Script and trace parsing and running: statements -> steps.
        .target(name: "PoolScript", dependencies: ["PoolAllocator", "PoolText", "PoolFiles", "CPrefetch"]),
        // Headless output of a run: the text and JSON reports, streamed step by step.
        .target(
            name: "PoolReport", dependencies: ["PoolAllocator", "PoolText", "PoolScript", "MemoryMap", "PoolSnapshot"]),
        // App state machines (explorer, player), the terminal seam they talk to, casts.
        .target(
            name: "PoolApp",
            dependencies: ["PoolAllocator", "PoolText", "MemoryMap", "PoolScript"]
        ),
        // Predict, then reveal: the quiz app, worksheets and their shared question generator.
        .target(
            name: "PoolQuiz",
            dependencies: ["PoolAllocator", "PoolText", "MemoryMap", "PoolScript", "PoolApp"]
        ),
        // The system ncurses, and the one module that imports it.
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // Signal handlers that give the terminal back (async-signal-safe, so in C).
        .target(name: "CTerminalSignals", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CursesTerminal", dependencies: ["CNcurses", "CTerminalSignals", "PoolApp", "MemoryMap"]),
        // `poolmap record`: runs a program with the allocation tracer preloaded and writes its
        // trace. The tracer's C source (Tracer/) is compiled at first use, not by SwiftPM.
        .target(name: "PoolRecord", dependencies: ["PoolScript", "PoolText", "PoolFiles"], exclude: ["Tracer"]),
        // `poolmap ostep`: OSTEP's free-space simulator (malloc.py) byte for byte, on `FreeListHeap`.
        .target(name: "OSTEPSimulator", dependencies: ["PoolAllocator"]),
        // PyTorch CUDA memory snapshots: a pickle reader for plain data only, the snapshot's
        // structure, the allocation sequence poolmap replays from it, and the run as recorded.
        .target(
            name: "PoolSnapshot", dependencies: ["PoolAllocator", "PoolScript", "PoolText", "PoolFiles", "MemoryMap"]),
        // The command line's conventions: the version, suggestions for mistyped commands and files.
        .target(name: "PoolCommandLine", dependencies: ["PoolFiles"]),
        // The command line: it only wires options to the modules above.
        .executableTarget(
            name: "poolmap",
            dependencies: [
                "PoolAllocator", "PoolText", "MemoryMap", "PoolScript", "PoolReport", "PoolApp", "CursesTerminal",
                "PoolRecord", "PoolCommandLine", "PoolQuiz", "PoolFiles", "OSTEPSimulator", "PoolSnapshot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // What the test targets share: the reference model, golden files, a fake terminal.
        .target(
            name: "TestSupport",
            dependencies: ["PoolAllocator", "MemoryMap", "PoolApp"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PoolAllocatorTests", dependencies: ["PoolAllocator", "PoolScript", "TestSupport"]),
        .testTarget(name: "PoolTextTests", dependencies: ["PoolText", "PoolAllocator"]),
        .testTarget(name: "PoolFilesTests", dependencies: ["PoolFiles"]),
        .testTarget(
            name: "MemoryMapTests",
            dependencies: ["MemoryMap", "PoolAllocator", "PoolText", "PoolScript", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PoolScriptTests",
            dependencies: ["PoolScript", "PoolAllocator", "PoolText", "PoolReport", "TestSupport"]
        ),
        .testTarget(
            name: "PoolReportTests",
            dependencies: ["PoolReport", "PoolScript", "PoolAllocator", "PoolText", "TestSupport"]
        ),
        .testTarget(
            name: "PoolAppTests",
            dependencies: ["PoolApp", "PoolAllocator", "PoolText", "MemoryMap", "PoolScript", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PoolQuizTests",
            dependencies: [
                "PoolQuiz", "PoolApp", "PoolAllocator", "PoolText", "MemoryMap", "PoolScript", "TestSupport",
            ],
            exclude: ["Golden"]
        ),
        // What needs no terminal: key codes, mouse reports, the colour depth, the refusals.
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "CNcurses", "PoolApp"]),
        .testTarget(name: "PoolCommandLineTests", dependencies: ["PoolCommandLine"]),
        .testTarget(
            name: "PoolRecordTests", dependencies: ["PoolRecord", "PoolCommandLine", "PoolScript", "PoolFiles"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "OSTEPSimulatorTests",
            dependencies: ["OSTEPSimulator", "PoolAllocator", "PoolScript", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "PoolSnapshotTests",
            dependencies: ["PoolSnapshot", "PoolScript", "PoolAllocator", "PoolText", "MemoryMap"],
            exclude: ["Fixtures"]),
        // The manifest itself: every folder under Tests/ is a target, every Swift module has tests.
        .testTarget(name: "PackageManifestTests", dependencies: ["TestSupport"]),
        // Runs the built `poolmap` executable: the CLI end to end, and the TUI under tmux.
        .testTarget(
            name: "PoolmapEndToEndTests",
            dependencies: ["poolmap", "PoolCommandLine", "TestSupport"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
