import type {
  CalendarDate,
  IntakeAdvice,
  IntakeAnswer,
  IntakeQuestionId,
  IntakeRecord,
} from '../core/clients/client-record';
import { intakeAdvice, intakeQuestionIds, intakeRecord } from '../core/clients/intake';
import type { ArousalScore, FeelingScore } from '../core/session/session-model';

function parseAge(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 5 && value <= 110 ? value : undefined;
}

/** The screening questions in the order they are asked. */
export const intakeQuestions: readonly IntakeQuestionId[] = intakeQuestionIds;

/** The questions a saved intake answered yes, in the order they were asked. */
export function yesAnswersOf(intake: Pick<IntakeRecord, 'answers'>): IntakeQuestionId[] {
  return intakeQuestionIds.filter((question) => intake.answers[question] === 'yes');
}

/**
 * The intake form: a yes or no for each screening question, a detail beside a yes, whether a medication blunts
 * the heart rate, the age and how the client feels at rest. The advice shows as soon as every question is answered,
 * before anything is saved. Opened on a saved intake, it starts from those answers.
 */
export class IntakeForm {
  answers = $state<Partial<Record<IntakeQuestionId, IntakeAnswer>>>({});
  details = $state<Partial<Record<IntakeQuestionId, string>>>({});
  /** Asked only after a yes to the medication question. */
  heartRateBlocking = $state<IntakeAnswer | undefined>();
  age = $state('');
  feeling = $state<FeelingScore | undefined>();
  arousal = $state<ArousalScore | undefined>();
  readonly #restingCheckSessionId: string | undefined;

  constructor(ageYears: number | undefined, saved?: IntakeRecord) {
    this.age = (saved?.ageYears ?? ageYears)?.toString() ?? '';
    this.#restingCheckSessionId = saved?.restingCheckSessionId;
    if (!saved) return;
    this.answers = { ...saved.answers };
    this.details = { ...saved.details };
    if (saved.answers['heart-rate-medication'] === 'yes')
      this.heartRateBlocking = saved.heartRateBlockingMedication ? 'yes' : 'no';
    this.feeling = saved.feelingAtRest as FeelingScore | undefined;
    this.arousal = saved.arousalAtRest as ArousalScore | undefined;
  }

  get ageYears(): number | undefined {
    return parseAge(this.age);
  }

  get asksHeartRateBlocking(): boolean {
    return this.answers['heart-rate-medication'] === 'yes';
  }

  /** Every question answered, and the follow-up on the medication where it is asked. */
  get complete(): boolean {
    return (
      intakeQuestionIds.every((question) => this.answers[question] !== undefined) &&
      (!this.asksHeartRateBlocking || this.heartRateBlocking !== undefined)
    );
  }

  /** The advice these answers give; undefined until the form is complete. */
  get advice(): IntakeAdvice[] | undefined {
    const answers = this.#completeAnswers();
    return answers && this.complete ? intakeAdvice(answers, this.ageYears) : undefined;
  }

  get heartRateBlockingMedication(): boolean {
    return this.asksHeartRateBlocking && this.heartRateBlocking === 'yes';
  }

  /** The intake to keep, dated; undefined until every question is answered. */
  toRecord(date: CalendarDate): IntakeRecord | undefined {
    const answers = this.#completeAnswers();
    if (!answers || !this.complete) return undefined;
    const ageYears = this.ageYears;
    return intakeRecord({
      date,
      answers,
      details: this.details,
      heartRateBlockingMedication: this.heartRateBlockingMedication,
      ...(ageYears !== undefined && { ageYears }),
      ...(this.feeling !== undefined && { feelingAtRest: this.feeling }),
      ...(this.arousal !== undefined && { arousalAtRest: this.arousal }),
      ...(this.#restingCheckSessionId !== undefined && {
        restingCheckSessionId: this.#restingCheckSessionId,
      }),
    });
  }

  #completeAnswers(): Record<IntakeQuestionId, IntakeAnswer> | undefined {
    const answers: Partial<Record<IntakeQuestionId, IntakeAnswer>> = {};
    for (const question of intakeQuestionIds) {
      const answer = this.answers[question];
      if (answer === undefined) return undefined;
      answers[question] = answer;
    }
    return answers as Record<IntakeQuestionId, IntakeAnswer>;
  }
}
