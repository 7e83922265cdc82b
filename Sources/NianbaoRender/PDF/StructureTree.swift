import NianbaoLayout

/// The tagged-PDF side of a document (ISO 32000-1 §14.7–14.8): a marked-content id for
/// every item an element names, the structure elements as objects, and the parent tree
/// that leads from a page's marked content back to its element. Items no element names are
/// drawn as artifacts, so that reading, copying and search skip page numbers and repeats.
struct StructureTree {
    /// How an item's marked content is opened: its tag (the element's type) and id.
    struct Mark {
        var tag: String
        var id: Int
    }

    private struct Node {
        var element: StructureElement
        var parent: Int  // -1: the tree's root object
        var children: [Int] = []
        /// Its marked content: page and id, in order.
        var marked: [(page: Int, id: Int)] = []
        var object = 0
    }

    /// Per page: item index → its mark (nil: an artifact).
    private var marks: [[Mark?]]
    private var nodes: [Node] = []
    /// Per page: marked-content id → the node it belongs to.
    private var parentTree: [[Int]]
    private var root = 0

    init(_ structure: StructureElement, pages: [Page]) {
        marks = pages.map { Array(repeating: nil, count: $0.items.count) }
        let pages = pages.count
        parentTree = Array(repeating: [], count: pages)
        add(structure, parent: -1)
    }

    private mutating func add(_ element: StructureElement, parent: Int) {
        let index = nodes.count
        var own = element
        own.children = []
        nodes.append(Node(element: own, parent: parent))
        if parent >= 0 { nodes[parent].children.append(index) }
        for child in element.children { add(child, parent: index) }
        for ref in element.content where ref.page < marks.count && ref.item < marks[ref.page].count {
            let id = parentTree[ref.page].count
            marks[ref.page][ref.item] = Mark(tag: element.role.rawValue, id: id)
            parentTree[ref.page].append(index)
            nodes[index].marked.append((ref.page, id))
        }
    }

    /// How item `item` is marked: as its element's content, as pagination (a page number),
    /// or as an artifact.
    func marking(of item: ItemReference, pageNumber: Bool) -> PageContent.Marking {
        if let mark = marks[item.page][item.item] { return .element(mark) }
        return pageNumber ? .pagination : .artifact
    }

    /// Reserves the objects; returns the structure tree root's number (for the catalog).
    mutating func reserve(in file: inout PDFFile) -> Int {
        root = file.reserve()
        for i in nodes.indices { nodes[i].object = file.reserve() }
        return root
    }

    /// Writes the root, its parent tree and every element; `pages` are the page objects.
    func write(into file: inout PDFFile, pages: [Int]) {
        let parentTree = self.parentTree, nodes = self.nodes
        file.packedObject(root) { out in
            out.raw("<</Type/StructTreeRoot/K ")
            if let first = nodes.first { out.ref(first.object) } else { out.raw("[]") }
            out.raw("/ParentTree<</Nums[")
            for (page, ids) in parentTree.enumerated() {
                out.int(page)
                out.raw("[")
                for node in ids { out.ref(nodes[node].object); out.byte(0x20) }
                out.raw("]")
            }
            out.raw("]>>/ParentTreeNextKey ")
            out.int(parentTree.count)
            out.raw(">>")
        }
        for node in nodes {
            let element = node.element
            file.packedObject(node.object) { out in
                out.raw("<</S/")
                out.raw(element.role.rawValue)
                out.raw("/P ")
                out.ref(node.parent < 0 ? root : nodes[node.parent].object)
                let marked = node.marked
                // Content all on one page names the page once; otherwise each reference does.
                let onePage = marked.first.map { first in marked.allSatisfy { $0.page == first.page } } ?? false
                if onePage, let page = marked.first?.page {
                    out.raw("/Pg ")
                    out.ref(pages[page])
                }
                out.raw("/K[")
                for child in node.children { out.ref(nodes[child].object); out.byte(0x20) }
                for (page, id) in marked {
                    if onePage {
                        out.int(id)
                        out.byte(0x20)
                    } else {
                        out.raw("<</Type/MCR/Pg ")
                        out.ref(pages[page])
                        out.raw("/MCID ")
                        out.int(id)
                        out.raw(">>")
                    }
                }
                out.raw("]")
                // Table attributes: spans, and a header cell's scope (the tables' headers are
                // the rows at their top, and the item headings over the columns below them).
                let header = element.role == .headerCell
                if element.rowSpan > 1 || element.columnSpan > 1 || header {
                    out.raw("/A<</O/Table")
                    if element.rowSpan > 1 { out.raw("/RowSpan "); out.int(element.rowSpan) }
                    if element.columnSpan > 1 { out.raw("/ColSpan "); out.int(element.columnSpan) }
                    if header { out.raw("/Scope/Column") }
                    out.raw(">>")
                }
                if let alternative = element.alternative {
                    out.raw("/Alt ")
                    out.textString(alternative)
                }
                out.raw(">>")
            }
        }
    }
}
