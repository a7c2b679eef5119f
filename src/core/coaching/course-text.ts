import {
  validateCourse,
  type Course,
  type CourseBlock,
  type CourseIssue,
  type CoursePhase,
  type CoursePhaseKind,
  type CourseWeek,
} from './course-plan';
import { COURSE_TEXT_LIMITS } from './course-text-limits';

/**
 * A course's weeks as text a therapist can edit in a text box, one week per line, in order:
 *
 *     8 x (run 1, walk 2)
 *     run 12, walk 2, run 10
 *     calm run 30 | supervised 2
 *
 * Minutes, with decimals (`1.5` or `1,5`; rounded to the second). `N x (…)` repeats what is in the brackets; phases
 * outside brackets follow one another. `| supervised N` makes run N the week's supervised run. The warm-up and
 * cool-down walks, runs per week and the course's supervised run are not in the text: they come from the course the
 * text is applied to, because the 5-minute walks around every run are a rule of the course, not a week's choice.
 *
 * Dutch words are read too (`lopen`, `wandelen`, `rustig lopen`, `begeleid`), whatever the language the text was
 * written in, so a text survives a change of the app's language.
 */

export type CourseTextLanguage = 'en' | 'nl';

interface CourseTextWords {
  kinds: Readonly<Record<CoursePhaseKind, string>>;
  supervised: string;
  decimalSeparator: '.' | ',';
}

/** The words {@link courseToText} writes; the editor's help line names the same ones. */
export const COURSE_TEXT_WORDS: Readonly<Record<CourseTextLanguage, CourseTextWords>> = {
  en: {
    kinds: { run: 'run', walk: 'walk', 'calm-run': 'calm run' },
    supervised: 'supervised',
    decimalSeparator: '.',
  },
  nl: {
    kinds: { run: 'lopen', walk: 'wandelen', 'calm-run': 'rustig lopen' },
    supervised: 'begeleid',
    decimalSeparator: ',',
  },
};

// In a module of their own, so the stored preferences' schema (read at start-up) can use them without the parser
// coming along into the first screen's download.
export { COURSE_TEXT_LIMITS, MAX_BLOCK_REPEAT } from './course-text-limits';

/** What is wrong with a line, as a code the editor words. */
export type CourseTextProblemCode =
  /** No week at all: the text is empty. */
  | 'no-weeks'
  /** More weeks than {@link COURSE_TEXT_LIMITS}.weeks; the line is the first one too many. */
  | 'too-many-weeks'
  /** A line with nothing to run, e.g. only `| supervised 2`. */
  | 'empty'
  /** A word that is not run, walk, calm run, supervised, x or min; `text` is the word. */
  | 'unknown-word'
  /** A number of minutes with no run, walk or calm run before it. */
  | 'missing-kind'
  /** A number of minutes missing, unreadable (`1.2.3`) or rounding to zero seconds. */
  | 'bad-number'
  /** Brackets, commas or `x` out of place. */
  | 'syntax'
  /** A repeat that is not a whole number from 1 to {@link MAX_BLOCK_REPEAT}. */
  | 'bad-repeat'
  /** More blocks or phases than {@link COURSE_TEXT_LIMITS} allow. */
  | 'too-many-parts'
  /** A week with walking only. */
  | 'no-running'
  /** A week whose main part is longer than `MAX_WEEK_MAIN_MS` (2 hours). */
  | 'week-too-long'
  /** A supervised run missing, not whole, or beyond the runs per week. */
  | 'supervised-run';

export type CourseTextResult =
  { ok: true; course: Course } | { ok: false; line: number; problem: CourseTextProblemCode; text?: string };

/** Minutes with at most two decimals: rounding 1/60 of a minute (a second) that way stays within 0.3 s. */
function minutesText(durationMs: number, words: CourseTextWords): string {
  const minutes = Math.round(durationMs / 600) / 100;
  return String(minutes).replace('.', words.decimalSeparator);
}

function phaseText(phase: CoursePhase, words: CourseTextWords): string {
  return `${words.kinds[phase.kind]} ${minutesText(phase.durationMs, words)}`;
}

