/// Shaped text: what a `TextShaping` makes of a `TextBlock`, and what frames carry to every
/// writer. Plain values (no C types), so frames stay `Sendable` and comparable, and a PDF,
/// an OFD or a test dump reads exactly the glyphs layout measured.
public struct ShapedText: Sendable, Equatable {
    /// The block as layout asked for it (font, width, alignment, pitch).
    public var block: TextBlock
    /// `block.text` as UTF-8; `ShapedGlyph.text` ranges index it.
    public var utf8: [UInt8]
    /// The faces the glyphs use; `ShapedGlyph.face` indexes this (nil: a face with no file,
    /// which only a writer that shapes by itself could draw).
    public var faces: [FaceLocation?]
    public var lines: [ShapedLine]

    public init(block: TextBlock, faces: [FaceLocation?], lines: [ShapedLine]) {
        self.block = block
        self.utf8 = Array(block.text.utf8)
        self.faces = faces
        self.lines = lines
    }

    /// The text a glyph shows (empty for the second and later glyphs of a cluster).
    public func text(of glyph: ShapedGlyph) -> String { String(decoding: utf8[glyph.text], as: UTF8.self) }

    /// Characters (clusters, spaces not counted) on each line: where a table cell has a
    /// line of one character, its lines can be evened out.
    public var charactersPerLine: [Int] {
        lines.map { line in line.glyphs.reduce(0) { $0 + (!$1.text.isEmpty && !$1.isSpace ? 1 : 0) } }
    }
}

/// Where a face lives: its file and index in a collection, as fontconfig named it.
public struct FaceLocation: Sendable, Hashable {
    public var file: String
    public var index: Int
    /// Synthetic bold was asked for: the role wants bold and the family has one weight
    /// (方正小标宋简体 as offices own it). Writers embolden such glyphs as FreeType does.
    public var embolden: Bool

    public init(file: String, index: Int, embolden: Bool = false) {
        self.file = file
        self.index = index
        self.embolden = embolden
    }
}

/// One line of shaped text: its glyphs and where the shaper put it in the block.
public struct ShapedLine: Sendable, Equatable {
    public var glyphs: [ShapedGlyph]
    /// Left edge of the line inside the block (indent or alignment offset included).
    public var logicalX: Double
    /// Height of the line and its baseline from its top.
    public var height: Double
    public var baseline: Double

    public init(glyphs: [ShapedGlyph], logicalX: Double, height: Double, baseline: Double) {
        self.glyphs = glyphs
        self.logicalX = logicalX
        self.height = height
        self.baseline = baseline
    }
}

/// A glyph on a shaped line, positioned from the line's start, in points.
public struct ShapedGlyph: Sendable, Equatable {
    /// Index into `ShapedText.faces`.
    public var face: Int
    /// Glyph index in that face (0, .notdef, for a character no font has).
    public var glyph: Int
    public var x: Double
    /// Offset below the baseline (usually 0).
    public var y: Double
    /// The UTF-8 bytes of the block text this glyph shows (the first glyph of a cluster
    /// carries the cluster; the others an empty range).
    public var text: Range<Int>
    /// A space or line break, which justification trims at a line's end.
    public var isSpace: Bool
    /// The face's own advance, without letter spacing: where the glyph's ink ends. A shaper
    /// need only measure it at a line's end (what justification reads).
    public var fontAdvance: Double

    public init(face: Int, glyph: Int, x: Double, y: Double, text: Range<Int>, isSpace: Bool, fontAdvance: Double) {
        self.face = face
        self.glyph = glyph
        self.x = x
        self.y = y
        self.text = text
        self.isSpace = isSpace
        self.fontAdvance = fontAdvance
    }
}

/// Shapes text blocks: breaks them into lines and places their glyphs. Render implements it
/// with Pango; tests with a fixed-advance fake, so that layout never touches C.
public protocol TextShaping {
    /// `block` broken into lines at its width and shaped.
    func shape(_ block: TextBlock) -> ShapedText
    /// How far below the top of `block`'s first line the middle of its ink is, as the writers
    /// place the line (the page number's dashes are put by their ink, GB/T 9704).
    func inkMiddle(_ block: TextBlock) -> Double
    /// Where layout keeps what it works out from this shaper's answers, for as long as they
    /// hold: the shaper empties it whenever it may shape a block differently (fonts added).
    /// nil: layout works everything out each time.
    var memo: ShapingMemo? { get }
}

extension TextShaping {
    /// Without a real face: the middle of the line.
    public func inkMiddle(_ block: TextBlock) -> Double { block.lineHeight / 2 }

    public var memo: ShapingMemo? { nil }

    /// How many lines `block` takes at its width.
    public func lineCount(_ block: TextBlock) -> Int { shape(block).lines.count }
}

/// What layout derives from a shaper's answers, kept with the shaper: table cells as balanced
/// (`TableLayout`). The same labels, and mostly the same numbers, come back report after
/// report, and balancing a cell asks the shaper up to a dozen times. Keyed by the cell's whole
/// block and breaking rule, so an entry is what working it out again would give.
/// Used by one thread at a time, as its shaper is.
public final class ShapingMemo {
    struct CellKey: Hashable {
        let block: TextBlock.Key
        let breaking: TableSpec.Cell.Breaking
    }

    private var cells: [CellKey: (TextBlock, ShapedText)] = [:]
    /// Past this many cells it starts over (numbers differ from report to report).
    static let capacity = 20_000

    public init() {}

    /// Forgets everything (the shaper's answers may change).
    public func removeAll() { cells.removeAll() }

    func cell(_ key: CellKey, orMake make: () -> (TextBlock, ShapedText)) -> (TextBlock, ShapedText) {
        if let known = cells[key] { return known }
        let made = make()
        if cells.count >= Self.capacity { cells.removeAll(keepingCapacity: true) }
        cells[key] = made
        return made
    }
}
