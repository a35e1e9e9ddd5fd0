import FuzzSupport
import PoolScript
@_spi(Testing) import PoolSnapshot

/// The snapshot target: any bytes as a PyTorch memory snapshot. The reader gives a snapshot or
/// one error (never a trap) whose offset lies within the input and whose message is one line,
/// the same through the compact tree as through the `PickleValue` tree alone;
/// what reads as a snapshot gives a device choice or the device error, and every device's replay
/// runs (at most `maximumSteps` steps) without a runtime error — every `f` names a live id —
/// and its `.trace` text parses back to the same pool operations.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    let snapshot: MemorySnapshot
    let generic = Result { () throws(SnapshotError) in try MemorySnapshot.readThroughValueTree(bytes) }
    do {
        snapshot = try MemorySnapshot.read(bytes)
        guard case .success(snapshot) = generic else { fatalError("the two readers disagree: \(generic)") }
    } catch {
        guard case .failure(error) = generic else { fatalError("refused \(error) but read through the value tree") }
        checkOneLine(error.description, "error")
        if case .pickle(let pickleError) = error, pickleError.offset > bytes.count {
            fatalError("error offset \(pickleError.offset) past the input's \(bytes.count) bytes: \(pickleError)")
        }
        return 0
    }
    do {
        let device = try snapshot.chooseDevice()
        if device < 0 || device >= max(snapshot.eventCounts.count, 1) { fatalError("device \(device) out of range") }
    } catch {
        guard case .device = error else { fatalError("chooseDevice threw \(error)") }
    }
    for device in 0..<min(max(snapshot.eventCounts.count, 1), 4) {
        replay(SnapshotReplay(snapshot: snapshot, device: device, fileName: "fuzz.pickle"))
    }
    return 0
}

private let maximumSteps = 2_000

private func replay(_ replay: SnapshotReplay) {
    guard replay.defaultPoolSize > 0 else { fatalError("default pool size \(replay.defaultPoolSize)") }
    do {
        var runner = try ScriptRunner(script: replay.script, poolSize: replay.defaultPoolSize)
        var steps = 0
        while steps < maximumSteps, let step = runner.step() {
            steps += 1
            if let error = step.error { fatalError("replay step \(steps) failed: \(error)") }
        }
    } catch {
        fatalError("no runner for pool \(replay.defaultPoolSize): \(error)")
    }
    guard replay.script.statements.count <= maximumSteps else { return }
    let text = replay.traceText()
    do {
        let parsed = try ScriptFile.parse(Array(text.utf8), fileName: "fuzz.trace", kind: .trace)
        let expected = replay.script.statements.map(\.action).filter(\.isPoolOperation)
        if parsed.statements.map(\.action) != expected {
            fatalError("the trace text reads back differently:\n\(text)")
        }
    } catch {
        fatalError("the trace text does not parse: \(error)\n\(text)")
    }
}

private func checkOneLine(_ text: String, _ what: String) {
    if text.isEmpty || text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
        fatalError("\(what) is empty or has a control character: \(text.debugDescription)")
    }
}

@_cdecl("FuzzSnapshot_main")
public func fuzzSnapshotMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzSnapshot)
}
