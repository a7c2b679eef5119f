import type { AppState } from '../../app/app-state.svelte';
import { lazyModule, type LazyModule } from '../../app/lazy-module';

function screen<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
  return lazyModule(async () => (await importer()).default);
}

/**
 * Every screen but home, each in a chunk of its own that loads when its route first opens: the first screen then
 * downloads only what home needs (see tests/bench/bundle.bench.ts). Rolldown splits on these `import()` calls.
 * The screens that read the recording, coach or breathing session straight away also wait for the run machinery,
 * loading in parallel, so they never render a moment without it (and never claim "storage unavailable" meanwhile).
 */
export function createLazyScreens(app: AppState) {
  function screenWithRun<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
    return lazyModule(async () => {
      const [module] = await Promise.all([importer(), app.loadRunMachinery()]);
      return module.default;
    });
  }
  return {
    beforeRun: screenWithRun(() => import('./BeforeRunScreen.svelte')),
    run: screenWithRun(() => import('./RunScreen.svelte')),
    afterRun: screen(() => import('./AfterRunScreen.svelte')),
    history: screen(() => import('./HistoryScreen.svelte')),
    session: screen(() => import('./SessionDetailScreen.svelte')),
    profile: screen(() => import('./ProfileScreen.svelte')),
    course: screen(() => import('./CourseScreen.svelte')),
    settings: screen(() => import('./SettingsScreen.svelte')),
    breathing: screenWithRun(() => import('./BreathingScreen.svelte')),
  };
}
