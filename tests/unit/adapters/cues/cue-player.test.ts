import { describe, expect, it, vi } from 'vitest';
import { defaultCueSettings, type CueSettings } from '../../../../src/adapters/cues/cue-output';
import { CuePlayer, type CuePlayReport } from '../../../../src/adapters/cues/cue-player';
import type { VoiceLike } from '../../../../src/adapters/cues/pick-voice';
import { maxToneGain } from '../../../../src/adapters/cues/tone-cue-output';
import { tonePatternDurationMs } from '../../../../src/adapters/cues/tone-patterns';
import { FakeClock } from '../../support/fake-clock';
import { FakeAudioContext } from './fake-audio-context';
import { createFakeUtterance, FakeSpeechSynthesis, voice } from './fake-speech-synthesis';
import { exampleCue } from './example-cues';

const dutch = voice('Xander', 'nl-NL');
const english = voice('Daniel', 'en-GB');

function setup(settings: Partial<CueSettings> = {}, voices: VoiceLike[] = [dutch, english]) {
  const synthesis = new FakeSpeechSynthesis(voices);
  const context = new FakeAudioContext();
  const vibrate = vi.fn((_pattern: number[]) => true);
  const clock = new FakeClock();
  const reports: CuePlayReport[] = [];
  const player = new CuePlayer({
    settings: { ...defaultCueSettings, locale: 'nl', ...settings },
    synthesis,
    createUtterance: createFakeUtterance,
    createAudioContext: () => context,
    vibrate,
    clock,
    onPlayed: (report) => reports.push(report),
  });
  return { player, synthesis, context, vibrate, clock, reports };
}

