import type { SessionZone } from '../session/session-model';
import type {
  CalendarDate,
  IntakeAdvice,
  IntakeAnswer,
  IntakeQuestionId,
  IntakeRecord,
} from './client-record';

/**
 * The intake's screening questions, in the order they are asked. They follow the subjects of the PAR-Q+ (heart or
 * lung disease, chest pain, fainting, joints, medication, pregnancy, a doctor's advice), never its wording, which
 * is copyrighted: the questions themselves are our own words, in the messages (`intakeQuestions_*`).
 */
export const intakeQuestionIds = [
  'heart-or-lung-disease',
  'chest-pain',
  'fainting-or-dizziness',
  'bone-or-joint-problem',
  'heart-rate-medication',
  'pregnancy',
  'supervised-exercise-advice',
  'anything-else',
] as const satisfies readonly IntakeQuestionId[];

// If the model gains a question, this fails to compile until the list asks it too.
const _everyQuestionAsked: [Exclude<IntakeQuestionId, (typeof intakeQuestionIds)[number]>] extends [never]
  ? true
  : false = true;

/**
 * Above this age (in whole years) a sports-medical check is advised before starting to run, the usual Dutch advice
 * for starting runners ("boven de 40 een sportmedisch onderzoek"); exactly 40 is not above it.
 */
export const sportsMedicalCheckAboveAgeYears = 40;

/**
 * The advice an intake gives, most important first: any yes → see the GP or a sports doctor before starting;
 * older than 40 → a sports-medical check, also beside a yes (the doctor's visit first); otherwise running can
 * start. An unknown age gives no age advice.
 */
export function intakeAdvice(
  answers: Readonly<Record<IntakeQuestionId, IntakeAnswer>>,
  ageYears: number | undefined,
): IntakeAdvice[] {
  const advice: IntakeAdvice[] = [];
  if (intakeQuestionIds.some((question) => answers[question] === 'yes')) advice.push('see-doctor-first');
  if (ageYears !== undefined && ageYears > sportsMedicalCheckAboveAgeYears)
    advice.push('sports-medical-check');
  return advice.length > 0 ? advice : ['can-start'];
}

/** What the intake form gathered; the advice is added by {@link intakeRecord}, never typed in. */
export interface IntakeAnswers {
  date: CalendarDate;
  answers: Readonly<Record<IntakeQuestionId, IntakeAnswer>>;
  details: Readonly<Partial<Record<IntakeQuestionId, string>>>;
  heartRateBlockingMedication: boolean;
  ageYears?: number;
  feelingAtRest?: number;
  arousalAtRest?: number;
  restingCheckSessionId?: string;
}

/**
 * The intake as kept with the client: the advice decided here; a detail kept only beside a yes and only when it
 * says something; a heart-rate-blocking medication only when the medication question was answered yes.
 */
export function intakeRecord(input: IntakeAnswers): IntakeRecord {
  const details: Partial<Record<IntakeQuestionId, string>> = {};
  for (const question of intakeQuestionIds) {
    const detail = input.details[question]?.trim();
    if (input.answers[question] === 'yes' && detail) details[question] = detail;
  }
  return {
    date: input.date,
    answers: { ...input.answers },
    details,
    heartRateBlockingMedication:
      input.heartRateBlockingMedication && input.answers['heart-rate-medication'] === 'yes',
    ...(input.ageYears !== undefined && { ageYears: input.ageYears }),
    advice: intakeAdvice(input.answers, input.ageYears),
    ...(input.feelingAtRest !== undefined && { feelingAtRest: input.feelingAtRest }),
    ...(input.arousalAtRest !== undefined && { arousalAtRest: input.arousalAtRest }),
    ...(input.restingCheckSessionId !== undefined && { restingCheckSessionId: input.restingCheckSessionId }),
  };
}

/**
 * Whether to suggest running by feel or by a calibrated zone: a medication that blunts heart rate (a beta blocker)
 * makes a zone from a formula (the default, a share of the maximum or of the reserve) meaningless, as the heart
 * cannot rise to what the formula expects. Bounds already set by hand, by feel or by calibration need no suggestion.
 */
export function suggestsFeelOrCalibratedZone(
  intake: Pick<IntakeRecord, 'heartRateBlockingMedication'> | undefined,
  zone: Pick<SessionZone, 'method'> | undefined,
): boolean {
  if (intake?.heartRateBlockingMedication !== true) return false;
  return zone === undefined || zone.method === 'percent-max' || zone.method === 'percent-reserve';
}
