package import CartographInput
package import CartographModel
package import CartographRender

/// A short unified diff between two texts, for `check` to show what is stale.
enum UnifiedDiff {
    /// The diff of `old` (on disk) against `new` (what a build would write), with
    /// `context` lines around each change and at most `maxLines` lines of output.
    package static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3, maxLines: Int = 60) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ops = edits(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = ["--- \(oldName)", "+++ \(newName)"]
        var index = 0
        var truncated = false
        while index < ops.count {
            guard let start = ops[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var end = start
            // Extend the hunk while the next change is within 2×context lines.
            while let next = ops[(end + 1)...].firstIndex(where: { $0.kind != .same }), next - end <= 2 * context {
                end = next
            }
            let from = max(0, start - context)
            let to = min(ops.count - 1, end + context)
            let hunk = ops[from...to]
            let oldStart = (hunk.first?.oldIndex ?? 0) + 1
            let newStart = (hunk.first?.newIndex ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            for op in hunk {
                switch op.kind {
                case .same: out.append(" " + a[op.oldIndex])
                case .delete: out.append("-" + a[op.oldIndex])
                case .insert: out.append("+" + b[op.newIndex])
                }
            }
            if out.count > maxLines {
                truncated = true
                break
            }
            index = to + 1
        }
        if truncated || out.count > maxLines {
            let changed = ops.filter { $0.kind != .same }.count
            out = Array(out.prefix(maxLines))
            out.append("… (diff cut at \(maxLines) lines; \(changed) changed lines in all)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    /// Line edits by longest common subsequence (the maps are small; O(n·m) is fine and exact).
    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        // Common prefix and suffix first: a stale map usually differs in a few lines.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var ops = (0..<prefix).map { Op(kind: .same, oldIndex: $0, newIndex: $0) }
        let middle: [Op]
        if middleA.count * middleB.count > 4_000_000 {
            // Too large to align exactly in bounded memory: show it as replaced.
            middle =
                middleA.indices.map { Op(kind: .delete, oldIndex: $0, newIndex: 0) }
                + middleB.indices.map { Op(kind: .insert, oldIndex: middleA.count, newIndex: $0) }
        } else {
            middle = lcsEdits(middleA, middleB)
        }
        ops += middle.map { Op(kind: $0.kind, oldIndex: $0.oldIndex + prefix, newIndex: $0.newIndex + prefix) }
        ops += (0..<suffix).map { Op(kind: .same, oldIndex: a.count - suffix + $0, newIndex: b.count - suffix + $0) }
        return ops
    }

    static func lcsEdits(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count
        let m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append(Op(kind: .same, oldIndex: i, newIndex: j))
                i += 1
                j += 1
            } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
                ops.append(Op(kind: .insert, oldIndex: i, newIndex: j))
                j += 1
            } else {
                ops.append(Op(kind: .delete, oldIndex: i, newIndex: j))
                i += 1
            }
        }
        return ops
    }
}
