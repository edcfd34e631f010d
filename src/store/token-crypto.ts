/**
 * Secrets at rest: AES-256-GCM (node:crypto) under keys from `SLACK_TOKEN_KEY`. Each sealed value names the key it
 * was sealed with, so keys can be rotated: the first key seals, every listed key opens.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface TokenKey {
  id: string;
  key: Buffer;
}

/** A sealed value: the id of its key, and base64 of iv (12 bytes) + tag (16 bytes) + ciphertext. */
export interface Sealed {
  keyId: string;
  data: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/** No listed key has the id a value was sealed with: the key it needs was dropped from SLACK_TOKEN_KEY too soon. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no key "${keyId}" in SLACK_TOKEN_KEY: list the key it was sealed with again (after the one that seals)`);
    this.name = 'UnknownKeyError';
  }
}

/**
 * Reads `SLACK_TOKEN_KEY`: one or more entries separated by commas or spaces, each `id:base64` or a bare base64
 * key (its id is then `k` + the first 8 hex digits of its SHA-256, the same on every start). Each key is 32 bytes.
 * Returns the keys, or the problems to report (the values are never repeated in them).
 */
export function parseTokenKeys(value: string): { keys: TokenKey[] } | { problems: string[] } {
  const problems: string[] = [];
  const keys: TokenKey[] = [];
  const entries = value.split(/[\s,]+/).filter(Boolean);
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon >= 0 ? entry.slice(0, colon) : null;
    const text = colon >= 0 ? entry.slice(colon + 1) : entry;
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
    const where = `SLACK_TOKEN_KEY entry ${i + 1}${id ? ` ("${id}")` : ''}`;
    if (key.length !== 32) {
      problems.push(`${where} must be 32 random bytes in base64 (44 characters), e.g. from: openssl rand -base64 32`);
      return;
    }
    if (id !== null && !KEY_ID.test(id)) {
      problems.push(`${where}: a key id is 1–32 letters, digits, ".", "_" or "-", as in SLACK_TOKEN_KEY=2025-06:<base64>.`);
      return;
    }
    keys.push({ id: id ?? `k${createHash('sha256').update(key).digest('hex').slice(0, 8)}`, key });
  });
  if (!entries.length) problems.push('SLACK_TOKEN_KEY is empty: set it to a 32-byte key in base64 (openssl rand -base64 32).');
  const ids = keys.map((k) => k.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) problems.push(`SLACK_TOKEN_KEY lists the key id "${twice[0]}" twice: each key needs its own id.`);
  return problems.length ? { problems } : { keys };
}

/** Seals with the first key, opens with whichever key a value names. */
export class TokenKeyring {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(private readonly keys: readonly TokenKey[]) {
    if (!keys.length) throw new Error('TokenKeyring needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key that seals. */
  get currentKeyId(): string {
    return this.keys[0].id;
  }

  /**
   * Encrypts `plaintext`, bound to `context` (the record's own name): a sealed value copied under another name
   * fails to open instead of serving one team's tokens to another.
   */
  seal(plaintext: string, context: string): Sealed {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: id, data: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64') };
  }

  /** Decrypts a sealed value; throws {@link UnknownKeyError}, or on a value that was changed or moved. */
  open(sealed: Sealed, context: string): string {
    const key = this.byId.get(sealed.keyId);
    if (!key) throw new UnknownKeyError(sealed.keyId);
    const raw = Buffer.from(sealed.data, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
