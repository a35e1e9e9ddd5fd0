import PoolAllocator

/// What one line of a script or trace asks for.
public enum Action: Equatable, Hashable, Sendable {
    /// `pool SIZE [policy NAME]`: a fresh, empty pool of `size` bytes placing blocks by
    /// `policy` (nil: first fit, unless the run says otherwise); every name becomes unbound.
    case pool(size: Int, policy: FitPolicy? = nil)
    /// `heap SIZE [base B] [header H] [round R] [policy P] [order O] [coalesce]`: a fresh
    /// free-list heap as OSTEP's malloc.py models it; every name becomes unbound. In its scene
    /// `alloc` and `free` behave as malloc.py's.
    case heap(HeapSpec)
    /// `[NAME =] alloc SIZE [align A]`: allocate, binding `name` to the block when given.
    /// `alignment` is nil for a plain allocation.
    case alloc(name: String?, size: Int, alignment: Int?)
    /// `free NAME` or `free OFFSET`.
    case free(FreeTarget)
    /// `defrag`: defragment; names follow their blocks.
    case defrag
    /// `stats`: record the pool's figures.
    case stats
    /// `say "…"`: a caption shown while playing.
    case say(String)
    /// `wait 1.5s` / `wait 500ms`: a pause while playing (ignored headless).
    case wait(milliseconds: Int)
    /// `random N [seed S]`: `count` operations drawn by `RandomWorkload(seed:)`.
    case random(count: Int, seed: UInt64)
    /// Trace `a ID SIZE` and `m ID SIZE ALIGN`.
    case traceAlloc(id: Int, size: Int, alignment: Int?)
    /// Trace `f ID`; `f -1` (`nullTraceID`) frees NULL, a no-op.
    case traceFree(id: Int)
    /// Trace `r ID SIZE`: allocate the new size, then free the old block. Of an id that is not
    /// live it allocates; with a size of 0 it frees (malloc-lab's rules).
    case traceRealloc(id: Int, size: Int)
    /// A block of trace id `id` placed at exactly `offset` (`MemoryPool.place`): a recorded
    /// allocator's layout rebuilt (a PyTorch snapshot as recorded). No file spells it.
    case tracePlace(id: Int, size: Int, offset: Int)
    /// An allocation of `size` bytes that failed in the recording, with why: a failed step that
    /// changes nothing (a PyTorch snapshot's `oom`). No file spells it.
    case recordedFailure(size: Int, message: String)

    /// The id of `f -1`: malloc-lab's null pointer, whose free does nothing.
    public static let nullTraceID = -1
}

extension Action {
    /// The trace id a trace operation acts on; nil for every other action.
    var traceID: Int? {
        switch self {
        case .traceAlloc(let id, _, _), .traceFree(let id), .traceRealloc(let id, _): id
        default: nil
        }
    }
}

/// What `free` names: a bound name or a block's offset.
public enum FreeTarget: Equatable, Hashable, Sendable {
    case name(String)
    case offset(Int)
}

/// One statement of a script or trace and the line it comes from.
public struct Statement: Equatable, Hashable, Sendable {
    /// The 1-based line number in the source file.
    public var line: Int
    /// What the line asks for.
    public var action: Action

    /// Creates the statement of source line `line`.
    public init(line: Int, action: Action) {
        self.line = line
        self.action = action
    }
}

extension Action: CustomStringConvertible {
    /// The statement as it would be written in a script or trace, e.g. `b = alloc 200 align 256`.
    public var description: String {
        switch self {
        case .pool(let size, nil): return "pool \(size)"
        case .pool(let size, let policy?): return "pool \(size) policy \(policy.rawValue)"
        case .heap(let spec): return spec.description
        case .alloc(let name, let size, let alignment):
            let binding = name.map { "\($0) = " } ?? ""
            let align = alignment.map { " align \($0)" } ?? ""
            return "\(binding)alloc \(size)\(align)"
        case .free(.name(let name)): return "free \(name)"
        case .free(.offset(let offset)): return "free \(offset)"
        case .defrag: return "defrag"
        case .stats: return "stats"
        case .say(let caption): return "say \(Self.quoted(caption))"
        case .wait(let milliseconds):
            if milliseconds < 1000 { return "wait \(milliseconds)ms" }
            var fraction = String(milliseconds % 1000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "wait \(milliseconds / 1000)" + (fraction.isEmpty ? "" : ".\(fraction)") + "s"
        case .random(let count, let seed): return "random \(count) seed \(seed)"
        case .traceAlloc(let id, let size, nil): return "a \(id) \(size)"
        case .traceAlloc(let id, let size, let alignment?): return "m \(id) \(size) \(alignment)"
        case .traceFree(let id): return "f \(id)"
        case .traceRealloc(let id, let size): return "r \(id) \(size)"
        case .tracePlace(let id, let size, let offset): return "place \(id) \(size) at \(offset)"
        case .recordedFailure(let size, let message): return "failed \(size): \(message)"
        }
    }

    /// `text` as a script string literal: quotes and backslashes escaped.
    ///
    /// Scalar by scalar, not character by character: a `\r` before a `\n` forms one character
    /// (CR LF) that is not `"\n"`, and printing it raw would break the line. A string holds no
    /// other control character (the tokenizer refuses them), so the result is one line.
    static func quoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default: out.append(scalar)
            }
        }
        out.append("\"")
        return String(out)
    }

    /// Whether the action changes or inspects the pool (everything but `say` and `wait`).
    public var isPoolOperation: Bool {
        switch self {
        case .say, .wait: return false
        default: return true
        }
    }
}
