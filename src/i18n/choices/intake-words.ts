import type { IntakeAdvice, IntakeQuestionId } from '../../core/clients/client-record';
import { m } from '../../paraglide/messages.js';

// The intake's words: each screening question in our own words (never the PAR-Q+'s), and each advice it gives.

export const intakeQuestionsMessages = {
  'heart-or-lung-disease': m.intakeQuestions_heartOrLungDisease,
  'chest-pain': m.intakeQuestions_chestPain,
  'fainting-or-dizziness': m.intakeQuestions_faintingOrDizziness,
  'bone-or-joint-problem': m.intakeQuestions_boneOrJointProblem,
  'heart-rate-medication': m.intakeQuestions_heartRateMedication,
  pregnancy: m.intakeQuestions_pregnancy,
  'supervised-exercise-advice': m.intakeQuestions_supervisedExerciseAdvice,
  'anything-else': m.intakeQuestions_anythingElse,
} as const satisfies Record<IntakeQuestionId, unknown>;

export const intakeAdvicesMessages = {
  'can-start': m.intakeAdvices_canStart,
  'see-doctor-first': m.intakeAdvices_seeDoctorFirst,
  'sports-medical-check': m.intakeAdvices_sportsMedicalCheck,
} as const satisfies Record<IntakeAdvice, unknown>;
