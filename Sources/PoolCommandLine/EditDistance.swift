/// How many single-character edits turn one word into another.
package enum EditDistance {
    /// The Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
    /// substitutions and transpositions of two neighbouring characters each count 1, and no
    /// substring is edited twice. `plya` → `play` is 1, `compre` → `compare` is 1.
    ///
    /// Compares `Character`s exactly; callers that want case not to count lowercase first.
    package static func damerauLevenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the (a.count + 1) × (b.count + 1) table: two back, one back, this one.
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }
}
