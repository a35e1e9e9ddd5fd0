extension CursesTerminal {
    /// Set to `1` in a debug build to make Ctrl-T crash the program on purpose, so tests can
    /// check that a crash still gives the terminal back. Release builds ignore it.
    package static let debugTrapVariable = "POOLMAP_DEBUG_TRAP_KEY"

    /// Ctrl-T: "trap".
    static let debugTrapKey: UInt32 = 0x14

    /// Crashes with a Swift trap when the debug trap is enabled and `code` is its key.
    func trapIfRequested(byKeyCode code: UInt32) {
        #if DEBUG
        if debugTrapEnabled, code == Self.debugTrapKey {
            fatalError("debug trap requested with Ctrl-T (\(Self.debugTrapVariable)=1)")
        }
        #endif
    }
}
