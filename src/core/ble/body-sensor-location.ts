/** Body Sensor Location (0x2A38): where the strap says it is worn. */
export type BodySensorLocation = 'other' | 'chest' | 'wrist' | 'finger' | 'hand' | 'ear-lobe' | 'foot';

const locations: readonly BodySensorLocation[] = [
  'other',
  'chest',
  'wrist',
  'finger',
  'hand',
  'ear-lobe',
  'foot',
];

/** Values 7-255 are reserved: a strap that reports one is shown as "other" rather than refused. */
export function decodeBodySensorLocation(value: DataView): BodySensorLocation | undefined {
  if (value.byteLength < 1) return undefined;
  return locations[value.getUint8(0)] ?? 'other';
}
