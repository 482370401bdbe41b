/// Where print batches go (digital-post.md, "Physical letters"): a print-and-post provider can be
/// plugged in here. The built-in one hands the batch to staff, who download the PDF and the
/// manifest, post the letters, and mark the batch dispatched.
protocol PrintProvider: Sendable {
    /// Shown to staff next to the batch.
    var name: String { get }
    /// Hands a new batch to the provider. Throwing leaves the batch undispatched, to try again.
    func submit(_ batch: PrintBatchSummary) async throws
}

/// What a provider needs to know of a batch.
struct PrintBatchSummary: Sendable, Equatable {
    let number: Int
    let letterCount: Int
    let pageCount: Int
}

/// Staff print and post the batch themselves: nothing to hand over.
struct ManualPrintProvider: PrintProvider {
    let name = "manual"

    func submit(_ batch: PrintBatchSummary) async throws {}
}
