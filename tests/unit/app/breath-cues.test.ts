import { describe, expect, it, vi } from 'vitest';
import type { CueLocale } from '../../../src/adapters/cues/cue-output';
import type { CuePlayReport } from '../../../src/adapters/cues/cue-player';
import { BreathCues } from '../../../src/app/breath-cues';
import type { BreathingSounds } from '../../../src/app/breathing-session.svelte';
import { FakeAudioContext } from '../adapters/cues/fake-audio-context';
import { createFakeUtterance, FakeSpeechSynthesis, voice } from '../adapters/cues/fake-speech-synthesis';
import { FakeClock } from '../support/fake-clock';

const allOff: BreathingSounds = { tones: false, voice: false, vibration: false };

function setup(sounds: Partial<BreathingSounds>, startLocale: CueLocale = 'nl') {
  let locale = startLocale;
  const synthesis = new FakeSpeechSynthesis([voice('Xander', 'nl-NL'), voice('Daniel', 'en-GB')]);
  const context = new FakeAudioContext('suspended');
  const vibrate = vi.fn((_pattern: number[]) => true);
  const reports: CuePlayReport[] = [];
  const cues = new BreathCues(
    { ...allOff, ...sounds },
    { locale: () => locale, volume: 0.4, voiceName: 'Xander' },
    {
      synthesis,
      createUtterance: createFakeUtterance,
      createAudioContext: () => context,
      vibrate,
      clock: new FakeClock(),
      onPlayed: (report) => reports.push(report),
    },
  );
  const switchTo = (next: CueLocale) => (locale = next);
  return { cues, synthesis, context, vibrate, reports, switchTo };
}

/** Lets the tone output's async play() run its scheduling. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('BreathCues', () => {
  it('plays each phase as the breath cue of the same name, on the outputs chosen for the exercise', async () => {
    const { cues, synthesis, context, vibrate, reports } = setup({ voice: true, vibration: true });
    cues.unlock();
    cues.play('in');
    synthesis.finishCurrent();
    cues.play('out');
    await settle();
    expect(reports.map((report) => [report.cue.id, report.channels])).toEqual([
      ['breathe-in', ['voice', 'vibration']],
      ['breathe-out', ['voice', 'vibration']],
    ]);
    expect(synthesis.spokenTexts).toEqual(['in', 'uit']);
    expect(synthesis.spoken.every((utterance) => utterance.volume === 0.4)).toBe(true);
    expect(vibrate.mock.calls.map(([pattern]) => pattern)).toEqual([[60], [40, 120, 40]]);
    expect(context.notes()).toEqual([]);
  });

  it('plays only the glide when only tones are chosen, once a tap has let audio start', async () => {
    const { cues, synthesis, context, vibrate } = setup({ tones: true });
    cues.unlock();
    expect(context.resumeCalls).toBe(1);
    cues.play('in');
    await settle();
    expect(context.notes()).toHaveLength(1);
    expect(synthesis.spoken).toHaveLength(0);
    expect(vibrate).not.toHaveBeenCalled();
  });

  it('plays nothing, and never starts audio, when no cue is chosen', async () => {
    const { cues, synthesis, context, vibrate, reports } = setup({});
    cues.unlock();
    cues.play('in');
    await settle();
    expect(context.resumeCalls).toBe(0);
    expect(context.oscillators).toHaveLength(0);
    expect(synthesis.spoken).toHaveLength(0);
    expect(vibrate).not.toHaveBeenCalled();
    expect(reports[0]?.channels).toEqual([]);
  });

  it('follows a language switch at the next breath', () => {
    const { cues, synthesis, switchTo } = setup({ voice: true }, 'en');
    cues.play('out');
    synthesis.finishCurrent();
    switchTo('nl');
    cues.play('out');
    expect(synthesis.spokenTexts).toEqual(['out', 'uit']);
    expect(synthesis.spoken.map((utterance) => utterance.voice?.name)).toEqual(['Daniel', 'Xander']);
  });

  it('silences the voice and lets the audio go when the exercise stops', async () => {
    const { cues, synthesis, context } = setup({ tones: true, voice: true });
    cues.unlock();
    cues.play('in');
    await settle();
    cues.stop();
    expect(synthesis.cancelCount).toBe(1);
    expect(context.closeCalls).toBe(1);
  });
});
