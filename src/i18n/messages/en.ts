import type { BodySensorLocation } from '../../core/ble/body-sensor-location';
import type { LostReason } from '../../core/strap/connection-state';

const locationWords: Record<BodySensorLocation, string> = {
  other: 'other',
  chest: 'chest',
  wrist: 'wrist',
  finger: 'finger',
  hand: 'hand',
  'ear-lobe': 'ear lobe',
  foot: 'foot',
};

const lostReasons: Record<LostReason, string> = {
  'chooser-cancelled': 'No strap was chosen. Tap "Connect strap" to try again.',
  'bluetooth-unavailable':
    'This browser cannot use Bluetooth. Try the simulated strap, or open Calm Run in Chrome.',
  'bluetooth-off': 'Bluetooth seems to be off. Switch it on and tap "Connect strap" again.',
  'permission-denied': 'Bluetooth access was not allowed. Allow it in the browser settings and try again.',
  'no-heart-rate-service': 'This device does not send a heart rate. Choose a heart-rate chest strap.',
  'connect-failed': 'The strap could not be reached. Wet the strap, check it is worn, and try again.',
  'packet-log-invalid': 'This packet log cannot be replayed.',
  'replay-ended': 'The replay has ended.',
};

export const en = {
  appName: 'Calm Run',
  appTagline: 'Your calm run, with a heart-rate strap.',
  skipToContent: 'Skip to content',
  language: 'Language',
  connectStrap: 'Connect strap',
  connectAnotherStrap: 'Add another strap',
  reconnectPairedStrap: (name: string) => `Reconnect ${name}`,
  unnamedStrap: 'Unnamed strap',
  trySimulatedStrap: 'Try a simulated strap',
  simulatedStrapHint: 'Shows the whole app with realistic data, no strap needed.',
  replayPacketLog: 'Replay a packet log',
  replayHint: 'For diagnostics: play back a strap recording (.jsonl).',
  pairingSteps: 'Wet the strap’s electrodes, put it on, then tap "Connect strap" and pick it in the list.',
  unsupportedTitle: 'This browser cannot connect to a strap',
  unsupportedBody:
    'Calm Run talks to your chest strap through Web Bluetooth. That works in Chrome and Edge on Android, Windows, macOS and ChromeOS. It does not work in Firefox, Safari or on iPhone and iPad.',
  unsupportedLinux:
    'On Linux, Chrome needs chrome://flags/#enable-experimental-web-platform-features switched on.',
  unsupportedStillTry: 'You can still try everything with the simulated strap.',
  stateIdle: 'Not connected',
  stateChoosing: 'Choose your strap in the list…',
  stateConnecting: 'Connecting…',
  stateLive: 'Live',
  stateReconnecting: 'Strap out of reach, reconnecting…',
  stateLost: 'Connection ended',
  lastBeatAgo: (seconds: number) => `Last beat ${seconds} s ago`,
  lostReason: (reason: LostReason) => lostReasons[reason],
  lostLine: (line: number) => `(line ${line})`,
  heartRate: 'Heart rate',
  bpm: 'bpm',
  noReading: 'No reading',
  contactGood: 'Skin contact',
  contactNone: 'No skin contact: wet the strap and tighten it',
  contactUnsupported: 'Contact not reported',
  battery: 'Battery',
  batteryPercent: (percent: number) => `${percent} %`,
  worn: 'Worn on',
  bodyLocation: (location: BodySensorLocation) => locationWords[location],
  strap: 'Strap',
  rrReceived: 'Beat intervals received',
  lastRr: 'Last beat intervals',
  ms: 'ms',
  disconnect: 'Disconnect',
  connectAgain: 'Connect again',
  remove: 'Remove',
  chartLabel: 'Heart rate over the last five minutes',
  chartEmpty: 'The chart fills as beats arrive.',
  diagnostics: 'Diagnostics',
  malformedPackets: 'Unreadable packets',
  lastMalformedReason: 'Last reason',
  none: 'none',
  deviceInfo: 'Device',
  recordPacketLog: 'Record packet log',
  stopPacketLog: 'Stop and save packet log',
  packetLogCount: (count: number) => `${count} packets recorded`,
  straps: 'Straps',
  simulatedBadge: 'simulated',
  replayBadge: 'replay',
} as const;

export type Messages = {
  readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K];
};
