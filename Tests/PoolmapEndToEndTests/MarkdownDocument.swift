import Foundation

/// A Markdown file as far as its links are concerned: the relative links it makes and the
/// anchors its headings give, by GitHub's rules. Fenced code blocks and inline code are not
/// Markdown, so links and headings inside them do not count.
struct MarkdownDocument {
    /// A link's target as written, `path#fragment` (either part may be empty), with its line.
    struct Link: Equatable {
        var target: String
        var line: Int

        /// The part before `#`: a path relative to the document's folder, or empty for itself.
        var path: String { String(target.prefix { $0 != "#" }) }

        /// The part after `#`, or nil when there is none.
        var fragment: String? {
            guard let hash = target.firstIndex(of: "#") else { return nil }
            return String(target[target.index(after: hash)...])
        }

        /// Whether it points outside the repository (a URL), so there is nothing to check here.
        var isExternal: Bool { target.contains("://") || target.hasPrefix("mailto:") }
    }

    /// Every `[text](target)` outside code, in order.
    let links: [Link]

    /// The anchors of its headings, as GitHub makes them (duplicates get `-1`, `-2`, …).
    let anchors: Set<String>

    init(text: String) {
        var links: [Link] = []
        var anchors: Set<String> = []
        var slugCounts: [String: Int] = [:]
        var isInFence = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.drop(while: { $0 == " " }).hasPrefix("```") {
                isInFence.toggle()
                continue
            }
            if isInFence { continue }
            // A heading keeps its code's text (only the marks go); a link needs to be outside code.
            if let heading = Self.headingText(line) {
                let slug = Self.anchor(forHeading: heading)
                let count = slugCounts[slug, default: 0]
                anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
                slugCounts[slug] = count + 1
            }
            links += Self.linkTargets(in: Self.removingInlineCode(line)).map { Link(target: $0, line: index + 1) }
        }
        self.links = links
        self.anchors = anchors
    }

    /// GitHub's anchor for a heading: lower case, Markdown emphasis and code marks dropped, then
    /// every character but letters, digits, `-`, `_` and spaces dropped, and each space a `-`.
    static func anchor(forHeading heading: String) -> String {
        var text = heading
        // A link in a heading counts by its text: `[text](url)` becomes `text`.
        for target in linkTargets(in: heading) { text = text.replacingOccurrences(of: "](\(target))", with: "") }
        return String(
            text.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                if character.isLetter || character.isNumber || character == "-" || character == "_" { return character }
                return nil
            })
    }

    /// The text of an ATX heading (`## Title`), or nil when the line is none.
    private static func headingText(_ line: Substring) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { return nil }
        return line.dropFirst(hashes.count + 1).trimmingCharacters(in: .whitespaces)
    }

    /// The line without its `` `code` `` spans (whose text may look like a link).
    private static func removingInlineCode(_ line: Substring) -> Substring {
        var result = ""
        var isInCode = false
        for character in line {
            if character == "`" {
                isInCode.toggle()
            } else if !isInCode {
                result.append(character)
            }
        }
        return Substring(result)
    }

    /// The targets of `](target)` on a line, spaces excluded (a title after a space is ignored).
    private static func linkTargets(in text: some StringProtocol) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(where: { $0 == ")" || $0 == " " }) else { break }
            targets.append(String(afterOpen[..<close]))
            rest = afterOpen[close...]
        }
        return targets
    }
}
