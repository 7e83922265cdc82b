import NianbaoLayout

/// The tagged-PDF side of a document (ISO 32000-1 §14.7–14.8): a marked-content id for
/// every item an element names, the structure elements as objects, and the parent tree
/// that leads from a page's marked content back to its element. Items no element names are
/// drawn as artifacts, so that reading, copying and search skip page numbers and repeats.
///
/// Elements are kept as flat arrays of plain values (a report has ~700): copying each
/// `StructureElement` into a node, and the nodes on every read, retained and released
/// their arrays and strings, a tenth of the PDF writer's own time.
struct StructureTree {
    /// How an item's marked content is opened: its element's type and id.
    struct Mark {
        var role: StructureElement.Role
        var id: Int

        /// The element type's PDF name (`role.rawValue`) without making a String.
        var tag: StaticString { StructureTree.name(role) }
    }

    private struct Node {
        var role: StructureElement.Role
        var rowSpan: Int, columnSpan: Int
        var parent: Int  // -1: the tree's root object
        /// Its children: `kids[children]`.
        var children: Range<Int>
        /// Its marked content, page and id in order: `marked[content]`.
        var content: Range<Int>
        var object = 0
    }

    /// Each item's mark (nil: an artifact).
    private var marks: PerItem<Mark?>
    private var nodes: [Node] = []
    private var kids: [Int] = []
    private var marked: [(page: Int, id: Int)] = []
    /// Each node's alternative text (figures), apart so that a node holds no reference.
    private var alternatives: [String?] = []
    /// Per page: marked-content id → the node it belongs to.
    private var parentTree: [[Int]]
    private var root = 0

    init(_ structure: StructureElement, pages: [Page]) {
        marks = PerItem(pages, empty: nil)
        parentTree = Array(repeating: [], count: pages.count)
        add(structure, parent: -1)
    }

    /// Adds `element` and its descendants, parents before children (the object order), each
    /// element's content after its children's (the marked-content ids' order).
    private mutating func add(_ element: StructureElement, parent: Int) {
        let index = nodes.count
        let kidsStart = kids.count
        kids.append(contentsOf: repeatElement(0, count: element.children.count))
        nodes.append(Node(role: element.role, rowSpan: element.rowSpan, columnSpan: element.columnSpan, parent: parent,
                          children: kidsStart..<kids.count, content: 0..<0))
        alternatives.append(element.alternative)
        // By index: the child is passed borrowed, not copied (with its subtree's arrays retained).
        for i in element.children.indices {
            kids[kidsStart + i] = nodes.count
            add(element.children[i], parent: index)
        }
        let contentStart = marked.count
        for ref in element.content where marks.contains(page: ref.page, item: ref.item) {
            let id = parentTree[ref.page].count
            marks.set(Mark(role: element.role, id: id), page: ref.page, item: ref.item)
            parentTree[ref.page].append(index)
            marked.append((ref.page, id))
        }
        nodes[index].content = contentStart..<marked.count
    }

    /// How item `item` is marked: as its element's content, as pagination (a page number),
    /// or as an artifact.
    func marking(of item: ItemReference, pageNumber: Bool) -> PageContent.Marking {
        if let mark = marks[item] ?? nil { return .element(mark) }
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
        let parentTree = self.parentTree, nodes = self.nodes, kids = self.kids, marked = self.marked, root = self.root
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
        for index in nodes.indices {
            let node = nodes[index]
            file.packedObject(node.object) { out in
                out.raw("<</S/")
                out.raw(Self.name(node.role))
                out.raw("/P ")
                out.ref(node.parent < 0 ? root : nodes[node.parent].object)
                let content = marked[node.content]
                // Content all on one page names the page once; otherwise each reference does.
                let onePage = content.first.map { first in content.allSatisfy { $0.page == first.page } } ?? false
                if onePage, let page = content.first?.page {
                    out.raw("/Pg ")
                    out.ref(pages[page])
                }
                out.raw("/K[")
                for child in kids[node.children] { out.ref(nodes[child].object); out.byte(0x20) }
                for (page, id) in content {
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
                let header = node.role == .headerCell
                if node.rowSpan > 1 || node.columnSpan > 1 || header {
                    out.raw("/A<</O/Table")
                    if node.rowSpan > 1 { out.raw("/RowSpan "); out.int(node.rowSpan) }
                    if node.columnSpan > 1 { out.raw("/ColSpan "); out.int(node.columnSpan) }
                    if header { out.raw("/Scope/Column") }
                    out.raw(">>")
                }
                if let alternative = alternatives[index] {
                    out.raw("/Alt ")
                    out.textString(alternative)
                }
                out.raw(">>")
            }
        }
    }

    /// `role.rawValue` as a static string (the test `testStructureNamesAreTheRolesRawValues`
    /// holds the two together).
    static func name(_ role: StructureElement.Role) -> StaticString {
        switch role {
        case .document: "Document"
        case .title: "H1"
        case .heading: "H2"
        case .subheading: "H3"
        case .paragraph: "P"
        case .table: "Table"
        case .row: "TR"
        case .headerCell: "TH"
        case .cell: "TD"
        case .figure: "Figure"
        case .caption: "Caption"
        }
    }
}
