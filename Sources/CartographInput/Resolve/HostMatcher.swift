package import CartographModel

/// Finds which external systems an env value names, in one pass over the value whatever
/// the number of systems and hosts (an Aho–Corasick automaton over the hosts' bytes).
///
/// An app depends on an external system when one of the system's hosts occurs anywhere in
/// a non-secret env value. Searching each value for each host costs values × hosts ×
/// length: with a config of thousands of hosts and specs of thousands of envs, minutes.
/// Here each value costs its length plus the systems it names.
struct HostMatcher {
    /// Per state: transitions by byte, the longest proper suffix that is also a state, the
    /// nearest suffix state that ends a host, and the systems whose host ends here.
    private var next: [[UInt8: Int]] = [[:]]
    private var fail: [Int] = [0]
    private var output: [Int] = [-1]
    private var systems: [[Int]] = [[]]

    /// `hosts[i]` are the (lowercase) hosts of system `i`; empty hosts are ignored.
    init(hosts: [[String]]) {
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
        // Breadth first, so every state's suffix state is complete before its children's.
        var queue = next[0].values.sorted()
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (byte, child) in next[state].sorted(by: { $0.key < $1.key }) {
                var suffix = fail[state]
                while suffix != 0, next[suffix][byte] == nil { suffix = fail[suffix] }
                let target = next[suffix][byte] ?? 0
                fail[child] = target == child ? 0 : target
                output[child] = systems[fail[child]].isEmpty ? output[fail[child]] : fail[child]
                queue.append(child)
            }
        }
    }

    /// The systems (indices into the hosts given) one of whose hosts occurs in `text`,
    /// each once, in increasing order.
    func systems(namedIn text: String) -> [Int] {
        var found = Set<Int>()
        var visited = Set<Int>()
        var state = 0
        for byte in text.utf8 {
            while state != 0, next[state][byte] == nil { state = fail[state] }
            state = next[state][byte] ?? 0
            // Each state's chain of hosts ending here is walked once per text.
            var end = systems[state].isEmpty ? output[state] : state
            while end > 0, visited.insert(end).inserted {
                found.formUnion(systems[end])
                end = output[end]
            }
        }
        return found.sorted()
    }
}
