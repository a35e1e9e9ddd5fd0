import BenchmarkSupport

/// Monotonic time in nanoseconds.
enum Stopwatch {
    static func now() -> Double { monotonicSeconds() * 1e9 }
}

/// Several runs of one figure: median, min and max.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    var median: Double { BenchmarkSupport.median(values) }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }
    var isEmpty: Bool { values.isEmpty }
}
