import ArgumentParser
import PoolReport
import PoolScript
import PoolSnapshot
import PoolText

/// A PyTorch CUDA memory snapshot as the commands read it: one device's allocations replayed
/// under poolmap's policies (`SnapshotReplay`), as a trace-kind script.
enum SnapshotLoading {
    /// The replay of `path`'s device `device` (or the only device with events), or the
    /// snapshot's error printed (`FILE: message`) and its exit status (64 for the device choice,
    /// 1 unreadable, 2 bad input).
    static func replay(path: String, device: Int?) throws -> SnapshotReplay {
        let (snapshot, chosen) = try load(path: path, device: device)
        return SnapshotReplay(snapshot: snapshot, device: chosen, fileName: path)
    }

    /// The as-recorded run of `path`'s device `device` (chosen as for the replay), or the
    /// snapshot's error printed and its exit status.
    static func asRecorded(path: String, device: Int?) throws -> AsRecordedRun {
        let (snapshot, chosen) = try load(path: path, device: device)
        return AsRecordedRun(snapshot: snapshot, device: chosen)
    }

    /// Both readings of `path`'s device `device` from one load of the file: the as-recorded run
    /// and the replay of the same requests (`compare`'s bands), or the error as for `replay`.
    static func asRecordedAndReplay(path: String, device: Int?) throws -> (AsRecordedRun, SnapshotReplay) {
        let (snapshot, chosen) = try load(path: path, device: device)
        return (
            AsRecordedRun(snapshot: snapshot, device: chosen),
            SnapshotReplay(snapshot: snapshot, device: chosen, fileName: path)
        )
    }

    /// `path` read and its device chosen, or the snapshot's error printed and its exit status.
    private static func load(path: String, device: Int?) throws -> (MemorySnapshot, Int) {
        do {
            let snapshot = try MemorySnapshot.load(path: path)
            return (snapshot, try snapshot.chooseDevice(device))
        } catch {
            StandardStreams.writeError("poolmap: \(error.message(fileName: path))\n")
            throw ExitCode(error.exitStatus)
        }
    }

    /// The replay as the script `run`, `play`, `compare` and `quiz` take (`playableScript`).
    static func script(of replay: SnapshotReplay) -> Script { replay.playableScript }

    /// The row after `compare`'s ranking of a snapshot: PyTorch's own figures for the same
    /// requests — the OOMs in the recording, the peak reserved and the peak allocated bytes.
    static func recordedRow(_ replay: SnapshotReplay) -> Comparison.RecordedRow {
        Comparison.RecordedRow(
            name: "as recorded (PyTorch)", failures: replay.ooms.count, peakFootprint: replay.peakReservedBytes,
            peakLive: replay.script.traceFigures.peakLiveBytes)
    }
}
