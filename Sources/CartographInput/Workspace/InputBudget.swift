package import CartographModel

/// The whole project's input, bounded: bytes of every file read, and nodes of every YAML
/// document (as written, counted from libyaml's events before anything is composed).
///
/// Each file has its own limits (``YAMLLoader/Limits``), but a project of many files just
/// under them would still take gigabytes: six spec files of 4 MiB took 713–879 MB before
/// any limit applied. The limits leave room for the benchmark of 10,000 generated apps
/// (`gen_bench.py`: 23 MB and 1.76 million nodes with its status file and pages) almost three
/// times over, and for the 86 real specs of the corpus (10,000 nodes in all) many
/// thousand times over.
///
/// Inputs are charged in the order they are read (config, specs in glob order, status
/// files, pages, injection targets); the first file that takes the project past a limit is
/// an error at that file, and neither it nor any later input is read.
struct InputBudget {
    /// 64 MiB: 2.8 times the 10,000-app benchmark.
    static let maxBytes = 64 * 1024 * 1024
    /// 4 million nodes: 2.3 times the 10,000-app benchmark (1.65 million in its specs).
    static let maxNodes = 4_000_000

    var maxBytes = Self.maxBytes
    var maxNodes = Self.maxNodes
    private(set) var bytes = 0
    private(set) var nodes = 0
    /// Set once a limit is passed: nothing after that is read.
    private(set) var isExhausted = false
    /// The bytes that files read on every core ahead of the budget's fold may hold, when
    /// fewer than the bytes left: tests lower it, to see the fold read in order what the
    /// cores left out.
    var readAheadBytes = Int.max

    /// The bytes files may hold when read ahead of the fold: none once the budget is spent.
    var bytesToReadAhead: Int { isExhausted ? -1 : min(readAheadBytes, maxBytes - bytes) }

    /// Charges `bytes` bytes and `nodes` nodes for the file at `location`; false, with one
    /// error for the whole run, when the project passes a limit.
    mutating func charge(bytes more: Int = 0, nodes moreNodes: Int = 0, at location: SourceLocation, diagnostics: DiagnosticBag)
        -> Bool
    {
        guard !isExhausted else { return false }
        bytes += more
        nodes += moreNodes
        let passed: String
        if bytes > maxBytes {
            passed = "\(maxBytes) bytes"
        } else if nodes > maxNodes {
            passed = "\(maxNodes) YAML nodes"
        } else {
            return true
        }
        isExhausted = true
        diagnostics.error(
            "the project's inputs pass the limit of \(passed) with this file; it and the inputs after it are not read",
            at: location,
            hint:
                "a project may read \(maxBytes) bytes and \(maxNodes) nodes in all; 10,000 typical apps take less than half"
        )
        return false
    }
}
