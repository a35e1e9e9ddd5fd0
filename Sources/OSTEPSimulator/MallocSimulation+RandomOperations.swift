extension MallocSimulation {
    /// malloc.py without `-A`: `-n` operations drawn from CPython's random numbers seeded with
    /// `-s`. Each draw allocates when `random() < P/100` — `int(random() * r) + 1` bytes — and
    /// otherwise frees a live block picked by `int(random() * live)`. A free drawn while nothing
    /// is allocated prints nothing and does not count toward `-n`. An allocation prints the
    /// address plus the header size (so a failure prints `-1 + H`); a failed allocation still
    /// uses up its index.
    mutating func runRandomOperations() {
        var random = PythonRandom(seed: options.seed)
        let allocateBelow = Double(options.percentAlloc) / 100.0
        // Addresses of the live allocations by index, and their indices in allocation order.
        var pointers: [Int: Int] = [:]
        var live: [Int] = []
        var nextIndex = 0
        var done = 0
        while done < options.operationCount {
            if random.random() < allocateBelow {
                let requested = Int(random.random() * Double(options.sizeRange)) + 1
                // Random requests are at least 1 byte, so no two blocks share an address.
                let allocation = try! heap.malloc(requested)
                if let address = allocation.address, address != Self.failedAddress {
                    pointers[nextIndex] = address
                    live.append(nextIndex)
                }
                output += "ptr[\(nextIndex)] = Alloc(\(requested))"
                writeScriptLine("ptr\(nextIndex) = alloc \(requested)")
                answerLastScriptLine(allocation)
                if options.compute {
                    let shown = (allocation.address ?? -1) + options.headerSize
                    output += " returned \(shown) (searched \(allocation.searched) elements)\n"
                } else {
                    output += " returned ?\n"
                }
                nextIndex += 1
            } else {
                guard !live.isEmpty else { continue }
                let pick = Int(random.random() * Double(live.count))
                let index = live.remove(at: pick)
                let freed = heap.free(pointers.removeValue(forKey: index)!)
                output += "Free(ptr[\(index)])\n"
                writeScriptLine("free ptr\(index)")
                printFreeResult(freed)
            }
            done += 1
            printList(placeholder: "List? ")
        }
    }
}