/** One week as one line, without the warm-up and cool-down walks. */
export function weekToText(week: CourseWeek, language: CourseTextLanguage = 'en'): string {
  const words = COURSE_TEXT_WORDS[language];
  let previousWasPlain = false;
  const parts = week.blocks
    // An empty block adds nothing to a run; it has no text and is left out.
    .filter((block) => block.phases.length > 0)
    .map((block) => {
      const phases = block.phases.map((phase) => phaseText(phase, words)).join(', ');
      const plain = block.repeat === 1 && !previousWasPlain;
      previousWasPlain = plain;
      if (plain) return phases;
      // A single block after plain phases is bracketed, or it would read as part of them.
      return block.repeat === 1 ? `(${phases})` : `${String(block.repeat)} x (${phases})`;
    });
  const supervised =
    week.supervisedRun === undefined ? '' : ` | ${words.supervised} ${String(week.supervisedRun)}`;
  return parts.join(', ') + supervised;
}

/** The course's weeks as text, one line a week; {@link parseCourseText} reads it back to the same weeks. */
export function courseToText(course: Course, language: CourseTextLanguage = 'en'): string {
  return course.weeks.map((week) => weekToText(week, language)).join('\n');
}

// Parsing. Words are compared in lower case; both languages are always understood.

const KIND_WORDS = new Map<string, CoursePhaseKind>([
  ['run', 'run'],
  ['walk', 'walk'],
  ['calm-run', 'calm-run'],
  ['lopen', 'run'],
  ['hardlopen', 'run'],
  ['wandelen', 'walk'],
]);
/** Two-word kinds: the first word, then the second words it can take. */
const CALM_WORDS = new Map<string, ReadonlySet<string>>([
  ['calm', new Set(['run'])],
  ['rustig', new Set(['lopen', 'hardlopen'])],
]);
const SUPERVISED_WORDS = new Set(['supervised', 'begeleid']);
const UNIT_WORDS = new Set(['min', 'mins', 'minute', 'minutes', 'minuut', 'minuten']);
const TIMES_WORDS = new Set(['x', '×', '*']);

type Token =
  { type: 'number'; text: string } | { type: 'word'; text: string } | { type: 'symbol'; text: string };

/**
 * Splits a line into numbers, words and symbols. A comma between two digits is a decimal comma (`1,5`); any other
 * comma separates phases, so `run 1,5, walk 2` is one and a half minutes, then two.
 */
function tokenize(line: string): Token[] {
  const pattern = /\s+|(\d+(?:[.,]\d+)*)|([\p{L}][\p{L}-]*)|(.)/suy;
  const tokens: Token[] = [];
  while (pattern.lastIndex < line.length) {
    // The last alternative takes any character, so every position matches.
    const match = pattern.exec(line);
    if (match === null) break;
    const [, number, word, symbol] = match;
    if (number !== undefined) tokens.push({ type: 'number', text: number });
    else if (word !== undefined) tokens.push({ type: 'word', text: word.toLowerCase() });
    else if (symbol !== undefined) tokens.push({ type: 'symbol', text: symbol });
  }
  return tokens;
}

function isKnownWord(text: string): boolean {
  return (
    KIND_WORDS.has(text) ||
    CALM_WORDS.has(text) ||
    SUPERVISED_WORDS.has(text) ||
    UNIT_WORDS.has(text) ||
    TIMES_WORDS.has(text)
  );
}

class LineProblem extends Error {
  constructor(
    readonly problem: CourseTextProblemCode,
    readonly text?: string,
  ) {
    super(problem);
  }
}

/** The problem with a token where it does not fit: an unknown word is named, anything else is out of place. */
function unexpected(token: Token | undefined): LineProblem {
  if (token?.type === 'word' && !isKnownWord(token.text)) return new LineProblem('unknown-word', token.text);
  return new LineProblem('syntax');
}

/** `1`, `1.5` or `1,5`; NaN for anything else (`1.2.3`). */
function numberValue(text: string): number {
  return /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
}

