import Foundation

/// The package's folders as they are on disk, whatever the manifest says.
struct PackageLayout: Equatable {
    /// The folders under `Tests/`, sorted.
    var testFolders: [String]
    /// The folders under `Sources/` holding at least one `.swift` file (at any depth), sorted.
    var swiftModules: [String]
    /// The other folders under `Sources/` (C sources, headers, module maps only), sorted.
    var cModules: [String]

    /// Reads the folders of the package at `root`.
    static func read(packageRoot root: URL) throws -> PackageLayout {
        let sources = root.appendingPathComponent("Sources")
        var swiftModules: [String] = []
        var cModules: [String] = []
        for folder in try subfolders(of: sources) {
            if try containsSwift(sources.appendingPathComponent(folder)) {
                swiftModules.append(folder)
            } else {
                cModules.append(folder)
            }
        }
        return PackageLayout(
            testFolders: try subfolders(of: root.appendingPathComponent("Tests")), swiftModules: swiftModules,
            cModules: cModules)
    }

    /// The names of the folders directly inside `folder`, hidden ones left out, sorted.
    private static func subfolders(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { try $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true }
            .map(\.lastPathComponent).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Whether any file under `folder` ends in `.swift`.
    private static func containsSwift(_ folder: URL) throws -> Bool {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return false
        }
        return walk.contains { ($0 as? URL)?.pathExtension == "swift" }
    }
}
