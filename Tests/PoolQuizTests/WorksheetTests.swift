import PoolAllocator
import PoolText
import TestSupport
import Testing

@testable import PoolQuiz
@testable import PoolScript

/// The generator the quiz and the worksheet share, and the worksheet's exact shape: goldens,
/// and the answers it prints are what running it gives, for every policy and several seeds.
@Suite struct WorksheetTests {
    static let golden = Golden(#filePath)

    @Test("goldens", arguments: FitPolicy.allCases)
    func goldens(policy: FitPolicy) throws {
        let worksheet = try Worksheet(QuestionGenerator.Options(operations: 24, policy: policy, seed: 7))
        Self.golden.check(worksheet.text(answers: true), "worksheet-\(policy.rawValue)-answers.pool")
        Self.golden.check(worksheet.text(answers: false), "worksheet-\(policy.rawValue).pool")
    }

    @Test func theShapeIsExact() throws {
        let worksheet = try Worksheet(QuestionGenerator.Options(operations: 40, policy: .best, seed: 7))
        for answers in [false, true] {
            let lines = worksheet.text(answers: answers).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.last == "", "the text ends in a newline")
            #expect(lines[0] == "# poolmap worksheet · pool 4096 · policy best · seed 7 · 40 operations")
            #expect(lines[1] == "# Write each allocation's offset (decimal) or \"fails\", and the final fragmentation.")
            #expect(lines[2] == "pool 4096 policy best")
            let body = lines[3..<(lines.count - 2)]
            #expect(body.count == 40)
            var allocations = 0
            var live: Set<String> = []
            for line in body {
                if line.hasPrefix("free ") {
                    let name = String(line.dropFirst(5))
                    #expect(live.remove(name) != nil, "\(line): not a live block")
                    continue
                }
                allocations += 1
                let pattern = #/^b(\d+) = alloc (\d+)( align (\d+))?  # -> (\?|fails|\d+)$/#
                let match = try #require(line.wholeMatch(of: pattern), "\(line)")
                #expect(Int(match.1) == allocations, "named by the allocations so far")
                #expect(answers ? match.5 != "?" : match.5 == "?")
                if match.5 != "fails" { live.insert("b\(match.1)") }
            }
            let stats = String(lines[lines.count - 2])
            #expect(
                answers
                    ? stats.wholeMatch(of: #/stats  # -> fragmentation \d\.\d{4}/#) != nil : stats == "stats  # -> ?")
        }
    }

    /// What the worksheet says is what a run of it gives: every offset, every failure, the
    /// fragmentation to four decimals.
    @Test("running it reproduces every answer", arguments: FitPolicy.allCases)
    func runningItReproducesEveryAnswer(policy: FitPolicy) throws {
        for seed: UInt64 in [1, 2, 7, 99, 12345] {
            for (size, free) in [(4096, 40), (1000, 20), (65536, 60)] {
                let options = QuestionGenerator.Options(
                    operations: 60, poolSize: size, policy: policy, seed: seed, freePercent: free)
                let worksheet = try Worksheet(options)
                let text = worksheet.text(answers: true)
                var runner = try ScriptRunner(
                    script: try ScriptParser.parse(text, fileName: "w.pool"), poolSize: 64 * 1024)
                var answers = text.split(separator: "\n").compactMap { line in
                    line.range(of: "  # -> ").map { String(line[$0.upperBound...]) }
                }[...]
                while let step = runner.step() {
                    #expect(step.error == nil, "seed \(seed) \(policy): \(step)")
                    switch step.outcome {
                    case .offset(let offset): #expect(answers.popFirst() == String(offset), "seed \(seed) \(policy)")
                    case .allocationFailed: #expect(answers.popFirst() == "fails", "seed \(seed) \(policy)")
                    case .stats(let stats):
                        let figure = NumberText.fixed(stats.fragmentation, places: 4)
                        #expect(answers.popFirst() == "fragmentation \(figure)")
                    default: break
                    }
                }
                #expect(answers.isEmpty)
            }
        }
    }

    @Test func theSameFlagsGiveTheSameWorksheet() throws {
        let options = QuestionGenerator.Options(operations: 100, poolSize: 8192, policy: .next, seed: 5)
        #expect(try Worksheet(options).text(answers: true) == Worksheet(options).text(answers: true))
        var other = options
        other.seed = 6
        #expect(try Worksheet(options).text(answers: true) != Worksheet(other).text(answers: true))
    }

    /// Over many seeds, some requests fail (some although enough bytes are free), some are
    /// aligned, and every operation is a valid statement.
    @Test func someRequestsFailAndSomeAreAligned() throws {
        var failed = 0, failedThoughFree = 0, aligned = 0, frees = 0, allocations = 0
        for seed: UInt64 in 1...20 {
            let questions = try QuestionGenerator(QuestionGenerator.Options(operations: 40, seed: seed))
            var pool = try MemoryPool(totalSize: 4096)
            var offsets: [String: Int] = [:]
            for operation in questions.operations {
                switch operation {
                case .alloc(let name, let size, let alignment, let offset):
                    allocations += 1
                    #expect(size >= 1 && size <= 4096)
                    if let alignment { aligned += 1 }
                    if alignment.map({ [16, 32, 64, 128, 256].contains($0) }) == false { Issue.record("\(operation)") }
                    let free = pool.stats.free
                    #expect(try pool.allocAligned(size, alignment: alignment ?? 1) == offset)
                    if let offset {
                        offsets[name] = offset
                    } else {
                        failed += 1
                        if size <= free { failedThoughFree += 1 }
                    }
                case .free(let name):
                    frees += 1
                    let offset = offsets.removeValue(forKey: name)
                    try pool.free(try #require(offset, "\(name) is not live"))
                }
            }
        }
        #expect(failed > 5 && failedThoughFree > 3 && aligned > 20 && frees > 100 && allocations > 400)
    }

    @Test func outOfRangeOptionsAreRefused() {
        let refused: [(QuestionGenerator.Options, String)] = [
            (.init(operations: 0), "the number of operations must be from 1 to 1,000, not 0"),
            (.init(operations: 1001), "the number of operations must be from 1 to 1,000, not 1001"),
            (.init(operations: .min), "the number of operations must be from 1 to 1,000, not \(Int.min)"),
            (.init(operations: 5, poolSize: 0), "the pool must have at least 1 byte, not 0"),
            (.init(operations: 5, freePercent: 101), "the share of frees is a percentage from 0 to 100, not 101"),
            (.init(operations: 5, freePercent: -1), "the share of frees is a percentage from 0 to 100, not -1"),
        ]
        for (options, message) in refused {
            #expect(throws: QuestionGenerator.Refusal(description: message)) { try Worksheet(options) }
        }
    }

    @Test func hostilePoolsAndSeedsDoNotTrap() throws {
        for size in [1, 2, 3, 7, 31, 1 << 40, Int.max] {
            for seed in [0, 1, UInt64.max] {
                for free in [0, 100] {
                    let worksheet = try Worksheet(
                        QuestionGenerator.Options(operations: 50, poolSize: size, seed: seed, freePercent: free))
                    let text = worksheet.text(answers: true)
                    #expect(text.hasPrefix("# poolmap worksheet · pool \(size) "))
                    #expect(throws: Never.self) { try ScriptParser.parse(text, fileName: "w.pool") }
                }
            }
        }
        let one = try Worksheet(QuestionGenerator.Options(operations: 1))
        #expect(
            one.text(answers: false).hasPrefix(
                "# poolmap worksheet · pool 4096 · policy first · seed 1 · 1 operation\n"))
    }

    @Test func theQuizAsksWhatTheWorksheetDoes() throws {
        let options = QuestionGenerator.Options(operations: 30, policy: .worst, seed: 9)
        let source = try QuizSource.random(options)
        let worksheet = try Worksheet(options)
        #expect(source.script == worksheet.script(fileName: "random-9.pool"))
        #expect(source.script.statements.count == 32, "pool, 30 operations, stats")
    }
}

@Suite("Worksheets worth handing out")
struct DemandingWorksheetTests {
    static func failures(_ questions: QuestionGenerator) -> Int {
        questions.operations.filter { if case .alloc(_, _, _, nil) = $0 { true } else { false } }.count
    }

