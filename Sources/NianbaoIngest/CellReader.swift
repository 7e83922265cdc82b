import NianbaoModel

/// Reads one cell's text into a `Cell` (FORMAT.md §3): a count (`1,204`, full-width
/// `３７`), the fee (a decimal in 万元), blank, or a placeholder (/ ／ - － – — ―, one or more,
/// or 无). Anything else is unreadable and says so; nothing is guessed.
enum CellReader {
    static let placeholderMarks: Set<Character> = ["/", "／", "-", "－", "–", "—", "―", "‒", "\\"]

    /// Whether a field stands where a value stands: value-like, or a number with something
    /// stuck to it (`19件`, `12 个`, `约3`) that must become an unreadable cell of its row rather
    /// than part of a label — otherwise its row loses a column and the numbers shift.
    /// Row numbering (`1.属于国家秘密`, `3、其他`) stays a label.
    static func isCellLike(_ raw: Substring) -> Bool {
        // Most fields are a plain run of ASCII digits, or blank, between ASCII spaces: value-like
        // (the rules below say so too, after trimming).
        var digits = raw.utf8[...]
        while digits.first == 0x20 { digits = digits.dropFirst() }
        while digits.last == 0x20 { digits = digits.dropLast() }
        if digits.allSatisfy({ (0x30...0x39).contains($0) }) { return true }
        let s = CharacterNormalization.trim(raw)
        guard let first = s.unicodeScalars.first else { return true }
        if isDigit(first) || "（(一二三四五六七八九十".unicodeScalars.contains(first), PlacedTable.startsRow(s) { return false }
        // `?` is how the exports write an unreadable cell: it stands in a value's place.
        if (first == "?" || first == "？") && s.unicodeScalars.count == 1 { return true }
        if !isDigit(first), isPlaceholder(s) { return true }
        // One pass: digits however many (a 25-digit number is an unreadable value, not label
        // text); digits without ideographs (`1 2O4`) are a value too.
        var hasDigit = false, onlyNumber = true, ideograph = false
        for scalar in s.unicodeScalars {
            if isDigit(scalar) { hasDigit = true; continue }
            if ",.，． ".unicodeScalars.contains(scalar) { continue }
            onlyNumber = false
            if scalar.properties.isIdeographic { ideograph = true }
        }
        guard hasDigit else { return false }
        let length = s.unicodeScalars.count
        if onlyNumber || (!ideograph && length <= 24) { return true }
        guard length <= 12 else { return false }
        let scalars = Array(CharacterNormalization.asciiDigits(s).unicodeScalars)
        guard let firstDigit = scalars.firstIndex(where: { (0x30...0x39).contains($0.value) }) else { return false }
        var i = firstDigit
        while i < scalars.count, (0x30...0x39).contains(scalars[i].value) || scalars[i] == "," || scalars[i] == "." && i + 1 < scalars.count && (0x30...0x39).contains(scalars[i + 1].value) { i += 1 }
        if i < scalars.count, ".、．)）".unicodeScalars.contains(scalars[i]) { return false }  // 1. 1、 numbering
        // Before the digits at most a short qualifier (约, 共); after them a unit or noise.
        return firstDigit <= 2 && !scalars[..<firstDigit].contains(where: { "（(".unicodeScalars.contains($0) })
    }

