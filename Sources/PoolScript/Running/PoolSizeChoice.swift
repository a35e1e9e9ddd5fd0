import PoolAllocator
import PoolText

/// How the pool a run shows got its size, so that reports and titles can say it: a replay of
/// a trace is poolmap's allocator in a pool poolmap chose, not the traced program's heap.
public enum PoolSizeChoice: Equatable, Sendable {
    /// `--size`.
    case given
    /// A trace without `--size`: its peak live bytes × 1.25 (`TracePeak.poolSize`).
    case tracePeak
    /// A script without `--size`: 64 KiB until a `pool` statement says otherwise.
    case scriptDefault
    /// A script's `pool` statement.
    case poolStatement
    /// The reader's own rule (`Script.poolSizeReason`), e.g. a snapshot's device capacity.
    case recorded(reason: String)

    /// The choice when a run of a `kind` input starts, `--size` given or not.
    public init(kind: Script.Kind, sizeGiven: Bool) {
        self = sizeGiven ? .given : kind == .trace ? .tracePeak : .scriptDefault
    }

    /// The choice when a run of `script` starts: as `init(kind:sizeGiven:)`, or the reason the
    /// script's reader gave for its default.
    public init(script: Script, sizeGiven: Bool) {
        if !sizeGiven, let reason = script.poolSizeReason {
            self = .recorded(reason: reason)
        } else {
            self.init(kind: script.kind, sizeGiven: sizeGiven)
        }
    }

    /// The choice behind `state`'s pool, for a run that started with `self`: a `pool`
    /// statement's once one has run.
    public func current(_ state: RunnerState) -> PoolSizeChoice {
        state.sceneCount > 0 ? .poolStatement : self
    }

    /// Why the pool has its size, in parentheses' words: `peak live × 1.25`.
    public var reason: String {
        switch self {
        case .given: return "--size"
        case .tracePeak: return "peak live × 1.25"
        case .scriptDefault: return "the default for scripts"
        case .poolStatement: return "the script's pool statement"
        case .recorded(let reason): return reason
        }
    }

    /// The heading of a report or a title: `first fit · 49 KiB pool (peak live × 1.25)`.
    public func heading(policy: FitPolicy, poolSize: Int) -> String {
        "\(policy.rawValue) fit · \(ByteSize.formatExact(poolSize)) pool (\(reason))"
    }
}
