import PoolAllocator
import PoolText

extension AllocationQuestion {
    /// Whether `choice` is right, and why the allocation lands where it does (or fails), in
    /// the pool's words or the heap's (`terms`).
    func verdict(for choice: AllocationChoice) -> QuizVerdict {
        let terms = terms
        let place = terms.place
        let outcome = terms.outcome(search)
        let picked: FitSearch.Look? = {
            guard case .block(let index) = choice, blocks.indices.contains(index) else { return nil }
            return blocks[index]
        }()
        let yours = "the \(terms.noun) you chose"
        guard let chosen = search.chosen else {
            // It fails.
            let why =
                terms.whyNoneFits(search)
                + " (the largest \(terms.freeNoun) has \(SearchText.bytes(terms.largestFree)))"
            guard let picked else { return QuizVerdict(isRight: true, headline: "✓ Right: it fails", detail: why) }
            return QuizVerdict(
                isRight: false, headline: "✗ Wrong: it fails",
                detail: why + "; \(yours), \(place(picked.start)), is " + terms.whyNot(picked, in: search))
        }
        let rule = ruleDetail(chosen, terms: terms)
        guard let picked else {
            return QuizVerdict(
                isRight: false, headline: "✗ Wrong: it " + outcome,
                detail: "\(place(chosen.start)) (\(SearchText.bytes(chosen.length))) fits: " + rule)
        }
        if picked.start == chosen.start {
            return QuizVerdict(isRight: true, headline: "✓ Right: it " + outcome, detail: rule)
        }
        guard picked.verdict == .fits else {
            return QuizVerdict(
                isRight: false, headline: "✗ Wrong: it " + outcome,
                detail: "\(yours), \(place(picked.start)), is " + terms.whyNot(picked, in: search) + "; " + rule)
        }
        return QuizVerdict(
            isRight: false, headline: "✗ Wrong: it " + outcome, detail: comparison(chosen, picked, terms: terms))
    }

    /// Why the policy takes `chosen`: its rule and what the search saw.
    private func ruleDetail(_ chosen: FitSearch.Look, terms: QuizTerms) -> String {
        let place = terms.place
        let fitting = search.fitting.count
        let among = fitting == 1 ? "the only one that fits" : "among \(fitting) that fit"
        switch search.policy {
        case .first:
            let skipped = search.looks.count - 1
            let before = skipped == 0 ? "the first \(terms.freeNoun)" : "after \(skipped) that do not fit"
            return "\(terms.rule(.first)): \(place(chosen.start)), \(before)"
        case .next:
            let wrapped = search.wrapIndex.map { $0 <= (search.chosenIndex ?? 0) } ?? false
            return "\(terms.rule(.next)): from the rover at \(place(search.startOffset))"
                + (wrapped ? ", wrapping to 0," : "") + " the first that fits is \(place(chosen.start))"
        case .best:
            return "\(terms.rule(.best)): \(place(chosen.start)) with \(SearchText.bytes(chosen.length)), \(among)"
        case .worst:
            return
                "\(terms.rule(.worst)): \(place(chosen.start)) with \(SearchText.bytes(chosen.length)), \(among)"
        }
    }

    /// Why `chosen` and not `picked`, both of which fit.
    private func comparison(_ chosen: FitSearch.Look, _ picked: FitSearch.Look, terms: QuizTerms) -> String {
        let place = terms.place
        let theirs = "\(place(chosen.start))", yours = "the one you chose (\(place(picked.start)))"
        switch search.policy {
        case .first:
            return "\(terms.rule(.first)): \(theirs) \(terms.comesBefore(yours))"
        case .next:
            return "next fit starts at the rover, \(place(search.startOffset)), and takes the first block that fits "
                + "from there on, wrapping to 0: \(theirs) comes before \(yours)"
        case .best:
            let sizes = "\(SearchText.bytes(chosen.length)), yours \(SearchText.bytes(picked.length))"
            let tie = chosen.length == picked.length ? "; as small, and \(terms.earlier)" : ""
            return "\(terms.rule(.best)): \(theirs) has \(sizes)\(tie)"
        case .worst:
            let sizes = "\(SearchText.bytes(chosen.length)), yours \(SearchText.bytes(picked.length))"
            let tie = chosen.length == picked.length ? "; as large, and \(terms.earlier)" : ""
            return "\(terms.rule(.worst)): \(theirs) has \(sizes)\(tie)"
        }
    }
}

extension FragmentationQuestion {
    /// Answers within this many percentage points of the fragmentation count as right.
    static let tolerance = 1.0

    /// Whether `answer` (in percent) is right, and the formula with its two numbers.
    func verdict(for answer: Double) -> QuizVerdict {
        let isRight = abs(answer - percent) <= Self.tolerance + 1e-9
        let truth = Self.percentText(percent)
        let headline =
            isRight
            ? "✓ Right: fragmentation is \(truth)"
            : "✗ Wrong: fragmentation is \(truth), not \(Self.percentText(answer))"
        return QuizVerdict(isRight: isRight, headline: headline, detail: formula)
    }

    /// `1 − largest free / total free = 1 − 1,350 B / 2,054 B = 34.27%`.
    var formula: String {
        guard stats.free > 0 else { return "nothing is free, so nothing is fragmented: 0%" }
        let largest = SearchText.bytes(stats.largestFree), free = SearchText.bytes(stats.free)
        let tail = stats.largestFree == stats.free ? " (all the free bytes are one block)" : ""
        return "1 − largest free / total free = 1 − \(largest) / \(free) = \(Self.percentText(percent))\(tail)"
    }

    /// A percentage with at most two decimals: `34.27%`, `40%`.
    static func percentText(_ value: Double) -> String {
        var text = NumberText.fixed(value, places: 2)
        while text.hasSuffix("0"), text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}

/// A typed fragmentation answer: a percentage, `34`, `34%`, `34.2` or `34.2 %`.
enum FragmentationAnswer {
    /// The percentage typed, or why the text is none.
    static func parse(_ text: String) -> Result<Double, AnswerError> {
        var trimmed = text.filter { !$0.isWhitespace }
        if trimmed.hasSuffix("%") { trimmed.removeLast() }
        guard !trimmed.isEmpty else {
            return .failure(AnswerError("type the fragmentation as a percentage, e.g. 34 or 34.2%"))
        }
        let digits = trimmed.filter { $0 != "." }
        guard trimmed.filter({ $0 == "." }).count <= 1, !digits.isEmpty,
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Double(trimmed), value.isFinite
        else {
            return .failure(AnswerError("\"\(text)\" is not a percentage; type e.g. 34 or 34.2%"))
        }
        guard (0...100).contains(value) else {
            return .failure(AnswerError("a fragmentation is from 0% to 100%, not \(trimmed)%"))
        }
        return .success(value)
    }
}

/// Why a typed answer was refused; shown on the prompt line.
struct AnswerError: Error, Equatable, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
