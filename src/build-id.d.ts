/** Which build this is (vite.config.ts `define`): the package version, or CALM_RUN_BUILD_ID when set. */
declare const __BUILD_ID__: string;
