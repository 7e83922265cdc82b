/// Where a piece of text stood in the file it came from.
///
/// For text files `line` is the line number. For a PDF it is the line on `page`, counted from
/// the top; for HTML the line in the markup; for DOCX the paragraph or table row, counted
/// from the start of the document body.
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var page: Int?
    public var line: Int

    public init(page: Int? = nil, line: Int) {
        self.page = page
        self.line = line
    }
}

/// A report as a file reader found it (PDF, HTML, DOCX): blocks in reading order. The parser
/// treats them as it treats lines of text, except that a table arrives as a `TableGrid` or as
/// lines whose pieces carry their positions on the page, so no column is guessed from text.
public struct ExtractedDocument: Sendable {
    /// The file kind, for messages (`PDF`, `HTML`, `DOCX`).
    public var format: String
    public var blocks: [Block]

    public enum Block: Sendable {
        /// A line of text: a heading, a title line, a line of a paragraph.
        case text(String, SourceLocation, indented: Bool)
        /// A line of a PDF page with the positions of its pieces (tables are rebuilt from these).
        case placed(PlacedLine, SourceLocation, indented: Bool)
        /// A table whose cells the file spells out (HTML, DOCX).
        case table(TableGrid)
    }

    public init(format: String, blocks: [Block]) {
        self.format = format
        self.blocks = blocks
    }
}

/// One line of a PDF page: the pieces of text on one baseline, split where the gap between
/// characters is wider than a space, with their horizontal extent in points.
public struct PlacedLine: Sendable {
    public struct Segment: Sendable {
        public var text: String
        public var x0: Double
        public var x1: Double
        public init(text: String, x0: Double, x1: Double) {
            self.text = text
            self.x0 = x0
            self.x1 = x1
        }
        public var center: Double { (x0 + x1) / 2 }
    }

    public var page: Int
    /// Vertical centre of the line, from the top of the page.
    public var y: Double
    /// Character height (the font size, near enough).
    public var height: Double
    public var segments: [Segment]

    public init(page: Int, y: Double, height: Double, segments: [Segment]) {
        self.page = page
        self.y = y
        self.height = height
        self.segments = segments
    }

    /// The text to read: pieces joined, with a space only between Latin words or numbers
    /// (Chinese text has none, and a justified line's wide gaps are not spaces).
    public var text: String {
        var out = ""
        for s in segments {
            func word(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
            if let a = out.unicodeScalars.last, let b = s.text.unicodeScalars.first, word(a), word(b) { out += " " }
            out += s.text
        }
        return out
    }
}

/// A table as cells with spans, the one shape every file reader hands to the template
/// mapping. A cell covered by a span from the left or from above is not listed again.
public struct TableGrid: Sendable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var columnSpan: Int
        public var rowSpan: Int
        public init(text: String, columnSpan: Int = 1, rowSpan: Int = 1) {
            self.text = text
            self.columnSpan = columnSpan
            self.rowSpan = rowSpan
        }
    }

    public struct Row: Sendable {
        public var cells: [Cell]
        public var location: SourceLocation
        public init(cells: [Cell], location: SourceLocation) {
            self.cells = cells
            self.location = location
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }
}
