import { describe, expect, it, vi } from 'vitest';
import { breathSpeechRate } from '../../../../src/adapters/cues/breath-cue';
import { defaultCueSettings, type CueSettings } from '../../../../src/adapters/cues/cue-output';
import { calmSpeechRate, SpeechCueOutput } from '../../../../src/adapters/cues/speech-cue-output';
import type { PlayableCue } from '../../../../src/adapters/cues/playable-cue';
import { createFakeUtterance, FakeSpeechSynthesis, voice } from './fake-speech-synthesis';
import { exampleCue } from './example-cues';

const dutch = voice('Xander', 'nl-NL');
const flemish = voice('Ellen', 'nl-BE');
const english = voice('Daniel', 'en-GB');

function setup(voices = [english, flemish, dutch], settings: Partial<CueSettings> = {}) {
  const synthesis = new FakeSpeechSynthesis(voices);
  const failed: PlayableCue[] = [];
  let current: CueSettings = { ...defaultCueSettings, locale: 'nl', ...settings };
  const output = new SpeechCueOutput({
    settings: () => current,
    synthesis,
    createUtterance: createFakeUtterance,
    onFailed: (cue) => failed.push(cue),
  });
  return {
    synthesis,
    output,
    failed,
    change: (changes: Partial<CueSettings>) => (current = { ...current, ...changes }),
  };
}

describe('SpeechCueOutput', () => {
  it('speaks Dutch cues in a Dutch voice, calmly, at the set volume', () => {
    const { synthesis, output } = setup(undefined, { volume: 0.6 });
    output.play(exampleCue('slow-down'));
    const [utterance] = synthesis.spoken;
    expect(utterance?.text).toBe('Rustig aan, een tikje langzamer');
    expect(utterance?.voice).toBe(dutch);
    expect(utterance?.lang).toBe('nl-NL');
    expect(utterance?.volume).toBe(0.6);
    expect(utterance?.rate).toBe(calmSpeechRate);
    expect(calmSpeechRate).toBeLessThan(1);
  });

  it('follows a language change at the next cue', () => {
    const { synthesis, output, change } = setup();
    change({ locale: 'en' });
    output.play(exampleCue('back-in-zone'));
    expect(synthesis.spoken[0]?.text).toBe('Nice, back in your calm zone');
    expect(synthesis.spoken[0]?.voice).toBe(english);
  });

  it('reports no voice when the browser has voices but none in the language', () => {
    const { output } = setup([english]);
    expect(output.availability('nl')).toBe('no-voice');
    expect(output.availability('en')).toBe('voice');
  });

  it('waits for voices that load later, and says so while none are listed', () => {
    const { synthesis, output } = setup([]);
    const changed = vi.fn();
    output.onVoicesChanged(changed);
    expect(output.availability('nl')).toBe('unlisted');
    synthesis.setVoices([english, dutch]);
    expect(changed).toHaveBeenCalledOnce();
    expect(output.availability('nl')).toBe('voice');
    expect(output.voices('nl')).toEqual([dutch]);
  });

  it('speaks with only the language set while no voices are listed', () => {
    const { synthesis, output } = setup([]);
    output.play(exampleCue('slow-down'));
    expect(synthesis.spoken[0]?.voice).toBeNull();
    expect(synthesis.spoken[0]?.lang).toBe('nl-NL');
  });

  it('is unsupported without speechSynthesis, and then does nothing', () => {
    const output = new SpeechCueOutput({ settings: () => defaultCueSettings, synthesis: null });
    expect(output.availability('en')).toBe('unsupported');
    expect(() => {
      output.play(exampleCue('slow-down'));
    }).not.toThrow();
  });

  it('lets a newer cue replace one still waiting, without cutting off the one being spoken', () => {
    const { synthesis, output } = setup();
    output.play(exampleCue('slow-down'));
    output.play(exampleCue('back-in-zone'));
    output.play(exampleCue('status', { elapsedMs: 600_000, heartRateBpm: 131 }));
    expect(synthesis.spokenTexts).toEqual(['Rustig aan, een tikje langzamer']);
    expect(synthesis.cancelCount).toBe(0);

    synthesis.finishCurrent();
    expect(synthesis.spokenTexts).toEqual([
      'Rustig aan, een tikje langzamer',
      '10 minuten onderweg, hartslag 131',
    ]);
    synthesis.finishCurrent();
    expect(synthesis.spoken).toHaveLength(2);
    expect(synthesis.maxQueueLength).toBe(1);
  });

  it('does not fall silent when the engine forgets to say it finished', () => {
    const { synthesis, output } = setup();
    output.play(exampleCue('slow-down'));
    synthesis.dropCurrentSilently();
    output.play(exampleCue('back-in-zone'));
    expect(synthesis.spoken).toHaveLength(2);
  });

  it('reports a cue the engine failed to say, but not one it was told to stop', () => {
    const { synthesis, output, failed } = setup();
    output.play(exampleCue('slow-down'));
    synthesis.failCurrent('network');
    expect(failed).toEqual([exampleCue('slow-down')]);

    output.play(exampleCue('back-in-zone'));
    output.play(exampleCue('contact-lost'));
    output.stop();
    expect(synthesis.cancelCount).toBe(1);
    expect(failed).toHaveLength(1);
    // The waiting cue was forgotten too.
    expect(synthesis.spoken).toHaveLength(2);
  });

  it('never throws when speak() does', () => {
    const { synthesis, output, failed } = setup();
    synthesis.speak = () => {
      throw new Error('synthesis-failed');
    };
    expect(() => {
      output.play(exampleCue('slow-down'));
    }).not.toThrow();
    expect(failed).toEqual([exampleCue('slow-down')]);
  });
});

describe('SpeechCueOutput: the breathing pacer’s cues', () => {
  it('says the one word that starts each breath, slowly, in the runner’s language', () => {
    const { synthesis, output, change } = setup(undefined, { volume: 0.5 });
    output.play({ id: 'breathe-in' });
    synthesis.finishCurrent();
    output.play({ id: 'breathe-out' });
    synthesis.finishCurrent();
    change({ locale: 'en' });
    output.play({ id: 'breathe-in' });
    synthesis.finishCurrent();
    output.play({ id: 'breathe-out' });
    expect(synthesis.spokenTexts).toEqual(['in', 'uit', 'in', 'out']);
    expect(synthesis.spoken.map((utterance) => utterance.voice)).toEqual([dutch, dutch, english, english]);
    for (const utterance of synthesis.spoken) {
      expect(utterance.rate).toBe(breathSpeechRate);
      expect(utterance.volume).toBe(0.5);
    }
    expect(breathSpeechRate).toBeLessThan(calmSpeechRate);
  });

  it('reports a breath word the engine failed to say, so a tone can stand in', () => {
    const { synthesis, output, failed } = setup();
    output.play({ id: 'breathe-out' });
    synthesis.failCurrent('network');
    expect(failed).toEqual([{ id: 'breathe-out' }]);
  });
});
