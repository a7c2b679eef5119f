// `npm test`: the unit tests, then the end-to-end suite in real Chromium.
// Without Chromium the browser tests are skipped with a plain message, except under CI=true, where that fails.
import { spawnSync, execSync } from 'node:child_process';

function run(args) {
  const result = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit' });
  return result.status ?? 1;
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

const unitStatus = run(['--project', 'unit']);
if (unitStatus !== 0) process.exit(unitStatus);

const chromium = findChromium();
if (!chromium) {
  const message =
    'Browser tests skipped: no Chromium found. Install it (Debian: apt-get install -y chromium) ' +
    'or set CHROMIUM_PATH, then run npm test again.';
  if (process.env.CI === 'true') {
    console.error(`${message}\nUnder CI=true the end-to-end suite is required: failing.`);
    process.exit(1);
  }
  console.warn(`\n${message}\n`);
  process.exit(0);
}

process.env.CHROMIUM_PATH = chromium;
process.exit(run(['--project', 'e2e']));
