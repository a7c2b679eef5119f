import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COURSE_TEXT_LIMITS,
  COURSE_TEXT_WORDS,
  MAX_BLOCK_REPEAT,
  courseToText,
  parseCourseText,
  weekToText,
  type CourseTextLanguage,
  type CourseTextProblemCode,
} from '../../../../src/core/coaching/course-text';
import {
  defaultCourse12Weeks,
  validateCourse,
  type Course,
  type CourseBlock,
  type CoursePhase,
  type CourseWeek,
} from '../../../../src/core/coaching/course-plan';
import { defaultCourse8Weeks } from '../../../../src/core/coaching/course-derivation';
import { m } from '../../../../src/paraglide/messages.js';
import { courseTextProblemsMessages } from '../../../../src/i18n/choices/plan-words';

const MIN = 60_000;
const base = defaultCourse12Weeks;

function phase(kind: CoursePhase['kind'], minutes: number): CoursePhase {
  return { kind, durationMs: Math.round(minutes * 60) * 1000 };
}

function weeksOf(text: string): readonly CourseWeek[] {
  const result = parseCourseText(text, base);
  if (!result.ok) throw new Error(`line ${String(result.line)}: ${result.problem}`);
  return result.course.weeks;
}

function blocksOf(line: string): readonly CourseBlock[] {
  const [week] = weeksOf(line);
  if (!week) throw new Error('no week');
  return week.blocks;
}

describe('courseToText', () => {
  it('writes the default course one week per line, without the walks around each run', () => {
    expect(courseToText(defaultCourse12Weeks).split('\n')).toEqual([
      '8 x (run 1, walk 2)',
      '7 x (run 1.5, walk 2)',
      '6 x (run 2, walk 2)',
      '5 x (run 3, walk 2)',
      '4 x (run 4, walk 2)',
      '3 x (run 6, walk 2)',
      '2 x (run 10, walk 2)',
      'run 12, walk 2, run 10',
      'run 15, walk 2, run 10',
      'run 20, walk 2, run 8',
      'calm run 25',
      'calm run 30',
    ]);
  });

  it('writes Dutch words and a decimal comma', () => {
    expect(courseToText(defaultCourse12Weeks, 'nl').split('\n').slice(1, 2)).toEqual([
      '7 x (lopen 1,5, wandelen 2)',
    ]);
    expect(weekToText({ week: 1, blocks: [{ repeat: 1, phases: [phase('calm-run', 30)] }] }, 'nl')).toBe(
      'rustig lopen 30',
    );
  });

  it('brackets a single block that follows plain phases, and names a week’s supervised run', () => {
    const week: CourseWeek = {
      week: 1,
      supervisedRun: 2,
      blocks: [
        { repeat: 1, phases: [phase('run', 5), phase('walk', 1)] },
        { repeat: 1, phases: [phase('run', 5)] },
        { repeat: 3, phases: [phase('walk', 0.5)] },
      ],
    };
    expect(weekToText(week)).toBe('run 5, walk 1, (run 5), 3 x (walk 0.5) | supervised 2');
    expect(weeksOf(weekToText(week))).toEqual([week]);
  });

  it('writes seconds that are no round decimal to two decimals, which read back to the same second', () => {
    const week: CourseWeek = {
      week: 1,
      blocks: [{ repeat: 1, phases: [{ kind: 'run', durationMs: 20_000 }] }],
    };
    expect(weekToText(week)).toBe('run 0.33');
    expect(weeksOf('run 0.33')).toEqual([week]);
  });

  it('leaves out an empty block, which adds nothing to a run', () => {
    const week: CourseWeek = {
      week: 1,
      blocks: [
        { repeat: 2, phases: [] },
        { repeat: 1, phases: [phase('run', 3)] },
      ],
    };
    expect(weekToText(week)).toBe('run 3');
  });
});

