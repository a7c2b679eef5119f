import {
  assignStrap,
  loadStrapOwners,
  saveStrapOwners,
  strapOfRunner,
  type StrapOwners,
} from '../adapters/storage/strap-owners-store';
import type { MoodReport } from '../core/session/session-model';
import type { RunnerProfile } from '../core/zones/runner-profile';
import { supervisedRunOf } from '../core/coaching/course-plan';
import { courseOfLength } from './course';
import type { PreferencesState } from './preferences.svelte';
import type { RunChoice } from './run-choice';
import type { StrapConnection } from './strap-connection.svelte';
import type { StrapRoster } from './strap-roster.svelte';

/** One runner of today's group: their profile, their strap once paired, how they feel before the run. */
export interface GroupEntry {
  runner: RunnerProfile;
  strap: StrapConnection | undefined;
  before: MoodReport | undefined;
}

/** A runner's name as typed on the spot: trimmed, and within what a profile holds. */
const maxNameLength = 200;

/** The device id of the runner's remembered strap, when this browser may still reach it without the chooser. */
export function rememberedDevice(
  runnerId: string,
  pairedDevices: readonly BluetoothDevice[],
  owners: StrapOwners = loadStrapOwners(),
): BluetoothDevice | undefined {
  const deviceId = strapOfRunner(owners, runnerId);
  return deviceId === undefined ? undefined : pairedDevices.find((device) => device.id === deviceId);
}

/** Remembers that this strap is the runner's, for next week's group. */
export function rememberStrapOwner(deviceId: string, runnerId: string): StrapOwners {
  const owners = assignStrap(loadStrapOwners(), deviceId, runnerId);
  saveStrapOwners(owners);
  return owners;
}

/**
 * Putting today's group together: runners picked from the profiles (or added by first name or pseudonym on the
 * spot), each one's strap paired through the chooser once and remembered by device id, so next week the same
 * straps connect without it; how each runner feels before the run, one row each, skippable.
 */
export class GroupSetup {
  entries = $state.raw<readonly GroupEntry[]>([]);
  choice = $state.raw<RunChoice>({ kind: 'free' });
  owners = $state.raw<StrapOwners>(loadStrapOwners());
  /** The runner whose strap is being paired: one chooser at a time. */
  pairingRunnerId = $state<string | undefined>();
  /** Whether the owners could not be stored (storage off or full): pairing still works today. */
  ownersNotSaved = $state(false);
  /** Runners added for the simulated group: shown, never saved as profiles. */
  #simulatedRunnerIds: readonly string[] = [];
  readonly #roster: StrapRoster;
  readonly #preferences: PreferencesState;

  constructor(roster: StrapRoster, preferences: PreferencesState) {
    this.#roster = roster;
    this.#preferences = preferences;
  }

  /** Every runner profile on this device, with the group's simulated runners after them. */
  get profiles(): readonly RunnerProfile[] {
    const saved = this.#preferences.value.runners;
    const simulated = this.entries.filter((entry) => this.isSimulated(entry.runner.id));
    return [...saved, ...simulated.map((entry) => entry.runner)];
  }

