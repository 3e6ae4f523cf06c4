import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with Foundation's `XMLParser`: enough for AWS query and REST-XML
/// responses, which are plain elements with text (no mixed content worth keeping).
public final class XMLTree: @unchecked Sendable {
    public let name: String
    public internal(set) var attributes: [String: String]
    public internal(set) var children: [XMLTree] = []
    public internal(set) var text: String = ""

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child with this local name (namespace prefixes ignored).
    public func child(_ name: String) -> XMLTree? { children.first { $0.localName == name } }
    public func all(_ name: String) -> [XMLTree] { children.filter { $0.localName == name } }
    /// Text of the named child, nil when the child is absent.
    public func string(_ name: String) -> String? { child(name)?.text }
    /// Follows a path of child names: `node.path("DescribeStacksResult", "Stacks")`.
    public func path(_ names: String...) -> XMLTree? {
        var node: XMLTree? = self
        for name in names { node = node?.child(name) }
        return node
    }
    /// Depth-first search for the first descendant with this local name.
    public func find(_ name: String) -> XMLTree? {
        for child in children {
            if child.localName == name { return child }
            if let found = child.find(name) { return found }
        }
        return nil
    }

    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    public static func parse(_ data: Data) throws -> XMLTree {
        let delegate = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "empty document"
            throw AWSClientError.malformedResponse("invalid XML (line \(parser.lineNumber)): \(reason)")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLTree(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

/// Escapes text for an XML body (S3's CreateBucketConfiguration).
enum XMLEscape {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
