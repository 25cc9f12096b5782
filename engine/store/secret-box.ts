// Secrets at rest: AES-256-GCM with a key kept in a 0600 key file beside the database.
import crypto from 'node:crypto';
import fs from 'node:fs';

/** Encrypts and decrypts small secret blobs; the key never leaves this object. */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** Loads the key file, creating it (mode 0600) when missing. A host may pass its own key instead. */
  static open(keyFile: string, suppliedKey?: Buffer): SecretBox {
    if (suppliedKey) {
      if (suppliedKey.length !== 32) throw new Error('The supplied secret key must be 32 bytes');
      return new SecretBox(suppliedKey);
    }
    if (!fs.existsSync(keyFile)) {
      const key = crypto.randomBytes(32);
      fs.writeFileSync(keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`The key file ${keyFile} is damaged (expected 32 bytes of key)`);
    return new SecretBox(key);
  }

  /** Encrypts a JSON-serialisable value to `v1:<iv>:<tag>:<ciphertext>` (base64 parts). */
  seal(value: unknown): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  /** Decrypts a sealed value; throws `encryption-key-lost` style errors when the key does not match. */
  open(sealed: string): unknown {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('A stored secret has an unknown format');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text);
    } catch {
      throw new Error('encryption-key-lost: stored secrets cannot be decrypted with the current key file');
    }
  }
}
