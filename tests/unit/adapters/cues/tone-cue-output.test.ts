import { describe, expect, it } from 'vitest';
import { defaultCueSettings, type CueSettings } from '../../../../src/adapters/cues/cue-output';
import type { PlayableCue } from '../../../../src/adapters/cues/playable-cue';
import { maxToneGain, toneAttackS, ToneCueOutput } from '../../../../src/adapters/cues/tone-cue-output';
import { tonePatternDurationMs } from '../../../../src/adapters/cues/tone-patterns';
import { FakeAudioContext, type ScheduledNote } from './fake-audio-context';
import { exampleCue } from './example-cues';

function setup(context = new FakeAudioContext(), volume = 1) {
  const settings: CueSettings = { ...defaultCueSettings, volume };
  let created = 0;
  const output = new ToneCueOutput({
    settings: () => settings,
    createContext: () => {
      created++;
      return context;
    },
  });
  return { output, context, created: () => created };
}

async function notesFor(cue: PlayableCue): Promise<ScheduledNote[]> {
  const { output, context } = setup();
  await output.play(cue);
  return context.notes();
}

const frequencies = (notes: readonly ScheduledNote[]) => notes.map((note) => note.frequencyHz);

describe('ToneCueOutput', () => {
  it('falls for slow-down', async () => {
    const heard = frequencies(await notesFor(exampleCue('slow-down')));
    expect(heard.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < heard.length; i++) expect(heard[i]).toBeLessThan(heard[i - 1] ?? 0);
  });

  it.each<PlayableCue>([exampleCue('back-in-zone'), exampleCue('speed-up'), exampleCue('plan-complete')])(
    'rises for $id',
    async (cue) => {
      const heard = frequencies(await notesFor(cue));
      expect(heard.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < heard.length; i++) expect(heard[i]).toBeGreaterThan(heard[i - 1] ?? Infinity);
    },
  );

  it.each<PlayableCue>([
    exampleCue('contact-lost'),
    exampleCue('phase-change', { phase: 'walk', durationMs: 120_000 }),
    exampleCue('status', { elapsedMs: 60_000, heartRateBpm: 120 }),
  ])('gives $id a level double beep', async (cue) => {
    const heard = frequencies(await notesFor(cue));
    expect(heard).toHaveLength(2);
    expect(heard[0]).toBe(heard[1]);
  });

  it('plays soft sine notes that start and end in silence, one after another', async () => {
    const notes = await notesFor(exampleCue('slow-down'));
    let previousStopS = -Infinity;
    for (const note of notes) {
      expect(note.type).toBe('sine');
      expect(note.startS).toBeGreaterThan(previousStopS);
      const first = note.envelope[0];
      const last = note.envelope.at(-1);
      expect(first).toEqual({ kind: 'set', value: 0, timeS: note.startS });
      expect(last).toEqual({ kind: 'ramp', value: 0, timeS: note.stopS });
      expect(note.envelope[1]).toEqual({
        kind: 'ramp',
        value: maxToneGain,
        timeS: note.startS + toneAttackS,
      });
      previousStopS = note.stopS;
    }
    expect(notes.at(-1)?.stopS ?? 0).toBeCloseTo(
      (notes[0]?.startS ?? 0) + tonePatternDurationMs('slow-down') / 1000,
      6,
    );
  });

  it('scales the loudness with the volume, and schedules nothing at volume 0', async () => {
    const quiet = setup(new FakeAudioContext(), 0.25);
    await quiet.output.play(exampleCue('back-in-zone'));
    const peaks = quiet.context.notes().map((note) => Math.max(...note.envelope.map((event) => event.value)));
    expect(peaks.every((peak) => peak === maxToneGain * 0.25)).toBe(true);

    const silent = setup(new FakeAudioContext(), 0);
    await silent.output.play(exampleCue('back-in-zone'));
    expect(silent.context.oscillators).toHaveLength(0);
  });

  it('does not overlap two cues played at once', async () => {
    const { output, context } = setup();
    await output.play(exampleCue('slow-down'));
    await output.play(exampleCue('back-in-zone'));
    const notes = context.notes();
    expect(notes).toHaveLength(6);
    expect(frequencies(notes.slice(0, 3))).toEqual(frequencies(await notesFor(exampleCue('slow-down'))));
    for (let i = 1; i < notes.length; i++) {
      expect(notes[i]?.startS ?? 0).toBeGreaterThan(notes[i - 1]?.stopS ?? Infinity);
    }
  });

  it('creates the audio context only when first needed, and resumes it on unlock', () => {
    const { output, context, created } = setup(new FakeAudioContext('suspended'));
    expect(created()).toBe(0);
    output.unlock();
    expect(created()).toBe(1);
    expect(context.resumeCalls).toBe(1);
    expect(context.notes()).toHaveLength(0);
    output.unlock();
    expect(created()).toBe(1);
  });

  it('plays only the newest of the cues that waited for audio to be allowed', async () => {
    const context = new FakeAudioContext('suspended');
    context.resumeAllowed = false;
    const { output } = setup(context);
    const first = output.play(exampleCue('slow-down'));
    const second = output.play(exampleCue('back-in-zone'));
    context.allowResume();
    await Promise.all([first, second]);
    expect(frequencies(context.notes())).toEqual(frequencies(await notesFor(exampleCue('back-in-zone'))));
  });

  it('never throws without Web Audio or when the context cannot be made', async () => {
    const none = new ToneCueOutput({ settings: () => defaultCueSettings, createContext: null });
    expect(none.supported).toBe(false);
    await expect(none.play(exampleCue('slow-down'))).resolves.toBeUndefined();
    const broken = new ToneCueOutput({
      settings: () => defaultCueSettings,
      createContext: () => {
        throw new Error('NotAllowedError');
      },
    });
    expect(() => {
      broken.unlock();
    }).not.toThrow();
    await expect(broken.play(exampleCue('slow-down'))).resolves.toBeUndefined();
  });
});

