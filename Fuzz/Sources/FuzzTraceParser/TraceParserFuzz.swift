import FuzzSupport

/// The trace parser target: any bytes as a trace file (see `ParserFuzzing` for what is checked).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ParserFuzzing.run(FuzzInput(data, size).bytes, kind: .trace)
    return 0
}

@_cdecl("FuzzTraceParser_main")
public func fuzzTraceParserMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzTraceParser)
}
