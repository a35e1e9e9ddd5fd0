import PoolText

/// Why a pickle was refused: what went wrong and the byte offset (from 0) of the opcode at
/// fault. One error per file: reading stops at the first problem.
public struct PickleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, by kind.
    public enum Kind: Equatable, Sendable {
        /// GLOBAL, STACK_GLOBAL, REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1/2/4, PERSID,
        /// BINPERSID: opcodes that would import, call or build an object.
        case objectConstruction(opcode: String, code: UInt8)
        /// A real pickle opcode outside the subset plain snapshot data needs (bytes, sets, …).
        case unsupportedOpcode(opcode: String, code: UInt8)
        /// A byte that is no pickle opcode at all.
        case unknownOpcode(code: UInt8)
        /// An opcode whose argument runs past the end of the file.
        case truncated(opcode: String, needed: Int, remaining: Int)
        /// The bytes end before a STOP opcode.
        case missingStop
        /// Bytes follow the STOP opcode.
        case trailingBytes(count: Int)
        /// The opcodes do not make sense together (no MARK, an empty stack, a missing memo entry, …).
        case malformed(opcode: String, reason: String)
        /// A limit on hostile input was reached (nesting, memo, stack, integer width).
        case limit(reason: String)
        /// The file is larger than `PickleReader.maximumBytes`.
        case tooLarge(bytes: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// The offset of the opcode at fault (the file's size for `missingStop` and `tooLarge`).
    public var offset: Int

    /// Creates the error of `kind` at the opcode at byte `offset`.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The error in words, naming the opcode and its byte offset.
    public var description: String {
        switch kind {
        case .objectConstruction(let opcode, let code):
            return "pickle opcode \(opcode) (\(Self.hex(code))) at byte \(offset) would construct an object; "
                + "poolmap reads plain data only"
        case .unsupportedOpcode(let opcode, let code):
            return "pickle opcode \(opcode) (\(Self.hex(code))) at byte \(offset) is not supported; poolmap reads "
                + "only the opcodes of plain data (docs/formats.md lists them)"
        case .unknownOpcode(let code):
            return "byte \(offset) holds \(Self.hex(code)), which is no pickle opcode: not a pickle, or a damaged one"
        case .truncated(let opcode, let needed, let remaining):
            return "truncated pickle: \(opcode) at byte \(offset) needs \(needed) bytes after it, "
                + "only \(remaining) remain"
        case .missingStop:
            return "truncated pickle: it ends at byte \(offset) without its STOP opcode"
        case .trailingBytes(let count):
            return "\(count) bytes follow the pickle's STOP opcode at byte \(offset): a damaged file"
        case .malformed(let opcode, let reason):
            return "malformed pickle: \(opcode) at byte \(offset) \(reason)"
        case .limit(let reason):
            return "pickle refused at byte \(offset): \(reason)"
        case .tooLarge(let bytes):
            return "the file holds \(ByteSize.format(bytes)); poolmap reads pickles up to "
                + "\(ByteSize.format(PickleReader.maximumBytes))"
        }
    }

    static func hex(_ code: UInt8) -> String {
        let digits = String(code, radix: 16)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
