/// The pickle opcodes by byte, as Python's `pickletools` documents them, sorted into what
/// `PickleReader` reads, what it refuses as object construction and what it does not support.
enum PickleOpcode {
    // The subset plain data needs (protocols 2–5).
    static let proto: UInt8 = 0x80, frame: UInt8 = 0x95, stop = UInt8(ascii: "."), mark = UInt8(ascii: "(")
    static let emptyDict = UInt8(ascii: "}"), emptyList = UInt8(ascii: "]"), emptyTuple = UInt8(ascii: ")")
    static let dict = UInt8(ascii: "d"), list = UInt8(ascii: "l"), tuple = UInt8(ascii: "t")
    static let tuple1: UInt8 = 0x85, tuple2: UInt8 = 0x86, tuple3: UInt8 = 0x87
    static let setItem = UInt8(ascii: "s"), setItems = UInt8(ascii: "u")
    static let append = UInt8(ascii: "a"), appends = UInt8(ascii: "e")
    static let binInt = UInt8(ascii: "J"), binInt1 = UInt8(ascii: "K"), binInt2 = UInt8(ascii: "M")
    static let long1: UInt8 = 0x8a, long4: UInt8 = 0x8b
    static let binFloat = UInt8(ascii: "G")
    static let shortBinUnicode: UInt8 = 0x8c, binUnicode = UInt8(ascii: "X"), binUnicode8: UInt8 = 0x8d
    static let none = UInt8(ascii: "N"), newTrue: UInt8 = 0x88, newFalse: UInt8 = 0x89
    static let memoize: UInt8 = 0x94, binPut = UInt8(ascii: "q"), longBinPut = UInt8(ascii: "r")
    static let binGet = UInt8(ascii: "h"), longBinGet = UInt8(ascii: "j")

    /// Opcodes that import a name, call it or build an instance: refused, whatever they would make.
    static let constructing: [UInt8: String] = [
        UInt8(ascii: "c"): "GLOBAL", 0x93: "STACK_GLOBAL", UInt8(ascii: "R"): "REDUCE", UInt8(ascii: "b"): "BUILD",
        UInt8(ascii: "i"): "INST", UInt8(ascii: "o"): "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX",
        0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", UInt8(ascii: "P"): "PERSID", UInt8(ascii: "Q"): "BINPERSID",
    ]

    /// Real opcodes outside the subset: refused as unsupported.
    static let unsupported: [UInt8: String] = [
        UInt8(ascii: "I"): "INT", UInt8(ascii: "L"): "LONG", UInt8(ascii: "S"): "STRING",
        UInt8(ascii: "T"): "BINSTRING", UInt8(ascii: "U"): "SHORT_BINSTRING", UInt8(ascii: "B"): "BINBYTES",
        UInt8(ascii: "C"): "SHORT_BINBYTES", 0x8e: "BINBYTES8", 0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER",
        0x98: "READONLY_BUFFER", UInt8(ascii: "V"): "UNICODE", UInt8(ascii: "F"): "FLOAT", 0x8f: "EMPTY_SET",
        0x90: "ADDITEMS", 0x91: "FROZENSET", UInt8(ascii: "0"): "POP", UInt8(ascii: "2"): "DUP",
        UInt8(ascii: "1"): "POP_MARK", UInt8(ascii: "g"): "GET", UInt8(ascii: "p"): "PUT",
    ]

    /// The names of the opcodes read, for messages.
    static let supported: [UInt8: String] = [
        proto: "PROTO", frame: "FRAME", stop: "STOP", mark: "MARK", emptyDict: "EMPTY_DICT", emptyList: "EMPTY_LIST",
        emptyTuple: "EMPTY_TUPLE", dict: "DICT", list: "LIST", tuple: "TUPLE", tuple1: "TUPLE1", tuple2: "TUPLE2",
        tuple3: "TUPLE3", setItem: "SETITEM", setItems: "SETITEMS", append: "APPEND", appends: "APPENDS",
        binInt: "BININT", binInt1: "BININT1", binInt2: "BININT2", long1: "LONG1", long4: "LONG4",
        binFloat: "BINFLOAT", shortBinUnicode: "SHORT_BINUNICODE", binUnicode: "BINUNICODE",
        binUnicode8: "BINUNICODE8", none: "NONE", newTrue: "NEWTRUE", newFalse: "NEWFALSE", memoize: "MEMOIZE",
        binPut: "BINPUT", longBinPut: "LONG_BINPUT", binGet: "BINGET", longBinGet: "LONG_BINGET",
    ]

    /// The opcode's name, or its byte in hex when it has none.
    static func name(_ code: UInt8) -> String {
        supported[code] ?? constructing[code] ?? unsupported[code] ?? PickleError.hex(code)
    }
}
