import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The project's ground truth lives beside the checkout, in ../shared/vectors. */
export const sharedVectorsDir = resolve(import.meta.dirname, '../../../../shared/vectors');

export function readSharedVector(relativePath: string): unknown {
  return JSON.parse(readFileSync(resolve(sharedVectorsDir, relativePath), 'utf8'));
}

export function listSharedVectors(folder: string): string[] {
  return readdirSync(resolve(sharedVectorsDir, folder)).filter((name) => name.endsWith('.json'));
}
