/// How a letter reaches the resident. There is no e-mail or SMS channel for letters: a påkrav or a
/// termination sent that way is not validly given (ALL § 5, stk. 3; rules.md §3), and the other
/// letters follow the same two routes so that a resident's letters are all in one place.
public enum Channel: String, Sendable, CaseIterable, Codable {
    /// Næste generation Digital Post, as a public sender (digital-post.md).
    case digitalPost = "digital_post"
    /// A printed letter in a window envelope, through a print batch.
    case physical
}
