import CPangoCairo
import Foundation
import NianbaoStyle
import Synchronization

/// Makes fonts known to fontconfig for this process and tells which face each style role
/// resolves to. Fonts in the given directories (the project's `fonts/`, `--fonts-dir`) are
/// added before anything is shaped, so a face a user drops there is found.
public enum FontSetup {
    /// Directories already added.
    private static let added = Mutex<Set<String>>([])
    private static let changes = Atomic<Int>(0)

    /// Counts registrations that added fonts: a shaper forgets what it shaped when this changes.
    static var generation: Int { changes.load(ordering: .acquiring) }

    /// Registers every font file in `directories` (missing ones are skipped). Call at
    /// start-up, before text is measured: Pango's font maps are per thread, and only the
    /// calling thread's is told of the new fonts.
    public static func register(directories: [String]) {
        let changed = added.withLock { added in
            var changed = false
            for dir in directories where !added.contains(dir) {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
                _ = FcConfigAppFontAddDir(FcConfigGetCurrent(), dir)
                added.insert(dir)
                changed = true
            }
            return changed
        }
        if changed {
            CPangoCairo_fontConfigChanged()
            changes.add(1, ordering: .releasing)
        }
    }

    /// What a family name resolves to on this machine: the font file, or nil when absent.
    /// With `weight`, a face of that weight is preferred (fontconfig's 80 regular, 200 bold).
    public static func file(forFamily family: String, weight: Int32? = nil) -> String? {
        if let weight, let exact = list(family: family, weight: weight) { return exact }
        return list(family: family, weight: nil)
    }

    private static func list(family: String, weight: Int32?) -> String? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcPatternAddString(pattern, "family", family)
        if let weight { FcPatternAddInteger(pattern, "weight", weight) }
        guard let objects = FcObjectSetCreate() else { return nil }
        defer { FcObjectSetDestroy(objects) }
        FcObjectSetAdd(objects, "file")
        guard let set = FcFontList(nil, pattern, objects) else { return nil }
        defer { FcFontSetDestroy(set) }
        guard set.pointee.nfont > 0, let font = set.pointee.fonts[0] else { return nil }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(font, "file", 0, &file) == FcResultMatch, let file else { return nil }
        return String(cString: file)
    }

    /// For a role: the first of its families that is installed, with its file.
    public static func resolve(_ role: FontRole) -> (family: String, file: String)? {
        for family in role.families {
            if let file = file(forFamily: family, weight: role.weight == .bold ? 200 : 80) { return (family, file) }
        }
        return nil
    }

    /// The family name of face `index` of `file`, as fontconfig reads it (an OFD names a font
    /// it cannot embed by family, for the reader to find).
    static func familyName(file: String, index: Int) -> String? {
        var count: Int32 = 0
        guard let pattern = FcFreeTypeQuery(file, UInt32(index), nil, &count) else { return nil }
        defer { FcPatternDestroy(pattern) }
        var family: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(pattern, "family", 0, &family) == FcResultMatch, let family else { return nil }
        return String(cString: family)
    }
}
