import PoolAllocator

/// A list of placement policies to compare: two to four, each named once. The one reader of
/// such a list, for the script's `compare` statement and for `poolmap compare --policies`, so
/// both accept the same lists and say the same things about the rest.
public struct PolicyList: Sendable {
    /// How many policies a comparison runs.
    public static let allowedCounts = 2...4

    /// The policies a comparison runs when none are named: all four.
    public static let defaultPolicies = FitPolicy.allCases

    /// What is wrong with a list; `description` is the message after the list's name
    /// (`'compare' needs two to four policies`, `--policies: unknown policy 'fastest'; …`).
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// A word that names no policy.
        case unknown(String)
        /// A policy named a second time.
        case repeated(FitPolicy)
        /// Fewer than two or more than four policies.
        case count(Int)

        /// The problem in words, to follow the list's name.
        public var description: String {
            switch self {
            case .unknown(let word): return "unknown policy '\(word)'; the policies are \(PolicyList.names())"
            case .repeated(let policy): return "'\(policy.rawValue)' is named twice; name each policy once"
            case .count: return "needs two to four policies"
            }
        }
    }

    /// The policies so far, in the order named.
    public private(set) var policies: [FitPolicy] = []

    /// An empty list; add the policies as they are read.
    public init() {}

    /// Every policy's name, from `FitPolicy.allCases`, for messages and help:
    /// `first, next, best or worst` (or `… and worst` with `conjunction` "and").
    public static func names(conjunction: String = "or") -> String {
        let names = FitPolicy.allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
    }

    /// The names as a value's placeholder in help: `first|next|best|worst`.
    public static var valueName: String { FitPolicy.allCases.map(\.rawValue).joined(separator: "|") }

    /// The policy called `word`.
    public static func policy(named word: some StringProtocol) throws(Problem) -> FitPolicy {
        guard let policy = FitPolicy(rawValue: String(word)) else { throw .unknown(String(word)) }
        return policy
    }

    /// Adds `policy` at the end, unless it is already in the list.
    public mutating func append(_ policy: FitPolicy) throws(Problem) {
        guard !policies.contains(policy) else { throw .repeated(policy) }
        policies.append(policy)
    }

    /// The list, when it has two to four policies.
    public func complete() throws(Problem) -> [FitPolicy] {
        guard Self.allowedCounts.contains(policies.count) else { throw .count(policies.count) }
        return policies
    }

    /// `first,best` (spaces around a name allowed): the list it names, or its first problem.
    public static func parse(commaSeparated text: String) throws(Problem) -> [FitPolicy] {
        var list = PolicyList()
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = String(name.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            try list.append(policy(named: word))
        }
        return try list.complete()
    }
}
