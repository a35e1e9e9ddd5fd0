import PoolScript

/// A built-in demo that is a PyTorch snapshot (`demos/*.pickle`, made by
/// `scripts/make-snapshot-fixtures.py --demo`), embedded in the binary as base64 so that
/// `poolmap demo NAME` needs no file, with the captions that tell its story.
public struct SnapshotDemo: Sendable {
    /// The file's stem: `gpu-oom`.
    public var name: String
    /// The file's name in `demos/`: `gpu-oom.pickle`.
    public var fileName: String
    /// One line saying what it shows, for `poolmap demo --list`.
    public var summary: String
    /// Captions by the line of the event they come before (the event's 1-based index in the
    /// device's trace).
    public var captions: [Int: String]
    /// The file's bytes, base64-encoded (`SnapshotDemo+Embedded.swift`).
    var base64: String

    /// The file's bytes.
    /// - Complexity: O(size).
    public var bytes: [UInt8] { Self.decodeBase64(base64) }

    /// The snapshot. The embedded demos always read; a test holds them to it.
    public func snapshot() throws(SnapshotError) -> MemorySnapshot { try MemorySnapshot.read(bytes) }

    /// `script` (a replay of this demo) with the captions as `say` statements before the
    /// statements of their events' lines.
    public func captioned(_ script: Script) -> Script {
        var statements: [Statement] = []
        statements.reserveCapacity(script.statements.count + captions.count)
        var pending = captions
        for statement in script.statements {
            if let caption = pending.removeValue(forKey: statement.line) {
                statements.append(Statement(line: statement.line, action: .say(caption)))
            }
            statements.append(statement)
        }
        var captioned = script
        captioned.statements = StatementList(statements)
        return captioned
    }

    /// RFC 4648 base64 without line breaks; other characters are skipped.
    static func decodeBase64(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 4 * 3)
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: continue
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bytes
    }
}

/// The built-in snapshot demos.
public enum SnapshotDemos {
    /// Every snapshot demo, by name.
    public static let all: [SnapshotDemo] = embeddedFiles.map { file in
        let stem = String(file.fileName.split(separator: ".").dropLast().joined(separator: "."))
        let story = stories[stem] ?? (summary: "a PyTorch snapshot", captions: [:])
        return SnapshotDemo(
            name: stem, fileName: file.fileName, summary: story.summary, captions: story.captions, base64: file.base64)
    }

    /// The demo called `name` (its stem, or its file name).
    public static func named(_ name: String) -> SnapshotDemo? {
        all.first { $0.name == name || $0.fileName == name }
    }

    /// What each demo shows and its captions, by the line of the event they come before
    /// (`SnapshotDemoTests` checks each line is the event the caption speaks of).
    static let stories: [String: (summary: String, captions: [Int: String])] = [
        "gpu-oom": (
            summary: "GPU out of memory: a PyTorch snapshot that fails with gigabytes reserved but unallocated",
            captions: [
                1: "Loading the model: 32 weight tensors of 32 MiB, each in a segment of its own",
                65: "Serving: each step allocates three activations, a little longer every step",
                70: "The KV cache grows by 24 MiB a step; the first block gets a new segment",
                77: "The step's activations are freed; their segments stay cached, still reserved",
                91: "Best fit puts the next KV block in the smallest cached free block: a freed "
                    + "activation's segment, now pinned by a block that lives on",
                392: "The device is full: PyTorch releases the cached segments no block uses",
                437: "OOM with gigabytes reserved but unallocated: every free piece is too small. "
                    + "`poolmap compare` shows which policy would have survived",
            ]
        )
    ]
}
