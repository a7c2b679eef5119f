import { hexToBytes } from '../../../src/core';
import { seededRandom } from '../../unit/core/session/support/simulated-run';
import { readSharedVector } from '../../unit/support/shared-vectors';

/**
 * Hostile Heart Rate Measurement packets for the fuzz bench: the valid packets of the shared vectors
 * (../shared/vectors/hrm/packets.json), mutated, and pure random bytes. Packet `index` of run `seed` depends on
 * nothing else, so a failure found at packet 812,345 is regenerated alone from the two numbers.
 */

export type Mutation =
  'valid' | 'bit-flips' | 'truncated' | 'extended' | 'flags-changed' | 'resized' | 'random' | 'stacked';

const mutations: readonly Mutation[] = [
  'valid',
  'bit-flips',
  'truncated',
  'extended',
  'flags-changed',
  'resized',
  'random',
  'stacked',
];

/** Longest packet made: 64 bytes is more than any ATT MTU a strap negotiates in practice carries in one value. */
export const maxFuzzPacketBytes = 64;

interface PacketVector {
  hex: string;
  valid: boolean;
}

/** The valid packets of the shared vectors: the material every mutation starts from. */
export function validVectorPackets(): Uint8Array[] {
  const vectors = readSharedVector('hrm/packets.json') as PacketVector[];
  return vectors.flatMap((vector) => {
    const bytes = vector.valid ? hexToBytes(vector.hex) : undefined;
    return bytes ? [bytes] : [];
  });
}

export interface FuzzPacket {
  mutation: Mutation;
  bytes: Uint8Array;
}

type Random = () => number;

const below = (random: Random, n: number): number => Math.floor(random() * n);

function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = below(random, 256);
  return bytes;
}

function flipBits(random: Random, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const flips = 1 + below(random, 4);
  for (let i = 0; i < flips; i++) {
    const at = below(random, out.length);
    out[at] = (out[at] ?? 0) ^ (1 << below(random, 8));
  }
  return out;
}

function truncate(random: Random, bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, below(random, bytes.length));
}

function extend(random: Random, bytes: Uint8Array): Uint8Array {
  const extra = randomBytes(random, 1 + below(random, 16));
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes);
  out.set(extra, bytes.length);
  return out.slice(0, maxFuzzPacketBytes);
}

/** A new flags byte: one meaningful bit toggled (16-bit rate, contact, energy, RR) or a wholly random byte. */
function changeFlags(random: Random, bytes: Uint8Array): Uint8Array {
  const out = bytes.length === 0 ? new Uint8Array(1) : bytes.slice();
  const meaningful = [0x01, 0x02, 0x04, 0x08, 0x10];
  out[0] =
    random() < 0.7 ? (out[0] ?? 0) ^ (meaningful[below(random, meaningful.length)] ?? 0) : below(random, 256);
  return out;
}

function resize(random: Random, bytes: Uint8Array): Uint8Array {
  const length = below(random, maxFuzzPacketBytes + 1);
  const out = randomBytes(random, length);
  out.set(bytes.subarray(0, length));
  return out;
}

function mutate(random: Random, mutation: Mutation, base: Uint8Array): Uint8Array {
  switch (mutation) {
    case 'valid':
      return base.slice();
    case 'bit-flips':
      return flipBits(random, base);
    case 'truncated':
      return truncate(random, base);
    case 'extended':
      return extend(random, base);
    case 'flags-changed':
      return changeFlags(random, base);
    case 'resized':
      return resize(random, base);
    case 'random':
      return randomBytes(random, below(random, maxFuzzPacketBytes + 1));
    case 'stacked': {
      let bytes = base;
      const steps = 2 + below(random, 3);
      for (let i = 0; i < steps; i++)
        bytes = mutate(random, mutations[1 + below(random, 5)] ?? 'valid', bytes);
      return bytes;
    }
  }
}

/** Packet `index` of the run `seed`: a mutation picked evenly, applied to a valid vector packet picked evenly. */
export function fuzzPacket(seed: number, index: number, bases: readonly Uint8Array[]): FuzzPacket {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const mutation = mutations[below(random, mutations.length)] ?? 'valid';
  const base = bases[below(random, bases.length)] ?? new Uint8Array(0);
  return { mutation, bytes: mutate(random, mutation, base) };
}

/**
 * What the Heart Rate Service 1.0 (section 3.1) makes of these bytes, written from the specification as an oracle
 * for the decoder: undefined when the flags announce more bytes than there are (or half an RR interval), else the
 * values in the packet's own units.
 */
export function specReading(bytes: Uint8Array):
  | {
      heartRateBpm: number;
      contact: 'unsupported' | 'no-contact' | 'contact';
      energyKj?: number;
      rr1024: number[];
    }
  | undefined {
  if (bytes.length === 0) return undefined;
  const flags = bytes[0] ?? 0;
  const wide = (flags & 0x01) !== 0;
  const hasEnergy = (flags & 0x08) !== 0;
  const hasRr = (flags & 0x10) !== 0;
  const uint16At = (at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  const rrStart = 1 + (wide ? 2 : 1) + (hasEnergy ? 2 : 0);
  if (bytes.length < rrStart) return undefined;
  if (hasRr && (bytes.length - rrStart) % 2 === 1) return undefined;
  const rr1024: number[] = [];
  if (hasRr) for (let at = rrStart; at < bytes.length; at += 2) rr1024.push(uint16At(at));
  const contact = (flags & 0x04) === 0 ? 'unsupported' : (flags & 0x02) === 0 ? 'no-contact' : 'contact';
  return {
    heartRateBpm: wide ? uint16At(1) : (bytes[1] ?? 0),
    contact,
    ...(hasEnergy && { energyKj: uint16At(wide ? 3 : 2) }),
    rr1024,
  };
}
