// Shared helpers of the browser tests; see README.md beside this file.

export { artifactsDir, distDir, portalBin, repoRoot, sharedDataFile, siteDir } from "./paths.mjs";
export { startPortal } from "./portal.mjs";
export { startStaticServer } from "./static.mjs";
export {
  assertNoAxeViolations,
  launchBrowser,
  openPage,
  runAxe,
  saveScreenshot,
  waitForDemoWasm,
  withPage,
} from "./browser.mjs";
