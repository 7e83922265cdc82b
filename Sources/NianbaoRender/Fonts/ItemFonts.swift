import NianbaoLayout

/// How each text item of a document is drawn (by a writer: which embedded fonts, or as
/// outlines), keyed by its page and index. The font pass decides it once for every text item
/// and the page pass looks it up, so the two cannot pair an item with another's fonts, however
/// their rules for what to embed change.
struct ItemFonts<Drawing> {
    /// A text item as the font pass sees it.
    struct TextItem {
        let reference: ItemReference
        let shaped: ShapedText
        let lines: Range<Int>
        /// A page number (`Page.pagination`).
        let isPageNumber: Bool
    }

    /// Each item's drawing (nil: not a text item).
    private var drawings: PerItem<Drawing?>
    private let writer: String

    /// Asks `decide` for every text item of `document`, in reading order (pages, then items:
    /// fonts are numbered by first use, so this order fixes the output's bytes).
    init(_ document: PagedDocument, writer: String, _ decide: (TextItem) throws -> Drawing) rethrows {
        self.writer = writer
        drawings = PerItem(document.pages, empty: nil)
        for (pageIndex, page) in document.pages.enumerated() {
            for index in page.items.indices {
                guard case let .text(shaped, _, _, lines) = page.items[index] else { continue }
                let reference = ItemReference(page: pageIndex, item: index)
                drawings.set(try decide(TextItem(reference: reference, shaped: shaped, lines: lines, isPageNumber: page.pagination.contains(index))),
                             page: pageIndex, item: index)
            }
        }
    }

    /// How text item `reference` is drawn; `UndecidedItem` when the font pass did not see it
    /// (a document changed between the passes).
    func drawing(of reference: ItemReference) throws(UndecidedItem) -> Drawing {
        guard let drawing = drawings[reference] ?? nil else { throw UndecidedItem(writer: writer, item: reference) }
        return drawing
    }
}

/// A text item a writer's font pass did not decide on: the document it was given changed
/// under it, or the writer has a bug. Says which writer and which item.
struct UndecidedItem: Error, CustomStringConvertible {
    let writer: String
    let item: ItemReference
    var description: String { "\(writer): text item \(item.item) of page \(item.page + 1) has no fonts (it was not seen when the fonts were collected)" }
}
