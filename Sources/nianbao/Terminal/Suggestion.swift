/// «Did you mean …?» for a misspelt command or key.
enum Suggestion {
    /// Edit distance (insertions, deletions, substitutions) between two words.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }

    /// The candidate nearest to `word` when it is near enough to be meant (at most 2 edits, and
    /// fewer than half the word), or one that `word` begins; nil otherwise.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance($0, word)) }.filter { $0.1 <= 2 && $0.1 * 2 < max($0.0.count, word.count) }
        if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
        return word.count >= 2 ? candidates.first { $0.hasPrefix(word) } : nil
    }
}
