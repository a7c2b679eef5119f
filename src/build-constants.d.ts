/** Which build this is (vite.config.ts `define`): the package version, or CALM_RUN_BUILD_ID when set. */
declare const __BUILD_ID__: string;
/** Whether this is a build, which registers its service worker (vite.config.ts `define`); false on the dev server. */
declare const __SERVICE_WORKER__: boolean;
/** The live-share servers this build's CSP allows (vite.config.ts, from CALM_RUN_SHARE_SERVERS): CSP source texts. */
declare const __SHARE_SERVER_SOURCES__: readonly string[];
