import PoolScript

extension SnapshotReplay {
    /// The replay as the script `run`, `play`, `compare` and `quiz` take: its default pool (and
    /// why), and each block's frames — the ones `_memory_viz.py` shows, the innermost three —
    /// as its call site.
    /// - Complexity: O(blocks), the frames filtered and written once per list of frames the
    ///   snapshot shares (a frame list recalled by a million events is one list).
    public var playableScript: Script {
        var script = self.script
        script.knownTracePoolSize = defaultPoolSize
        switch poolSizeOrigin {
        case .deviceCapacity: script.poolSizeReason = "the device's capacity at an OOM"
        case .peakReserved: script.poolSizeReason = "the peak reserved bytes"
        case .peakLive: script.poolSizeReason = "the peak live bytes"
        case .floor: script.poolSizeReason = "nothing recorded"
        }
        // By the frames' storage: lists the decoder shared are one array, alive as long as
        // `blockFrames`, so an address names one list for the whole loop.
        var labelByList: [UnsafeRawPointer: String?] = [:]
        for (id, frames) in blockFrames.enumerated() where !frames.isEmpty {
            let list = frames.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
            let label: String?
            if let known = labelByList[list] {
                label = known
            } else {
                let shown = StackFrame.shown(frames).prefix(3)
                label = shown.isEmpty ? nil : shown.map(\.description).joined(separator: "\n")
                labelByList[list] = label
            }
            if let label { script.callSites[id] = label }
        }
        return script
    }
}
