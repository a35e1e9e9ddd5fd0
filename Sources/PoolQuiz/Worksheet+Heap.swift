import PoolAllocator

extension Worksheet {
    /// The instructions line of a heap's worksheet.
    public static let heapInstructions =
        "# Write what each allocation returns (its header's address, or \"fails\") and the elements it searched."

    /// A heap scene's script as a worksheet (`poolmap ostep FLAGS --script`): `title` as a
    /// comment line, the instructions, then `script`'s lines, each allocation that has an answer in `answers`
    /// (by its 1-based line in `script`) ending in `# -> ?`, or with `showingAnswers` in its answer.
    ///
    /// ```
    /// # poolmap ostep -n 4 -c: malloc.py's run as a heap scene
    /// # Write what each allocation returns (its header's address, or "fails") and the elements it searched.
    /// heap 100 base 1000 header 0 policy best order addrsort
    /// ptr0 = alloc 3  # -> 1000 (searched 1)
    /// free ptr0
    /// ```
    /// The answers are comments, so the worksheet is the same script: `poolmap run` reproduces
    /// them, `poolmap play` plays it, `poolmap quiz` quizzes it.
    /// - Complexity: O(length of `script`).
    package static func heapSheet(
        title: String, script: String, answers: [Int: FreeListHeap.Allocation], showingAnswers: Bool
    ) -> String {
        // A flag may hold a newline (`-A $'+5,-3\n'`); escaped, the title stays one comment line.
        var sheet = "# " + title.replacing("\n", with: "\\n") + "\n" + heapInstructions + "\n"
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            if let answer = answers[index + 1] {
                sheet += asking(String(line), answer: showingAnswers ? heapAnswer(answer) : nil)
            } else {
                sheet += line
            }
            sheet += "\n"
        }
        return sheet
    }

    /// A heap allocation's answer: the address it returns (its header's start) or `fails`, and
    /// malloc.py's count of the elements searched — `1000 (searched 1)`, `fails (searched 3)`.
    package static func heapAnswer(_ allocation: FreeListHeap.Allocation) -> String {
        "\(allocation.address.map(String.init) ?? "fails") (searched \(allocation.searched))"
    }
}
