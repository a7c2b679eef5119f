import { lazyModule, type LazyModule } from '../lazy/lazy-module';

/**
 * Every screen but home, each in a chunk of its own that loads when its route first opens: the first screen then
 * downloads only what home needs (see tests/bench/bundle.bench.ts). Rolldown splits on these `import()` calls.
 */
function screen<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
  return lazyModule(async () => (await importer()).default);
}

export const lazyScreens = {
  beforeRun: screen(() => import('./BeforeRunScreen.svelte')),
  run: screen(() => import('./RunScreen.svelte')),
  afterRun: screen(() => import('./AfterRunScreen.svelte')),
  history: screen(() => import('./HistoryScreen.svelte')),
  session: screen(() => import('./SessionDetailScreen.svelte')),
  profile: screen(() => import('./ProfileScreen.svelte')),
  course: screen(() => import('./CourseScreen.svelte')),
  settings: screen(() => import('./SettingsScreen.svelte')),
  breathing: screen(() => import('./BreathingScreen.svelte')),
};