/** A text, the problem it has, on which line, and the word named. */
const problems: [string, CourseTextProblemCode, number, string?][] = [
  ['', 'no-weeks', 1],
  ['\n   \n', 'no-weeks', 1],
  [Array.from({ length: COURSE_TEXT_LIMITS.weeks + 1 }, () => 'run 5').join('\n'), 'too-many-weeks', 17],
  ['run 5\n| supervised 2', 'empty', 2],
  ['run 5\nsupervised 2', 'empty', 2],
  ['run 5\nrun 5, jog 3', 'unknown-word', 2, 'jog'],
  ['run fast', 'unknown-word', 1, 'fast'],
  ['8 x (sprint 1, walk 2)', 'unknown-word', 1, 'sprint'],
  ['run 12, 2, run 10', 'missing-kind', 1],
  ['run 2\n12', 'missing-kind', 2],
  ['run', 'bad-number', 1],
  ['run 1.2.3', 'bad-number', 1],
  ['run 0', 'bad-number', 1],
  ['run 0.001', 'bad-number', 1],
  ['run walk 2', 'bad-number', 1],
  ['8 x (run 1, walk 2', 'syntax', 1],
  ['8 x run 1, walk 2', 'syntax', 1],
  ['8 (run 1, walk 2)', 'syntax', 1],
  ['run 1)', 'syntax', 1],
  ['2 x (2 x (run 1))', 'missing-kind', 1],
  ['(run 1, (walk 2))', 'syntax', 1],
  ['run 5; walk 2', 'syntax', 1],
  ['run 5 walk 2', 'syntax', 1],
  ['run 5\nrun 5 | supervised 2, run 3', 'syntax', 2],
  ['0 x (run 1, walk 2)', 'bad-repeat', 1],
  ['1.5 x (run 1, walk 2)', 'bad-repeat', 1],
  [
    Array.from({ length: COURSE_TEXT_LIMITS.blocksPerWeek + 1 }, () => '(run 1)').join(', '),
    'too-many-parts',
    1,
  ],
  [
    `(${Array.from({ length: COURSE_TEXT_LIMITS.phasesPerBlock + 1 }, () => 'run 1').join(', ')})`,
    'too-many-parts',
    1,
  ],
  ['run 5\n\nwalk 30', 'no-running', 3],
  ['run 5\n10 x (run 10, walk 3)', 'week-too-long', 2],
  ['run 200', 'week-too-long', 1],
  ['run 5 | supervised 4', 'supervised-run', 1],
  ['run 5 | supervised 0', 'supervised-run', 1],
  ['run 5 | supervised', 'supervised-run', 1],
  ['run 5 | supervised 1.5', 'supervised-run', 1],
];

describe('parseCourseText', () => {
  it('reads the default course back, taking everything but the weeks from the base', () => {
    const result = parseCourseText(courseToText(defaultCourse12Weeks), defaultCourse12Weeks);
    expect(result).toEqual({ ok: true, course: defaultCourse12Weeks });
  });

  it('reads the Dutch text of a course as well, whatever the base', () => {
    const result = parseCourseText(courseToText(defaultCourse12Weeks, 'nl'), defaultCourse8Weeks);
    expect(result.ok && result.course.weeks).toEqual(defaultCourse12Weeks.weeks);
    expect(result.ok && result.course.id).toBe(defaultCourse8Weeks.id);
  });

  it('takes a decimal point or a decimal comma, and a comma after a number still separates', () => {
    const expected = [{ repeat: 7, phases: [phase('run', 1.5), phase('walk', 2)] }];
    expect(blocksOf('7 x (run 1.5, walk 2)')).toEqual(expected);
    expect(blocksOf('7 x (run 1,5, walk 2)')).toEqual(expected);
    expect(blocksOf('7 x (run 1,5,walk 2)')).toEqual(expected);
    expect(blocksOf('7 x (run 1.5,walk 2)')).toEqual(expected);
  });

  it('forgives capitals, ×, *, minutes, calm-run, Dutch synonyms and a missing bar', () => {
    const expected = [{ repeat: 2, phases: [phase('run', 10), phase('walk', 2)] }];
    expect(blocksOf('2 X (Run 10 min, WALK 2 minutes)')).toEqual(expected);
    expect(blocksOf('2 × (run 10, walk 2)')).toEqual(expected);
    expect(blocksOf('2*(run 10,walk 2)')).toEqual(expected);
    expect(blocksOf('2x(hardlopen 10 minuten, wandelen 2 min)')).toEqual(expected);
    expect(blocksOf('calm-run 25')).toEqual(blocksOf('calm run 25'));
    expect(blocksOf('rustig hardlopen 25')).toEqual(blocksOf('rustig lopen 25'));
    expect(weeksOf('run 30, supervised 3')).toEqual([
      { week: 1, blocks: [{ repeat: 1, phases: [phase('run', 30)] }], supervisedRun: 3 },
    ]);
    expect(weeksOf('run 30 begeleid 2')[0]?.supervisedRun).toBe(2);
    expect(weeksOf('run 30, | supervised 2')[0]?.supervisedRun).toBe(2);
    expect(blocksOf('run 12, walk 2,')).toEqual(blocksOf('run 12, walk 2'));
  });

  it('makes each run of plain phases one block and each bracket its own', () => {
    expect(blocksOf('run 5, 2 x (run 1, walk 1), walk 2, run 3')).toEqual([
      { repeat: 1, phases: [phase('run', 5)] },
      { repeat: 2, phases: [phase('run', 1), phase('walk', 1)] },
      { repeat: 1, phases: [phase('walk', 2), phase('run', 3)] },
    ]);
  });

  it('skips blank lines, and numbers weeks by the lines that have one', () => {
    const result = parseCourseText('\n  run 5\n\n\r\nrun 6\n', base);
    expect(result.ok && result.course.weeks.map((w) => [w.week, w.blocks[0]?.phases[0]?.durationMs])).toEqual(
      [
        [1, 5 * MIN],
        [2, 6 * MIN],
      ],
    );
  });

  it('keeps the repeat limit of validateCourse', () => {
    expect(blocksOf(`${String(MAX_BLOCK_REPEAT)} x (run 0.1, walk 0.1)`)[0]?.repeat).toBe(MAX_BLOCK_REPEAT);
    expect(parseCourseText(`${String(MAX_BLOCK_REPEAT + 1)} x (run 0.1, walk 0.1)`, base)).toMatchObject({
      ok: false,
      problem: 'bad-repeat',
    });
  });

  it.each(problems)('%j is a %s problem on line %i', (text, problem, line, word) => {
    const result = parseCourseText(text, base);
    expect(result).toEqual({ ok: false, line, problem, ...(word !== undefined && { text: word }) });
  });

  it('names the line of the first problem when there are several', () => {
    expect(parseCourseText('run 5\nwalk 5\nrun fast', base)).toMatchObject({
      line: 2,
      problem: 'no-running',
    });
  });

  it('refuses a base course that is itself not valid: that is no fault of the text', () => {
    expect(() => parseCourseText('run 5', { ...base, runsPerWeek: 0 })).toThrow(RangeError);
  });
});

