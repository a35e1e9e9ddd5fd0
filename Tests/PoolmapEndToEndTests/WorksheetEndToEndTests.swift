import Foundation
import Testing

/// `poolmap worksheet` through the built executable: its exact text, and `poolmap run` of the
/// file it prints reproduces every answer, for every policy and several seeds; `poolmap play`
/// takes the same file; mistakes are usage errors.
@Suite struct WorksheetEndToEndTests {
    static let policies = ["first", "next", "best", "worst"]

    @Test func theWorksheetAndItsAnswerKey() throws {
        let blank = try Poolmap.run(["worksheet", "--ops", "20", "--seed", "7", "--policy", "best"])
        #expect(blank.status == 0 && blank.error.isEmpty)
        try expectGolden(blank.output, "worksheet/best-seed-7.pool")
        let key = try Poolmap.run(["worksheet", "--ops", "20", "--seed", "7", "--policy", "best", "--answers"])
        try expectGolden(key.output, "worksheet/best-seed-7-answers.pool")
        // The same statements, line for line; only the answers differ.
        let strip = { (text: String) in
            text.split(separator: "\n").map { $0.components(separatedBy: "  # -> ")[0] }
        }
        #expect(strip(blank.output) == strip(key.output))
        #expect(
            try Poolmap.run(["worksheet", "--ops", "20", "--seed", "7", "--policy", "best", "--answers"]).output
                == key.output, "the same flags print the same worksheet")
    }

    /// Every allocation's offset or `fails`, and the final fragmentation (four decimals), as
    /// `poolmap run --format json` reports them.
    @Test("run reproduces every answer", arguments: policies)
    func runReproducesEveryAnswer(policy: String) throws {
        for (seed, size, free) in [
            ("1", "4KiB", "40"), ("7", "4096", "25"), ("2024", "16KiB", "55"), ("99", "1000", "40"),
        ] {
            let key = try Poolmap.run([
                "worksheet", "--ops", "80", "--seed", seed, "--size", size, "--policy", policy, "--free-percent", free,
                "--answers",
            ])
            #expect(key.status == 0, "\(key.error)")
            let answers = key.output.split(separator: "\n").compactMap { line in
                line.range(of: "  # -> ").map { String(line[$0.upperBound...]) }
            }
            let path = try Poolmap.temporaryFile("sheet.pool", key.output)
            let run = try Poolmap.run(["run", path, "--format", "json"])
            #expect(run.status == 0, "seed \(seed) \(policy): \(run.error)")
            let report = try Poolmap.json(run.output)
            let steps = try #require(report["steps"] as? [[String: Any]])
            var results: [String] = []
            for step in steps where step["op"] as? String == "alloc" {
                results.append((step["result"] as? Int).map(String.init) ?? "fails")
            }
            let stats = try #require(report["stats"] as? [String: Any])
            let fragmentation = try #require(stats["fragmentation"] as? Double)
            results.append("fragmentation " + String(format: "%.4f", fragmentation))
            #expect(results == answers, "seed \(seed) size \(size) \(policy)")
            #expect(answers.contains("fails") || seed != "99", "a small pool makes some requests fail")
            // The text report prints the same four decimals.
            let text = try Poolmap.run(["run", path])
            #expect(text.output.contains("  " + answers.last! + " ("))
        }
    }

    @Test func aTeacherCanPlayTheWorksheet() throws {
        let key = try Poolmap.run(["worksheet", "--ops", "12", "--seed", "3", "--answers"])
        let path = try Poolmap.temporaryFile("sheet.pool", key.output)
        let cast = try Poolmap.temporaryFile("sheet.cast", "")
        let played = try Poolmap.run(["play", path, "--record", cast, "--speed", "40"])
        #expect(played.status == 0, "\(played.error)")
        #expect(played.output.hasPrefix("recorded ") && played.output.contains("sheet.pool: "))
        let explained = try Poolmap.run(["play", path, "--record", cast, "--explain"])
        #expect(explained.status == 0, "\(explained.error)")
        #expect(try String(contentsOfFile: cast, encoding: .utf8).contains("Search · first fit"))
    }

    @Test func mistakesAreUsageErrors() throws {
        for (arguments, message) in [
            (["--ops", "0"], "--ops takes 1 to 1000 operations, not 0"),
            (["--ops", "1001"], "--ops takes 1 to 1000 operations, not 1001"),
            (["--ops", "-5"], "--ops"),
            (["--ops", "many"], "many"),
            (["--ops", "99999999999999999999999"], "--ops"),
            ([], "--ops"),
            (["--ops", "5", "--free-percent", "101"], "--free-percent is a percentage from 0 to 100, not 101"),
            (["--ops", "5", "--size", "0"], "--size"),
            (["--ops", "5", "--policy", "random"], "random"),
            (["--ops", "5", "--seed", "-1"], "--seed"),
        ] {
            let result = try Poolmap.run(["worksheet"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.output.isEmpty, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
    }
}

/// `poolmap quiz` without a terminal, and its usage errors (the quiz itself runs under tmux:
/// `QuizTmuxTests`).
@Suite struct QuizEndToEndTests {
    @Test func withoutATerminalItPointsToWorksheets() throws {
        let result = try Poolmap.run(["quiz", "--random", "5"])
        #expect(result.status == 1)
        #expect(result.error.contains("the quiz needs a terminal"))
        #expect(result.error.contains("poolmap worksheet --ops N"))
    }

    @Test func mistakesAreUsageErrors() throws {
        for (arguments, message) in [
            ([], "say what to quiz: a FILE, --demo NAME or --random N"),
            (["demos/first-fit.pool", "--random", "5"], "quiz one thing at a time"),
            (["--demo", "nope"], "no demo named 'nope'"),
            (["--random", "0"], "--random takes 1 to 1000 operations, not 0"),
            (["--random", "5000"], "--random takes 1 to 1000 operations, not 5000"),
            (["demos/first-fit.pool", "--seed", "3"], "use them with --random N"),
            (["--random", "5", "--free-percent=-3"], "--free-percent is a percentage from 0 to 100, not -3"),
            (["--random", "5", "--size", "0"], "--size"),
            (["--demo", "first-fit", "--trace"], "--trace reads FILE as a trace: give a FILE"),
        ] {
            let result = try Poolmap.run(["quiz"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.error)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        let missing = try Poolmap.run(["quiz", "demos/fist-fit.pool"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("did you mean 'demos/first-fit.pool'?"))
    }
}
