package import CartographModel

/// Did-you-mean suggestions for misspelt keys and values, with bounded work.
///
/// A suggestion is a courtesy, and the words come from the input: a 100,000-character
/// ingress target, or a file with 100,000 misspelt keys, must not turn the courtesy into
/// minutes of Levenshtein. So words longer than ``maxWordLength`` get none (no name or key
/// is that long: DigitalOcean caps names at 32 characters), the distance is computed only
/// within a band as wide as the distance that could still be accepted, and each instance
/// spends from a fixed budget of distance cells: one per document (``YAMLReadContext``) or
/// per map, so a run's suggestions cost at most a fixed amount whatever the input. Once the
/// budget is spent the remaining problems are still reported, without a suggestion.
package final class Spelling {
    /// Longer words (and candidates) are never compared.
    static let maxWordLength = 64
    /// Distance cells one instance may compute: about 1,000 suggestions among 20 keys,
    /// far more than anyone reads, in a few hundredths of a second.
    static let defaultBudget = 500_000

    private var cellsLeft: Int
    /// The last candidate list in scalars: a file's unknown keys are all compared with the
    /// same list of known keys.
    private var prepared: (candidates: [String], caseInsensitive: Bool, scalars: [[Unicode.Scalar]?])?

    package init(budget: Int = Spelling.defaultBudget) {
        cellsLeft = budget
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo, or if
    /// one candidate starts with the word (`instance_size` → `instance_size_slug`).
    package func closest(to word: String, in candidates: [String], caseInsensitive: Bool = false) -> String? {
        // The byte count first: it costs nothing, and a word can be a megabyte long.
        guard word.utf8.count <= Self.maxWordLength * 4, cellsLeft > 0 else { return nil }
        let needle = Array((caseInsensitive ? word.lowercased() : word).unicodeScalars)
        guard !needle.isEmpty, needle.count <= Self.maxWordLength else { return nil }
        let threshold = max(2, needle.count / 3)
        var best: (candidate: String, distance: Int)?
        var startingWithWord: [String] = []
        let prepared = scalars(of: candidates, caseInsensitive: caseInsensitive)
        for index in candidates.indices {
            // A comparison costs something even when the lengths alone rule it out.
            cellsLeft -= 4
            guard cellsLeft > 0 else { return nil }
            guard let hay = prepared[index] else { continue }
            let candidate = candidates[index]
            if needle.count >= 4, hay.starts(with: needle) { startingWithWord.append(candidate) }
            let limit = min(threshold, (best?.distance ?? Int.max) - 1)
            guard limit >= 0, let distance = editDistance(needle, hay, limit: limit) else { continue }
            best = (candidate, distance)
        }
        if let best { return best.candidate }
        return startingWithWord.count == 1 ? startingWithWord[0] : nil
    }

    /// The candidates as scalars (lowercased when asked), prepared once per list; nil for
    /// a candidate too long to compare.
    private func scalars(of candidates: [String], caseInsensitive: Bool) -> [[Unicode.Scalar]?] {
        if let prepared, prepared.caseInsensitive == caseInsensitive, prepared.candidates == candidates { return prepared.scalars }
        let scalars = candidates.map { candidate -> [Unicode.Scalar]? in
            guard candidate.utf8.count <= Self.maxWordLength * 4 else { return nil }
            cellsLeft -= candidate.utf8.count
            let scalars = Array((caseInsensitive ? candidate.lowercased() : candidate).unicodeScalars)
            return scalars.count <= Self.maxWordLength ? scalars : nil
        }
        prepared = (candidates, caseInsensitive, scalars)
        return scalars
    }

    /// Levenshtein distance over Unicode scalars when it is at most `limit`, else nil.
    /// Only cells within `limit` of the diagonal can lead to an accepted distance, so at
    /// most `(2 × limit + 1) × a.count` cells are computed, and fewer when a whole row
    /// already exceeds the limit.
    func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let beyond = limit + 1
        var previous = (0...b.count).map { $0 <= limit ? $0 : beyond }
        var current = [Int](repeating: beyond, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            cellsLeft -= high - low + 1
            current[0] = i <= limit ? i : beyond
            if low > 1 { current[low - 1] = beyond }
            var rowMinimum = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, beyond)
                rowMinimum = min(rowMinimum, current[j])
            }
            if high < b.count { current[high + 1] = beyond }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Plain Levenshtein distance of two short strings, for tests and callers that know
    /// their words are small.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        return Spelling(budget: Int.max).editDistance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }

    /// Finds, among many words, those one edit (an insertion, a deletion or a substitution)
    /// from a given word, in time that grows with the word's length, not with the number of
    /// words: each word is filed under itself and under every way of deleting one of its
    /// characters, and two words one edit apart always share one of those keys.
    struct OneEditIndex {
        private let words: [String]
        private var byKey: [String: [Int]] = [:]

        init(_ words: [String]) {
            var seen = Set<String>()
            self.words = words.filter { seen.insert($0).inserted }
            for (position, word) in self.words.enumerated() {
                let scalars = Array(word.unicodeScalars)
                guard scalars.count <= Spelling.maxWordLength else { continue }
                for key in Set(Self.keys(scalars)) { byKey[key, default: []].append(position) }
            }
        }

        /// The indexed words at most one edit from `word` (the word itself excluded), each
        /// once, in the order they were first given.
        func words(oneEditFrom word: String) -> [String] {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count <= Spelling.maxWordLength else { return [] }
            var found = Set<Int>()
            for key in Self.keys(scalars) {
                for position in byKey[key] ?? [] { found.insert(position) }
            }
            // Shared keys also pair words two edits apart (deleting different characters).
            let check = Spelling(budget: Int.max)
            return found.sorted().map { words[$0] }.filter { candidate in
                candidate != word && check.editDistance(scalars, Array(candidate.unicodeScalars), limit: 1) != nil
            }
        }

        private static func keys(_ scalars: [Unicode.Scalar]) -> [String] {
            var keys = [String(String.UnicodeScalarView(scalars))]
            for skipped in scalars.indices {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[..<skipped])
                view.append(contentsOf: scalars[(skipped + 1)...])
                keys.append(String(view))
            }
            return keys
        }
    }
}