  /** The kinds of group run on offer: a free calm run, or a week's supervised run of the course. */
  get runChoices(): readonly RunChoice[] {
    const course = courseOfLength(this.#preferences.courseLength, this.#preferences.value.customCourse);
    return [
      { kind: 'free' },
      ...course.weeks.map((week): RunChoice => ({
        kind: 'course',
        week: week.week,
        run: supervisedRunOf(course, week),
      })),
    ];
  }

  /** Runners without a strap yet: their runs start without one and can be given one from their tile. */
  get withoutStrap(): readonly GroupEntry[] {
    return this.entries.filter((entry) => entry.strap === undefined);
  }

  isChosen(runnerId: string): boolean {
    return this.entries.some((entry) => entry.runner.id === runnerId);
  }

  isSimulated(runnerId: string): boolean {
    return this.#simulatedRunnerIds.includes(runnerId);
  }

  /** Adds or removes a runner from today's group. */
  toggle(runner: RunnerProfile): void {
    if (this.isChosen(runner.id)) this.remove(runner.id);
    else
      this.entries = [
        ...this.entries,
        { runner, strap: this.#connectedStrapOf(runner.id), before: undefined },
      ];
  }

  remove(runnerId: string): void {
    this.entries = this.entries.filter((entry) => entry.runner.id !== runnerId);
  }

  /**
   * Adds a runner by first name or pseudonym, saved as a profile (without age or heart rates: the zone is by feel
   * until the profile is filled in). Returns the error to show for an empty name.
   */
  addNewRunner(name: string): 'empty-name' | undefined {
    const trimmed = name.trim().slice(0, maxNameLength);
    if (trimmed === '') return 'empty-name';
    const runner: RunnerProfile = { id: crypto.randomUUID(), name: trimmed, maxHrSource: 'tanaka' };
    this.#preferences.addRunner(runner);
    this.entries = [...this.entries, { runner, strap: undefined, before: undefined }];
    return undefined;
  }

  /** The strap this runner had last time, when the browser can still reach it without the chooser. */
  rememberedDevice(runnerId: string): BluetoothDevice | undefined {
    return rememberedDevice(runnerId, this.#roster.pairedDevices, this.owners);
  }

  /**
   * Pairs a strap for the runner: their remembered one without the chooser, or (with `choose`, or when none is
   * remembered) one picked in the browser's chooser, which then becomes theirs. A strap paired to another runner
   * of today's group moves to this one.
   */
  async pairStrap(runnerId: string, options: { choose: boolean } = { choose: false }): Promise<void> {
    if (this.pairingRunnerId !== undefined) return;
    this.pairingRunnerId = runnerId;
    try {
      const device = options.choose ? undefined : this.rememberedDevice(runnerId);
      const strap = await this.#roster.connectBluetooth(device);
      if (strap) this.#assign(runnerId, strap);
    } finally {
      this.pairingRunnerId = undefined;
    }
  }

  setBefore(runnerId: string, before: MoodReport | undefined): void {
    this.entries = this.entries.map((entry) => (entry.runner.id === runnerId ? { ...entry, before } : entry));
  }

  /** Eight simulated runners with their own names, zones and straps, each strap connected and assigned. */
  async addSimulatedGroup(search: string): Promise<void> {
    const { simulatedGroup } = await import('../adapters/simulated/simulated-group');
    this.#simulatedRunnerIds = [
      ...this.#simulatedRunnerIds,
      ...simulatedGroup.map(({ runner }) => runner.id),
    ];
    for (const { runner } of simulatedGroup) {
      if (!this.isChosen(runner.id))
        this.entries = [...this.entries, { runner, strap: undefined, before: undefined }];
    }
    await Promise.all(
      simulatedGroup.map(async ({ runner, strap: options }) => {
        const strap = await this.#roster.connectSimulated(search, options);
        if (strap) this.#assign(runner.id, strap, { remember: false });
      }),
    );
  }

  #assign(
    runnerId: string,
    strap: StrapConnection,
    options: { remember: boolean } = { remember: true },
  ): void {
    this.entries = this.entries.map((entry) => {
      if (entry.runner.id === runnerId) return { ...entry, strap };
      return entry.strap === strap ? { ...entry, strap: undefined } : entry;
    });
    if (options.remember && strap.source.kind === 'bluetooth') {
      this.owners = assignStrap(this.owners, strap.source.id, runnerId);
      this.ownersNotSaved = !saveStrapOwners(this.owners);
    }
  }

  #connectedStrapOf(runnerId: string): StrapConnection | undefined {
    const deviceId = strapOfRunner(this.owners, runnerId);
    return deviceId === undefined ? undefined : this.#roster.strapOfDevice(deviceId);
  }
}
