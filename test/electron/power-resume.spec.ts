/**
 * powerMonitor 'resume' reaches the core (src/main/index.ts, F13): after sleep the app checks its
 * terminals once. The stand-in's powerMonitor emits what the test asks, as the OS would.
 */
import { test } from '@playwright/test';
import { harness, type Harness } from './desktop-flow';

let h: Harness;
test.beforeEach(async () => {
  h = await harness();
});
test.afterEach(async () => {
  await h.close();
});

test('waking from sleep (powerMonitor resume) makes the core check its terminals once', async () => {
  const { app } = await h.start();
  // The line is written only by core.resumed(), so it cannot be there before the event.
  const checked = app.waitForLog('resumed after sleep or a clock jump');
  await app.emitPowerEvent('resume');
  await checked;
});
