/// `Reservation`: a calendar appointment offered by an `AFTALE` action.
public struct MeMoReservation: Hashable, Sendable {
    public var description: String
    public var reservationUUID: String
    public var abstract: String
    public var location: String
    public var startDateTime: MeMoDateTime
    public var endDateTime: MeMoDateTime
    public var organizerMail: String?
    public var organizerName: String?

    public init(
        description: String,
        reservationUUID: String,
        abstract: String,
        location: String,
        startDateTime: MeMoDateTime,
        endDateTime: MeMoDateTime,
        organizerMail: String? = nil,
        organizerName: String? = nil
    ) {
        self.description = description
        self.reservationUUID = reservationUUID
        self.abstract = abstract
        self.location = location
        self.startDateTime = startDateTime
        self.endDateTime = endDateTime
        self.organizerMail = organizerMail
        self.organizerName = organizerName
    }
}
