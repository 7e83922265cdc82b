/// The reports in one zip, read as `batch` reads them — the same decoded and normalised names,
/// the same refusals (unsafe paths, links, duplicates) and the same per-entry size limit —
/// for a caller with no output folder: the web page, given a zip upload.
public enum ZipInputs {
    /// One entry that looks like a report by its name: its bytes, or why it is not read.
    public struct Entry: Sendable {
        /// The entry's normalised path inside the zip (`a/b/x.txt`), for display only.
        public var path: String
        public var bytes: Result<[UInt8], BatchError>
    }

    /// Calls `each` for the zip's report entries in the zip's order, reading one entry at a
    /// time (never the whole archive unpacked); throws when the zip itself cannot be read.
    public static func read(zip path: String, limit: Int = BatchJob.maximumInputBytes, _ each: (Entry) -> Void) throws(BatchError) {
        let items = try BatchSource.zipItems(path)
        let archive: BatchZip
        do { archive = try BatchZip(path) } catch { throw BatchError("\(error)") }
        for item in items {
            if let refused = item.refused {
                each(Entry(path: item.path, bytes: .failure(BatchError(refused))))
                continue
            }
            guard let number = item.entry, archive.entries.indices.contains(number) else {
                each(Entry(path: item.path, bytes: .failure(BatchError("the entry is no longer in the zip"))))
                continue
            }
            do {
                each(Entry(path: item.path, bytes: .success(try archive.data(of: archive.entries[number], limit: limit))))
            } catch {
                each(Entry(path: item.path, bytes: .failure(BatchError("\(error)"))))
            }
        }
    }
}
