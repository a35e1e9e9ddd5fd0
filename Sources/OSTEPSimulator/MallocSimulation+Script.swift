extension MallocSimulation {
    /// The script's first line: the `heap` statement of the flags' heap, every word spelled out
    /// (`round` only with `-a`, `coalesce` only with `-C`).
    var scriptHeader: String {
        var line = "heap \(heap.size) base \(heap.baseAddress) header \(heap.headerSize)"
        if let multiple = heap.sizeMultiple { line += " round \(multiple)" }
        line += " policy \(heap.policy.rawValue.lowercased()) order \(heap.order.rawValue.lowercased())"
        if heap.coalesces { line += " coalesce" }
        return line + "\n"
    }
}
