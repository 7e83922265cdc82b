import NianbaoLayout

/// The content of one OFD page (GB/T 33190-2016 §7.7, §11–12): text objects with their
/// codes, positions and glyphs, path objects for rules, bars and page numbers. OFD measures
/// in millimetres from the top-left corner, y down, as the frames do (in points).
struct OFDPage {
    private(set) var xml = ""
    /// The next free object ID in the document.
    var nextID: Int

    static let millimetres = 25.4 / 72

    init(firstID: Int) { nextID = firstID }

    private mutating func id() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// A number in millimetres (from points), at most three decimals.
    static func mm(_ points: Double) -> String { number(points * millimetres) }

    static func number(_ value: Double) -> String {
        var text = String(Int((abs(value) * 1000).rounded()))
        while text.count < 4 { text = "0" + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -3))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (value < 0 && text != "0" ? "-" : "") + text
    }

    /// Text for XML content or an attribute: markup characters escaped, and the control
    /// characters XML 1.0 cannot carry replaced by U+FFFD one for one (a code stays a code).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A straight rule (square caps, as the PDF draws them).
    mutating func rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, pageBox: String) {
        xml += "<ofd:PathObject ID=\"\(id())\" Boundary=\"\(pageBox)\" LineWidth=\"\(Self.mm(width))\" Cap=\"Square\">"
        xml += "<ofd:AbbreviatedData>M \(Self.mm(x1)) \(Self.mm(y1)) L \(Self.mm(x2)) \(Self.mm(y2))</ofd:AbbreviatedData></ofd:PathObject>\n"
    }

    /// A filled grey rectangle (a chart's bar).
    mutating func box(x: Double, y: Double, width: Double, height: Double, gray: Double, pageBox: String) {
        let level = Int((gray * 255).rounded())
        let (x0, y0, x1, y1) = (Self.mm(x), Self.mm(y), Self.mm(x + width), Self.mm(y + height))
        xml += "<ofd:PathObject ID=\"\(id())\" Boundary=\"\(pageBox)\" Stroke=\"false\" Fill=\"true\"><ofd:FillColor Value=\"\(level) \(level) \(level)\"/>"
        xml += "<ofd:AbbreviatedData>M \(x0) \(y0) L \(x1) \(y0) L \(x1) \(y1) L \(x0) \(y1) C</ofd:AbbreviatedData></ofd:PathObject>\n"
    }

    /// One line's glyphs as text objects, one per run of a face: the text as codes, their
    /// x steps (DeltaX, repeats abbreviated as `g n step`), and CGTransform where a code's
    /// glyph is not the one the font's character map gives (ligatures, clusters, .notdef).
    mutating func line(_ glyphs: [DrawnGlyph], of shaped: ShapedText, fonts: OFDFonts, fontOfFace: [Int], resourceID: (Int) -> Int) {
        let size = shaped.block.font.size
        var start = 0
        while start < glyphs.count {
            let face = glyphs[start].glyph.face
            var end = start + 1
            while end < glyphs.count, glyphs[end].glyph.face == face, glyphs[end].baseline == glyphs[start].baseline { end += 1 }
            defer { start = end }
            let font = fontOfFace[face]
            let run = glyphs[start..<end]
            // Codes (characters) and where each stands; the glyphs of each cluster.
            var text = "", xs: [Double] = [], transforms = ""
            var index = run.startIndex
            while index < run.endIndex {
                var next = index + 1
                while next < run.endIndex, run[next].glyph.text.isEmpty { next += 1 }
                let cluster = shaped.text(of: run[index].glyph)
                let scalars = cluster.unicodeScalars.count
                let position = xs.count
                for _ in 0..<max(scalars, 1) { xs.append(run[index].x) }
                // A run that starts inside a cluster (its text is in the run before) stands as a
                // space: a code needs a character, and the glyph itself is in CGTransform.
                text += scalars == 0 ? " " : cluster
                let glyphIDs = run[index..<next].compactMap { fonts.glyph($0.glyph.glyph, font: font) }
                let mapped = scalars == 1 && next == index + 1 && fonts.fonts[font].characters[cluster.unicodeScalars.first!.value] == run[index].glyph.glyph
                // (A font not embedded has no glyph IDs to give: its reader maps the codes.)
                if !mapped, !glyphIDs.isEmpty {
                    transforms += "<ofd:CGTransform CodePosition=\"\(position)\" CodeCount=\"\(max(scalars, 1))\" GlyphCount=\"\(glyphIDs.count)\">"
                        + "<ofd:Glyphs>\(glyphIDs.map(String.init).joined(separator: " "))</ofd:Glyphs></ofd:CGTransform>"
                }
                index = next
            }
            guard let firstX = xs.first, let last = run.last else { continue }
            let baseline = run[run.startIndex].baseline
            // The object's box: the line with room above and below; codes are placed from its corner.
            let left = firstX - size, top = baseline - 1.2 * size
            let width = last.x + 2 * size - left, height = 1.6 * size
            xml += "<ofd:TextObject ID=\"\(id())\" Boundary=\"\(Self.mm(left)) \(Self.mm(top)) \(Self.mm(width)) \(Self.mm(height))\""
            xml += " Font=\"\(resourceID(font))\" Size=\"\(Self.mm(size))\""
            if fonts.fonts[font].location.embolden {
                // Synthetic bold, as the PDF writer draws it: filled and stroked with 1/32 em.
                xml += " Stroke=\"true\" LineWidth=\"\(Self.mm(size / 32))\""
            }
            xml += ">" + transforms
            xml += "<ofd:TextCode X=\"\(Self.mm(firstX - left))\" Y=\"\(Self.mm(baseline - top))\""
            if xs.count > 1 { xml += " DeltaX=\"\(Self.deltas(xs))\"" }
            xml += ">\(Self.escaped(text))</ofd:TextCode></ofd:TextObject>\n"
        }
    }

    /// The steps between positions, in millimetres, runs of one step written `g n step`.
    static func deltas(_ xs: [Double]) -> String {
        let steps = zip(xs.dropFirst(), xs).map { mm($0 - $1) }
        var parts: [String] = []
        var i = 0
        while i < steps.count {
            var j = i + 1
            while j < steps.count, steps[j] == steps[i] { j += 1 }
            if j - i >= 3 { parts.append("g \(j - i) \(steps[i])") } else { parts += steps[i..<j] }
            i = j
        }
        return parts.joined(separator: " ")
    }

    /// Glyphs filled as outlines (a page number: printed, but no text), in a path object.
    mutating func outlined(_ glyphs: [DrawnGlyph], size: Double, faces: [TrueTypeFace?], pageBox: String) {
        func point(_ x: Double, _ y: Double) -> String { "\(Self.mm(x)) \(Self.mm(y))" }
        let data = PathSegment.placed(glyphs, size: size, faces: faces).map { segment in
            switch segment {
            case let .move(x, y): "M " + point(x, y)
            case let .line(x, y): "L " + point(x, y)
            case let .curve(x1, y1, x2, y2, x, y): "B " + point(x1, y1) + " " + point(x2, y2) + " " + point(x, y)
            case .close: "C"
            }
        }
        guard !data.isEmpty else { return }
        xml += "<ofd:PathObject ID=\"\(id())\" Boundary=\"\(pageBox)\" Stroke=\"false\" Fill=\"true\">"
        xml += "<ofd:AbbreviatedData>\(data.joined(separator: " "))</ofd:AbbreviatedData></ofd:PathObject>\n"
    }
}
