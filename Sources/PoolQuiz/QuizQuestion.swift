import PoolAllocator
import PoolScript
import PoolText

/// An allocation the quiz stops at: where will it land?
struct AllocationQuestion: Sendable {
    /// 1-based, counting every question asked.
    var number: Int
    /// The step as the runner made it: its outcome is the answer.
    var step: Step
    /// The search the allocation makes on the pool before it.
    var search: FitSearch
    /// Every free block of the pool before it, in address order, with its verdict: what the
    /// marker moves over. In a heap scene, every element of the free list, in list order.
    var blocks: [FitSearch.Look]
    /// The pool before the allocation (in a heap scene, a stand-in for the heap's size).
    var before: MemoryPool
    /// In a heap scene, the heap before the allocation: offsets are from its base.
    var heapBefore: FreeListHeap?
    /// The run just after it.
    var after: ScriptRunner

    /// The question for `step`, an allocation of `size` bytes at `alignment` made on `before`,
    /// which left the run at `after`; nil for a request the allocator refuses outright (it is
    /// then no question).
    init?(number: Int, step: Step, size: Int, alignment: Int, before: MemoryPool, after: ScriptRunner) {
        guard let search = try? FitSearch(pool: before, size: size, alignment: alignment),
            let all = try? FitSearch(pool: before, size: size, alignment: alignment, policy: .best)
        else { return nil }
        self.number = number
        self.step = step
        self.search = search
        blocks = all.looks
        self.before = before
        self.after = after
    }

    /// The question for `step`, in a heap scene an allocation of `requested` bytes made on
    /// `heap` (`pool` standing in for its size), which left the run at `after`; nil for a block
    /// of no bytes (nothing to place, nothing to show).
    init?(number: Int, step: Step, requested: Int, heap: FreeListHeap, standIn pool: MemoryPool, after: ScriptRunner) {
        guard let search = heap.search(forRequest: requested), let looks = heap.looks(forRequest: requested) else {
            return nil
        }
        self.number = number
        self.step = step
        self.search = search
        blocks = looks
        before = pool
        heapBefore = heap
        self.after = after
    }

    /// The words of its verdict and panel: a pool's, or a heap's.
    var terms: QuizTerms { heapBefore.map(QuizTerms.heap) ?? .pool(before) }

    /// What kind of question it is: the answer is an offset, or "fails".
    var kind: QuestionKind { search.chosen == nil ? .failure : .placement }

    /// The request as the script wrote it: `b3 = alloc 64 align 32`, `a 5 100`.
    var request: String { step.statementText }

    /// The index in `blocks` of the block the allocation takes, if any.
    var answerIndex: Int? {
        guard let chosen = search.chosen else { return nil }
        return blocks.firstIndex { $0.start == chosen.start }
    }
}

/// What the student picked: nothing yet, a free block (an index into the question's
/// `blocks`), or "fails". A question starts with nothing picked, so that Enter alone never
/// answers it (under first fit the first free block is so often right).
enum AllocationChoice: Equatable, Sendable {
    case undecided
    case block(Int)
    case fails

    /// What the panel and the log say when Enter is pressed with nothing picked.
    static let howToChoose = "choose a free block (←/→ or a click) or x for fails"
    /// The same in a heap scene, whose elements are picked in list order.
    static let howToChooseElement = "choose an element (1-9, ←/→ or a click) or x for fails"
}

/// The fragmentation question: the pool's fragmentation now, as a percentage.
struct FragmentationQuestion: Sendable {
    var number: Int
    var stats: PoolStats

    /// The right answer, in percent.
    var percent: Double {
        let value = stats.fragmentation * 100
        return value.isFinite ? value : 0
    }
}

/// Whether an answer was right, in one line, and why, in another.
struct QuizVerdict: Equatable, Sendable {
    var isRight: Bool
    /// `✓ Right: it lands at 0x0320 (800)`.
    var headline: String
    /// The reason: the policy's rule and the numbers.
    var detail: String
}
