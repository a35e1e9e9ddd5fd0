import Foundation

/// The `poolmap` executable that `swift build`/`swift test` built beside the test bundle.
enum PoolmapBinary {
    /// The products folder (`.build/<triple>/debug`), found from the test bundle's location.
    static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    /// Path of the built `poolmap` executable.
    static var path: String { productsDirectory.appendingPathComponent("poolmap").path }

    /// The package root (the folder holding `Package.swift`), for `demos/` and fixtures.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
