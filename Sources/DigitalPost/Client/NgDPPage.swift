import Foundation

/// One page of ids from one of NgDP's paged lists (Spring-style: `content`, `number`, `size`,
/// `totalElements`, `totalPages`). Pages are numbered from 0.
public struct NgDPPage<ID: Hashable & Sendable>: Hashable, Sendable {
    public var content: [ID]
    /// This page's number, from 0.
    public var number: Int
    /// The page size asked for.
    public var size: Int
    public var totalElements: Int
    public var totalPages: Int

    public init(content: [ID], number: Int, size: Int, totalElements: Int, totalPages: Int) {
        self.content = content
        self.number = number
        self.size = size
        self.totalElements = totalElements
        self.totalPages = totalPages
    }

    /// Whether a later page exists.
    public var hasNextPage: Bool { number + 1 < totalPages }
}

/// The UUIDs of messages waiting for the receiving system (modtagesystem).
public typealias NgDPIncomingPage = NgDPPage<UUID>

/// The ids of receipts waiting to be pulled. NgDP does not promise they are UUIDs, so they are text.
public typealias NgDPReceiptPage = NgDPPage<String>
