import MemoryMap
import PoolText

/// A prompt the explorer is asking: what it is for, and the line as typed.
struct ExplorerPrompt: Equatable, Sendable {
    /// What Enter will do with the text.
    enum Purpose: Equatable, Sendable {
        /// `a`: allocate SIZE.
        case allocate
        /// `A`: allocate SIZE ALIGN.
        case allocateAligned
    }

    package var purpose: Purpose
    /// The label, the typed text and the last error.
    package var line: PromptLine

    package init(purpose: Purpose) {
        self.purpose = purpose
        switch purpose {
        case .allocate: line = PromptLine(label: "alloc SIZE (e.g. 256, 4KiB, 0x100)")
        case .allocateAligned: line = PromptLine(label: "alloc SIZE ALIGN (e.g. 200 256)")
        }
    }

    /// What the typed text asks for.
    struct Request: Equatable, Sendable {
        package var size: Int
        package var alignment: Int
    }

    /// Parses the typed text with the one size grammar.
    /// - Returns: the request, or the message for the prompt line (`"abc" is not a size`).
    package func parse() -> Result<Request, PromptError> {
        // A unit typed apart from its number (`4 KiB`, as poolmap prints sizes) belongs to it.
        var words: [String] = []
        for word in line.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if ByteSize.isUnit(word), let number = words.popLast() {
                words.append(number + " " + word)
            } else {
                words.append(String(word))
            }
        }
        switch purpose {
        case .allocate:
            guard words.count == 1 else {
                return .failure(
                    PromptError(words.isEmpty ? "type a size, e.g. 256 or 4KiB" : "type one size, e.g. 256 or 4KiB"))
            }
            return parseSize(words[0]).map { Request(size: $0, alignment: 1) }
        case .allocateAligned:
            guard words.count == 2 else {
                return .failure(PromptError("type a size and an alignment, e.g. 200 256"))
            }
            return parseSize(words[0]).flatMap { size in
                parseSize(words[1], what: "alignment").map { Request(size: size, alignment: $0) }
            }
        }
    }

    private func parseSize(_ word: String, what: String = "size") -> Result<Int, PromptError> {
        do {
            return .success(try ByteSize.parsePositive(word))
        } catch .zero {
            return .failure(PromptError("\"\(word)\" is zero: the \(what) must be at least 1"))
        } catch {
            return .failure(PromptError(error.description))
        }
    }
}

/// Why a prompt's text was refused; shown on the prompt line.
struct PromptError: Error, Equatable, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
