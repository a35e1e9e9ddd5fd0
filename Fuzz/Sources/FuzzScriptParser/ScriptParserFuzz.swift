import FuzzSupport

/// The script parser target: any bytes as a .pool script file (see `ParserFuzzing` for what is checked).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScriptParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ParserFuzzing.run(FuzzInput(data, size).bytes, kind: .script)
    return 0
}

@_cdecl("FuzzScriptParser_main")
public func fuzzScriptParserMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzScriptParser)
}
