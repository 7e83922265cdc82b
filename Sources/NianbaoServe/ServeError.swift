/// Why the server cannot start or a request cannot be served; each says what to do.
public enum ServeError: Error, CustomStringConvertible, Equatable {
    /// The private workspace folder could not be made.
    case workspace(path: String, errno: Int32)
    /// The style named by `--style` could not be loaded (its loader's message).
    case style(String)
    /// A file that was not read as a report has no PDF or export.
    case notRead(name: String)
    /// The archive of `--db` could not be opened (its message names the file and what to do).
    case archive(String)

    public var description: String {
        switch self {
        case .workspace(let path, let code):
            return "cannot make the private workspace in \(path) (\(String(cString: strerror(code)))); set TMPDIR to a writable folder"
        case .style(let message): return "style \(message)"
        case .notRead(let name): return "\(name) was not read as a report"
        case .archive(let message): return message
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
