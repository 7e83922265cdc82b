/// A Cairo or Pango call that failed, with Cairo's own status text.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let status: String

    public var description: String { "\(operation) failed: \(status)" }
}
