package import CartographModel

/// Finds which external systems an env value names, in one pass over the value whatever
/// the number of systems and hosts (an Aho–Corasick automaton over the hosts' bytes).
///
/// An app depends on an external system when one of the system's hosts occurs anywhere in
/// a non-secret env value. Searching each value for each host costs values × hosts ×
/// length: with a config of thousands of hosts and specs of thousands of envs, minutes.
/// Here each value costs its length plus the systems it names.
///
/// The transitions are flat arrays, not a dictionary per state: a value's every byte takes
/// one, and most leave the root for the root, so the root's are a table of all 256 bytes
/// and every other state's a short run of (byte, target) pairs.
struct HostMatcher {
    /// The root's transition on each byte (0: none, stay at the root).
    private var rootNext: [Int32] = Array(repeating: 0, count: 256)
    /// State `s`'s transitions are `edgeBytes[edgeStart[s]..<edgeStart[s + 1]]`, with their
    /// targets in `edgeTargets` at the same places.
    private var edgeStart: [Int32] = []
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    /// Per state: the longest proper suffix that is also a state, the nearest suffix state
    /// that ends a host, and the systems whose host ends here.
    private var fail: [Int32] = [0]
    private var output: [Int32] = [-1]
    private var systems: [[Int]] = [[]]
    /// Per state: itself when a host ends there, else its `output`: where the walk over the
    /// hosts a byte completes starts.
    private var firstEnd: [Int32] = []
    /// True when no system has a host: no value names one.
    let isEmpty: Bool

    /// `hosts[i]` are the (lowercase) hosts of system `i`; empty hosts are ignored.
    init(hosts: [[String]]) {
        var next: [[UInt8: Int]] = [[:]]
        for (system, names) in hosts.enumerated() {
            for host in names where !host.isEmpty {
                var state = 0
                for byte in host.utf8 {
                    if let known = next[state][byte] {
                        state = known
                    } else {
                        next.append([:])
                        fail.append(0)
                        output.append(-1)
                        systems.append([])
                        next[state][byte] = next.count - 1
                        state = next.count - 1
                    }
                }
                if systems[state].last != system { systems[state].append(system) }
            }
        }
        isEmpty = next.count == 1
        // Breadth first, so every state's suffix state is complete before its children's.
        var queue = next[0].values.sorted()
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (byte, child) in next[state].sorted(by: { $0.key < $1.key }) {
                var suffix = Int(fail[state])
                while suffix != 0, next[suffix][byte] == nil { suffix = Int(fail[suffix]) }
                let target = next[suffix][byte] ?? 0
                fail[child] = Int32(target == child ? 0 : target)
                let failed = Int(fail[child])
                output[child] = systems[failed].isEmpty ? output[failed] : Int32(failed)
                queue.append(child)
            }
        }
        firstEnd = systems.indices.map { systems[$0].isEmpty ? output[$0] : Int32($0) }
        for (byte, child) in next[0] { rootNext[Int(byte)] = Int32(child) }
        edgeStart.reserveCapacity(next.count + 1)
        for transitions in next {
            edgeStart.append(Int32(edgeBytes.count))
            for (byte, child) in transitions.sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(Int32(child))
            }
        }
        edgeStart.append(Int32(edgeBytes.count))
    }

    /// The state `state` goes to on `byte`, following suffix states where it has no transition.
    private func step(_ state: Int, _ byte: UInt8) -> Int {
        var state = state
        while state != 0 {
            var edge = Int(edgeStart[state])
            let end = Int(edgeStart[state + 1])
            while edge < end {
                if edgeBytes[edge] == byte { return Int(edgeTargets[edge]) }
                edge += 1
            }
            state = Int(fail[state])
        }
        return Int(rootNext[Int(byte)])
    }

    /// The systems (indices into the hosts given) one of whose hosts occurs in `text`,
    /// each once, in increasing order.
    func systems(namedIn text: String) -> [Int] {
        if isEmpty { return [] }
        var found = Set<Int>()
        var visited = Set<Int>()
        var state = 0
        for byte in text.utf8 {
            state = step(state, byte)
            // Each state's chain of hosts ending here is walked once per text.
            var end = Int(firstEnd[state])
            while end > 0, visited.insert(end).inserted {
                found.formUnion(systems[end])
                end = Int(output[end])
            }
        }
        return found.sorted()
    }
}