describe('ToneCueOutput: the breathing pacer’s cues', () => {
  it('glides up for breathing in and down for breathing out, one soft note each', async () => {
    const [breatheIn, ...moreIn] = await notesFor({ id: 'breathe-in' });
    const [breatheOut, ...moreOut] = await notesFor({ id: 'breathe-out' });
    expect(moreIn).toEqual([]);
    expect(moreOut).toEqual([]);
    expect(breatheIn?.glideToHz).toBeGreaterThan(breatheIn?.frequencyHz ?? Infinity);
    expect(breatheOut?.glideToHz).toBeLessThan(breatheOut?.frequencyHz ?? 0);
    // The same two pitches, each way round.
    expect([breatheOut?.glideToHz, breatheOut?.frequencyHz]).toEqual([
      breatheIn?.frequencyHz,
      breatheIn?.glideToHz,
    ]);
  });

  it('swells and fades slowly and stays under a coaching cue’s loudness', async () => {
    const [breath] = await notesFor({ id: 'breathe-in' });
    const [beep] = await notesFor(exampleCue('slow-down'));
    if (!breath || !beep) throw new Error('no note');
    const peak = (note: ScheduledNote) => Math.max(...note.envelope.map((event) => event.value));
    expect(peak(breath)).toBeLessThan(peak(beep) / 2);
    expect(peak(breath)).toBeGreaterThan(0);
    const attack = breath.envelope[1];
    expect(attack?.kind).toBe('ramp');
    expect((attack?.timeS ?? 0) - breath.startS).toBeGreaterThan(4 * toneAttackS);
    expect(breath.envelope.at(-1)).toEqual({ kind: 'ramp', value: 0, timeS: breath.stopS });
    expect(breath.stopS - breath.startS).toBeGreaterThan(2 * (beep.stopS - beep.startS));
  });

  it('lets the audio context go on close, and makes a new one for a later cue', async () => {
    const contexts: FakeAudioContext[] = [];
    const output = new ToneCueOutput({
      settings: () => defaultCueSettings,
      createContext: () => {
        const context = new FakeAudioContext();
        contexts.push(context);
        return context;
      },
    });
    await output.play({ id: 'breathe-in' });
    output.close();
    output.close();
    expect(contexts).toHaveLength(1);
    expect(contexts[0]?.closeCalls).toBe(1);
    await output.play({ id: 'breathe-out' });
    expect(contexts).toHaveLength(2);
    expect(contexts[1]?.notes()).toHaveLength(1);
  });
});
