import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  defaultCoachingPreferences,
  loadPreferences,
  type Preferences,
} from '../../../src/adapters/storage/preferences-store';
import { loadStrapOwners, saveStrapOwners } from '../../../src/adapters/storage/strap-owners-store';
import { courseOfLength } from '../../../src/app/course';
import { GroupSetup } from '../../../src/app/group-setup.svelte';
import { PreferencesState } from '../../../src/app/preferences.svelte';
import { StrapRoster } from '../../../src/app/strap-roster.svelte';
import { defaultCourse12Weeks } from '../../../src/core/coaching/course-plan';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { asDevice, FakeStrap } from '../adapters/bluetooth/fake-web-bluetooth';
import { chooserBluetooth } from '../support/chooser-bluetooth';
import { MemoryStorage } from '../support/memory-storage';

const preferencesKey = 'calm-run.preferences';

const sam: RunnerProfile = { id: 'sam', name: 'Sam', maxHrSource: 'tanaka', ageYears: 52 };
const noor: RunnerProfile = { id: 'noor', name: 'Noor', maxHrSource: 'tanaka', ageYears: 38 };
const lou: RunnerProfile = { id: 'lou', name: 'Lou', maxHrSource: 'tanaka' };

describe('GroupSetup', () => {
  let device: MemoryStorage;
  let chooser: ReturnType<typeof chooserBluetooth>;
  let roster: StrapRoster;
  let preferences: PreferencesState;

  /** The therapist's device: their own profile active, and the group's runners saved before. */
  function storedPreferences(changes: Partial<Preferences> = {}): void {
    const stored: Preferences = {
      runners: [sam, noor, lou],
      activeRunnerId: 'sam',
      coaching: defaultCoachingPreferences,
      ...changes,
    };
    device.setItem(preferencesKey, JSON.stringify(stored));
  }

  function newSetup(): GroupSetup {
    preferences = new PreferencesState();
    return new GroupSetup(roster, preferences);
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    device = new MemoryStorage();
    vi.stubGlobal('localStorage', device);
    storedPreferences();
    chooser = chooserBluetooth();
    roster = new StrapRoster(chooser.bluetooth);
  });

  afterEach(() => {
    roster.disposeAll();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const strapIdOf = (setup: GroupSetup, runnerId: string) =>
    setup.entries.find((entry) => entry.runner.id === runnerId)?.strap?.source.id;

  it('picks runners for today and takes them off again', () => {
    const setup = newSetup();
    setup.toggle(sam);
    setup.toggle(noor);
    setup.toggle(lou);
    expect(setup.entries.map((entry) => entry.runner.name)).toEqual(['Sam', 'Noor', 'Lou']);
    expect(setup.isChosen('noor')).toBe(true);
    expect(setup.withoutStrap).toHaveLength(3);

    setup.toggle(noor);
    expect(setup.isChosen('noor')).toBe(false);
    setup.remove('sam');
    expect(setup.entries.map((entry) => entry.runner.name)).toEqual(['Lou']);
    setup.remove('nobody');
    expect(setup.entries).toHaveLength(1);
  });

  it('gives a picked runner their strap at once when it is connected already', async () => {
    saveStrapOwners({ 'h10-noor': 'noor' }, device);
    const strap = await roster.connectBluetooth(asDevice(new FakeStrap({ id: 'h10-noor' })));
    const setup = newSetup();
    setup.toggle(sam);
    setup.toggle(noor);
    expect(setup.entries.find((entry) => entry.runner.id === 'noor')?.strap).toBe(strap);
    expect(setup.withoutStrap.map((entry) => entry.runner.id)).toEqual(['sam']);
  });

  describe('adding a runner by name', () => {
    it('trims the name and saves a profile without making them the runner of this device', () => {
      const setup = newSetup();
      expect(setup.addNewRunner('  Jo  ')).toBeUndefined();

      const added = setup.entries.at(-1)?.runner;
      expect(added).toMatchObject({ name: 'Jo', maxHrSource: 'tanaka' });
      expect(added?.id).not.toBe('');
      expect(preferences.value.runners.map((runner) => runner.name)).toEqual(['Sam', 'Noor', 'Lou', 'Jo']);
      expect(loadPreferences(device).runners.some((runner) => runner.id === added?.id)).toBe(true);
      expect(preferences.value.activeRunnerId).toBe('sam');
      expect(preferences.activeRunner?.id).toBe('sam');
      expect(setup.profiles.map((runner) => runner.name)).toContain('Jo');
    });

    it('refuses an empty name, and saves nothing', () => {
      const setup = newSetup();
      const writes = device.writes;
      expect(setup.addNewRunner('   ')).toBe('empty-name');
      expect(setup.addNewRunner('')).toBe('empty-name');
      expect(setup.entries).toEqual([]);
      expect(preferences.value.runners).toHaveLength(3);
      expect(device.writes).toBe(writes);
    });

    it('keeps a long name within what a profile holds', () => {
      const setup = newSetup();
      setup.addNewRunner(` ${'a'.repeat(250)} `);
      expect(setup.entries[0]?.runner.name).toBe('a'.repeat(200));
    });
  });

  describe('pairing straps', () => {
    it('gives the strap picked in the chooser to the runner and remembers it by device id', async () => {
      const setup = newSetup();
      setup.toggle(sam);
      chooser.picks(new FakeStrap({ id: 'h10-a', name: 'Polar H10 A' }));
      await setup.pairStrap('sam');

      expect(chooser.fake.requestCalls).toHaveLength(1);
      expect(strapIdOf(setup, 'sam')).toBe('h10-a');
      expect(setup.entries[0]?.strap?.state.kind).toBe('live');
      expect(setup.owners).toEqual({ 'h10-a': 'sam' });
      expect(loadStrapOwners(device)).toEqual({ 'h10-a': 'sam' });
      expect(setup.ownersNotSaved).toBe(false);
      expect(setup.pairingRunnerId).toBeUndefined();
      expect(setup.withoutStrap).toEqual([]);
    });

    it('still pairs when the owners cannot be stored, and says they were not kept', async () => {
      device.refuseWrites = true;
      const setup = newSetup();
      setup.toggle(sam);
      chooser.picks(new FakeStrap({ id: 'h10-a' }));
      await setup.pairStrap('sam');
      expect(strapIdOf(setup, 'sam')).toBe('h10-a');
      expect(setup.owners).toEqual({ 'h10-a': 'sam' });
      expect(setup.ownersNotSaved).toBe(true);
    });

    it('opens one chooser at a time', async () => {
      const setup = newSetup();
      setup.toggle(sam);
      setup.toggle(noor);
      chooser.picks(new FakeStrap({ id: 'h10-a' }));
      const first = setup.pairStrap('sam');
      expect(setup.pairingRunnerId).toBe('sam');
      await setup.pairStrap('noor');
      await first;
      expect(chooser.fake.requestCalls).toHaveLength(1);
      expect(strapIdOf(setup, 'noor')).toBeUndefined();
    });

    it('leaves the runner without a strap when the chooser is cancelled', async () => {
      const setup = newSetup();
      setup.toggle(sam);
      chooser.cancels();
      await setup.pairStrap('sam');
      expect(strapIdOf(setup, 'sam')).toBeUndefined();
      expect(setup.owners).toEqual({});
      expect(roster.connectProblem?.reason).toBe('chooser-cancelled');
      expect(setup.pairingRunnerId).toBeUndefined();
    });

    it('moves a strap to another runner of the group when it is paired to them', async () => {
      const setup = newSetup();
      setup.toggle(sam);
      setup.toggle(noor);
      const strapA = new FakeStrap({ id: 'h10-a' });
      chooser.picks(strapA);
      await setup.pairStrap('sam');
      const samsConnection = setup.entries[0]?.strap;
      // The therapist hands Sam's strap to Noor and pairs it to her through the chooser.
      chooser.picks(strapA);
      await setup.pairStrap('noor', { choose: true });

      expect(setup.entries.find((entry) => entry.runner.id === 'noor')?.strap).toBe(samsConnection);
      expect(strapIdOf(setup, 'sam')).toBeUndefined();
      expect(setup.withoutStrap.map((entry) => entry.runner.id)).toEqual(['sam']);
      expect(setup.owners).toEqual({ 'h10-a': 'noor' });
      expect(loadStrapOwners(device)).toEqual({ 'h10-a': 'noor' });
      expect(roster.straps).toEqual([samsConnection]);
    });

    it('makes a remembered strap the new runner’s once paired to them', async () => {
      saveStrapOwners({ 'h10-a': 'noor' }, device);
      const setup = newSetup();
      setup.toggle(sam);
      setup.toggle(noor);
      // Today Sam picked up Noor's strap from last week.
      chooser.picks(new FakeStrap({ id: 'h10-a' }));
      await setup.pairStrap('sam');
      expect(strapIdOf(setup, 'sam')).toBe('h10-a');
      expect(setup.owners).toEqual({ 'h10-a': 'sam' });
      expect(setup.rememberedDevice('sam')?.id).toBe('h10-a');
      expect(setup.rememberedDevice('noor')).toBeUndefined();
    });

    it('gives a runner a strap of their own in place of the one they had', async () => {
      const setup = newSetup();
      setup.toggle(sam);
      chooser.picks(new FakeStrap({ id: 'h10-a' }));
      await setup.pairStrap('sam');
      chooser.picks(new FakeStrap({ id: 'h10-b' }));
      await setup.pairStrap('sam', { choose: true });
      expect(strapIdOf(setup, 'sam')).toBe('h10-b');
      expect(setup.owners).toEqual({ 'h10-b': 'sam' });
    });
  });

  describe('next week', () => {
    it('finds each runner’s remembered strap among the devices this browser may reach', async () => {
      saveStrapOwners({ 'h10-sam': 'sam', 'h10-gone': 'noor' }, device);
      // Only Sam's strap is still allowed for this site.
      const samsStrap = new FakeStrap({ id: 'h10-sam' });
      chooser.picks(samsStrap);
      await roster.connectBluetooth();
      const setup = newSetup();

      expect(setup.rememberedDevice('sam')?.id).toBe('h10-sam');
      expect(setup.rememberedDevice('noor')).toBeUndefined();
      expect(setup.rememberedDevice('lou')).toBeUndefined();
    });

    it('connects the remembered strap without the chooser', async () => {
      saveStrapOwners({ 'h10-sam': 'sam' }, device);
      const samsStrap = new FakeStrap({ id: 'h10-sam' });
      chooser.picks(samsStrap);
      const before = await roster.connectBluetooth();
      if (before) roster.remove(before);
      const setup = newSetup();
      setup.toggle(sam);
      expect(strapIdOf(setup, 'sam')).toBeUndefined();

      await setup.pairStrap('sam');
      expect(chooser.fake.requestCalls).toHaveLength(1);
      expect(strapIdOf(setup, 'sam')).toBe('h10-sam');
      expect(setup.entries[0]?.strap?.state.kind).toBe('live');
    });
  });

  it('keeps how each runner feels before the run, and lets it be cleared', () => {
    const setup = newSetup();
    setup.toggle(sam);
    setup.toggle(noor);
    setup.setBefore('noor', { feeling: 2, arousal: 4 });
    expect(setup.entries.map((entry) => entry.before)).toEqual([undefined, { feeling: 2, arousal: 4 }]);
    setup.setBefore('noor', undefined);
    expect(setup.entries[1]?.before).toBeUndefined();
  });

  describe('the run on offer', () => {
    it('is a free run or each week’s supervised run of the chosen course', () => {
      storedPreferences({ course: { weeks: 8 } });
      const setup = newSetup();
      const course = courseOfLength(8, undefined);
      expect(setup.runChoices).toEqual([
        { kind: 'free' },
        ...course.weeks.map((week) => ({ kind: 'course', week: week.week, run: course.supervisedRun })),
      ]);
      expect(setup.runChoices).toHaveLength(9);
    });

    it('follows a week whose supervised run is another one in the therapist’s own course', () => {
      const weeks = defaultCourse12Weeks.weeks.map((week) =>
        week.week === 3 ? { ...week, supervisedRun: 2 } : week,
      );
      storedPreferences({ customCourse: { weeks } });
      const setup = newSetup();
      const byWeek = new Map(
        setup.runChoices.flatMap((choice) => (choice.kind === 'course' ? [[choice.week, choice.run]] : [])),
      );
      expect(byWeek.size).toBe(12);
      expect(byWeek.get(3)).toBe(2);
      expect(byWeek.get(4)).toBe(defaultCourse12Weeks.supervisedRun);
    });
  });
});
