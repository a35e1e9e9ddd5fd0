extension FreeListHeap {
    /// What a run of the heap's bytes is, as the map draws it.
    package enum ByteKind: Sendable, Equatable {
        /// A block's header: the `headerSize` bytes at its start.
        case header
        /// The bytes a block was asked for.
        case payload
        /// The bytes a request was rounded up by (to a multiple of `sizeMultiple`).
        case padding
        /// A free-list element's bytes.
        case free
    }

    /// A run of bytes of one kind, with offsets from `baseAddress`.
    package struct Span: Sendable, Equatable {
        /// The bytes, from `baseAddress`.
        package var bytes: Range<Int>
        /// What they are.
        package var kind: ByteKind
        /// The block's place in address order (0, 1, …) for a block's spans, so that
        /// neighbouring blocks can alternate; for a free element, its place in the list.
        package var ordinal: Int
        /// A free element that starts where another free element ends: two chunks, not one
        /// (no coalescing merged them), and the map marks the boundary.
        package var followsFree: Bool

        /// A span of `bytes` of `kind`.
        package init(bytes: Range<Int>, kind: ByteKind, ordinal: Int, followsFree: Bool) {
            self.bytes = bytes
            self.kind = kind
            self.ordinal = ordinal
            self.followsFree = followsFree
        }
    }

    /// The heap's bytes in address order as spans: each block's header, payload and padding
    /// (those of non-zero length), and each free element. They tile `0 ..< size`.
    /// - Complexity: O(n log n) for n elements and blocks.
    package var spans: [Span] {
        var listPlace: [Int: Int] = [:]
        for (place, element) in freeList.enumerated() { listPlace[element.address] = place }
        let chunks =
            (freeList.map { (chunk: $0, isFree: true) }
            + allocatedSizes.map { (chunk: Chunk(address: $0.key, size: $0.value), isFree: false) })
            .filter { $0.chunk.size > 0 }
            .sorted { $0.chunk.address < $1.chunk.address }
        var spans: [Span] = []
        spans.reserveCapacity(chunks.count * 3)
        var blockOrdinal = 0
        var previousWasFree = false
        for (chunk, isFree) in chunks {
            let start = chunk.address - baseAddress
            if isFree {
                spans.append(
                    Span(
                        bytes: start..<(start + chunk.size), kind: .free, ordinal: listPlace[chunk.address] ?? 0,
                        followsFree: previousWasFree))
            } else {
                let header = min(headerSize, chunk.size)
                let payload = min(requestedSizes[chunk.address] ?? (chunk.size - header), chunk.size - header)
                let parts: [(Int, ByteKind)] = [
                    (header, .header), (payload, .payload), (chunk.size - header - payload, .padding),
                ]
                var from = start
                for (length, kind) in parts where length > 0 {
                    spans.append(
                        Span(bytes: from..<(from + length), kind: kind, ordinal: blockOrdinal, followsFree: false))
                    from += length
                }
                blockOrdinal += 1
            }
            previousWasFree = isFree
        }
        return spans
    }
}
