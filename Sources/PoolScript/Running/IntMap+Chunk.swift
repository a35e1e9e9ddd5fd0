/// One chunk of an ``IntMap``'s table: its key and value words in a single allocation, read
/// through a pointer computed from the object's address.
///
/// An `[Int]` chunk is read after a bounds check that loads the array's count from its header,
/// a cache line apart from the slot: on a table of megabytes (200,000 live trace ids), every
/// lookup missed the cache twice. Here the slot's address needs no load, and `IntMap` masks
/// every index, so one miss is left. Copies of a map share their chunks; a chunk is written
/// only when its map holds the one reference (`IntMap.set`).
final class IntMapChunk: ManagedBuffer<Int, Int> {
    /// A chunk of `words` words, every key word `emptyKey` and every value word 0.
    static func make(words: Int, emptyKey: Int) -> IntMapChunk {
        let chunk = unsafeDowncast(create(minimumCapacity: words) { _ in words }, to: IntMapChunk.self)
        chunk.withUnsafeMutablePointerToElements { elements in
            for word in 0..<words { (elements + word).initialize(to: word & 1 == 0 ? emptyKey : 0) }
        }
        return chunk
    }

    /// A chunk holding the same words, for a map about to change this one's.
    func copy() -> IntMapChunk {
        let words = header
        let chunk = unsafeDowncast(Self.create(minimumCapacity: words) { _ in words }, to: IntMapChunk.self)
        withUnsafeMutablePointerToElements { source in
            chunk.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: words) }
        }
        return chunk
    }

    /// Where a chunk's words start, in bytes from the object's address (past the object's
    /// header and the chunk's own), for a prefetch that must not touch the object.
    static let wordsOffset: Int = {
        let chunk = make(words: 2, emptyKey: 0)
        let object = UnsafeRawPointer(Unmanaged.passUnretained(chunk).toOpaque())
        return chunk.withUnsafeMutablePointerToElements { UnsafeRawPointer($0) - object }
    }()

    /// The words held: twice the chunk's slots.
    var wordCount: Int { header }

    /// The bytes this chunk's allocation holds, about: an object header, its own header and
    /// the words.
    var byteCount: Int { 24 + wordCount * MemoryLayout<Int>.stride }

    /// The word at `index` (in `0..<wordCount`, which the caller guarantees: no check).
    @inline(__always) subscript(index: Int) -> Int {
        get { withUnsafeMutablePointerToElements { $0[index] } }
        set { withUnsafeMutablePointerToElements { $0[index] = newValue } }
    }
}
