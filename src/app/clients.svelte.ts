import { CLIENT_TEXT_LIMITS } from '../adapters/storage/client-record-schema';
import { ClientStore, type DamagedClientRecord } from '../adapters/storage/client-store';
import type {
  CalendarDate,
  ClientCourse,
  ClientNote,
  ClientRecord,
  IntakeRecord,
} from '../core/clients/client-record';
import { calendarDateOf } from '../core/clients/calendar-days';
import { courseStatusOn, type CourseStatus } from '../core/clients/course-status';
import { suggestsFeelOrCalibratedZone } from '../core/clients/intake';
import type { RunnerProfile } from '../core/zones/runner-profile';
import type { PreferencesState } from './preferences.svelte';

/** One client as the therapist's list shows them: the runner profile and what is kept beside it. */
export interface ClientEntry {
  runner: RunnerProfile;
  /** Undefined until something is kept about this runner (or when the stored record is damaged). */
  record: ClientRecord | undefined;
  /** The stored record no longer reads: shown as such and never saved over. */
  damaged: boolean;
  courseStatus: CourseStatus | undefined;
  intakeDone: boolean;
}

/** What the runner sees of their own record on their profile: never the therapist's notes or intake answers. */
export interface OwnCourseView {
  course: ClientCourse | undefined;
  goals: string;
  /** A medication that blunts heart rate and a zone from a formula: run by feel or by a calibrated zone. */
  suggestFeelOrCalibratedZone: boolean;
}

export interface ClientsDeps {
  openStore: () => Promise<ClientStore>;
  nowWallMs: () => number;
  newId: () => string;
}

const defaultDeps: ClientsDeps = {
  openStore: () => ClientStore.open(),
  nowWallMs: () => Date.now(),
  newId: () => crypto.randomUUID(),
};

/**
 * The therapist's clients: every runner profile on this device joined with its client record (goals, course,
 * intake, notes). Profiles stay in the preferences; records in IndexedDB, written one change at a time, and kept in
 * memory only once stored.
 */
