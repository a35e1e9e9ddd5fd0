/// What a question asks.
public enum QuestionKind: CaseIterable, Hashable, Sendable {
    /// Where an allocation lands (it does land).
    case placement
    /// An allocation that fails (the right answer is "fails").
    case failure
    /// The fragmentation after a `stats` (or every 10 questions in random mode).
    case fragmentation

    /// The end screen's label.
    var label: String {
        switch self {
        case .placement: return "where it lands"
        case .failure: return "it fails"
        case .fragmentation: return "fragmentation"
        }
    }
}

/// The score so far: right and wrong answers per kind of question.
public struct QuizScore: Equatable, Sendable {
    /// Right answers per kind of question.
    public private(set) var right: [QuestionKind: Int] = [:]
    /// Wrong answers per kind of question.
    public private(set) var wrong: [QuestionKind: Int] = [:]

    /// An empty score.
    public init() {}

    /// Counts one answer to a question of `kind`.
    mutating func record(_ kind: QuestionKind, isRight: Bool) {
        if isRight {
            right[kind, default: 0] += 1
        } else {
            wrong[kind, default: 0] += 1
        }
    }

    /// Right answers of every kind.
    public var totalRight: Int { right.values.reduce(0, +) }
    /// Questions answered.
    public var answered: Int { totalRight + wrong.values.reduce(0, +) }

    /// `3/4`.
    public var text: String { "\(totalRight)/\(answered)" }
}
