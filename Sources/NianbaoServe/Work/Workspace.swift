#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The private folder uploads are kept in while the server runs: made with mkdtemp (mode
/// 0700, only this user), files named by generated ids — never by a name a client sent — and
/// removed with everything in it when the server stops.
public final class Workspace: Sendable {
    public let path: String

    public init(in parent: String) throws(ServeError) {
        var template = Array((parent + "/nianbao-serve-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw .workspace(path: parent, errno: errno) }
        path = String(cString: template.map { UInt8(bitPattern: $0) })
        chmod(path, 0o700)
    }

    /// The file for generated id `id` with `ext` (`pdf`, `zip`, `bin`).
    func file(_ id: String, _ ext: String) -> String {
        precondition(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "workspace names are generated ids")
        return path + "/" + id + "." + ext
    }

    /// Writes `bytes` as the file for `id` (0600).
    func write(_ bytes: [UInt8], id: String, ext: String) throws {
        let target = file(id, ext)
        guard FileManager.default.createFile(atPath: target, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
