import NianbaoLayout
import Synchronization

/// Faces read once per process and shared by every thread (they are immutable once read).
/// A face that cannot be embedded is remembered too, so it is not read again.
enum FaceCache {
    private static let faces = Mutex<[String: Result<TrueTypeFace, UnsupportedFace>]>([:])

    static func face(file: String, index: Int) throws -> TrueTypeFace {
        let key = "\(file)#\(index)"
        // Read under the lock: two threads asking for a new face read the file once.
        return try faces.withLock { faces in
            if let known = faces[key] { return known }
            let result: Result<TrueTypeFace, UnsupportedFace>
            do { result = .success(try TrueTypeFace(file: file, index: index)) } catch let error as UnsupportedFace {
                result = .failure(error)
            } catch {
                result = .failure(UnsupportedFace(file: file, reason: "\(error)"))
            }
            faces[key] = result
            return result
        }.get()
    }

    /// The faces of `shaped` (as `ShapedText.faces`; nil stays nil); throws `UnsupportedFace`
    /// when one has no TrueType outlines.
    static func faces(of shaped: ShapedText) throws -> [TrueTypeFace?] {
        try shaped.faces.map { try $0.map { try face(file: $0.file, index: $0.index) } }
    }
}
