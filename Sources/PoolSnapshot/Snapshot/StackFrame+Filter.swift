extension StackFrame {
    /// Whether the frame is worth showing: false for the interpreter's and the dispatcher's own
    /// frames, which `torch/cuda/_memory_viz.py` (`_frame_filter`) leaves out — a frame whose
    /// function name contains one of `omittedFunctions` or whose file name contains one of
    /// `omittedFiles`.
    public var isShown: Bool {
        !Self.omittedFunctions.contains { name.contains($0) } && !Self.omittedFiles.contains { filename.contains($0) }
    }

    /// The frames worth showing, in their order (innermost first).
    public static func shown(_ frames: [StackFrame]) -> [StackFrame] {
        frames.filter(\.isShown)
    }

    /// Function names `_memory_viz.py` skips: the unwinder, the process's entry and CPython's
    /// evaluation and call machinery.
    public static let omittedFunctions = [
        "unwind::unwind", "CapturedTraceback::gather", "gather_with_cpp", "_start", "__libc_start_main",
        "PyEval_", "PyObject_", "PyFunction_",
    ]

    /// File names it skips: PyTorch's dispatcher and CPython's interpreter sources.
    public static let omittedFiles = [
        "core/boxing", "/Register", "/Redispatch", "pythonrun.c", "Modules/main.c", "Objects/call.c",
        "Objects/methodobject.c", "pycore_ceval.h", "ceval.c", "cpython/abstract.h",
    ]
}
