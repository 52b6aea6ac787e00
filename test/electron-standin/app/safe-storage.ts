/**
 * `safeStorage` (https://www.electronjs.org/docs/latest/api/safe-storage) with real, reversible
 * encryption: Chromium's Linux OSCrypt scheme (components/os_crypt/sync/os_crypt_linux.cc):
 * AES-128-CBC, IV of 16 spaces, key = PBKDF2-HMAC-SHA1(password, "saltysalt", 1 iteration).
 * `basic_text` uses the hard-coded password "peanuts" under the "v10" prefix (no protection, as
 * on a real machine without a keyring); a keyring backend uses the test's password under "v11".
 *
 * The backend is chosen by the host: ELECTRON_STANDIN_KEYRING = gnome_libsecret (default) |
 * kwallet5 | basic_text | unavailable; ELECTRON_STANDIN_KEYRING_PASSWORD is the keyring's secret.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { app } from './app';
import { guarded } from './unsupported';

const SALT = 'saltysalt';
const IV = Buffer.alloc(16, ' ');
const BASIC_TEXT_PASSWORD = 'peanuts';
const DEFAULT_TEST_KEYRING_PASSWORD = 'jobshell-standin-test-keyring-secret';

type Backend = 'gnome_libsecret' | 'kwallet5' | 'kwallet6' | 'basic_text' | 'unavailable';

function backend(): Backend {
  const chosen = process.env.ELECTRON_STANDIN_KEYRING ?? 'gnome_libsecret';
  const known: readonly Backend[] = [
    'gnome_libsecret',
    'kwallet5',
    'kwallet6',
    'basic_text',
    'unavailable',
  ];
  const found = known.find((name) => name === chosen);
  if (found === undefined) throw new Error(`ELECTRON_STANDIN_KEYRING=${chosen} is not a backend`);
  return found;
}

function keyFor(prefix: 'v10' | 'v11'): Buffer {
  const password =
    prefix === 'v10'
      ? BASIC_TEXT_PASSWORD
      : (process.env.ELECTRON_STANDIN_KEYRING_PASSWORD ?? DEFAULT_TEST_KEYRING_PASSWORD);
  return pbkdf2Sync(password, SALT, 1, 16, 'sha1');
}

function available(): boolean {
  // Docs: on Linux, true once 'ready' has been emitted and the secret key is available.
  return app.isReady() && backend() !== 'unavailable';
}

function encrypt(plainText: string): Buffer {
  if (!available())
    throw new Error(
      'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
    );
  const prefix = backend() === 'basic_text' ? 'v10' : 'v11';
  const cipher = createCipheriv('aes-128-cbc', keyFor(prefix), IV);
  return Buffer.concat([Buffer.from(prefix), cipher.update(plainText, 'utf8'), cipher.final()]);
}

function decrypt(encrypted: Buffer): string {
  const prefix = encrypted.subarray(0, 3).toString('latin1');
  if (!available() || (prefix !== 'v10' && prefix !== 'v11'))
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  try {
    const decipher = createDecipheriv('aes-128-cbc', keyFor(prefix), IV);
    return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
}

export const safeStorage = guarded('safeStorage', {
  isEncryptionAvailable: available,
  encryptString: encrypt,
  decryptString: decrypt,
  /** Docs: Linux only; 'unknown' before 'ready'. */
  getSelectedStorageBackend: (): string => {
    if (!app.isReady()) return 'unknown';
    const chosen = backend();
    return chosen === 'unavailable' ? 'basic_text' : chosen;
  },
  isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(available()),
  encryptStringAsync: (plainText: string): Promise<Buffer> =>
    new Promise((resolve) => {
      resolve(encrypt(plainText)); // a throw here rejects the promise
    }),
  /** Docs: resolves {shouldReEncrypt, result}; the test key never rotates. */
  decryptStringAsync: (encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> =>
    new Promise((resolve) => {
      resolve({ shouldReEncrypt: false, result: decrypt(encrypted) });
    }),
});
