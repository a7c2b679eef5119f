import { defaultCourse12Weeks, MAX_WEEK_MAIN_MS } from '../core/coaching/index';
import {
  COURSE_TEXT_LIMITS,
  MAX_BLOCK_REPEAT,
  courseToText,
  parseCourseText,
  type CourseTextLanguage,
  type CourseTextResult,
} from '../core/coaching/course-text';
import { customCourse } from './course';
import type { PreferencesState } from './preferences.svelte';

export type CourseTextProblem = Extract<CourseTextResult, { ok: false }>;

/** The bounds a course text keeps, in the units its problem messages name. */
export const courseTextLimits = {
  maxWeeks: COURSE_TEXT_LIMITS.weeks,
  maxRepeat: MAX_BLOCK_REPEAT,
  maxWeekMinutes: MAX_WEEK_MAIN_MS / 60_000,
} as const;

/**
 * The therapist's course editor: the whole course (the own one, else the default 12 weeks) as text, saved for this
 * device. A problem keeps the text as typed, so nothing is lost by trying to save.
 */
export class CourseEditor {
  text = $state('');
  problem = $state.raw<CourseTextProblem | undefined>();
  /** The default course's text is in the box and not saved yet. */
  defaultLoaded = $state(false);
  /** The last save could not be stored; the course in use is the one from before. */
  saveFailed = $state(false);
  readonly #preferences: PreferencesState;
  readonly #language: CourseTextLanguage;

  constructor(preferences: PreferencesState, language: CourseTextLanguage) {
    this.#preferences = preferences;
    this.#language = language;
    const custom = preferences.value.customCourse;
    this.text = courseToText(custom ? customCourse(custom) : defaultCourse12Weeks, language);
  }

  /** Saves the text as this device's course; false, with the text kept, when it has a problem or was not stored. */
  save(): boolean {
    const result = parseCourseText(this.text, defaultCourse12Weeks);
    if (!result.ok) {
      this.problem = result;
      return false;
    }
    this.problem = undefined;
    // The default's weeks saved as they are are the default course, with its ids and the progress made in it,
    // not an own course that happens to equal it. The text form is canonical, so equal text is equal weeks.
    const isDefault = courseToText(result.course) === courseToText(defaultCourse12Weeks);
    this.saveFailed = !this.#preferences.setCustomCourse(
      isDefault ? undefined : { weeks: [...result.course.weeks] },
    );
    return !this.saveFailed;
  }

  /** Puts the default course's text in the box; it is used only once saved. */
  loadDefault(): void {
    this.text = courseToText(defaultCourse12Weeks, this.#language);
    this.problem = undefined;
    this.defaultLoaded = true;
  }

  /** Lines in the box, for its height. */
  get lineCount(): number {
    return this.text.split('\n').length;
  }
}
