import type { RestingCheckRefusalReason } from '../../core/session/session-model';
import { m } from '../../paraglide/messages.js';

// The words for why a resting check gave no figures, keyed by the stored reason.

export const restingRefusalsMessages = {
  'too-many-artifacts': m.restingRefusals_tooManyArtifacts,
  'too-short': m.restingRefusals_tooShort,
  'flat-signal': m.restingRefusals_flatSignal,
} as const satisfies Record<RestingCheckRefusalReason, unknown>;
