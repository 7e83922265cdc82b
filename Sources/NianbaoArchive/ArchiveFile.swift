/// What became of one input file, as the archive's `files` and `outputs` rows hold it (the
/// batch's index row, in the archive's own terms: the archive does not depend on the batch).
public struct ArchiveFile: Sendable, Equatable {
    /// One output written for the input.
    public struct Output: Sendable, Equatable {
        public var format: String
        /// Relative to the output folder.
        public var path: String
        public var bytes: Int
        public var crc32: UInt32

        public init(format: String, path: String, bytes: Int, crc32: UInt32) {
            self.format = format
            self.path = path
            self.bytes = bytes
            self.crc32 = crc32
        }
    }

    /// Relative to the batch input, `/` separators: the file's identity in the archive.
    public var path: String
    /// `size:crc32` of the input, when it was read.
    public var input: String?
    /// ok, warnings, errors or failed.
    public var status: String
    /// Why a failed input failed (input, output, outOfSpace, worker), else nil.
    public var failure: String?
    public var message: String
    public var errors: Int
    public var warnings: Int
    public var pages: Int
    public var parseSeconds: Double
    public var outputs: [Output]

    public init(path: String, input: String?, status: String, failure: String? = nil, message: String = "",
                errors: Int = 0, warnings: Int = 0, pages: Int = 0, parseSeconds: Double = 0, outputs: [Output] = []) {
        self.path = path
        self.input = input
        self.status = status
        self.failure = failure
        self.message = message
        self.errors = errors
        self.warnings = warnings
        self.pages = pages
        self.parseSeconds = parseSeconds
        self.outputs = outputs
    }
}
