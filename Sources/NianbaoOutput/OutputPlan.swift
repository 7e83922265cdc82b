import Foundation

/// Where a command's outputs go, checked before anything is written: no output is one of the
/// inputs (the same file, also through a symlink or a hard link), and no two outputs share a
/// path. Nothing a user gave is overwritten or lost.
public enum OutputPlan {
    /// A file's identity: device and inode, after following symlinks.
    struct FileID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    static func identity(_ path: String) -> FileID? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// One output path per input in `directory`: `<stem>.<ext>`. When two inputs have the same
    /// stem (folders of 报告.txt), each keeps its path below the inputs' common folder, as
    /// `batch` mirrors its input tree: `deptA/报告.pdf`, `deptB/报告.pdf`.
    public static func paths(for inputs: [String], in directory: String, extension ext: String) -> [String] {
        let urls = inputs.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let stems = urls.map { $0.deletingPathExtension().lastPathComponent }
        guard Set(stems).count < stems.count else {
            return stems.map { directory + "/" + $0 + "." + ext }
        }
        let folders = urls.map { $0.deletingLastPathComponent().pathComponents }
        var common = folders[0]
        for f in folders.dropFirst() {
            common = Array(zip(common, f).prefix { $0 == $1 }.map(\.0))
        }
        return zip(urls, stems).map { url, stem in
            let relative = url.deletingLastPathComponent().pathComponents.dropFirst(common.count)
            return ([directory] + relative + [stem + "." + ext]).joined(separator: "/")
        }
    }

    /// Whether two paths name one existing file (symlinks and hard links included).
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        guard let x = identity(a), let y = identity(b) else { return false }
        return x == y
    }

    /// Refuses a plan that would overwrite an input or write one path twice.
    public static func check(outputs: [String], inputs: [String]) throws(OutputError) {
        var seen: [String: Int] = [:]
        for (i, output) in outputs.enumerated() {
            let key = URL(fileURLWithPath: output).standardizedFileURL.path
            if let j = seen[key] {
                throw .conflict("two outputs would be written to \(output) (\(describe(j, outputs.count)) and \(describe(i, outputs.count))); nothing was written — give the inputs distinct names or another --output-dir")
            }
            seen[key] = i
        }
        let inputIDs = Dictionary(inputs.compactMap { p in identity(p).map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        for output in outputs {
            if let id = identity(output), let input = inputIDs[id] {
                throw .conflict("\(output) is an input (\(input)); nianbao does not overwrite its inputs — nothing was written, choose another --output-dir or -o")
            }
        }
    }

    private static func describe(_ i: Int, _ count: Int) -> String { "output \(i + 1) of \(count)" }

    /// Whether `path` can be written into: the folder exists (or can be made) and accepts a file.
    public static func checkWritable(directory: String) throws(OutputError) {
        if let code = AtomicFile.makeDirectories(directory) {
            throw .cannotWrite(path: directory, errno: code)
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw .cannotWrite(path: directory, errno: errno)
        }
    }
}