/** Lets the tone output's async play() run its scheduling. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('CuePlayer', () => {
  it('speaks and vibrates by default, and plays no tones', async () => {
    const { player, synthesis, context, vibrate, reports } = setup();
    player.play(exampleCue('slow-down'));
    await settle();
    expect(synthesis.spokenTexts).toEqual(['Rustig aan, een tikje langzamer']);
    expect(vibrate).toHaveBeenCalledOnce();
    expect(context.oscillators).toHaveLength(0);
    expect(reports).toEqual([
      { cue: exampleCue('slow-down'), channels: ['voice', 'vibration'], voiceFallback: undefined },
    ]);
  });

  it('plays tones instead when no voice speaks the language, even with tones switched off', async () => {
    const { player, synthesis, context, reports } = setup({ tones: false }, [english]);
    player.play(exampleCue('slow-down'));
    await settle();
    expect(synthesis.spoken).toHaveLength(0);
    expect(context.notes()).toHaveLength(3);
    expect(reports[0]?.voiceFallback).toBe('no-voice');
    expect(player.voiceAvailability()).toBe('no-voice');
  });

  it('respects every switch', async () => {
    const { player, synthesis, context, vibrate, reports } = setup({
      voice: false,
      tones: false,
      vibration: false,
    });
    player.play(exampleCue('slow-down'));
    await settle();
    expect(synthesis.spoken).toHaveLength(0);
    expect(context.oscillators).toHaveLength(0);
    expect(vibrate).not.toHaveBeenCalled();
    expect(reports[0]?.channels).toEqual([]);

    player.updateSettings({ tones: true });
    player.play(exampleCue('back-in-zone'));
    await settle();
    expect(context.notes()).toHaveLength(3);
    expect(synthesis.spoken).toHaveLength(0);
  });

  it('applies the volume to voice and tones, clamped to 0-1', async () => {
    const { player, synthesis, context, clock } = setup({ tones: true, volume: 0.3 });
    player.play(exampleCue('back-in-zone'));
    await settle();
    clock.advance(10_000);
    synthesis.finishCurrent();
    const peaks = context.notes().map((note) => Math.max(...note.envelope.map((event) => event.value)));
    expect(peaks).toEqual([0.3 * maxToneGain, 0.3 * maxToneGain, 0.3 * maxToneGain]);
    player.updateSettings({ volume: 7 });
    expect(player.settings.volume).toBe(1);
    player.updateSettings({ volume: 0.3 });
    player.play(exampleCue('slow-down'));
    clock.advance(10_000);
    expect(synthesis.spoken.map((utterance) => utterance.volume)).toEqual([0.3, 0.3]);
  });

  it('says the words after the tones when both are on, and a newer cue replaces words still waiting', async () => {
    const { player, synthesis, clock } = setup({ tones: true });
    player.play(exampleCue('slow-down'));
    await settle();
    clock.advance(tonePatternDurationMs('slow-down'));
    expect(synthesis.spoken).toHaveLength(0);
    player.play(exampleCue('back-in-zone'));
    clock.advance(10_000);
    expect(synthesis.spokenTexts).toEqual(['Mooi, je zit weer in je rustige zone']);
  });

  it('tries to speak and also plays tones while the browser lists no voices', async () => {
    const { player, synthesis, context, clock, reports } = setup({}, []);
    player.play(exampleCue('slow-down'));
    await settle();
    clock.advance(10_000);
    expect(synthesis.spoken).toHaveLength(1);
    expect(context.notes()).toHaveLength(3);
    expect(reports[0]?.voiceFallback).toBe('unlisted');
  });

  it('plays tones when the voice fails, once per cue', async () => {
    const { player, synthesis, context, reports } = setup();
    player.play(exampleCue('slow-down'));
    synthesis.failCurrent('network');
    await settle();
    expect(context.notes()).toHaveLength(3);
    expect(reports.at(-1)).toEqual({
      cue: exampleCue('slow-down'),
      channels: ['tones'],
      voiceFallback: 'failed',
    });

    const unlisted = setup({}, []);
    unlisted.player.play(exampleCue('slow-down'));
    unlisted.clock.advance(10_000);
    unlisted.synthesis.failCurrent('synthesis-failed');
    await settle();
    expect(unlisted.context.notes()).toHaveLength(3);
  });

  it('switches language and stops speaking when the voice is switched off', () => {
    const { player, synthesis } = setup();
    player.updateSettings({ locale: 'en' });
    player.play(exampleCue('speed-up'));
    player.play(exampleCue('contact-lost'));
    expect(synthesis.spokenTexts).toEqual(['You may speed up a little']);
    player.updateSettings({ voice: false });
    expect(synthesis.cancelCount).toBe(1);
    synthesis.finishCurrent();
    expect(synthesis.spoken).toHaveLength(1);
  });

  it('test sound unlocks audio and plays the test cue on every enabled output', async () => {
    const { player, synthesis, context, vibrate, clock } = setup({ tones: true });
    context.state = 'suspended';
    const report = player.testSound();
    expect(context.resumeCalls).toBeGreaterThan(0);
    expect(report.channels).toEqual(['tones', 'voice', 'vibration']);
    await settle();
    clock.advance(10_000);
    expect(synthesis.spokenTexts).toEqual(['Hoi, zo klinkt Calm Run tijdens het lopen']);
    expect(context.notes().length).toBeGreaterThan(0);
    expect(vibrate).toHaveBeenCalledOnce();
  });

  it('leaves vibration out where the device cannot vibrate', () => {
    const player = new CuePlayer({
      synthesis: new FakeSpeechSynthesis([english]),
      createUtterance: createFakeUtterance,
      createAudioContext: null,
      vibrate: null,
    });
    expect(player.testSound().channels).toEqual(['voice']);
  });

  it('says a breath’s word at once over its glide, not after it as with a coaching cue', async () => {
    const { player, synthesis, context, vibrate, reports } = setup({ tones: true });
    player.play({ id: 'breathe-in' });
    await settle();
    expect(synthesis.spokenTexts).toEqual(['in']);
    const [glide] = context.notes();
    expect(glide?.glideToHz).toBeGreaterThan(glide?.frequencyHz ?? Infinity);
    expect(vibrate).toHaveBeenCalledWith([60]);
    expect(reports).toEqual([
      { cue: { id: 'breathe-in' }, channels: ['tones', 'voice', 'vibration'], voiceFallback: undefined },
    ]);
  });

  it('glides instead of a breath word no voice can say', async () => {
    const { player, synthesis, context, reports } = setup({ tones: false, vibration: false }, [english]);
    player.play({ id: 'breathe-out' });
    await settle();
    expect(synthesis.spoken).toHaveLength(0);
    const [glide, ...more] = context.notes();
    expect(more).toEqual([]);
    expect(glide?.glideToHz).toBeLessThan(glide?.frequencyHz ?? 0);
    expect(reports[0]).toEqual({
      cue: { id: 'breathe-out' },
      channels: ['tones'],
      voiceFallback: 'no-voice',
    });
  });

  it('lets the audio go and stops speaking when disposed', async () => {
    const { player, synthesis, context } = setup({ tones: true });
    player.play({ id: 'breathe-in' });
    await settle();
    player.dispose();
    expect(context.closeCalls).toBe(1);
    expect(synthesis.cancelCount).toBe(1);
  });
});
