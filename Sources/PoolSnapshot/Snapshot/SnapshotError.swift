/// Why a snapshot could not be read or a device chosen.
public enum SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read: the system's reason.
    case unreadable(reason: String)
    /// The pickle itself was refused.
    case pickle(PickleError)
    /// A value of the wrong kind where the structure needs another: its path (`segments[2].blocks[0].size`),
    /// what was expected and what was found.
    case wrongType(path: String, expected: String, found: String)
    /// A key the structure needs is missing.
    case missingKey(path: String, key: String)
    /// A size or address below zero.
    case negative(path: String, value: Int)
    /// The top level is neither a dict nor a list.
    case notASnapshot(found: String)
    /// `--device N` names a device the snapshot does not have, or none was named and several
    /// devices have events: the devices and their event counts.
    case device(requested: Int?, eventCounts: [Int])

    /// The error in words, naming the path in the snapshot where it helps.
    public var description: String {
        switch self {
        case .unreadable(let reason): return reason
        case .pickle(let error): return error.description
        case .wrongType(let path, let expected, let found): return "\(path): expected \(expected), found \(found)"
        case .missingKey(let path, let key): return "\(path): the key '\(key)' is missing"
        case .negative(let path, let value): return "\(path): expected 0 or more, found \(value)"
        case .notASnapshot(let found):
            return "not a PyTorch memory snapshot: the pickle holds \(found), not a dict with 'segments' and "
                + "'device_traces' (or a list of segments)"
        case .device(let requested, let counts):
            let list = counts.enumerated().map { "device \($0.offset) (\($0.element) events)" }
            let devices = list.isEmpty ? "no device" : list.joined(separator: ", ")
            if let requested {
                return "the snapshot has no device \(requested); it has \(devices)"
            }
            return "the snapshot has events on several devices: \(devices); choose one with --device N"
        }
    }

    /// The exit status a command should end with: 64 (a usage error) for the device choice,
    /// 1 for a file that cannot be read, 2 (bad input) otherwise.
    public var exitStatus: Int32 {
        switch self {
        case .device: return 64
        case .unreadable: return 1
        default: return 2
        }
    }

    /// `FILE: message`, as poolmap prints it.
    public func message(fileName: String) -> String { "\(fileName): \(description)" }
}
