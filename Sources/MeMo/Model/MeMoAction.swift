/// `Action` (handling): something the recipient can do from the letter, such as paying, booking
/// or opening a self-service page.
public struct MeMoAction: Hashable, Sendable {
    public var label: String
    public var actionCode: MeMoActionCode
    public var startDateTime: MeMoDateTime?
    public var endDateTime: MeMoDateTime?
    /// A calendar appointment, for `AFTALE`.
    public var reservation: MeMoReservation?
    /// A link; NgDP accepts https only.
    public var entryPoint: MeMoEntryPoint?

    public init(
        label: String,
        actionCode: MeMoActionCode,
        startDateTime: MeMoDateTime? = nil,
        endDateTime: MeMoDateTime? = nil,
        reservation: MeMoReservation? = nil,
        entryPoint: MeMoEntryPoint? = nil
    ) {
        self.label = label
        self.actionCode = actionCode
        self.startDateTime = startDateTime
        self.endDateTime = endDateTime
        self.reservation = reservation
        self.entryPoint = entryPoint
    }
}
