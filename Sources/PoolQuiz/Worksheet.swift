import PoolAllocator
import PoolScript
import PoolText

/// A printable worksheet (`poolmap worksheet`): the generator's operations as a `.pool` script
/// with a blank (`# -> ?`) or its answer after every allocation and after the final `stats`.
///
/// ```
/// # poolmap worksheet · pool 4096 · policy best · seed 7 · 40 operations
/// # Write each allocation's offset (decimal) or "fails", and the final fragmentation.
/// pool 4096 policy best
/// b1 = alloc 120  # -> 0
/// free b1
/// b3 = alloc 64 align 32  # -> fails
/// stats  # -> fragmentation 0.3429
/// ```
/// The answers are comments, so the worksheet is itself a script: `poolmap run` reproduces
/// them, `poolmap play` plays it, `poolmap quiz` quizzes it.
public struct Worksheet: Equatable, Sendable {
    /// The operations and their answers.
    public let questions: QuestionGenerator

    /// The worksheet `options` describe.
    /// - Throws: `QuestionGenerator.Refusal` when they are out of range.
    public init(_ options: QuestionGenerator.Options) throws(QuestionGenerator.Refusal) {
        questions = try QuestionGenerator(options)
    }

    /// The instructions line.
    public static let instructions =
        "# Write each allocation's offset (decimal) or \"fails\", and the final fragmentation."

    /// What ends a line that asks something: `  # -> ` and the answer, or `?`.
    static let answerMark = "  # -> "

    /// `statement` as a line that asks something: `b1 = alloc 120  # -> 0` with its `answer`,
    /// `b1 = alloc 120  # -> ?` without (the student's blank).
    static func asking(_ statement: String, answer: String?) -> String {
        statement + answerMark + (answer ?? "?")
    }

    /// The worksheet's text, one line per statement, each ending in a newline; `answers`
    /// fills in the blanks.
    public func text(answers: Bool) -> String {
        let options = questions.options
        let count = options.operations == 1 ? "1 operation" : "\(options.operations) operations"
        var lines = [
            "# poolmap worksheet · pool \(options.poolSize) · policy \(options.policy.rawValue) · "
                + "seed \(options.seed) · \(count)",
            Self.instructions,
            "pool \(options.poolSize) policy \(options.policy.rawValue)",
        ]
        for operation in questions.operations {
            switch operation {
            case .alloc(let name, let size, let alignment, let offset):
                let statement = Action.alloc(name: name, size: size, alignment: alignment).description
                lines.append(Self.asking(statement, answer: answers ? offset.map(String.init) ?? "fails" : nil))
            case .free(let name):
                lines.append(Action.free(.name(name)).description)
            }
        }
        let fragmentation = NumberText.fixed(questions.finalStats.fragmentation, places: 4)
        lines.append(Self.asking("stats", answer: answers ? "fragmentation \(fragmentation)" : nil))
        return lines.map { $0 + "\n" }.joined()
    }

    /// The worksheet as a script to run or quiz, named `fileName`.
    public func script(fileName: String) -> Script {
        // The text is made of statements the parser always reads; a failure would be a bug here.
        (try? ScriptFile.parse(Array(text(answers: false).utf8), fileName: fileName, kind: .script))
            ?? Script(kind: .script, fileName: fileName, statements: [])
    }
}
