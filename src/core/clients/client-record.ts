/**
 * What a therapist keeps about a client beside the runner profile (`RunnerProfile`, same id): the course and its
 * start, the client's goals in their own words, the intake and dated notes. A runner using the app alone has a
 * profile and may have a course start; the intake and the notes are the therapist's.
 */

/** A calendar day as `YYYY-MM-DD` in the device's time zone: a course starts on a day, not at an instant. */
export type CalendarDate = string;

/** The screening questions of the intake, in the spirit of the PAR-Q+ (our own wording; see intake.ts). */
export type IntakeQuestionId =
  | 'heart-or-lung-disease'
  | 'chest-pain'
  | 'fainting-or-dizziness'
  | 'bone-or-joint-problem'
  | 'heart-rate-medication'
  | 'pregnancy'
  | 'supervised-exercise-advice'
  | 'anything-else';

export type IntakeAnswer = 'yes' | 'no';

/** The advice an intake gave, decided by core (never typed in), kept as given on that day. */
export type IntakeAdvice =
  /** Every answer no and 40 or younger: running can start. */
  | 'can-start'
  /** Any yes: see the GP or a sports doctor before starting. */
  | 'see-doctor-first'
  /** Over 40, every answer no: a sports-medical check is advised (the usual Dutch advice for starting runners). */
  | 'sports-medical-check';

export interface IntakeRecord {
  /** The day of the intake. */
  date: CalendarDate;
  answers: Record<IntakeQuestionId, IntakeAnswer>;
  /** What the client told about each yes, in their own words; optional per question. */
  details: Partial<Record<IntakeQuestionId, string>>;
  /** The client takes a medication that blunts heart rate (a beta blocker): run by feel or by a calibrated zone. */
  heartRateBlockingMedication: boolean;
  /** The client's age on the intake day, when known: the over-40 advice depends on it. */
  ageYears?: number;
  /** Every advice that applied, most important first. */
  advice: IntakeAdvice[];
  /** Feeling Scale (-5..5) and Felt Arousal (1..6) at rest on the intake day, each optional. */
  feelingAtRest?: number;
  arousalAtRest?: number;
  /** The resting HRV check taken at intake (a session of kind 'resting'), by session id. */
  restingCheckSessionId?: string;
}

export interface ClientNote {
  id: string;
  /** When the note was written (wall-clock ms). */
  writtenAtWallMs: number;
  text: string;
}

/** The course a client follows: its length and the day it started; week 1 starts on `startDate`. */
export interface ClientCourse {
  weeks: 8 | 10 | 12;
  startDate: CalendarDate;
  /** Planned runs a week (three in the usual course, one of them supervised). */
  runsPerWeek: number;
}

export interface ClientRecord {
  /** The runner profile's id: one person, one id, in profiles, sessions and the record. */
  runnerId: string;
  /** The client's goals in their own words. */
  goals: string;
  course?: ClientCourse;
  intake?: IntakeRecord;
  notes: ClientNote[];
  /** Wall-clock ms of the last change, for the merge of a client file. */
  updatedAtWallMs: number;
}
