import NianbaoModel

/// Finds the parts of a report that stand around its tables and sections (FORMAT.md §1):
/// the prose of the table sections 二–四 (a sentence before a table, a 注： note under it), and
/// the closing block (署名, 成文日期) and attachments (附件：…) after the last section.
enum ReportParts {
    /// A table section's lines, parted into the prose before the table, the table's own lines
    /// (for the table reader) and the prose after it. Prose in the middle of a table (between
    /// table 1's item blocks) is kept after it, so no sentence is lost.
    static func tableSection(_ region: ArraySlice<SourceLine>) -> (before: [SourceLine], table: ArraySlice<SourceLine>, after: [SourceLine]) {
        var prose = Set<Int>()  // indices into region
        let indices = Array(region.indices)
        func previousContent(_ k: Int) -> SourceLine? {
            var j = k - 1
            while j >= 0, region[indices[j]].isBlank || region[indices[j]].isFurniture { j -= 1 }
            return j >= 0 ? region[indices[j]] : nil
        }
        for (k, i) in indices.enumerated() where isProse(region[i], after: { previousContent(k) }) {
            prose.insert(i)
            // A sentence wrapped over lines: the lines before its 。 that read as its beginning.
            var j = k - 1
            while j >= 0, prose.count < region.count {
                let line = region[indices[j]]
                if line.isBlank || line.isFurniture { j -= 1; continue }
                guard !prose.contains(indices[j]), isSentenceStart(line) else { break }
                prose.insert(indices[j])
                if endsSentence(line.squeezed) { break }
                j -= 1
            }
        }
        guard !prose.isEmpty else { return ([], region, []) }
        let tableLines = region.indices.filter { !prose.contains($0) && !region[$0].isBlank && !region[$0].isFurniture }
        let firstTable = tableLines.first ?? region.endIndex
        var before: [SourceLine] = [], after: [SourceLine] = [], table: [SourceLine] = []
        for i in region.indices {
            if prose.contains(i) {
                if i < firstTable { before.append(region[i]) } else { after.append(region[i]) }
            } else {
                table.append(region[i])
            }
        }
        return (before, ArraySlice(table), after)
    }

    /// A line of prose among a table's lines: a sentence (with its 。) or a note, never a cell.
    /// A short line ending a sentence (`上表。`) is prose after the sentence's beginning.
    /// `previous` is asked only when needed: walking back over blank and furniture lines for
    /// every line was a large part of this function's cost.
    private static func isProse(_ line: SourceLine, after previous: () -> SourceLine?) -> Bool {
        guard !line.isBlank, line.gridRow == nil, !line.hasTab, !line.isFurniture else { return false }
        // Most lines are told no by the squeezed bytes (the tests below, in their order, where
        // bytes decide them: a first scalar | or box drawing, 勾稽关系, and no 。 without a
        // note's mark), and a table row that keeps no squeezed form is spared making one.
        let maybe = line.withSqueezedUTF8 { b -> Bool in
            if let first = b.first, first == 0x7C || (first == 0xE2 && b.count > 1 && (b[1] == 0x94 || b[1] == 0x95)) { return false }
            if FastText.contains(b, "勾稽关系") { return false }
            if ["注：", "注:", "说明：", "备注："].contains(where: { FastText.startsWith(b, $0) }) { return true }
            return FastText.contains(b, "。")
        }
        guard maybe else { return false }
        let s = line.squeezed
        if let first = s.unicodeScalars.first, first == "|" || (0x2500...0x257F).contains(first.value) { return false }
        if FastText.contains(s, "勾稽关系") { return false }
        if FastText.hasPrefix(s, "注：") || FastText.hasPrefix(s, "注:") || FastText.hasPrefix(s, "说明：") || FastText.hasPrefix(s, "备注：") { return true }
        guard s.unicodeScalars.contains("。") else { return false }
        return ideographs(s) >= 6 || previous().map(isSentenceStart) == true
    }

    /// The first lines of a sentence wrapped before its 。: long, with a comma, not a row label.
    private static func isSentenceStart(_ line: SourceLine) -> Bool {
        guard line.gridRow == nil, !line.hasTab else { return false }
        let s = line.squeezed
        guard ideographs(s) >= 10, s.unicodeScalars.contains("，") || endsSentence(s) else { return false }
        if let first = s.unicodeScalars.first, first == "|" || first == "（" || first == "(" || (0x2500...0x257F).contains(first.value) { return false }
        if ProseParser.enumerator(s) != nil || FastText.contains(s, "勾稽关系") { return false }
        return true
    }

    private static func endsSentence(_ s: Substring) -> Bool { s.hasSuffix("。") }

