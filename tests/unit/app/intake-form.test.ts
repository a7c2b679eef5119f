import { describe, expect, it } from 'vitest';
import { IntakeForm, intakeQuestions, yesAnswersOf } from '../../../src/app/intake-form.svelte';

function answerAll(form: IntakeForm, yes: readonly string[] = []): void {
  for (const question of intakeQuestions) form.answers[question] = yes.includes(question) ? 'yes' : 'no';
}

describe('IntakeForm', () => {
  it('shows no advice and saves nothing until every question is answered', () => {
    const form = new IntakeForm(35);
    form.answers['chest-pain'] = 'no';
    expect(form.complete).toBe(false);
    expect(form.advice).toBeUndefined();
    expect(form.toRecord('2026-09-01')).toBeUndefined();
  });

  it('advises a doctor first as soon as a yes is among complete answers, before saving', () => {
    const form = new IntakeForm(35);
    answerAll(form, ['fainting-or-dizziness']);
    expect(form.advice).toEqual(['see-doctor-first']);
    form.details['fainting-or-dizziness'] = 'Once, in the heat';
    expect(form.toRecord('2026-09-01')).toMatchObject({
      date: '2026-09-01',
      ageYears: 35,
      advice: ['see-doctor-first'],
      details: { 'fainting-or-dizziness': 'Once, in the heat' },
    });
  });

  it('takes the age from the profile, and a typed age over 40 adds the sports-medical check', () => {
    const form = new IntakeForm(40);
    answerAll(form);
    expect(form.advice).toEqual(['can-start']);
    form.age = '41';
    expect(form.advice).toEqual(['sports-medical-check']);
    form.age = 'forty';
    expect(form.ageYears).toBeUndefined();
    expect(form.advice).toEqual(['can-start']);
  });

  it('asks about a beta blocker after a yes to the medication question, and waits for that answer', () => {
    const form = new IntakeForm(50);
    answerAll(form, ['heart-rate-medication']);
    expect(form.asksHeartRateBlocking).toBe(true);
    expect(form.complete).toBe(false);
    form.heartRateBlocking = 'yes';
    expect(form.heartRateBlockingMedication).toBe(true);
    expect(form.toRecord('2026-09-01')?.heartRateBlockingMedication).toBe(true);
    // A no to the medication question leaves the follow-up out, whatever was ticked before.
    form.answers['heart-rate-medication'] = 'no';
    expect(form.complete).toBe(true);
    expect(form.toRecord('2026-09-01')?.heartRateBlockingMedication).toBe(false);
  });

  it('opens on a saved intake with its answers, keeping its resting check', () => {
    const first = new IntakeForm(52);
    answerAll(first, ['heart-rate-medication', 'anything-else']);
    first.heartRateBlocking = 'yes';
    first.feeling = 2;
    first.arousal = 3;
    const record = first.toRecord('2026-09-01');
    if (!record) throw new Error('the intake is complete');
    const saved = { ...record, restingCheckSessionId: 'rest-1' };
    const again = new IntakeForm(60, saved);
    expect(again.age).toBe('52');
    expect(again.heartRateBlocking).toBe('yes');
    expect(again.toRecord('2026-10-01')).toEqual({ ...saved, date: '2026-10-01' });
    expect(yesAnswersOf(saved)).toEqual(['heart-rate-medication', 'anything-else']);
  });
});
