import Foundation

/// The repository these tests belong to: its root and its demos.
public enum Repository {
    /// The package root (the folder holding `Package.swift`), found from this file.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `demos/` folder.
    public static var demosFolder: URL { root.appendingPathComponent("demos") }

    /// The demo files' names (`alignment.pool`, `awk-buckets.trace`, …), sorted.
    public static func demoFileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: demosFolder.path)
            .filter { $0.hasSuffix(".pool") || $0.hasSuffix(".trace") }.sorted()
    }
}
