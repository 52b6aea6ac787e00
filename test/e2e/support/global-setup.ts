import { missingPrerequisite } from './chromium';

/** Fails fast, saying exactly what is missing, instead of 40 tests timing out one by one. */
export default function globalSetup(): void {
  const missing = missingPrerequisite();
  if (missing !== null) throw new Error(missing);
}
