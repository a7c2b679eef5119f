import type { SensorContact } from '../../core/ble/heart-rate-measurement';
import type { SessionSample } from '../../core/session/session-model';

/**
 * Samples as parallel arrays, the way a backup stores them: one number per field per sample instead of one JSON
 * object per notification, which would triple the size of a long run. RR intervals are flattened, with each
 * sample's count in rrCount.
 */
export interface CompactSamples {
  elapsedMs: number[];
  heartRateBpm: (number | null)[];
  /** 0 unsupported, 1 no-contact, 2 contact. */
  contact: ContactCode[];
  rrCount: number[];
  /** Every RR interval, in 1/1024 s, in sample order. */
  rr1024: number[];
}

export type ContactCode = 0 | 1 | 2;

const contactCodes: readonly SensorContact[] = ['unsupported', 'no-contact', 'contact'];

export function toCompactSamples(samples: readonly SessionSample[]): CompactSamples {
  const compact: CompactSamples = { elapsedMs: [], heartRateBpm: [], contact: [], rrCount: [], rr1024: [] };
  for (const sample of samples) {
    compact.elapsedMs.push(sample.elapsedMs);
    compact.heartRateBpm.push(sample.heartRateBpm);
    compact.contact.push(contactCode(sample.sensorContact));
    compact.rrCount.push(sample.rrIntervals1024.length);
    for (const rr of sample.rrIntervals1024) compact.rr1024.push(rr);
  }
  return compact;
}

/** Expects arrays already checked to be consistent (equal lengths, counts adding up to rr1024's length). */
export function fromCompactSamples(compact: CompactSamples): SessionSample[] {
  const samples: SessionSample[] = [];
  let rrOffset = 0;
  compact.elapsedMs.forEach((elapsedMs, index) => {
    const rrCount = compact.rrCount[index] ?? 0;
    samples.push({
      elapsedMs,
      heartRateBpm: compact.heartRateBpm[index] ?? null,
      sensorContact: contactCodes[compact.contact[index] ?? 0] ?? 'unsupported',
      rrIntervals1024: compact.rr1024.slice(rrOffset, rrOffset + rrCount),
    });
    rrOffset += rrCount;
  });
  return samples;
}

function contactCode(contact: SensorContact): ContactCode {
  switch (contact) {
    case 'unsupported':
      return 0;
    case 'no-contact':
      return 1;
    case 'contact':
      return 2;
  }
}
