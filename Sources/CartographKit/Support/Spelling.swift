/// Did-you-mean suggestions for misspelt keys and values.
enum Spelling {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo, or if
    /// one candidate contains the word (`instance_size` → `instance_size_slug`).
    static func closest(to word: String, in candidates: [String], caseInsensitive: Bool = false) -> String? {
        let needle = caseInsensitive ? word.lowercased() : word
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let hay = caseInsensitive ? candidate.lowercased() : candidate
            let distance = editDistance(needle, hay)
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let threshold = max(2, needle.count / 3)
        if best.distance <= threshold { return best.candidate }
        if needle.count >= 4 {
            let containing = candidates.filter {
                (caseInsensitive ? $0.lowercased() : $0).hasPrefix(needle)
            }
            if containing.count == 1 { return containing[0] }
        }
        return nil
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
