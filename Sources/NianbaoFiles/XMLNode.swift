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
        return children.map(\.text).joined()
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
