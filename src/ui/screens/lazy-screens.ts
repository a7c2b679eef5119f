import type { AppState } from '../../app/app-state.svelte';
import { lazyModule, type LazyModule } from '../../app/lazy-module';

function screen<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
  return lazyModule(async () => (await importer()).default);
}

/**
 * The strap tiles home shows once a strap is connected (heart rate, chart, diagnostics): not needed until then, and
 * prefetched once home is idle, so they are there by the time a strap connects.
 */
export const liveScreen = screen(() => import('./LiveScreen.svelte'));

/**
 * Every screen but home, each in a chunk of its own that loads when its route first opens: the first screen then
 * downloads only what home needs (see tests/bench/bundle.bench.ts). Rolldown splits on these `import()` calls.
 * Each also waits for what it reads at once and home does without, loading in parallel: the preferences, and for
 * the screens that show the recording, coach or breathing session the run machinery (which brings the preferences
 * too), so they never render a moment without it (and never claim "storage unavailable" meanwhile).
 */
export function createLazyScreens(app: AppState) {
  /** A screen that opens once the preferences, which home does without, are loaded too. */
  function screenWithPreferences<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
    return lazyModule(async () => {
      const [module] = await Promise.all([importer(), app.loadPreferences()]);
      return module.default;
    });
  }
  /** A screen that reads the clients (and the preferences they join). */
  function screenWithClients<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
    return lazyModule(async () => {
      const [module] = await Promise.all([importer(), app.loadClients()]);
      return module.default;
    });
  }
  function screenWithRun<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
    return lazyModule(async () => {
      const [module] = await Promise.all([importer(), app.loadRunMachinery()]);
      return module.default;
    });
  }
  return {
    beforeRun: screenWithRun(() => import('./BeforeRunScreen.svelte')),
    run: screenWithRun(() => import('./RunScreen.svelte')),
    afterRun: screenWithPreferences(() => import('./AfterRunScreen.svelte')),
    history: screenWithPreferences(() => import('./HistoryScreen.svelte')),
    session: screenWithPreferences(() => import('./SessionDetailScreen.svelte')),
    // The runner's own course start and goals come from their client record, when there is one.
    profile: screenWithClients(() => import('./ProfileScreen.svelte')),
    course: screenWithPreferences(() => import('./CourseScreen.svelte')),
    settings: screenWithPreferences(() => import('./SettingsScreen.svelte')),
    breathing: screenWithRun(() => import('./BreathingScreen.svelte')),
    resting: screenWithRun(() => import('./RestingScreen.svelte')),
    privacy: screen(() => import('./PrivacyScreen.svelte')),
    join: screen(() => import('./JoinScreen.svelte')),
    group: screenWithRun(() => import('./GroupSetupScreen.svelte')),
    groupRun: screenWithRun(() => import('./GroupRunScreen.svelte')),
    groupAfter: screenWithRun(() => import('./GroupAfterScreen.svelte')),
    clients: screenWithClients(() => import('./ClientsScreen.svelte')),
    client: screenWithClients(() => import('./ClientScreen.svelte')),
    clientIntake: screenWithClients(() => import('./IntakeScreen.svelte')),
    evaluationReport: screenWithPreferences(() => import('./EvaluationReportScreen.svelte')),
  };
}
