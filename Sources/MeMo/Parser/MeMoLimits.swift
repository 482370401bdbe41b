/// The bounds within which `MeMoParser` reads untrusted XML (digital-post.md, "Incoming XML is
/// untrusted"). Each bound stops the parse with its own `MeMoParseError`.
public struct MeMoLimits: Hashable, Sendable {
    /// Checked before parsing starts.
    public var maxBytes: Int
    /// Element nesting; the deepest MeMo element is at 7.
    public var maxDepth: Int
    /// Elements in the whole document.
    public var maxElements: Int
    /// UTF-8 bytes of the text of one element other than `File/content`. The longest MeMo text is
    /// 512 characters, so 64 KiB leaves room without letting a label hold a file.
    public var maxTextBytes: Int
    /// Wall-clock time for the XML stage, checked between chunks and at every element.
    public var timeLimit: Duration

    public init(
        maxBytes: Int = MeMoLimits.bytes(forContent: MeMoLimits.publicSenderContentBytes),
        maxDepth: Int = 32,
        maxElements: Int = 100_000,
        maxTextBytes: Int = 65_536,
        timeLimit: Duration = .seconds(5)
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxTextBytes = maxTextBytes
        self.timeLimit = timeLimit
    }

    /// For a message from a public sender: its files may hold 99.5 MB.
    public static let `default` = MeMoLimits()

    /// 99.5 MB, counted in decimal megabytes: the conservative reading of NgDP's limit.
    public static let publicSenderContentBytes = 99_500_000

    /// Room for the XML of a message whose files hold `contentBytes` in all: their base64 text
    /// (4 characters per 3 bytes) plus 1 MiB for the header, element names and indentation.
    public static func bytes(forContent contentBytes: Int) -> Int {
        Base64.encodedCount(contentBytes) + headerAllowance
    }

    static let headerAllowance = 1_048_576
}
