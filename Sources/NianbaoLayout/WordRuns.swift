/// Where a line of Chinese holds a number or a Latin word: runs of two or more ASCII
/// letters and digits, with the `.` `,` `:` `%` `-` `/` between them (1131.7652, 2022-01-31,
/// 1,204, 50%). Such a run reads, prints and copies as written: the grid's letter spacing
/// (the renderer's) and justification's stretching (`drawnLines`) both leave it whole —
/// one rule for both, so that neither opens `2022-01-31` at the `-`.
public enum WordRuns {
    /// The runs, as UTF-8 byte ranges of `utf8`.
    public static func ranges(_ utf8: [UInt8]) -> [Range<Int>] {
        func word(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        var runs: [Range<Int>] = []
        var i = 0
        while i < utf8.count {
            guard word(utf8[i]) else { i += 1; continue }
            var j = i + 1
            while j < utf8.count, word(utf8[j]) || (j + 1 < utf8.count && ".,:%-/".utf8.contains(utf8[j]) && word(utf8[j + 1])) { j += 1 }
            if j - i >= 2 { runs.append(i..<j) }
            i = j
        }
        return runs
    }

    /// For each UTF-8 byte, the index of the run it is in, or -1.
    static func runIndex(_ utf8: [UInt8]) -> [Int] {
        var index = [Int](repeating: -1, count: utf8.count)
        for (n, run) in ranges(utf8).enumerated() { for b in run { index[b] = n } }
        return index
    }
}
