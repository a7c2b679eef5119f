/** Battery Level (0x2A19): a percentage 0-100; values above 100 are reserved and read as unknown. */
export function decodeBatteryLevel(value: DataView): number | undefined {
  if (value.byteLength < 1) return undefined;
  const percent = value.getUint8(0);
  return percent <= 100 ? percent : undefined;
}
