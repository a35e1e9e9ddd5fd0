import Testing

/// The rules on made-up packages: each broken rule is reported, naming what to declare.
@Suite struct TargetRulesTests {
    typealias Target = PackageManifest.Target

    /// A package that keeps every rule: a Swift module with its tests, the executable with its
    /// end-to-end tests, a C module without tests, the support target.
    let targets: [Target] = [
        Target(name: "Alloc", type: "regular"),
        Target(name: "CSeam", type: "system"),
        Target(name: "poolmap", type: "executable"),
        Target(name: "TestSupport", type: "regular", path: "Tests/TestSupport"),
        Target(name: "AllocTests", type: "test"),
        Target(name: "PoolmapEndToEndTests", type: "test"),
    ]
    let layout = PackageLayout(
        testFolders: ["AllocTests", "PoolmapEndToEndTests", "TestSupport"], swiftModules: ["Alloc", "poolmap"],
        cModules: ["CSeam"])

    func problems(_ targets: [Target], _ layout: PackageLayout) -> [String] {
        TargetRules.problems(targets: targets, layout: layout)
    }

    @Test func aPackageThatKeepsTheRulesHasNoProblems() {
        #expect(problems(targets, layout) == [])
    }

    @Test func aTestFolderLeftOutOfTheManifestIsNamed() {
        var layout = layout
        layout.testFolders.append("LostTests")
        #expect(
            problems(targets, layout) == [
                "Tests/LostTests is not a target in Package.swift, so its tests never run: declare "
                    + ".testTarget(name: \"LostTests\")"
            ])
    }

    @Test func aTestFolderDeclaredWithAnotherKindIsNamed() {
        let targets =
            targets.filter { $0.name != "AllocTests" } + [
                Target(name: "AllocTests", type: "regular", path: "Tests/AllocTests")
            ]
        #expect(
            problems(targets, layout) == [
                "Tests/AllocTests is declared as a regular target, so its tests never run: "
                    + "declare it with .testTarget(name: \"AllocTests\")",
                "Sources/Alloc has no test target: add Tests/AllocTests and declare "
                    + ".testTarget(name: \"AllocTests\", dependencies: [\"Alloc\"]) in Package.swift",
            ])
    }

    @Test func theSupportTargetIsARegularTarget() {
        let asTest = targets.filter { $0.name != "TestSupport" } + [Target(name: "TestSupport", type: "test")]
        #expect(
            problems(asTest, layout) == [
                "Tests/TestSupport is declared as a test target; it is shared code: "
                    + "declare it with .target(name: \"TestSupport\", path: \"Tests/TestSupport\")"
            ])
        let missing = targets.filter { $0.name != "TestSupport" }
        #expect(
            problems(missing, layout) == [
                "Tests/TestSupport is not a target in Package.swift: declare "
                    + ".target(name: \"TestSupport\", path: \"Tests/TestSupport\")"
            ])
    }

    @Test func aModuleWithoutTestsNamesTheTargetToAdd() {
        var layout = layout
        layout.swiftModules.append("Fresh")
        let targets = targets + [Target(name: "Fresh", type: "regular")]
        #expect(
            problems(targets, layout) == [
                "Sources/Fresh has no test target: add Tests/FreshTests and declare "
                    + ".testTarget(name: \"FreshTests\", dependencies: [\"Fresh\"]) in Package.swift"
            ])
    }

    @Test func theExecutableIsCoveredByTheEndToEndTests() {
        let targets = targets.filter { $0.name != "PoolmapEndToEndTests" }
        var layout = layout
        layout.testFolders.removeAll { $0 == "PoolmapEndToEndTests" }
        #expect(
            problems(targets, layout) == [
                "Sources/poolmap has no test target: add Tests/PoolmapEndToEndTests and declare "
                    + ".testTarget(name: \"PoolmapEndToEndTests\", dependencies: [\"poolmap\"]) in Package.swift"
            ])
    }

    @Test func cModulesNeedNoTestsButMustBeDeclared() {
        #expect(!problems(targets, layout).contains { $0.contains("CSeamTests") })
        let targets = targets.filter { $0.name != "CSeam" }
        #expect(
            problems(targets, layout) == [
                "Sources/CSeam is not a target in Package.swift: declare it or remove the folder"
            ])
    }

    @Test func aTargetWithItsOwnPathIsFoundByItsFolder() {
        let targets =
            targets.filter { $0.name != "Alloc" } + [Target(name: "Alloc", type: "regular", path: "Sources/Alloc")]
        #expect(problems(targets, layout) == [])
    }
}
