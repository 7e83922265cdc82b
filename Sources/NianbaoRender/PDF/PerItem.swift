import NianbaoLayout

/// A value for every item of a document's pages, in one flat array (the pages' items one
/// after another) rather than a dictionary by `ItemReference`, whose hashing was a few per cent
/// of writing a PDF. The font pass (`ItemFonts`) and the structure tree both look items up so.
struct PerItem<Value> {
    private var values: [Value]
    /// Where each page's items start in `values`; one more entry, the total.
    private let pageStart: [Int]

    /// `empty` for every item of `pages`.
    init(_ pages: [Page], empty: Value) {
        var starts: [Int] = []
        starts.reserveCapacity(pages.count + 1)
        var total = 0
        for page in pages { starts.append(total); total += page.items.count }
        starts.append(total)
        pageStart = starts
        values = Array(repeating: empty, count: total)
    }

    /// Where item `item` of page `page` is kept; nil when the pages have no such item.
    private func slot(page: Int, item: Int) -> Int? {
        guard page >= 0, page + 1 < pageStart.count, item >= 0, item < pageStart[page + 1] - pageStart[page] else { return nil }
        return pageStart[page] + item
    }

    /// The pages have item `item` on page `page`.
    func contains(page: Int, item: Int) -> Bool { slot(page: page, item: item) != nil }

    /// The value of `reference`'s item; nil when the pages have no such item.
    subscript(_ reference: ItemReference) -> Value? { slot(page: reference.page, item: reference.item).map { values[$0] } }

    /// Sets the value of item `item` of page `page`, which the pages must have.
    mutating func set(_ value: Value, page: Int, item: Int) {
        guard let at = slot(page: page, item: item) else { preconditionFailure("no item \(item) on page \(page)") }
        values[at] = value
    }
}
