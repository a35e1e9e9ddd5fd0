/// Where the blocks of a trace were allocated (by `a`/`m`, not moved by a later `r`), by trace id: the call-site label the player's
/// block panel shows ("allocated at ./prog:(parse+1c)"). Labels repeat (one caller allocates many
/// blocks), so each distinct label is kept once. A label may hold several lines (a stack's
/// frames, innermost first).
///
/// Keyed by id: poolmap's own writers (record, convert) never reuse an id, so every block has
/// its own; a hand-written trace that allocates an id again keeps the label written last.
public struct CallSites: Equatable, Sendable {
    private var labels: [String] = []
    private var indexByLabel: [String: Int] = [:]
    private var labelIndexByID = IntMap()

    /// No call sites yet.
    public init() {}

    /// Whether no allocation has a call site.
    public var isEmpty: Bool { labelIndexByID.isEmpty }

    /// The label of the block with trace id `id`.
    /// - Complexity: O(1) expected.
    public subscript(id: Int) -> String? {
        get { id >= 0 ? labelIndexByID[id].map { labels[$0] } : nil }
        set {
            guard id >= 0 else { return }  // `f -1`, NULL, is no block
            guard let newValue else {
                _ = labelIndexByID.removeValue(forKey: id)
                return
            }
            if let index = indexByLabel[newValue] {
                labelIndexByID[id] = index
            } else {
                indexByLabel[newValue] = labels.count
                labelIndexByID[id] = labels.count
                labels.append(newValue)
            }
        }
    }
}
