import NianbaoFiles
import NianbaoInput

/// Makes fuzz cases from seeds: each case a seed (or two spliced) changed by one to four
/// mutations chosen for its kind, with a recipe saying what was done. Deterministic: the same
/// seeds and generator give the same cases.
public struct Mutator: Sendable {
    public let seeds: [FuzzSeed]
    /// Cases are cut to this size (ReportInput's own limit is far above what mutations reach).
    public let maxSize: Int

    public init(seeds: [FuzzSeed], maxSize: Int = 4 << 20) {
        self.seeds = seeds
        self.maxSize = maxSize
    }

    /// A case: its bytes and how it was made.
    public struct Case: Sendable {
        public var bytes: [UInt8]
        /// The seed's name, then each mutation.
        public var recipe: [String]

        public init(bytes: [UInt8], recipe: [String]) {
            self.bytes = bytes
            self.recipe = recipe
        }
    }

    public func next(_ random: inout FuzzRandom) -> Case {
        let seed = random.pick(seeds)
        var made = Case(bytes: seed.bytes, recipe: [seed.name])
        let count = 1 + random.below(4)
        if seed.kind == .docx, let entries = seed.entries, random.chance(60) {
            made.recipe += documentXML(&made.bytes, entries, count: count, &random)
        } else {
            for _ in 0..<count {
                let step: String?
                switch seed.kind {
                case .docx: step = zipLevel(&made.bytes, seed, &random)
                case .html: step = random.chance(25) ? Self.nest(&made.bytes, html: true, &random) : general(&made.bytes, seed, &random)
                default: step = general(&made.bytes, seed, &random)
                }
                if let step { made.recipe.append(step) }
            }
        }
        if made.bytes.count > maxSize { made.bytes.removeLast(made.bytes.count - maxSize) }
        return made
    }

    // MARK: any bytes

    static let digits = Array("0123456789".utf8)
    /// Characters of the reports' tables and headings, and some that no font has.
    static let cjk = Array("一二三四五六七八九十〇零年度报告政府信息公开申请件数合计总计予以部分不予本机关行政复议诉讼（）、：；。，第表栏项目𓀀𐎀\u{200B}\u{FEFF}\u{3000}")
    /// What separates cells in the text the crawlers and converters produce.
    static let separators = ["|", "｜", "│", "┃", "┼", "─", "━", "\t", "  ", "　", "|---|---|", "+----+----+", "——", "－－", "\r\n", "\n\n\n", "...", "…"]

    func general(_ bytes: inout [UInt8], _ seed: FuzzSeed, _ random: inout FuzzRandom) -> String? {
        let at = random.below(bytes.count + 1)
        switch random.below(11) {
        case 0:
            guard !bytes.isEmpty else { return nil }
            let i = random.below(bytes.count), bit = random.below(8)
            bytes[i] ^= 1 << bit
            return "bit \(bit) of byte \(i) flipped"
        case 1:
            guard !bytes.isEmpty else { return nil }
            let i = random.below(bytes.count)
            bytes[i] = UInt8(truncatingIfNeeded: random.next())
            return "byte \(i) set"
        case 2:
            let run = (0..<random.size(upTo: 24)).map { _ in random.pick(Self.digits) }
            bytes.insert(contentsOf: run, at: at)
            return "\(run.count) digits at \(at)"
        case 3:
            let text = String((0..<random.size(upTo: 12)).map { _ in random.pick(Self.cjk) })
            bytes.insert(contentsOf: Array(text.utf8), at: at)
            return "「\(text)」 at \(at)"
        case 4:
            let separator = random.pick(Self.separators)
            let times = random.size(upTo: 64)
            bytes.insert(contentsOf: Array(String(repeating: separator, count: times).utf8), at: at)
            return "\(times)× «\(separator.debugDescription)» at \(at)"
        case 5:
            let length = random.size(upTo: max(1, bytes.count - at))
            bytes.removeSubrange(at..<min(bytes.count, at + length))
            return "\(length) bytes at \(at) removed"
        case 6:
            bytes.removeLast(bytes.count - at)
            return "cut at \(at)"
        case 7:
            // A piece repeated many times: long lines, many rows, large tables.
            guard at < bytes.count else { return nil }
            let piece = Array(bytes[at..<min(bytes.count, at + random.size(upTo: 256))])
            let times = random.size(upTo: max(1, min(20000, (256 << 10) / piece.count)))
            bytes.insert(contentsOf: Array(repeating: piece, count: times).joined(), at: at)
            return "\(piece.count) bytes at \(at) repeated \(times)×"
        case 8:
            // A digit swapped for another: a number changed in place.
            let positions = bytes.indices.filter { Self.digits.contains(bytes[$0]) }
            guard !positions.isEmpty else { return nil }
            let i = random.pick(positions)
            bytes[i] = random.pick(Self.digits)
            return "digit at \(i) changed"
        default:
            // Two inputs spliced: the start of this one, the end of another of the same kind.
            let others = seeds.filter { $0.kind == seed.kind }
            let other = random.pick(others.isEmpty ? seeds : others)
            let from = random.below(other.bytes.count + 1)
            bytes = Array(bytes[..<at]) + other.bytes[from...]
            return "spliced at \(at) with \(other.name) from \(from)"
        }
    }

