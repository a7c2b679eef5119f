/**
 * Global message numbers from the FIT profile (Profile.MesgNum in @garmin/fitsdk). The SDK types that table as
 * Record<string, number>, so every lookup would be `number | undefined`; the numbers are fixed by the protocol, and a
 * test checks them against the SDK's profile.
 */
export const fitMesgNum = {
  fileId: 0,
  session: 18,
  lap: 19,
  record: 20,
  event: 21,
  deviceInfo: 23,
  activity: 34,
  hrv: 78,
} as const;
