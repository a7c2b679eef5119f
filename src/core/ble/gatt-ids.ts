/**
 * Bluetooth SIG assigned numbers used by a heart-rate strap. Web Bluetooth accepts these names or full UUIDs;
 * full 128-bit forms are kept for comparisons with what a device reports.
 */
export const gattServices = {
  heartRate: 'heart_rate', // 0x180D
  battery: 'battery_service', // 0x180F
  deviceInformation: 'device_information', // 0x180A
} as const;

export const gattCharacteristics = {
  heartRateMeasurement: 'heart_rate_measurement', // 0x2A37
  bodySensorLocation: 'body_sensor_location', // 0x2A38
  heartRateControlPoint: 'heart_rate_control_point', // 0x2A39
  batteryLevel: 'battery_level', // 0x2A19
  manufacturerName: 'manufacturer_name_string', // 0x2A29
  modelNumber: 'model_number_string', // 0x2A24
  firmwareRevision: 'firmware_revision_string', // 0x2A26
} as const;

/** The 128-bit UUID of a 16-bit SIG assigned number, as GATT reports it. */
export function sigUuid(shortId: number): string {
  return `0000${shortId.toString(16).padStart(4, '0')}-0000-1000-8000-00805f9b34fb`;
}
