/// `dmv:MotorVehicle`: a vehicle from the motor register (Motorregistret), by registration number
/// (nummerplade) and chassis number (stelnummer).
public struct MeMoMotorVehicle: Hashable, Sendable {
    public var licenseNumber: String
    public var chassisNumber: String?

    public init(licenseNumber: String, chassisNumber: String? = nil) {
        self.licenseNumber = licenseNumber
        self.chassisNumber = chassisNumber
    }
}
