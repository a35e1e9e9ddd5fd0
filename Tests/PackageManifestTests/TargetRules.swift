/// What keeps every test in the suite: each folder under `Tests/` is a declared target, and
/// each Swift module under `Sources/` has a test target.
///
/// Written as a function of the manifest and the folders so the rules themselves are tested
/// on made-up packages (`TargetRulesTests`), not only on this one.
enum TargetRules {
    /// Folders under `Tests/` that hold code the test targets share: regular targets, not tests.
    static let supportTargets: Set<String> = ["TestSupport"]

    /// Swift modules whose tests are not `<Module>Tests`, and the test target that covers each:
    /// the executable is tested by running it.
    static let testedElsewhere: [String: String] = ["poolmap": "PoolmapEndToEndTests"]

    /// Every broken rule, one sentence each naming the folder and the target to declare;
    /// empty when the package keeps them all.
    ///
    /// C modules (no `.swift` file) need no test target: their Swift callers are tested.
    static func problems(targets: [PackageManifest.Target], layout: PackageLayout) -> [String] {
        let byFolder = Dictionary(targets.map { ($0.folder, $0) }, uniquingKeysWith: { first, _ in first })
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []

        for folder in layout.testFolders {
            let isSupport = supportTargets.contains(folder)
            guard let target = byFolder["Tests/\(folder)"] else {
                problems.append(
                    isSupport
                        ? "Tests/\(folder) is not a target in Package.swift: declare "
                            + ".target(name: \"\(folder)\", path: \"Tests/\(folder)\")"
                        : "Tests/\(folder) is not a target in Package.swift, so its tests never run: declare "
                            + ".testTarget(name: \"\(folder)\")")
                continue
            }
            if isSupport, target.type != "regular" {
                problems.append(
                    "Tests/\(folder) is declared as a \(target.type) target; it is shared code: "
                        + "declare it with .target(name: \"\(folder)\", path: \"Tests/\(folder)\")")
            } else if !isSupport, target.type != "test" {
                problems.append(
                    "Tests/\(folder) is declared as a \(target.type) target, so its tests never run: "
                        + "declare it with .testTarget(name: \"\(folder)\")")
            }
        }

        for module in layout.swiftModules + layout.cModules where byFolder["Sources/\(module)"] == nil {
            problems.append("Sources/\(module) is not a target in Package.swift: declare it or remove the folder")
        }

        for module in layout.swiftModules {
            let testTarget = testedElsewhere[module] ?? "\(module)Tests"
            if byName[testTarget]?.type != "test" {
                problems.append(
                    "Sources/\(module) has no test target: add Tests/\(testTarget) and declare "
                        + ".testTarget(name: \"\(testTarget)\", dependencies: [\"\(module)\"]) in Package.swift")
            }
        }
        return problems
    }
}
