import CLibXML2

/// A read-only view of a libxml2 node, for the HTML and DOCX readers. The document owns the
/// nodes; a view is valid while its `XMLDocument` lives.
struct XMLNode {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's local name, lower-cased for HTML (`td`, `tc`).
    var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }

    /// The text of a text node.
    var content: String { pointer.pointee.content.map { String(cString: $0) } ?? "" }

    /// 1-based line in the markup where the node starts.
    var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The node's children (one level; for deeper reading use `walk`).
    var children: [XMLNode] {
        var out: [XMLNode] = []
        var child = pointer.pointee.children
        while let c = child {
            out.append(XMLNode(pointer: c))
            child = c.pointee.next
        }
        return out
    }

    /// An attribute's value; `namespace` for namespaced attributes such as `w:val`.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value: UnsafeMutablePointer<xmlChar>? = withXMLString(name) { n in
            if let namespace { return withXMLString(namespace) { xmlGetNsProp(pointer, n, $0) } }
            return xmlGetProp(pointer, n)
        }
        guard let value else { return nil }
        defer { CLibXML2_free(value) }
        return String(cString: value)
    }

    /// All text below the node, in document order.
    var text: String {
        if isText { return content }
        var out = ""
        walk(enter: { node in
            if node.isText { out += node.content }
            return true
        })
        return out
    }

    /// What a walk does after visiting a node.
    enum Visit { case enter, skip, stop }

    /// Visits the nodes below this one in document order, without recursion and in constant
    /// memory (it follows the tree's parent and sibling links), so no nesting depth can
    /// exhaust the stack. `visit` is called for every node and says whether to go into an
    /// element's children, pass them by, or end the walk; `leave` follows the children of an
    /// element that was entered. Only elements are entered: an entity reference's children
    /// are the entity's declaration in the DTD, outside this tree.
    ///
    /// With `freeing`, each node is unlinked and freed once it and everything below it has been
    /// visited (a parent's `leave` still sees the parent itself): a huge page's tree is let go
    /// while what is read from it grows, instead of both being held at once. Nodes the visit
    /// looked at must not be used after the walk.
    func walk(_ visit: (XMLNode) -> Visit, leave: (XMLNode) -> Void = { _ in }, freeing: Bool = false) {
        func done(_ node: xmlNodePtr) {
            guard freeing else { return }
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
        var next = pointer.pointee.children
        while var current = next {
            let node = XMLNode(pointer: current)
            switch visit(node) {
            case .stop: return
            case .enter where node.isElement:
                if let child = current.pointee.children {
                    next = child
                    continue
                }
                leave(node)
            case .enter, .skip: break
            }
            // Up to the nearest node with a next sibling, leaving each element on the way.
            while current.pointee.next == nil {
                guard let parent = current.pointee.parent, parent != pointer else { done(current); return }
                done(current)
                leave(XMLNode(pointer: parent))
                current = parent
            }
            next = current.pointee.next
            done(current)
        }
    }

    /// `walk` where `enter` says whether to go into an element.
    func walk(enter: (XMLNode) -> Bool, leave: (XMLNode) -> Void = { _ in }, freeing: Bool = false) {
        walk({ enter($0) ? .enter : .skip }, leave: leave, freeing: freeing)
    }

    /// Whether an element named `name` (compared lower-cased) is below this node.
    func contains(element name: String) -> Bool {
        var found = false
        walk { node -> Visit in
            if node.isElement, node.name.lowercased() == name { found = true; return .stop }
            return .enter
        }
        return found
    }
}

/// Owns a parsed libxml2 document.
final class XMLDocument {
    let pointer: xmlDocPtr

    init(_ pointer: xmlDocPtr) { self.pointer = pointer }
    deinit { xmlFreeDoc(pointer) }

    var root: XMLNode? { xmlDocGetRootElement(pointer).map(XMLNode.init) }
}

/// Passes `s` to libxml2, whose strings are unsigned bytes.
func withXMLString<T>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
    s.withCString { $0.withMemoryRebound(to: xmlChar.self, capacity: s.utf8.count + 1, body) }
}
