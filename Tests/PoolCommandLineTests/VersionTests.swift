import Testing

@testable import PoolCommandLine

@Suite struct VersionTests {
    @Test func theVersionIsMajorMinorPatch() {
        let parts = PoolmapVersion.number.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil })
    }

    @Test func theCompilerIsTheOneBuildingThisTest() {
        // The package needs Swift 6, so the answer is a 6.x or later, never the fallback.
        #expect(PoolmapVersion.swiftCompiler.hasPrefix("6.") || PoolmapVersion.swiftCompiler.hasPrefix("7."))
        #if compiler(>=6.3.1) && !compiler(>=6.3.2)
        #expect(PoolmapVersion.swiftCompiler == "6.3.1")
        #endif
    }

    @Test func theDescriptionNamesBoth() {
        #expect(
            PoolmapVersion.description
                == "poolmap \(PoolmapVersion.number) (built with Swift \(PoolmapVersion.swiftCompiler))")
    }
}
