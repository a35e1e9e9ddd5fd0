import Testing

@testable import PoolCommandLine

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0), ("", "run", 3), ("run", "", 3), ("run", "run", 0),
        ("plya", "play", 1),  // one transposition
        ("compre", "compare", 1),  // one insertion
        ("rnu", "run", 1), ("ru", "run", 1), ("runn", "run", 1), ("rum", "run", 1),
        ("kitten", "sitting", 3), ("flaw", "lawn", 2),
        ("ca", "abc", 3),  // optimal string alignment: no substring is edited twice
        ("fragmentaton.pool", "fragmentation.pool", 1), ("alignmnet", "alignment", 1),
        ("explroe", "explore", 1), ("démo", "demo", 1), ("demo", "version", 5),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.damerauLevenshtein(a, b) == expected, "\(a) → \(b)")
        #expect(EditDistance.damerauLevenshtein(b, a) == expected, "symmetric: \(b) → \(a)")
    }

    @Test func caseCountsUnlessTheCallerLowercases() {
        #expect(EditDistance.damerauLevenshtein("Run", "run") == 1)
        #expect(Suggestions.closest(to: "RUN", among: ["run"]) == ["run"])
    }
}