    @Test(arguments: [FitPolicy.first, .next, .best, .worst])
    func everySheetOfTenOrMoreHasAFailureAndAPolicyThatMatters(policy: FitPolicy) throws {
        for seed in UInt64(1)...40 {
            for operations in [10, 12, 25, 60] {
                let options = QuestionGenerator.Options(operations: operations, policy: policy, seed: seed)
                let questions = try QuestionGenerator(options)
                #expect(Self.failures(questions) > 0, "seed \(seed), \(operations) operations, \(policy)")
                #expect(
                    QuestionGenerator.policyMatters(questions.operations, poolSize: options.poolSize),
                    "seed \(seed), \(operations) operations, \(policy)")
            }
        }
    }

    @Test func easyKeepsTheFirstDrawAndShortSheetsAreNotRedrawn() throws {
        // Seed 3's first draw of 12 operations has no failure (the sheet a newcomer found dull).
        let easy = try QuestionGenerator(QuestionGenerator.Options(operations: 12, seed: 3, easy: true))
        #expect(easy.redraws == 0)
        #expect(Self.failures(easy) == 0)
        let demanding = try QuestionGenerator(QuestionGenerator.Options(operations: 12, seed: 3))
        #expect(demanding.redraws > 0)
        #expect(Self.failures(demanding) > 0)
        #expect(demanding.operations != easy.operations)
        // The same flags always give the same sheet.
        #expect(try QuestionGenerator(QuestionGenerator.Options(operations: 12, seed: 3)) == demanding)
        // Below ten operations nothing is redrawn.
        #expect(try QuestionGenerator(QuestionGenerator.Options(operations: 9, seed: 3)).redraws == 0)
    }

    @Test func thePolicyMattersCheckComparesFirstBestAndWorstFit() {
        // Holes of 200 B at 0 and 120 B at 300: 100 B goes to 0 under first and worst fit, to 300 under best.
        let holes: [QuestionGenerator.Operation] = [
            .alloc(name: "b1", size: 200, alignment: nil, offset: 0),
            .alloc(name: "b2", size: 100, alignment: nil, offset: 200),
            .alloc(name: "b3", size: 120, alignment: nil, offset: 300),
            .alloc(name: "b4", size: 604, alignment: nil, offset: 420),
            .free(name: "b1"), .free(name: "b3"),
        ]
        #expect(!QuestionGenerator.policyMatters(holes, poolSize: 1024))
        #expect(
            QuestionGenerator.policyMatters(
                holes + [.alloc(name: "b5", size: 100, alignment: nil, offset: 0)], poolSize: 1024))
    }
}
