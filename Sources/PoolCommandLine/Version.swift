/// poolmap's version: the one place it is written. `poolmap --version` prints it, and
/// CHANGELOG.md starts with it (a test holds them together).
package enum PoolmapVersion {
    /// Semantic versioning: major.minor.patch.
    package static let number = "0.2.0"

    /// The Swift compiler that built this binary, as `#if compiler` tells it at compile time:
    /// exact for 6.0 to 6.5.4 (`6.3.1`), a lower bound beyond (`6.6 or later`) until a line is
    /// added here.
    package static let swiftCompiler: String = {
        #if compiler(>=7.0)
        return "7.0 or later"
        #elseif compiler(>=6.6)
        return "6.6 or later"
        #elseif compiler(>=6.5.5)
        return "6.5.5 or a later 6.5"
        #elseif compiler(>=6.5.4)
        return "6.5.4"
        #elseif compiler(>=6.5.3)
        return "6.5.3"
        #elseif compiler(>=6.5.2)
        return "6.5.2"
        #elseif compiler(>=6.5.1)
        return "6.5.1"
        #elseif compiler(>=6.5)
        return "6.5"
        #elseif compiler(>=6.4.5)
        return "6.4.5 or a later 6.4"
        #elseif compiler(>=6.4.4)
        return "6.4.4"
        #elseif compiler(>=6.4.3)
        return "6.4.3"
        #elseif compiler(>=6.4.2)
        return "6.4.2"
        #elseif compiler(>=6.4.1)
        return "6.4.1"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3.5)
        return "6.3.5 or a later 6.3"
        #elseif compiler(>=6.3.4)
        return "6.3.4"
        #elseif compiler(>=6.3.3)
        return "6.3.3"
        #elseif compiler(>=6.3.2)
        return "6.3.2"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2.5)
        return "6.2.5 or a later 6.2"
        #elseif compiler(>=6.2.4)
        return "6.2.4"
        #elseif compiler(>=6.2.3)
        return "6.2.3"
        #elseif compiler(>=6.2.2)
        return "6.2.2"
        #elseif compiler(>=6.2.1)
        return "6.2.1"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1.5)
        return "6.1.5 or a later 6.1"
        #elseif compiler(>=6.1.4)
        return "6.1.4"
        #elseif compiler(>=6.1.3)
        return "6.1.3"
        #elseif compiler(>=6.1.2)
        return "6.1.2"
        #elseif compiler(>=6.1.1)
        return "6.1.1"
        #elseif compiler(>=6.1)
        return "6.1"
        #elseif compiler(>=6.0.5)
        return "6.0.5 or a later 6.0"
        #elseif compiler(>=6.0.4)
        return "6.0.4"
        #elseif compiler(>=6.0.3)
        return "6.0.3"
        #elseif compiler(>=6.0.2)
        return "6.0.2"
        #elseif compiler(>=6.0.1)
        return "6.0.1"
        #elseif compiler(>=6.0)
        return "6.0"
        #else
        return "older than 6.0"
        #endif
    }()

    /// `poolmap 0.2.0 (built with Swift 6.3.1)`.
    package static var description: String { "poolmap \(number) (built with Swift \(swiftCompiler))" }
}