    /// An ASCII or full-width digit.
    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0xFF10...0xFF19).contains(s.value)
    }

    /// `n` with the ASCII or full-width digit `digit` appended (`n * 10 + digit`), or nil when
    /// that does not fit in an `Int`: every digit string is read through here or `Int(_:)`,
    /// never with unchecked arithmetic.
    static func appendingDigit(_ digit: Unicode.Scalar, to n: Int) -> Int? {
        let (times10, o1) = n.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(Int(digit.value & 0xF))
        return o1 || o2 ? nil : sum
    }

    static func isPlaceholder(_ s: Substring) -> Bool {
        let scalars = s.unicodeScalars
        guard let first = scalars.first else { return false }
        if first == "无" { return scalars.count == 1 }
        return scalars.allSatisfy { placeholderScalars.contains($0) }
    }

    private static let placeholderScalars: Set<Unicode.Scalar> = Set(placeholderMarks.compactMap(\.unicodeScalars.first))

    enum Problem: Equatable { case notANumber, decimalCount }

    /// The cell for `key`'s text: a count, the fee, 2019's signed 本年增/减 (`-2`, `－2`, `减少2`)
    /// or 采购总金额 with its unit (`251000元`, `35.2万元`; the unit kept in `Cell.unit`).
    static func read(_ raw: Substring, line: Int?, key: CellKey) -> (Cell, Problem?) {
        if key.isSigned { return readSigned(raw, line: line) }
        if key.isMoney { return readMoney(raw, line: line) }
        return read(raw, line: line, amount: key.isAmount)
    }

    /// A count that may be negative: `-2`, `－2`, `−2`, `减少2`, `减2` (→ -2), `增加3`, `+3` (→ 3).
    static func readSigned(_ raw: Substring, line: Int?) -> (Cell, Problem?) {
        let written = String(CharacterNormalization.trim(raw))
        var s = Substring(CharacterNormalization.asciiDigits(Substring(written)))
        var negative = false
        for (mark, sign) in [("减少", true), ("减", true), ("增加", false), ("增", false), ("-", true), ("－", true), ("−", true), ("+", false), ("＋", false)] where s.hasPrefix(mark) && s.count > mark.count {
            negative = sign
            s = s.dropFirst(mark.count)
            break
        }
        let (cell, problem) = read(s, line: line, amount: false)
        guard cell.state == .number, let n = cell.count, s != Substring(written) else {
            var same = cell
            same.written = written
            return (same, problem)
        }
        return (.count(negative ? -n : n, written: written, line: line), nil)
    }

    /// A sum of money with its unit written after it (元, 万元, 亿元); without one the header's
    /// unit applies (the unit stays nil). The value is the number as written.
    static func readMoney(_ raw: Substring, line: Int?) -> (Cell, Problem?) {
        let written = String(CharacterNormalization.trim(raw))
        var s = Substring(written)
        var unit: String?
        for u in ["万元", "亿元", "元"] where s.hasSuffix(u) && s.count > u.count {
            unit = u
            s = s.dropLast(u.count)
            break
        }
        var (cell, problem) = read(s, line: line, amount: true)
        cell.written = written
        cell.unit = cell.state == .number ? unit : nil
        return (cell, problem)
    }

    /// The cell for `raw`; `amount` for the fee cell, which may have decimals.
    static func read(_ raw: Substring, line: Int?, amount: Bool) -> (Cell, Problem?) {
        let written = String(CharacterNormalization.trim(raw))
        if written.isEmpty { return (.blank(line: line), nil) }
        // Most cells are a plain run of ASCII digits (`0`, `1204`): read byte by byte, the same
        // cell the general path below makes (leading zeros kept in the fee's text, as there).
        if written.utf8.count <= 15, written.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            let n = written.utf8.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
            return amount ? (Cell(state: .number, text: written, written: written, number: Double(n), line: line), nil)
                : (.count(n, written: written, line: line), nil)
        }
        if isPlaceholder(Substring(written)) {
            return (Cell(state: .placeholder, text: written, written: written, line: line), nil)
        }
        let ascii = CharacterNormalization.asciiDigits(Substring(written))
        guard let (digits, fraction) = splitNumber(ascii) else {
            return (Cell(state: .unreadable, text: "", written: written, line: line), .notANumber)
        }
        if !amount {
            guard fraction == nil else { return (Cell(state: .unreadable, text: "", written: written, line: line), .decimalCount) }
            guard let n = Int(digits) else { return (Cell(state: .unreadable, text: "", written: written, line: line), .notANumber) }
            return (.count(n, written: written, line: line), nil)
        }
        let text = fraction.map { digits + "." + $0 } ?? digits
        guard let value = Double(text) else { return (Cell(state: .unreadable, text: "", written: written, line: line), .notANumber) }
        return (Cell(state: .number, text: text, written: written, number: value, line: line), nil)
    }

    /// Splits `1,204.5000` into ("1204", "5000"). Thousands separators must group by three.
    private static func splitNumber(_ s: String) -> (String, String?)? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var fraction: String?
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = String(f)
        }
        let digits = String(groups.joined())
        guard digits.count <= 15 else { return nil }
        return (digits, fraction)
    }
}
