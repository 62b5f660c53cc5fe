/** Set by esbuild.mjs: true in development/test builds, false in the production bundle (test seams drop out). */
declare const __TEST_HOOKS__: boolean;
