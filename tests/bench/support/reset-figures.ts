import { rmSync } from 'node:fs';
import { benchResultsPath } from './figures';

/** A full `npm run bench` starts from an empty file, so no stale figure survives. */
export default function resetFigures(): void {
  rmSync(benchResultsPath, { force: true });
}