interface ParsedWeek {
  blocks: CourseBlock[];
  supervisedRun?: number;
}

class LineParser {
  #index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  #peek(offset = 0): Token | undefined {
    return this.tokens[this.#index + offset];
  }

  #isSymbol(token: Token | undefined, ...texts: string[]): boolean {
    return token?.type === 'symbol' && texts.includes(token.text);
  }

  #isTimes(token: Token | undefined): boolean {
    return token !== undefined && token.type !== 'number' && TIMES_WORDS.has(token.text);
  }

  #isSupervised(token: Token | undefined): boolean {
    return token?.type === 'word' && SUPERVISED_WORDS.has(token.text);
  }

  parse(): ParsedWeek {
    const blocks: CourseBlock[] = [];
    let plain: CoursePhase[] | undefined;
    let supervisedRun: number | undefined;
    while (this.#peek() !== undefined) {
      if (this.#isSymbol(this.#peek(), '|') || this.#isSupervised(this.#peek())) {
        supervisedRun = this.#supervised();
        break;
      }
      if (this.#peek()?.type === 'number' && this.#isTimes(this.#peek(1))) {
        // validateCourse judges the repeat (a whole 1 to MAX_BLOCK_REPEAT), as for any course.
        const repeat = numberValue(this.#peek()?.text ?? '');
        this.#index += 2;
        blocks.push({ repeat, phases: this.#group() });
        plain = undefined;
      } else if (this.#isSymbol(this.#peek(), '(')) {
        blocks.push({ repeat: 1, phases: this.#group() });
        plain = undefined;
      } else {
        if (plain === undefined) {
          plain = [];
          blocks.push({ repeat: 1, phases: plain });
        }
        plain.push(this.#phase());
      }
      const next = this.#peek();
      // A comma before the end or before `| supervised` is forgiven: it is what one types mid-edit.
      if (this.#isSymbol(next, ',')) this.#index++;
      else if (next !== undefined && !this.#isSymbol(next, '|') && !this.#isSupervised(next)) {
        throw unexpected(next);
      }
    }
    if (blocks.length === 0) throw new LineProblem('empty');
    return supervisedRun === undefined ? { blocks } : { blocks, supervisedRun };
  }

  /** `( phase, phase, … )`, the opening bracket next. */
  #group(): CoursePhase[] {
    if (!this.#isSymbol(this.#peek(), '(')) throw unexpected(this.#peek());
    this.#index++;
    const phases: CoursePhase[] = [];
    for (;;) {
      phases.push(this.#phase());
      const next = this.#peek();
      if (this.#isSymbol(next, ')')) {
        this.#index++;
        return phases;
      }
      if (!this.#isSymbol(next, ',')) throw unexpected(next);
      this.#index++;
    }
  }

  /** `run 1.5`, `calm run 30 min`, … */
  #phase(): CoursePhase {
    const kind = this.#kind();
    const number = this.#peek();
    if (number?.type !== 'number') {
      throw number?.type === 'word' && !isKnownWord(number.text)
        ? unexpected(number)
        : new LineProblem('bad-number');
    }
    this.#index++;
    const minutes = numberValue(number.text);
    // Durations are whole seconds (validateCourse); a number that rounds to none is no duration.
    const durationMs = Math.round(minutes * 60) * 1000;
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw new LineProblem('bad-number');
    const unit = this.#peek();
    if (unit?.type === 'word' && UNIT_WORDS.has(unit.text)) this.#index++;
    return { kind, durationMs };
  }

  #kind(): CoursePhaseKind {
    const token = this.#peek();
    // `8 (run 1, walk 2)`: a repeat without its x.
    if (token?.type === 'number' && this.#isSymbol(this.#peek(1), '(')) throw new LineProblem('syntax');
    if (token?.type === 'number') throw new LineProblem('missing-kind');
    if (token?.type !== 'word') throw unexpected(token);
    const second = CALM_WORDS.get(token.text);
    if (second !== undefined) {
      const next = this.#peek(1);
      if (next?.type !== 'word' || !second.has(next.text)) throw unexpected(next);
      this.#index += 2;
      return 'calm-run';
    }
    const kind = KIND_WORDS.get(token.text);
    if (kind === undefined) throw unexpected(token);
    this.#index++;
    return kind;
  }

  /** `| supervised 2` (the bar may be left out), the end of the line. */
  #supervised(): number {
    if (this.#isSymbol(this.#peek(), '|')) this.#index++;
    if (!this.#isSupervised(this.#peek())) throw unexpected(this.#peek());
    this.#index++;
    const number = this.#peek();
    const run = number?.type === 'number' ? numberValue(number.text) : Number.NaN;
    if (!Number.isInteger(run)) throw new LineProblem('supervised-run');
    this.#index++;
    if (this.#peek() !== undefined) throw unexpected(this.#peek());
    return run;
  }
}

/** A week valid in any valid course: checking the base with it leaves only the base's own issues. */
const PROBE_WEEK: CourseWeek = {
  week: 1,
  blocks: [{ repeat: 1, phases: [{ kind: 'run', durationMs: 60_000 }] }],
};

/** Which text problem a {@link validateCourse} issue of a parsed week is. */
function problemOfIssue(issue: CourseIssue): CourseTextProblemCode {
  switch (issue.code) {
    case 'empty-week':
      return 'empty';
    case 'bad-repeat':
      return 'bad-repeat';
    // The parser only makes positive whole seconds: a duration it lets through can only be too long.
    case 'bad-duration':
    case 'week-too-long':
      return 'week-too-long';
    case 'no-running':
      return 'no-running';
    case 'supervised-run':
      return 'supervised-run';
    // Base issues are ruled out before, and the parser makes only known kinds and numbers its weeks itself.
    default:
      return 'syntax';
  }
}

/**
 * Reads the text of {@link courseToText} (or a therapist's edit of it) into a course: the weeks from the text,
 * everything else (id, name, runs per week, the walks around each run) from `base`. Blank lines are skipped; line
 * numbers in a problem are the text's own, 1-based. The problem on the earliest line is returned. Each week is
 * checked with {@link validateCourse}, so a course read from text is always a valid course.
 * Throws a RangeError when `base` itself is not valid: that is the caller's mistake, not the text's.
 */
export function parseCourseText(text: string, base: Course): CourseTextResult {
  const baseIssue = validateCourse({ ...base, weeks: [PROBE_WEEK] })[0];
  if (baseIssue !== undefined) throw new RangeError(`the base course is not valid: ${baseIssue.code}`);
  const weeks: CourseWeek[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    const tokens = tokenize(line);
    if (tokens.length === 0) continue;
    const lineNumber = index + 1;
    if (weeks.length >= COURSE_TEXT_LIMITS.weeks) {
      return { ok: false, line: lineNumber, problem: 'too-many-weeks' };
    }
    let parsed: ParsedWeek;
    try {
      parsed = new LineParser(tokens).parse();
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      return {
        ok: false,
        line: lineNumber,
        problem: error.problem,
        ...(error.text !== undefined && { text: error.text }),
      };
    }
    if (
      parsed.blocks.length > COURSE_TEXT_LIMITS.blocksPerWeek ||
      parsed.blocks.some((block) => block.phases.length > COURSE_TEXT_LIMITS.phasesPerBlock)
    ) {
      return { ok: false, line: lineNumber, problem: 'too-many-parts' };
    }
    const week: CourseWeek = { week: weeks.length + 1, ...parsed };
    // Each week is checked as it is read, so the problem named is the one on the earliest line.
    const issue = validateCourse({ ...base, weeks: [{ ...week, week: 1 }] })[0];
    if (issue !== undefined) return { ok: false, line: lineNumber, problem: problemOfIssue(issue) };
    weeks.push(week);
  }
  if (weeks.length === 0) return { ok: false, line: 1, problem: 'no-weeks' };
  const course: Course = { ...base, weeks };
  return { ok: true, course };
}
