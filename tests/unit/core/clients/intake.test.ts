import { describe, expect, it } from 'vitest';
import type { IntakeAnswer, IntakeQuestionId } from '../../../../src/core/clients/client-record';
import {
  intakeAdvice,
  intakeQuestionIds,
  intakeRecord,
  suggestsFeelOrCalibratedZone,
} from '../../../../src/core/clients/intake';

function answers(yes: readonly IntakeQuestionId[] = []): Record<IntakeQuestionId, IntakeAnswer> {
  return Object.fromEntries(
    intakeQuestionIds.map((question) => [question, yes.includes(question) ? 'yes' : 'no']),
  ) as Record<IntakeQuestionId, IntakeAnswer>;
}

describe('intakeAdvice', () => {
  it('asks every screening question once', () => {
    expect(new Set(intakeQuestionIds).size).toBe(8);
  });

  it.each(intakeQuestionIds)('a yes to %s advises a doctor first', (question) => {
    expect(intakeAdvice(answers([question]), 30)).toEqual(['see-doctor-first']);
  });

  it('lets a client of 40 or younger with every answer no start', () => {
    expect(intakeAdvice(answers(), 25)).toEqual(['can-start']);
    expect(intakeAdvice(answers(), 40)).toEqual(['can-start']);
  });

  it('advises a sports-medical check above 40 with every answer no', () => {
    expect(intakeAdvice(answers(), 41)).toEqual(['sports-medical-check']);
    expect(intakeAdvice(answers(), 67)).toEqual(['sports-medical-check']);
  });

  it('gives both above 40 with a yes, the doctor first', () => {
    expect(intakeAdvice(answers(['chest-pain']), 52)).toEqual(['see-doctor-first', 'sports-medical-check']);
    expect(intakeAdvice(answers(['chest-pain']), 40)).toEqual(['see-doctor-first']);
  });

  it('gives no age advice when the age is not known', () => {
    expect(intakeAdvice(answers(), undefined)).toEqual(['can-start']);
    expect(intakeAdvice(answers(['pregnancy']), undefined)).toEqual(['see-doctor-first']);
  });
});

describe('intakeRecord', () => {
  it('keeps details beside a yes only, trimmed, and decides the advice itself', () => {
    const record = intakeRecord({
      date: '2026-09-01',
      answers: answers(['bone-or-joint-problem']),
      details: {
        'bone-or-joint-problem': '  Left knee  ',
        'chest-pain': 'typed, then answered no',
        pregnancy: ' ',
      },
      heartRateBlockingMedication: false,
      ageYears: 44,
      feelingAtRest: 2,
      arousalAtRest: 3,
    });
    expect(record).toEqual({
      date: '2026-09-01',
      answers: answers(['bone-or-joint-problem']),
      details: { 'bone-or-joint-problem': 'Left knee' },
      heartRateBlockingMedication: false,
      ageYears: 44,
      advice: ['see-doctor-first', 'sports-medical-check'],
      feelingAtRest: 2,
      arousalAtRest: 3,
    });
  });

  it('keeps a beta blocker only beside a yes to the medication question', () => {
    const base = { date: '2026-09-01', details: {}, heartRateBlockingMedication: true };
    expect(
      intakeRecord({ ...base, answers: answers(['heart-rate-medication']) }).heartRateBlockingMedication,
    ).toBe(true);
    expect(intakeRecord({ ...base, answers: answers() }).heartRateBlockingMedication).toBe(false);
  });

  it('leaves out what was not given', () => {
    const record = intakeRecord({
      date: '2026-09-01',
      answers: answers(),
      details: {},
      heartRateBlockingMedication: false,
    });
    expect(Object.keys(record).sort()).toEqual(
      ['advice', 'answers', 'date', 'details', 'heartRateBlockingMedication'].sort(),
    );
    expect(record.advice).toEqual(['can-start']);
  });
});

describe('suggestsFeelOrCalibratedZone', () => {
  const betaBlocker = { heartRateBlockingMedication: true };

  it('suggests feel or calibration to a client on a beta blocker whose zone comes from a formula', () => {
    expect(suggestsFeelOrCalibratedZone(betaBlocker, undefined)).toBe(true);
    expect(suggestsFeelOrCalibratedZone(betaBlocker, { method: 'percent-max' })).toBe(true);
    expect(suggestsFeelOrCalibratedZone(betaBlocker, { method: 'percent-reserve' })).toBe(true);
  });

  it('says nothing once the zone is by feel, calibrated or set by hand', () => {
    expect(suggestsFeelOrCalibratedZone(betaBlocker, { method: 'by-feel' })).toBe(false);
    expect(suggestsFeelOrCalibratedZone(betaBlocker, { method: 'calibrated' })).toBe(false);
    expect(suggestsFeelOrCalibratedZone(betaBlocker, { method: 'fixed' })).toBe(false);
  });

  it('says nothing without a beta blocker or an intake', () => {
    expect(suggestsFeelOrCalibratedZone({ heartRateBlockingMedication: false }, undefined)).toBe(false);
    expect(suggestsFeelOrCalibratedZone(undefined, undefined)).toBe(false);
  });
});