const phaseArbitrary: fc.Arbitrary<CoursePhase> = fc.record({
  kind: fc.constantFrom<CoursePhase['kind']>('run', 'walk', 'calm-run'),
  // Whole seconds, including many that are no round decimal of a minute (20 s is 0.333… min).
  durationMs: fc.integer({ min: 1, max: 900 }).map((seconds) => seconds * 1000),
});

const blockArbitrary: fc.Arbitrary<CourseBlock> = fc.record({
  repeat: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 }), fc.constant(MAX_BLOCK_REPEAT)),
  phases: fc.array(phaseArbitrary, { minLength: 1, maxLength: 4 }),
});

const weekArbitrary = fc
  .record(
    {
      blocks: fc.array(blockArbitrary, { minLength: 1, maxLength: 4 }),
      supervisedRun: fc.integer({ min: 1, max: base.runsPerWeek }),
    },
    { requiredKeys: ['blocks'] },
  )
  // A week valid on its own: some running, at most two hours.
  .filter((week) => validateCourse({ ...base, weeks: [{ week: 1, ...week }] }).length === 0);

const courseArbitrary: fc.Arbitrary<Course> = fc
  .array(weekArbitrary, { minLength: 1, maxLength: COURSE_TEXT_LIMITS.weeks })
  .map((weeks) => ({ ...base, weeks: weeks.map((week, i): CourseWeek => ({ week: i + 1, ...week })) }));

describe('round trip', () => {
  it.each<CourseTextLanguage>(['en', 'nl'])(
    'the %s text of any valid course reads back to the same course',
    (language) => {
      fc.assert(
        fc.property(courseArbitrary, (course) => {
          expect(validateCourse(course)).toEqual([]);
          expect(parseCourseText(courseToText(course, language), base)).toEqual({ ok: true, course });
        }),
      );
    },
  );
});

/** Every problem code, as a record so that a new code without an entry here does not compile. */
const allCodes: Record<CourseTextProblemCode, true> = {
  'no-weeks': true,
  'too-many-weeks': true,
  empty: true,
  'unknown-word': true,
  'missing-kind': true,
  'bad-number': true,
  syntax: true,
  'bad-repeat': true,
  'too-many-parts': true,
  'no-running': true,
  'week-too-long': true,
  'supervised-run': true,
};

describe("the editor's words", () => {
  it.each([
    ['en', m.courseEditorHelp({}, { locale: 'en' })],
    ['nl', m.courseEditorHelp({}, { locale: 'nl' })],
  ] as const)('the %s help names the words and shows real weeks of the text', (language, help) => {
    const words = COURSE_TEXT_WORDS[language];
    for (const word of [...Object.values(words.kinds), words.supervised]) expect(help).toContain(word);
    const lines = courseToText(defaultCourse12Weeks, language).split('\n');
    expect(help).toContain(lines[0]);
    expect(help).toContain(lines[7]);
  });

  it('every problem is tested above and has a sentence naming its line, in both languages', () => {
    const tested = new Set(problems.map(([, code]) => code));
    const words = { line: 7, word: 'jog', runsPerWeek: 3, maxWeeks: 16, maxRepeat: 50, maxWeekMinutes: 120 };
    for (const code of Object.keys(allCodes) as CourseTextProblemCode[]) {
      expect(tested).toContain(code);
      for (const locale of ['en', 'nl'] as const) {
        expect(courseTextProblemsMessages[code](words, { locale })).toMatch(
          code === 'no-weeks' ? /\S/ : /\b7\b/,
        );
      }
    }
  });
});
