import Foundation
import PoolFiles
import Testing

@testable import PoolRecord

@Suite struct RawTraceTests {
    @Test func aNewFileIsEmptyAndSparse() throws {
        let path = try Scratch.folder() + "/raw"
        try RawTrace.create(path: path, capacity: 1 << 20, parentPID: 4242)
        let trace = try RawTrace.read(path: path)
        #expect(trace.header == RawTrace.Header(capacity: 1 << 20, parentPID: 4242, tracedPID: 0, next: 0, images: 0))
        #expect(trace.records.isEmpty)
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(Int(status.st_size) == 4096 + (1 << 20) * 32)
        #expect(Int(status.st_blocks) * 512 < 1 << 20, "the record area takes no space until written")
        // Never over an existing file.
        #expect(throws: SystemError.self) { try RawTrace.create(path: path, capacity: 16, parentPID: 1) }
        #expect(throws: SystemError.self) { try RawTrace.create(path: path + "2", capacity: 0, parentPID: 1) }
    }

    @Test func recordsReadBackInSlotOrder() throws {
        let records = (0..<100).map {
            RawTrace.Record(address: UInt64($0) * 16, size: UInt64($0) + 1, aux: 3, kind: RawTrace.Kind.alloc)
        }
        let header = RawTrace.Header(capacity: 100, parentPID: 1, tracedPID: 2, next: 100, images: 1, bootstrapBytes: 7)
        let path = try Scratch.file("raw", RawTrace.fileBytes(records: records, header: header))
        let trace = try RawTrace.read(path: path)
        #expect(trace.header == header)
        #expect(trace.records == records)
    }

    @Test func aFullOrTruncatedFileReadsWhatIsThere() throws {
        let records = (0..<10).map { RawTrace.Record(address: UInt64($0), size: 1, aux: 0, kind: RawTrace.Kind.alloc) }
        // `next` ran past the capacity: only the capacity's worth of slots exists.
        let full = RawTrace.Header(capacity: 10, next: 25, full: true)
        let fullPath = try Scratch.file("full", RawTrace.fileBytes(records: records, header: full))
        #expect(try RawTrace.read(path: fullPath).records.count == 10)
        #expect(try RawTrace.read(path: fullPath).header.full)
        // A file cut short (by hand: the tracer never shrinks it) reads up to its last whole record.
        var bytes = RawTrace.fileBytes(records: records, header: RawTrace.Header(capacity: 10, next: 10))
        bytes.removeLast(40)
        let cutPath = try Scratch.file("cut", bytes)
        #expect(try RawTrace.read(path: cutPath).records == Array(records.prefix(8)))
    }

    @Test func otherFilesAreRefused() throws {
        let text = try Scratch.file("text", "a 0 1\n")
        #expect(throws: SystemError(path: text, reason: "not a raw trace of this poolmap")) {
            try RawTrace.read(path: text)
        }
        #expect(throws: SystemError.self) { try RawTrace.read(path: "/nonexistent/raw") }
        var wrongVersion = RawTrace.fileBytes(records: [], header: RawTrace.Header(capacity: 1, next: 0))
        wrongVersion[8] = 9
        let versioned = try Scratch.file("v9", wrongVersion)
        #expect(throws: SystemError.self) { try RawTrace.read(path: versioned) }
    }
}
