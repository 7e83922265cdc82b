/// The logical structure of a laid-out document, in reading order: what a tagged PDF's
/// structure tree (or an archive format's tags) says. Each element names the frame items
/// that show its own content; an item no element names is an artifact (rules, page numbers,
/// 续表 and the header rows and labels repeated on a continuation page). An element is read
/// as its children, then its own content (a figure: its caption, then its marks).
public struct StructureElement: Sendable, Equatable {
    /// Standard structure types (ISO 32000-1 §14.8.4); raw values are the PDF names.
    public enum Role: String, Sendable {
        case document = "Document"
        case title = "H1"
        case heading = "H2"
        case subheading = "H3"
        case paragraph = "P"
        case table = "Table"
        case row = "TR"
        case headerCell = "TH"
        case cell = "TD"
        case figure = "Figure"
        case caption = "Caption"
    }

    public var role: Role
    /// Items showing this element's own text (or, for a figure, its marks), in order.
    public var content: [ItemReference]
    public var children: [StructureElement]
    /// Rows and columns a table cell spans (1 when it does not).
    public var rowSpan: Int
    public var columnSpan: Int
    /// What a figure shows, said in words (for screen readers).
    public var alternative: String?

    public init(_ role: Role, content: [ItemReference] = [], children: [StructureElement] = [],
                rowSpan: Int = 1, columnSpan: Int = 1, alternative: String? = nil) {
        self.role = role
        self.content = content
        self.children = children
        self.rowSpan = rowSpan
        self.columnSpan = columnSpan
        self.alternative = alternative
    }

    /// Every element of the tree, parents before children, with its depth.
    public func walk(depth: Int = 0, _ body: (StructureElement, Int) -> Void) {
        body(self, depth)
        for child in children { child.walk(depth: depth + 1, body) }
    }
}

/// A frame item: its page (0-based) and its index among the page's items.
public struct ItemReference: Sendable, Hashable {
    public var page: Int
    public var item: Int

    public init(page: Int, item: Int) {
        self.page = page
        self.item = item
    }
}
