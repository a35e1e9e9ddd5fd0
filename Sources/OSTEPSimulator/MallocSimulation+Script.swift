import PoolAllocator

extension MallocSimulation {
    /// The script's first line: the `heap` statement of the flags' heap, every word spelled out
    /// (`round` only with `-a`, `coalesce` only with `-C`).
    var scriptHeader: String {
        var line = "heap \(heap.size) base \(heap.baseAddress) header \(heap.headerSize)"
        if let multiple = heap.sizeMultiple { line += " round \(multiple)" }
        line += " policy \(heap.policy.rawValue.lowercased()) order \(heap.order.rawValue.lowercased())"
        if heap.coalesces { line += " coalesce" }
        return line
    }

    /// Appends `line` and its newline to the script.
    mutating func writeScriptLine(_ line: String) {
        script += line + "\n"
        scriptLineCount += 1
    }

    /// Keeps `allocation` as malloc.py's answer to the allocation on the script's last line; a
    /// block placed at −1 (a heap below address 0) is malloc.py's failure too.
    mutating func answerLastScriptLine(_ allocation: FreeListHeap.Allocation) {
        let address = allocation.address == Self.failedAddress ? nil : allocation.address
        answers[scriptLineCount] = FreeListHeap.Allocation(address: address, searched: allocation.searched)
    }
}
