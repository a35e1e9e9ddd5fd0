/// Which known names a mistyped word most likely meant, the way git and cargo answer a typo.
package enum Suggestions {
    /// The most edits a suggestion may be away from what was typed.
    package static let maximumDistance = 2

    /// The candidates closest to `word`, in the order given: those at the smallest distance that
    /// is at most `maximumDistance`. With `prefixes`, a candidate that starts with `word` counts
    /// as distance 0 (`pl` → `play`). Case does not count (`Run` → `run`). Empty when none is
    /// close, or when `word` is empty.
    package static func closest(
        to word: String, among candidates: [String], maximumDistance: Int = Suggestions.maximumDistance,
        prefixes: Bool = false
    ) -> [String] {
        ranked(word, among: candidates, maximumDistance: maximumDistance, prefixes: prefixes)?.names ?? []
    }

    /// The closest candidates and their distance, or nil when none is within `maximumDistance`.
    static func ranked(
        _ word: String, among candidates: [String], maximumDistance: Int, prefixes: Bool
    ) -> (names: [String], distance: Int)? {
        let typed = word.lowercased()
        guard !typed.isEmpty else { return nil }
        var best = Int.max
        var found: [String] = []
        for candidate in candidates where !found.contains(candidate) {
            let lowered = candidate.lowercased()
            let distance =
                prefixes && lowered.hasPrefix(typed) ? 0 : EditDistance.damerauLevenshtein(typed, lowered)
            guard distance <= maximumDistance, distance <= best else { continue }
            if distance < best {
                best = distance
                found = []
            }
            found.append(candidate)
        }
        return found.isEmpty ? nil : (found, best)
    }

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    package static func quotedList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
    }
}
