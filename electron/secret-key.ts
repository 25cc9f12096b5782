// The key for secrets at rest, wrapped by the operating system's key store (safeStorage) in the desktop app.
import { safeStorage } from 'electron';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'secret-key.safestorage';

/** Returns the base64 key for the engine, creating and wrapping it on first use; undefined without OS key storage. */
export function loadSecretKey(home: string): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const file = path.join(home, FILE);
  fs.mkdirSync(home, { recursive: true });
  if (!fs.existsSync(file)) {
    // An existing plain key file (from the CLI or headless host) is adopted so stored secrets stay readable.
    const plain = path.join(home, 'idsync.key');
    const key = fs.existsSync(plain) ? fs.readFileSync(plain, 'utf8').trim() : crypto.randomBytes(32).toString('base64');
    fs.writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  }
  return safeStorage.decryptString(fs.readFileSync(file));
}
