import { expect } from 'vitest';
import { forgetFiguresOf } from './figures';

// Before each bench file: its figures from earlier runs go, so only what this run measures is in the results.
const testPath = expect.getState().testPath;
if (testPath !== undefined) forgetFiguresOf(testPath);