export class ClientsState {
  records = $state.raw<Readonly<Partial<Record<string, ClientRecord>>>>({});
  damaged = $state.raw<readonly DamagedClientRecord[]>([]);
  /** The device would not open its database: profiles still work, records cannot be kept. */
  openFailed = $state(false);
  /** The last change could not be stored; what is shown is what was stored before it. */
  saveFailed = $state(false);
  readonly limits = CLIENT_TEXT_LIMITS;
  readonly #preferences: PreferencesState;
  readonly #deps: ClientsDeps;
  #store: ClientStore | undefined;
  /** Changes are written one after another: each reads the record the previous one stored. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(preferences: PreferencesState, deps: Partial<ClientsDeps> = {}) {
    this.#preferences = preferences;
    this.#deps = { ...defaultDeps, ...deps };
  }

  async load(): Promise<void> {
    try {
      this.#store ??= await this.#deps.openStore();
      const { records, damaged } = await this.#store.list();
      this.records = Object.fromEntries(records.map((record) => [record.runnerId, record]));
      this.damaged = damaged;
      this.openFailed = false;
    } catch {
      this.openFailed = true;
    }
  }

  close(): void {
    this.#store?.close();
    this.#store = undefined;
  }

  /** Today on this device, as the day an intake is dated and a course week is counted from. */
  get today(): CalendarDate {
    return calendarDateOf(this.#deps.nowWallMs());
  }

  /** Every runner on this device, by name, with what is kept about them. */
  get entries(): ClientEntry[] {
    const today = this.today;
    return [...this.#preferences.value.runners]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((runner) => this.#entryOf(runner, today));
  }

  entry(runnerId: string): ClientEntry | undefined {
    const runner = this.#preferences.value.runners.find((candidate) => candidate.id === runnerId);
    return runner && this.#entryOf(runner, this.today);
  }

  /** How many stored records belong to no runner on this device (their profile was removed). */
  get recordsWithoutProfile(): number {
    const ids = this.#preferences.value.runners.map((runner) => runner.id);
    return Object.keys(this.records).filter((id) => !ids.includes(id)).length;
  }

  /** What the runner's own profile screen shows of their record; undefined when there is nothing to show. */
  ownView(runner: RunnerProfile | undefined): OwnCourseView | undefined {
    const record = runner && this.records[runner.id];
    if (!runner || !record) return undefined;
    return {
      course: record.course,
      goals: record.goals,
      suggestFeelOrCalibratedZone: this.suggestsFeelOrCalibratedZone(runner),
    };
  }

  suggestsFeelOrCalibratedZone(runner: RunnerProfile): boolean {
    return suggestsFeelOrCalibratedZone(this.records[runner.id]?.intake, runner.zone);
  }

  /** A new client: a runner profile by name or pseudonym, and an empty record beside it. */
  async createClient(name: string): Promise<{ runnerId: string } | 'empty-name'> {
    const trimmed = name.trim();
    if (trimmed === '') return 'empty-name';
    const runnerId = this.#deps.newId();
    this.#preferences.addRunner({ id: runnerId, name: trimmed, maxHrSource: 'tanaka' });
    await this.#change(runnerId, (record) => record);
    return { runnerId };
  }

  /** Stores the profile part (name, age, heart rates, zone) without making this runner the device's own. */
  saveProfile(profile: RunnerProfile): void {
    this.#preferences.addRunner(profile);
  }

  saveGoals(runnerId: string, goals: string): Promise<boolean> {
    return this.#change(runnerId, (record) => ({ ...record, goals: goals.trim() }));
  }

  saveCourse(runnerId: string, course: ClientCourse | undefined): Promise<boolean> {
    return this.#change(runnerId, ({ course: _previous, ...rest }) => (course ? { ...rest, course } : rest));
  }

  saveIntake(runnerId: string, intake: IntakeRecord): Promise<boolean> {
    return this.#change(runnerId, (record) => ({ ...record, intake }));
  }

  /** A dated note; an empty one is not kept. */
  addNote(runnerId: string, text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === '') return Promise.resolve(false);
    const note: ClientNote = {
      id: this.#deps.newId(),
      writtenAtWallMs: this.#deps.nowWallMs(),
      text: trimmed,
    };
    return this.#change(runnerId, (record) => ({ ...record, notes: [...record.notes, note] }));
  }

  /** Changes a note's words; it keeps the day it was written. An empty text is refused (delete it instead). */
  editNote(runnerId: string, noteId: string, text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === '') return Promise.resolve(false);
    return this.#change(runnerId, (record) => ({
      ...record,
      notes: record.notes.map((note) => (note.id === noteId ? { ...note, text: trimmed } : note)),
    }));
  }

  deleteNote(runnerId: string, noteId: string): Promise<boolean> {
    return this.#change(runnerId, (record) => ({
      ...record,
      notes: record.notes.filter((note) => note.id !== noteId),
    }));
  }

  #entryOf(runner: RunnerProfile, today: CalendarDate): ClientEntry {
    const record = this.records[runner.id];
    return {
      runner,
      record,
      damaged: this.#isDamaged(runner.id),
      courseStatus: record?.course && courseStatusOn(record.course, today),
      intakeDone: record?.intake !== undefined,
    };
  }

  #isDamaged(runnerId: string): boolean {
    return this.damaged.some((damaged) => damaged.runnerId === runnerId);
  }

  /** Applies a change to the stored record (an empty one when there is none) and keeps it once stored. */
  #change(runnerId: string, change: (record: ClientRecord) => ClientRecord): Promise<boolean> {
    const write = this.#writes.then(async () => {
      const store = this.#store;
      // A damaged record is the therapist's data still: it is never replaced by an empty one.
      if (!store || this.#isDamaged(runnerId)) {
        this.saveFailed = true;
        return false;
      }
      const current = this.records[runnerId] ?? {
        runnerId,
        goals: '',
        notes: [],
        updatedAtWallMs: this.#deps.nowWallMs(),
      };
      const next: ClientRecord = { ...change(current), runnerId, updatedAtWallMs: this.#deps.nowWallMs() };
      try {
        await store.put(next);
      } catch {
        this.saveFailed = true;
        return false;
      }
      this.records = { ...this.records, [runnerId]: next };
      this.saveFailed = false;
      return true;
    });
    this.#writes = write;
    return write;
  }
}
