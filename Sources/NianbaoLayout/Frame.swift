import NianbaoStyle

/// Layout's output, the one type the writers (PDF, test dumps) read: pages of positioned
/// items. Coordinates are points from the page's top-left corner.
public struct PagedDocument: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var pages: [Page]
    public var metadata: DocumentMetadata
    /// Bookmarks, in document order.
    public var outline: [OutlineEntry]
    /// The logical structure (a `Document` element), or nil for an untagged document.
    public var structure: StructureElement?

    public init(width: Double, height: Double, pages: [Page] = [], metadata: DocumentMetadata, outline: [OutlineEntry] = [],
                structure: StructureElement? = nil) {
        self.width = width
        self.height = height
        self.pages = pages
        self.metadata = metadata
        self.outline = outline
        self.structure = structure
    }
}

public struct Page: Sendable, Equatable {
    public var items: [FrameItem] = []
    /// Indices of the items that are pagination (the page number): artifacts that a copied
    /// paragraph crossing the page must not pick up.
    public var pagination: [Int] = []
    public init(items: [FrameItem] = []) { self.items = items }
}

public struct DocumentMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public init(title: String, author: String, subject: String) {
        self.title = title
        self.author = author
        self.subject = subject
    }
}

/// A bookmark: its text, level (0 = top), and where it points.
public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    public var level: Int
    /// 0-based page index.
    public var page: Int
    public var y: Double

    public init(title: String, level: Int, page: Int, y: Double) {
        self.title = title
        self.level = level
        self.page = page
        self.y = y
    }
}

/// What a page holds.
public enum FrameItem: Sendable, Equatable {
    /// Lines `lines` of shaped text, the first of them with its top at `y`; its glyphs go
    /// where `ShapedText.drawnLines` puts them.
    case text(ShapedText, x: Double, y: Double, lines: Range<Int>)
    /// A straight rule.
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double)
    /// A filled rectangle in a grey level (0 black … 1 white), e.g. a bar of a chart.
    case box(x: Double, y: Double, width: Double, height: Double, gray: Double)
}

/// A paragraph to shape: text, font, wrap width, alignment. Every line of a block takes
/// `lineHeight` points, so a block can be split between pages at any line.
public struct TextBlock: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable { case left, center, right, justify }

    public var text: String
    public var font: FontRole
    /// Wrap width in points.
    public var width: Double
    public var alignment: Alignment
    /// First-line indent in points.
    public var indent: Double
    public var lineHeight: Double
    /// Extra space between characters, in points (negative to fit 28 characters a line).
    public var letterSpacing: Double
    /// The first characters set in another face: a heading run into its paragraph.
    public var lead: Lead?
    /// UTF-8 byte ranges no line may break inside (a label's words, an agency name's parts:
    /// `LineBreaks`).
    public var unbreakable: [Range<Int>] = []

    /// The first `bytes` UTF-8 bytes of a block in the families and weight of `font`, at the
    /// block's size (a run-in （一） heading is 楷体 in a 仿宋 paragraph, both 3号).
    public struct Lead: Sendable, Hashable {
        public var font: FontRole
        public var bytes: Int
        public init(font: FontRole, bytes: Int) {
            self.font = font
            self.bytes = bytes
        }
    }

    public init(text: String, font: FontRole, width: Double, alignment: Alignment = .left, indent: Double = 0, lineHeight: Double, letterSpacing: Double = 0,
                lead: Lead? = nil) {
        self.text = text
        self.font = font
        self.width = width
        self.alignment = alignment
        self.indent = indent
        self.lineHeight = lineHeight
        self.letterSpacing = letterSpacing
        self.lead = lead
    }

    /// A block as a dictionary key, hashed by its text's UTF-8 bytes rather than by `String`'s
    /// hash, which normalizes Chinese text scalar by scalar (layout asks for every table cell
    /// several times). Equal only when the blocks are.
    public struct Key: Hashable {
        public let block: TextBlock

        public init(_ block: TextBlock) { self.block = block }

        public func hash(into hasher: inout Hasher) {
            if block.text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                for byte in block.text.utf8 { hasher.combine(byte) }
            }
            hasher.combine(block.width)
            hasher.combine(block.font.size)
        }

        public static func == (a: Key, b: Key) -> Bool {
            a.block.text.utf8.elementsEqual(b.block.text.utf8) && a.block == b.block
        }
    }
}
