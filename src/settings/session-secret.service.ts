import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { deleteSetting, findSetting } from './setting.repository';

// Where installations before issue 11 kept the generated secret: in the database itself, so a
// copy of the database could derive every survey and unsubscribe link.
const LEGACY_SETTING_KEY = 'session_secret';

export class SecretKeyError extends Error {}

/** Creates the key file once (mode 0600); another process that got there first wins. */
function createKeyFile(file: string, secret: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file)!;
    throw error;
  }
}

function readKeyFile(file: string): string | undefined {
  try {
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new SecretKeyError(`${file} holds no secret of at least 32 characters`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The server secret that signs session cookies and derives personal-link tokens: SESSION_SECRET,
 * else the key file (SECRET_KEY_FILE), created with a random secret on first start. Never the
 * database: a secret an older installation kept there moves to the key file (so existing links
 * keep working) and its row is deleted.
 * @throws SecretKeyError when the key file and the database hold different secrets
 */
export async function resolveSessionSecret(db: Db, config: Pick<Config, 'sessionSecret' | 'secretKeyFile'>): Promise<string> {
  const file = config.secretKeyFile;
  const legacy = await findSetting(db, LEGACY_SETTING_KEY);
  if (legacy !== undefined) {
    const kept = readKeyFile(file) ?? createKeyFile(file, legacy);
    if (kept !== legacy) {
      throw new SecretKeyError(
        `the database holds a server secret different from the one in ${file}; move that file away to keep the database's links working, or delete the setting row "${LEGACY_SETTING_KEY}"`,
      );
    }
    await deleteSetting(db, LEGACY_SETTING_KEY);
  }
  if (config.sessionSecret) return config.sessionSecret;
  return readKeyFile(file) ?? createKeyFile(file, crypto.randomBytes(32).toString('hex'));
}
