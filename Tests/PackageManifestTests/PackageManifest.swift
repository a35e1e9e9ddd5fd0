import Foundation

/// The package's targets as SwiftPM reads them from `Package.swift`.
struct PackageManifest: Decodable {
    /// One target: its name, its kind (`regular`, `test`, `executable`, `system`, …) and its
    /// folder when the manifest gives one.
    struct Target: Decodable, Equatable {
        var name: String
        var type: String
        var path: String?

        /// The folder the target's sources are in, relative to the package root: the `path:`
        /// argument, or SwiftPM's default (`Tests/<name>` for tests, `Sources/<name>` otherwise).
        var folder: String { path ?? (type == "test" ? "Tests/\(name)" : "Sources/\(name)") }
    }

    var targets: [Target]

    struct DumpFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Asks SwiftPM for the manifest of the package at `root` (`swift package dump-package`).
    ///
    /// The child gets a scratch folder of its own: `swift test` holds the lock on `.build`
    /// while the tests run, and a `swift package` command there would wait for it forever.
    /// With a fresh scratch folder SwiftPM only compiles the manifest (a second or two); it
    /// builds and resolves nothing.
    static func load(packageRoot root: URL) throws -> PackageManifest {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "poolmap-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("manifest.json")
        let errorURL = scratch.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swift", "package", "--package-path", root.path, "--scratch-path",
            scratch.appendingPathComponent("build").path, "dump-package",
        ]
        // Output goes to files, so neither stream can fill a pipe and block the other.
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()

        let json = try Data(contentsOf: outputURL)
        guard process.terminationStatus == 0 else {
            let message = String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
            throw DumpFailed(
                description: "swift package dump-package exited with \(process.terminationStatus): \(message)")
        }
        return try JSONDecoder().decode(PackageManifest.self, from: json)
    }
}
