import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file the tracer writes its records into, as `Tracer/poolmap-tracer.c` lays it out: a
/// header page, then `capacity` records of 32 bytes. Record number N is event number N (the
/// tracer takes slots with one atomic counter), so reading the records in file order is reading
/// the events in their one global order. Little-endian, as on every platform the tracer runs on.
package struct RawTrace: Sendable {
    /// The header's figures.
    package struct Header: Equatable, Sendable {
        package var capacity: UInt64
        package var parentPID: Int32
        /// The traced process's pid, or 0 when no image loaded the tracer.
        package var tracedPID: Int32
        /// Slots handed out; more than `capacity` when the file filled up.
        package var next: UInt64
        /// Images of the traced process that loaded the tracer (the first, then one per exec).
        package var images: UInt32
        /// Whether an event did not fit.
        package var full: Bool
        /// Bytes the last image served from the tracer's bootstrap buffer.
        package var bootstrapBytes: UInt64

        package init(
            capacity: UInt64, parentPID: Int32 = 0, tracedPID: Int32 = 0, next: UInt64, images: UInt32 = 1,
            full: Bool = false, bootstrapBytes: UInt64 = 0
        ) {
            self.capacity = capacity
            self.parentPID = parentPID
            self.tracedPID = tracedPID
            self.next = next
            self.images = images
            self.full = full
            self.bootstrapBytes = bootstrapBytes
        }
    }

    /// One record: `kind` 0 is an empty slot.
    package struct Record: Equatable, Sendable {
        package var address: UInt64
        package var size: UInt64
        package var aux: UInt64
        package var kind: UInt32
        package var extra: UInt32

        package init(address: UInt64, size: UInt64, aux: UInt64, kind: UInt32, extra: UInt32 = 0) {
            self.address = address
            self.size = size
            self.aux = aux
            self.kind = kind
            self.extra = extra
        }
    }

    /// The record kinds (see the tracer's `enum`).
    package enum Kind {
        package static let alloc: UInt32 = 1
        package static let aligned: UInt32 = 2
        package static let free: UInt32 = 3
        package static let reallocFrom: UInt32 = 4
        package static let reallocTo: UInt32 = 5
        package static let image: UInt32 = 6
        package static let text: UInt32 = 7
    }

    static let magic: [UInt8] = Array("PMRAW001".utf8)
    static let version: UInt32 = 1
    static let headerSize = 4096
    static let recordSize = 32
    /// The largest capacity the tracer accepts.
    static let maximumCapacity: UInt64 = 1 << 40

    /// The environment variable that names the raw file for the tracer.
    package static let environmentVariable = "POOLMAP_RECORD_RAW"

    package var header: Header
    /// The records the traced process wrote, in slot order.
    package var records: [Record]

    /// Creates an empty raw file at `path` for a process that `parentPID` will start: the header,
    /// then room for `capacity` records (a sparse file: only written pages take space).
    package static func create(path: String, capacity: UInt64, parentPID: Int32) throws(SystemError) {
        guard capacity > 0, capacity <= maximumCapacity else {
            throw SystemError(path: path, reason: "a raw trace holds 1 to \(maximumCapacity) records, not \(capacity)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError(path: path, reason: FileSystem.reason()) }
        var bytes = magic
        append(version, to: &bytes)
        append(UInt32(recordSize), to: &bytes)
        append(capacity, to: &bytes)
        append(UInt32(bitPattern: parentPID), to: &bytes)
        bytes += [UInt8](repeating: 0, count: 64 - bytes.count)
        let written = bytes.withUnsafeBytes { FileSystem.writeAll($0, to: descriptor) }
        let failure = errno
        let length = off_t(headerSize) + off_t(capacity) * off_t(recordSize)
        let sized = written && ftruncate(descriptor, length) == 0
        let reason = FileSystem.reason(written ? errno : failure)
        close(descriptor)
        guard sized else {
            unlink(path)
            throw SystemError(path: path, reason: reason)
        }
    }

    /// Reads the raw file at `path`: its header and every slot handed out that fits.
    package static func read(path: String) throws(SystemError) -> RawTrace {
        var records: [Record] = []
        let header = try scan(path: path) { records.append($0) }
        return RawTrace(header: header, records: records)
    }

    /// Reads the header of the raw file at `path`, then hands `body` every slot handed out
    /// that fits, in slot order, a chunk at a time (a long trace never sits in memory twice).
    package static func scan(path: String, _ body: (Record) -> Void) throws(SystemError) -> Header {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError(path: path, reason: FileSystem.reason()) }
        defer { close(descriptor) }
        let headerBytes = try FileSystem.readPrefix(descriptor: descriptor, path: path, offset: 0, limit: 64)
        guard headerBytes.count == 64, Array(headerBytes[0..<8]) == magic,
            load32(headerBytes, 8) == version, load32(headerBytes, 12) == UInt32(recordSize)
        else {
            throw SystemError(path: path, reason: "not a raw trace of this poolmap")
        }
        let header = Header(
            capacity: load64(headerBytes, 16), parentPID: Int32(bitPattern: load32(headerBytes, 24)),
            tracedPID: Int32(bitPattern: load32(headerBytes, 28)), next: load64(headerBytes, 32),
            images: load32(headerBytes, 40), full: load32(headerBytes, 44) != 0,
            bootstrapBytes: load64(headerBytes, 48))
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SystemError(path: path, reason: FileSystem.reason()) }
        let fileRecords = UInt64(max(0, (Int(status.st_size) - headerSize) / recordSize))
        let count = Int(min(header.next, header.capacity, fileRecords))
        let chunk = 1 << 15
        var index = 0
        while index < count {
            let wanted = min(chunk, count - index)
            let bytes = try FileSystem.readPrefix(
                descriptor: descriptor, path: path, offset: headerSize + index * recordSize,
                limit: wanted * recordSize)
            guard bytes.count == wanted * recordSize else { break }
            bytes.withUnsafeBytes { buffer in
                for offset in stride(from: 0, to: buffer.count, by: recordSize) {
                    body(
                        Record(
                            address: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                            size: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian,
                            aux: buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian,
                            kind: buffer.loadUnaligned(fromByteOffset: offset + 24, as: UInt32.self).littleEndian,
                            extra: buffer.loadUnaligned(fromByteOffset: offset + 28, as: UInt32.self).littleEndian))
                }
            }
            index += wanted
        }
        return header
    }

    /// The bytes of a raw file holding `records` (for tests: what the tracer would have written).
    package static func fileBytes(records: [Record], header: Header) -> [UInt8] {
        var bytes = magic
        append(version, to: &bytes)
        append(UInt32(recordSize), to: &bytes)
        append(header.capacity, to: &bytes)
        append(UInt32(bitPattern: header.parentPID), to: &bytes)
        append(UInt32(bitPattern: header.tracedPID), to: &bytes)
        append(header.next, to: &bytes)
        append(header.images, to: &bytes)
        append(UInt32(header.full ? 1 : 0), to: &bytes)
        append(header.bootstrapBytes, to: &bytes)
        bytes += [UInt8](repeating: 0, count: headerSize - bytes.count)
        for record in records {
            append(record.address, to: &bytes)
            append(record.size, to: &bytes)
            append(record.aux, to: &bytes)
            append(record.kind, to: &bytes)
            append(record.extra, to: &bytes)
        }
        return bytes
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func load32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian }
    }

    private static func load64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian }
    }
}
