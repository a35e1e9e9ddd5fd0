import Foundation
import Testing

/// `poolmap ostep FLAGS --script` as a worksheet, through the built executable: with `-c` every
/// `# -> …` is what `poolmap run --format json` reports for the same script, for a spread of
/// malloc.py's flags (every policy and list order, coalescing, headers, rounding, seeds, listed
/// operations); without `-c` the lines are the same but for the comments; the sheet plays.
@Suite struct OstepWorksheetEndToEndTests {
    static let policies = ["BEST", "WORST", "FIRST"]
    static let orders = ["ADDRSORT", "SIZESORT+", "SIZESORT-", "INSERT-FRONT", "INSERT-BACK"]
    static let runs: [[String]] = [
        ["-n", "30", "-s", "3"],
        ["-n", "40", "-s", "7", "-H", "4", "-a", "4", "-C"],
        ["-n", "25", "-s", "11", "-S", "64", "-b", "0", "-r", "20", "-P", "60"],
        ["-n", "50", "-s", "21", "-S", "40", "-H", "2", "-C"],
        ["-A", "+10,+20,+5,-1,-0,+3,-1,-2,+80,-4,+8,-9,+1", "-H", "2"],
    ]

    /// Each allocation step's answer in the worksheet's words: `1000 (searched 1)`, or
    /// `fails (searched 3)` with the count the failure's message gives.
    static func answers(reportedBy json: String) throws -> [String] {
        let steps = try #require(try Poolmap.json(json)["steps"] as? [[String: Any]])
        return try steps.filter { $0["op"] as? String == "alloc" }.map { step in
            #expect(step["error"] == nil, "\(step)")
            if let address = step["result"] as? Int {
                return "\(address) (searched \(try #require(step["searched"] as? Int)))"
            }
            let message = try #require(step["message"] as? String)
            let searched = try #require(message.firstMatch(of: #/searched (\d+) elements/#), "\(message)")
            return "fails (searched \(searched.1))"
        }
    }

    @Test("run reproduces every answer", arguments: policies)
    func runReproducesEveryAnswer(policy: String) throws {
        var failures = 0
        for (index, order) in Self.orders.enumerated() {
            for run in [Self.runs[index], Self.runs[(index + 2) % Self.runs.count]] {
                let flags = run + ["-p", policy, "-l", order]
                let key = try Poolmap.run(["ostep"] + flags + ["-c", "--script"])
                #expect(key.status == 0 && key.error.isEmpty, "\(flags): \(key.error)")
                let written = key.output.split(separator: "\n").compactMap { line in
                    line.range(of: "  # -> ").map { String(line[$0.upperBound...]) }
                }
                let path = try Poolmap.temporaryFile("key.pool", key.output)
                let report = try Poolmap.run(["run", path, "--format", "json"])
                #expect(report.status == 0, "\(flags): \(report.error)")
                let reported = try Self.answers(reportedBy: report.output)
                #expect(!written.isEmpty && written == reported, "\(flags)")
                failures += written.count { $0.hasPrefix("fails") }

                let blank = try Poolmap.run(["ostep"] + flags + ["--script"])
                #expect(blank.status == 0, "\(flags): \(blank.error)")
                let blankLines = blank.output.split(separator: "\n", omittingEmptySubsequences: false)
                let keyLines = key.output.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(blankLines.count == keyLines.count, "\(flags)")
                // The titles name the flags (with -c and without); after them, only the answers differ.
                #expect(blankLines[0].hasPrefix("# poolmap ostep ") && keyLines[0].hasPrefix("# poolmap ostep "))
                for (blankLine, keyLine) in zip(blankLines, keyLines).dropFirst() {
                    if let mark = keyLine.range(of: "  # -> ") {
                        #expect(blankLine == keyLine[..<mark.upperBound] + "?", "\(flags)")
                    } else {
                        #expect(blankLine == keyLine, "\(flags)")
                    }
                }
            }
        }
        #expect(failures > 5, "some allocations fail")
    }

    /// The worksheet is a script like any: `poolmap play` plays the key (its comments ignored).
    @Test func theWorksheetPlays() throws {
        let key = try Poolmap.run(["ostep", "-s", "2", "-n", "8", "-H", "4", "-c", "--script"])
        let path = try Poolmap.temporaryFile("key.pool", key.output)
        let cast = try Poolmap.temporaryFile("key.cast", "")
        let played = try Poolmap.run(["play", path, "--record", cast, "--explain"])
        #expect(played.status == 0, "\(played.error)")
        #expect(try String(contentsOfFile: cast, encoding: .utf8).contains("searched 1 elements"))
    }
}