    // MARK: markup

    /// Elements opened many times over without being closed (or closed in the wrong order):
    /// what recursion and stacks meet.
    static func nest(_ bytes: inout [UInt8], html: Bool, _ random: inout FuzzRandom) -> String {
        let opens = html ? ["<div>", "<table><tr><td>", "<span>", "<p>", "<b><i>", "<ul><li>", "<font size=3>", "<td>", "</td></tr>"]
            : ["<w:p><w:r>", "<w:tbl><w:tr><w:tc>", "<w:sdt><w:sdtContent>", "<w:r><w:t>", "</w:tc></w:tr>", "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"9\"/></w:numPr></w:pPr>"]
        let open = random.pick(opens)
        let depth = random.size(upTo: 60000)
        // Inside the body, where the reader walks: after a tag's end when there is one.
        var at = random.below(bytes.count + 1)
        if let end = bytes[at...].firstIndex(of: UInt8(ascii: ">")) { at = end + 1 }
        bytes.insert(contentsOf: Array(String(repeating: open, count: depth).utf8), at: at)
        return "\(depth)× «\(open)» at \(at)"
    }

    // MARK: Word

    /// The zip itself damaged: a header field, entry data, or any bytes.
    func zipLevel(_ bytes: inout [UInt8], _ seed: FuzzSeed, _ random: inout FuzzRandom) -> String? {
        switch random.below(4) {
        case 0, 1: ZipSurgery.damageField(&bytes, &random)
        case 2: ZipSurgery.damageData(&bytes, &random)
        default: general(&bytes, seed, &random)
        }
    }

    /// document.xml changed `count` times and the zip made again, so that the changes reach
    /// the XML reader; now and then a header damaged on top.
    func documentXML(_ bytes: inout [UInt8], _ entries: [(path: String, data: [UInt8])], count: Int, _ random: inout FuzzRandom) -> [String] {
        guard let index = entries.firstIndex(where: { $0.path == "word/document.xml" }) else { return [] }
        var entries = entries, xml = entries[index].data, steps: [String] = []
        let seed = FuzzSeed(name: "document.xml", bytes: xml)
        for _ in 0..<count {
            if random.chance(25) {
                steps.append("document.xml: " + Self.nest(&xml, html: false, &random))
            } else if random.chance(15) {
                // Another report's document.xml spliced in.
                let others = seeds.compactMap { $0.entries?.first { $0.path == "word/document.xml" }?.data }
                let other = random.pick(others), at = random.below(xml.count + 1), from = random.below(other.count + 1)
                xml = Array(xml[..<at]) + other[from...]
                steps.append("document.xml spliced at \(at) with another's from \(from)")
            } else if let step = general(&xml, seed, &random) {
                steps.append("document.xml: " + step)
            }
        }
        entries[index].data = xml
        let stored = random.chance(10)
        guard let zipped = try? ZipSurgery.zip(entries, stored: stored) else { return steps + ["(not zipped again)"] }
        bytes = zipped
        if stored { steps.append("zipped again, stored") }
        if random.chance(20), let step = ZipSurgery.damageField(&bytes, &random) { steps.append(step) }
        return steps
    }
}
