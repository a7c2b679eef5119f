import type { BodySensorLocation } from '../../core/ble/body-sensor-location';
import type { LostReason } from '../../core/strap/connection-state';
import type { Messages } from './en';

const locationWords: Record<BodySensorLocation, string> = {
  other: 'anders',
  chest: 'borst',
  wrist: 'pols',
  finger: 'vinger',
  hand: 'hand',
  'ear-lobe': 'oorlel',
  foot: 'voet',
};

const lostReasons: Record<LostReason, string> = {
  'chooser-cancelled': 'Er is geen band gekozen. Tik op "Band koppelen" om het opnieuw te proberen.',
  'bluetooth-unavailable':
    'Deze browser kan geen Bluetooth gebruiken. Probeer de gesimuleerde band, of open Calm Run in Chrome.',
  'bluetooth-off': 'Bluetooth lijkt uit te staan. Zet het aan en tik nog eens op "Band koppelen".',
  'permission-denied':
    'Bluetooth mag niet gebruikt worden. Sta het toe in de browserinstellingen en probeer opnieuw.',
  'no-heart-rate-service': 'Dit apparaat geeft geen hartslag door. Kies een hartslagband.',
  'connect-failed':
    'De band is niet bereikbaar. Maak de band nat, controleer of je hem draagt en probeer opnieuw.',
  'packet-log-invalid': 'Deze pakketlog kan niet worden afgespeeld.',
  'replay-ended': 'De herhaling is afgelopen.',
};

export const nl: Messages = {
  appName: 'Calm Run',
  appTagline: 'Jouw rustige duurloop, met een hartslagband.',
  skipToContent: 'Naar de inhoud',
  language: 'Taal',
  connectStrap: 'Band koppelen',
  connectAnotherStrap: 'Nog een band koppelen',
  reconnectPairedStrap: (name) => `${name} opnieuw verbinden`,
  unnamedStrap: 'Band zonder naam',
  trySimulatedStrap: 'Probeer een gesimuleerde band',
  simulatedStrapHint: 'Laat de hele app zien met echte gegevens, zonder band.',
  replayPacketLog: 'Pakketlog afspelen',
  replayHint: 'Voor diagnose: speel een opname van een band af (.jsonl).',
  pairingSteps:
    'Maak de elektroden van de band nat, doe hem om, tik op "Band koppelen" en kies hem in de lijst.',
  unsupportedTitle: 'Deze browser kan geen band verbinden',
  unsupportedBody:
    'Calm Run praat met je hartslagband via Web Bluetooth. Dat werkt in Chrome en Edge op Android, Windows, macOS en ChromeOS. Het werkt niet in Firefox, Safari of op iPhone en iPad.',
  unsupportedLinux:
    'Op Linux moet in Chrome chrome://flags/#enable-experimental-web-platform-features aan staan.',
  unsupportedStillTry: 'Met de gesimuleerde band kun je alles toch uitproberen.',
  stateIdle: 'Niet verbonden',
  stateChoosing: 'Kies je band in de lijst…',
  stateConnecting: 'Verbinden…',
  stateLive: 'Live',
  stateReconnecting: 'Band buiten bereik, opnieuw verbinden…',
  stateLost: 'Verbinding beëindigd',
  lastBeatAgo: (seconds) => `Laatste slag ${seconds} s geleden`,
  lostReason: (reason) => lostReasons[reason],
  lostLine: (line) => `(regel ${line})`,
  heartRate: 'Hartslag',
  bpm: 'sl/min',
  noReading: 'Geen meting',
  contactGood: 'Huidcontact',
  contactNone: 'Geen huidcontact: maak de band nat en trek hem strakker',
  contactUnsupported: 'Contact niet gemeld',
  battery: 'Batterij',
  batteryPercent: (percent) => `${percent} %`,
  worn: 'Gedragen op',
  bodyLocation: (location) => locationWords[location],
  strap: 'Band',
  rrReceived: 'Slag-tot-slagintervallen ontvangen',
  lastRr: 'Laatste intervallen',
  ms: 'ms',
  disconnect: 'Verbinding verbreken',
  connectAgain: 'Opnieuw verbinden',
  remove: 'Verwijderen',
  chartLabel: 'Hartslag in de laatste vijf minuten',
  chartEmpty: 'De grafiek vult zich zodra er slagen binnenkomen.',
  diagnostics: 'Diagnose',
  malformedPackets: 'Onleesbare pakketten',
  lastMalformedReason: 'Laatste reden',
  none: 'geen',
  deviceInfo: 'Apparaat',
  recordPacketLog: 'Pakketlog opnemen',
  stopPacketLog: 'Stoppen en pakketlog bewaren',
  packetLogCount: (count) => `${count} pakketten opgenomen`,
  straps: 'Banden',
  simulatedBadge: 'gesimuleerd',
  replayBadge: 'herhaling',
};
