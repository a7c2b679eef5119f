import * as v from 'valibot';
import { intakeQuestionIds } from '../../core/clients/intake';
import type {
  ClientRecord,
  IntakeAdvice,
  IntakeAnswer,
  IntakeQuestionId,
} from '../../core/clients/client-record';

/** Bounds that keep a damaged or hostile record small; far above anything typed on a phone. */
export const CLIENT_TEXT_LIMITS = {
  goalsChars: 4000,
  noteChars: 4000,
  notes: 1000,
  intakeDetailChars: 2000,
} as const;

const answers = ['yes', 'no'] as const satisfies readonly IntakeAnswer[];
const advices = [
  'can-start',
  'see-doctor-first',
  'sports-medical-check',
] as const satisfies readonly IntakeAdvice[];

/** A real calendar day, `YYYY-MM-DD`, between 2000 and 2200. */
const calendarDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/u),
  v.check((text) => {
    const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return (
      year >= 2000 &&
      year <= 2200 &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    );
  }, 'not a calendar day'),
);
const wallMs = v.pipe(v.number(), v.integer(), v.minValue(946_684_800_000), v.maxValue(7_258_118_400_000));
const text = (maxChars: number) => v.pipe(v.string(), v.maxLength(maxChars));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

const answersSchema = v.object(
  Object.fromEntries(intakeQuestionIds.map((question) => [question, v.picklist(answers)])) as Record<
    IntakeQuestionId,
    v.PicklistSchema<typeof answers, undefined>
  >,
);
const detailsSchema = v.object(
  Object.fromEntries(
    intakeQuestionIds.map((question) => [question, v.optional(text(CLIENT_TEXT_LIMITS.intakeDetailChars))]),
  ) as Record<IntakeQuestionId, v.OptionalSchema<ReturnType<typeof text>, undefined>>,
);

const intakeSchema = v.object({
  date: calendarDate,
  answers: answersSchema,
  details: detailsSchema,
  heartRateBlockingMedication: v.boolean(),
  ageYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(110))),
  advice: v.pipe(v.array(v.picklist(advices)), v.minLength(1), v.maxLength(advices.length)),
  feelingAtRest: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-5), v.maxValue(5))),
  arousalAtRest: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6))),
  restingCheckSessionId: v.optional(id),
});

const noteSchema = v.object({ id, writtenAtWallMs: wallMs, text: text(CLIENT_TEXT_LIMITS.noteChars) });

const courseSchema = v.object({
  weeks: v.picklist([8, 10, 12]),
  startDate: calendarDate,
  runsPerWeek: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
});

/** A client record as stored and as carried in a client file; keys it does not know are left out of the output. */
export const clientRecordSchema = v.object({
  runnerId: id,
  goals: text(CLIENT_TEXT_LIMITS.goalsChars),
  course: v.optional(courseSchema),
  intake: v.optional(intakeSchema),
  notes: v.pipe(v.array(noteSchema), v.maxLength(CLIENT_TEXT_LIMITS.notes)),
  updatedAtWallMs: wallMs,
});

export type ClientRecordCheck = { ok: true; record: ClientRecord } | { ok: false; reason: string };

/** Validates a value read from storage or a file; the reason names the first field that failed. */
export function checkClientRecord(value: unknown): ClientRecordCheck {
  const result = v.safeParse(clientRecordSchema, value);
  if (result.success) return { ok: true, record: result.output };
  const [issue] = result.issues;
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return { ok: false, reason: path ? `${path}: ${issue.message}` : issue.message };
}
