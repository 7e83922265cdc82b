import Foundation
import NianbaoFiles
import NianbaoInput
import NianbaoOutput

/// Per-input records under `<output>/.nianbao/records/`, written after all of an input's
/// outputs: an input is done, and `--resume` skips it, when its record is there, was made
/// from this very input (its size and CRC-32), and every output of the requested formats
/// still has the size and CRC-32 the record gives (a PDF cut short, a JSON overwritten with
/// garbage is made again). The index is rebuilt from results and records, so it is always whole.
public enum BatchRecords {
    static func path(for item: BatchItem, under root: String) -> String {
        OutputPlan.join(root, ".nianbao/records/" + item.path + ".json")
    }

    static func write(_ result: BatchResult, for item: BatchItem, under root: String) {
        guard let data = try? JSONEncoder().encode(result) else { return }
        try? AtomicFile.write(data, to: path(for: item, under: root))
    }

    /// An input's identity: its size and CRC-32.
    static func identity(of bytes: [UInt8]) -> String {
        "\(bytes.count):\(String(Deflate.crc32(bytes), radix: 16))"
    }

    /// Whether the file at `path` has `file`'s size and CRC-32, read in pieces (a PDF may be MiBs).
    static func matches(_ path: String, _ file: BatchResult.OutputFile) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == file.bytes else { return false }
        var crc: UInt32 = 0, total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { break }
            crc = Deflate.crc32(buffer[..<n], continuing: crc)
            total += n
        }
        return total == file.bytes && crc == file.crc32
    }

    /// The finished result of `item`, if its outputs are complete and were made from this very
    /// input (same size and CRC-32; `current` gives the input's identity now).
    static func finished(_ item: BatchItem, under root: String, formats: [BatchJob.Format], current: () -> String?) -> BatchResult? {
        let recordPath = path(for: item, under: root)
        guard let data = FileManager.default.contents(atPath: recordPath),
              let result = try? JSONDecoder().decode(BatchResult.self, from: data) else { return nil }
        guard let recorded = result.input, recorded == current(), let files = result.files, files.count == result.outputs.count else { return nil }
        for format in formats {
            let relative = String(item.output(format.rawValue, under: "").dropFirst())
            guard let file = files.first(where: { $0.path == relative }),
                  matches(item.output(format.rawValue, under: root), file) else { return nil }
        }
        return result
    }
}

/// What a run has to do, after a look at what earlier runs left.
public enum BatchPlan {
    /// Removes temporary files that an interrupted run left for these items (and only these,
    /// so shards sharing an output directory do not disturb each other), and with `resume`
    /// collects the results of items already done.
    /// Two inputs whose outputs would share a path (`a/x.txt` and `a/x.pdf` both give `a/x.pdf`)
    /// are both refused, each naming the other: neither output is silently lost. An input that
    /// is never rendered (`x.doc` beside `x.txt`: Word 97–2003, WPS or RTF by its content, which
    /// gets a row saying how to convert it) claims no names: it is returned, for the plan to
    /// leave its outputs out, and the other renders.
    @discardableResult
    public static func refuseSharedOutputs(_ items: inout [BatchItem], formats: [BatchJob.Format]) -> Set<Int> {
        var byOutput: [String: [Int]] = [:]
        for (i, item) in items.enumerated() where item.refused == nil {
            byOutput[item.output("", under: ""), default: []].append(i)
        }
        var silent: Set<Int> = []
        var zips: [String: BatchZip] = [:]
        for (_, shared) in byOutput where shared.count > 1 {
            let never = shared.filter { neverRendered(items[$0], zips: &zips) }
            silent.formUnion(never)
            let indices = shared.filter { !never.contains($0) }
            guard indices.count > 1 else { continue }
            for i in indices {
                let others = indices.filter { $0 != i }.map { items[$0].path }.joined(separator: ", ")
                items[i].refused = "its outputs would have the same names as those of \(others); rename one of them (nothing was written for either)"
            }
        }
        return silent
    }

    /// Whether `item` is never rendered, by its first bytes as the job tells them
    /// (`ReportInput.isNeverRead`); false when they cannot be read (it then fails by itself).
    static func neverRendered(_ item: BatchItem, zips: inout [String: BatchZip]) -> Bool {
        if let path = item.fileBytes ?? item.file.map({ Array($0.utf8) }) { return ReportInput.isNeverRead(path: path) }
        guard let zip = item.zip, let number = item.entry else { return false }
        if zips[zip] == nil { zips[zip] = try? BatchZip(zip) }
        guard let archive = zips[zip], archive.entries.indices.contains(number),
              let bytes = try? archive.data(of: archive.entries[number], limit: BatchJob.maximumInputBytes) else { return false }
        return ReportInput.isNeverRead(Array(bytes.prefix(ReportInput.headBytes)))
    }

    public static func prepare(_ items: [BatchItem], outputDir: String, formats: [BatchJob.Format], resume: Bool, indexFiles: [String] = []) -> [Int: BatchResult] {
        var byDirectory: [String: Set<String>] = [:]
        byDirectory[URL(fileURLWithPath: outputDir).path] = Set(indexFiles.map(AtomicFile.temporaryPrefix(for:)))
        for item in items where item.refused == nil {
            for format in formats {
                let url = URL(fileURLWithPath: item.output(format.rawValue, under: outputDir))
                byDirectory[url.deletingLastPathComponent().path, default: []].insert(AtomicFile.temporaryPrefix(for: url.lastPathComponent))
            }
            let record = URL(fileURLWithPath: BatchRecords.path(for: item, under: outputDir))
            byDirectory[record.deletingLastPathComponent().path, default: []].insert(AtomicFile.temporaryPrefix(for: record.lastPathComponent))
        }
        for (dir, prefixes) in byDirectory {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(AtomicFile.temporarySuffix) {
                if prefixes.contains(where: { name.hasPrefix($0) }) { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
            }
        }
        guard resume else { return [:] }
        var done: [Int: BatchResult] = [:]
        // A zip's entries carry their size and CRC-32: its central directory is read once.
        let zip = items.first(where: { $0.zip != nil })?.zip.flatMap { try? BatchZip($0) }
        for (i, item) in items.enumerated() where item.refused == nil {
            let result = BatchRecords.finished(item, under: outputDir, formats: formats) {
                if let number = item.entry { return zip.flatMap { $0.entries.indices.contains(number) ? $0.entries[number].identity : nil } }
                return (try? BatchJob.readFile(item)).map(BatchRecords.identity(of:))
            }
            if let result { done[i] = result }
        }
        return done
    }
}
