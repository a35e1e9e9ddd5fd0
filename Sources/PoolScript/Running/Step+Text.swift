import PoolAllocator
import PoolText

extension Step {
    /// The step as a statement: `b = alloc 200 align 256`, `free a (256)`, `a 7 512`,
    /// `alloc 37 (random 3/200)`.
    public var statementText: String {
        var text: String
        switch operation {
        case .pool(let size, let policy):
            text = "pool \(ByteSize.format(size))" + (policy == .first ? "" : " policy \(policy.rawValue)")
        case .heap(let spec):
            text = spec.description
        case .alloc(_, let id?, let size, let alignment):
            text = alignment.map { "m \(id) \(size) \($0)" } ?? "a \(id) \(size)"
        case .alloc(let name, nil, let size, let alignment):
            text = (name.map { "\($0) = " } ?? "") + "alloc \(size)" + (alignment.map { " align \($0)" } ?? "")
        case .free(_, let id?, _): text = "f \(id)"
        case .free(let name?, nil, let offset):
            text = "free \(name)" + (offset.map { " (\($0))" } ?? "")
        case .free(nil, nil, let offset): text = "free \(offset.map(String.init) ?? "?")"
        case .realloc(let id, let size, _): text = "r \(id) \(size)"
        case .defrag: text = "defrag"
        case .stats: text = "stats"
        case .say(let caption): text = "say \(Action.quoted(caption))"
        case .wait(let milliseconds): text = Action.wait(milliseconds: milliseconds).description
        }
        if let random = randomIndex { text += " (random \(random.index)/\(random.count))" }
        return text
    }

    /// The runtime error as a compiler-style line, `FILE:LINE: error: MESSAGE`; nil when the
    /// step is not one.
    public func errorLine(fileName: String) -> String? {
        error.map { "\(fileName):\(line): error: \($0)" }
    }

    /// The step as the screens write it: as `statementText`, but a free by name says where the
    /// block was as offsets are written on screen, `free a at 0x0100 (256)`.
    public func screenStatementText(digits: Int) -> String {
        guard case .free(let name?, nil, let offset?) = operation else { return statementText }
        return "free \(name) at \(HexOffset.labelled(offset, digits: digits))"
    }

    /// The outcome as the screens write it (the player's and the comparison's logs and status
    /// lines, the quiz's log): offsets in hex with the decimal (`0x0100 (256)`, `HexOffset`'s
    /// `digits`), a mapping in hex (`{0x0080: 0x0000}`), stats with the report's four decimals
    /// (`fragmentation 0.3800`); otherwise as `outcomeText`.
    public func screenOutcomeText(digits: Int) -> String {
        switch outcome {
        case .offset(let offset): return HexOffset.labelled(offset, digits: digits)
        case .mapping(let pairs):
            let moves = pairs.map {
                "\(HexOffset.format($0.old, digits: digits)): \(HexOffset.format($0.new, digits: digits))"
            }
            return "{" + moves.joined(separator: ", ") + "}"
        case .stats(let stats):
            return stats.classicFigures(fragmentation: NumberText.fixed(stats.fragmentation, places: 4))
        default: return outcomeText
        }
    }

    /// The outcome in words: `0`, `alloc 512 B failed: …`, `{128: 0, 384: 128}`,
    /// `error: …`, in a heap scene `returned 1004 (searched 3 elements)`; empty for steps
    /// with nothing to report.
    public var outcomeText: String {
        switch outcome {
        case .done: return ""
        // A heap's block, as malloc.py prints it: its address and the elements searched.
        case .placed(let address, let searched): return "returned \(address) (searched \(searched) elements)"
        case .offset(let offset): return "\(offset)"
        case .allocationFailed(let message): return message
        case .refused(let message): return message
        case .mapping(let pairs):
            return "{" + pairs.map { "\($0.old): \($0.new)" }.joined(separator: ", ") + "}"
        case .stats(let stats): return stats.classicFigures
        case .error(let message): return "error: \(message)"
        }
    }
}