    static func ideographs(_ s: some StringProtocol) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 1 : 0) }
    }

    // MARK: Closing block and attachments

    /// The closing block and attachments at the end of the last section: the block, the
    /// attachments one paragraph each, and the line numbers they take (which the section's
    /// prose leaves out).
    static func closing(_ region: ArraySlice<SourceLine>, agency: String) -> (ClosingBlock?, [Paragraph], Set<Int>) {
        let content = region.filter { !$0.isBlank && !$0.isFurniture }
        let tail = content.suffix(12)
        guard !tail.isEmpty else { return (nil, [], []) }
        let lines = Array(tail)
        // Attachments: from the last line starting 附件, with the list items after it.
        var attachmentRange: Range<Int>?
        if let a = lines.lastIndex(where: { $0.squeezed.hasPrefix("附件") && $0.squeezed.utf8.count < 300 }) {
            var end = a + 1
            while end < lines.count, ProseParser.enumerator(String(lines[end].squeezed)) == .item, !isDate(String(lines[end].squeezed)) { end += 1 }
            attachmentRange = a..<end
        }
        // The date: the last line that is one, with nothing but attachments after it.
        var dateIndex: Int?
        for i in lines.indices.reversed() {
            if let r = attachmentRange, r.contains(i) { continue }
            if isDate(String(lines[i].squeezed)) { dateIndex = i }
            break
        }
        var signature: [Int] = []
        let signatureEnd = dateIndex ?? {
            // No date: the agency's name alone as the last line (not in an attachment list).
            var last = lines.count - 1
            if let r = attachmentRange, r.upperBound == lines.count { last = r.lowerBound - 1 }
            guard last >= 0, isAgencySignature(String(lines[last].squeezed), agency: agency) else { return -1 }
            signature = [last]
            return last
        }()
        if dateIndex != nil {
            var i = signatureEnd - 1
            while i >= 0, signature.count < 2, isSignature(String(lines[i].squeezed)), !(attachmentRange?.contains(i) ?? false) {
                signature.insert(i, at: 0)
                i -= 1
            }
        }
        var taken = Set<Int>()
        var block: ClosingBlock?
        if let d = dateIndex {
            block = ClosingBlock(signature: signature.map { String(CharacterNormalization.trim(lines[$0].content)) },
                                 date: String(CharacterNormalization.trim(lines[d].content)), line: lines[signature.first ?? d].number)
            taken.insert(lines[d].number)
        } else if let s = signature.first {
            block = ClosingBlock(signature: [String(CharacterNormalization.trim(lines[s].content))], date: nil, line: lines[s].number)
        }
        for s in signature { taken.insert(lines[s].number) }
        var attachments: [Paragraph] = []
        // Attachments count when they stand at the end, or just above the closing block.
        if let r = attachmentRange {
            let closingStart = block == nil ? lines.count : (signature.first ?? dateIndex ?? lines.count)
            if r.upperBound == lines.count || r.upperBound == closingStart {
                for i in r {
                    attachments.append(Paragraph(text: String(CharacterNormalization.trim(lines[i].content)), line: lines[i].number))
                    taken.insert(lines[i].number)
                }
            }
        }
        return (block, attachments, taken)
    }

    /// `2023年1月17日`, `2023 年 1 月 17 日`, `二〇二三年一月十七日`.
    static func isDate(_ squeezed: String) -> Bool {
        let s = CharacterNormalization.asciiDigits(Substring(squeezed))
        guard s.count <= 14, let y = s.firstIndex(of: "年"), let m = s.firstIndex(of: "月"), s.hasSuffix("日"), y < m else { return false }
        let year = s[..<y], month = s[s.index(after: y)..<m], day = s[s.index(after: m)..<s.index(before: s.endIndex)]
        let digit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let numeral: (Character) -> Bool = { "〇零○Ｏ一二三四五六七八九十".contains($0) }
        func part(_ p: Substring, _ lengths: ClosedRange<Int>) -> Bool {
            lengths.contains(p.count) && (p.allSatisfy(digit) || p.allSatisfy(numeral))
        }
        return part(year, 4...4) && part(month, 1...3) && part(day, 1...3)
    }

    /// A line that may sign a report: short, no sentence punctuation, no enumerator.
    private static func isSignature(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 30, ideographs(s) >= 2, !s.hasPrefix("附件") else { return false }
        if s.unicodeScalars.contains(where: { "。，；：:;,！？、".unicodeScalars.contains($0) }) { return false }
        if ProseParser.enumerator(s) != nil || s.hasPrefix("（") || s.hasPrefix("(") { return false }
        return !isDate(s)
    }

    /// Without a date, only a line that names the agency signs the report.
    private static func isAgencySignature(_ s: String, agency: String) -> Bool {
        guard isSignature(s), !agency.isEmpty else { return false }
        return s == agency || (FastText.contains(s, agency) && s.count <= agency.count + 6)
    }
}
