/** Which build this is (vite.config.ts `define`): the package version, or CALM_RUN_BUILD_ID when set. */
declare const __BUILD_ID__: string;
/** Whether this is a build, which registers its service worker (vite.config.ts `define`); false on the dev server. */
declare const __SERVICE_WORKER__: boolean;
