/**
 * Upper bounds on a course written as text. The weeks: room to repeat a few weeks of the 12-week course. The parts:
 * far more than any week needs, low enough that a stored course stays small (the preferences schema uses them).
 */
export const COURSE_TEXT_LIMITS = { weeks: 16, blocksPerWeek: 24, phasesPerBlock: 48 } as const;

/**
 * The most times a bracketed part can be repeated: {@link validateCourse}'s limit (not exported there; a test keeps
 * the two equal), for the editor's message and the stored course's schema. The parser leaves the check to it.
 */
export const MAX_BLOCK_REPEAT = 50;
