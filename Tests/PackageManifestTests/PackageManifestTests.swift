import Foundation
import TestSupport
import Testing

/// The manifest keeps every test in the suite: a test folder left out of `Package.swift` (as
/// `PoolCommandLineTests` once was) or a module without tests fails here, named.
@Suite struct PackageManifestTests {
    @Test func everyTestFolderIsATargetAndEveryModuleHasTests() throws {
        let manifest = try PackageManifest.load(packageRoot: Repository.root)
        let layout = try PackageLayout.read(packageRoot: Repository.root)
        // Read something real: the manifest and the folders both hold this very target.
        #expect(manifest.targets.contains { $0.name == "PackageManifestTests" && $0.type == "test" })
        #expect(layout.testFolders.contains("PackageManifestTests"))
        #expect(layout.swiftModules.contains("PoolAllocator"))
        for problem in TargetRules.problems(targets: manifest.targets, layout: layout) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func swiftModulesAreTheFoldersWithSwiftFilesAtAnyDepth() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "poolmap-layout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "Sources/Flat/Flat.swift", "Sources/Nested/Part/Deep.swift", "Sources/CThing/include/thing.h",
            "Sources/CThing/thing.c", "Sources/CMap/module.modulemap", "Tests/FlatTests/FlatTests.swift",
            "Tests/.hidden/notes.txt",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)
        }
        let layout = try PackageLayout.read(packageRoot: root)
        #expect(
            layout
                == PackageLayout(
                    testFolders: ["FlatTests"], swiftModules: ["Flat", "Nested"], cModules: ["CMap", "CThing"]))
    }
}
