import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DB_DIR, SURVEYS_DIR, VAR_DIR } from './paths';
import { ROLES, type Role } from './auth/user';
import { emailAddress } from './shared/email';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const email = emailAddress('must be an email address');

const databaseUrl = z.string().transform((value, ctx): DatabaseTarget => {
  if (value === ':memory:') return { kind: 'sqlite', file: ':memory:' };
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname || url.pathname.length < 2) throw new Error('missing host or database name');
      return { kind: 'postgres', url: value };
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be postgres://user:password@host:port/database' });
      return z.NEVER;
    }
  }
  const sqlitePath = value.replace(/^(sqlite|file):(\/\/)?/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && sqlitePath === value) {
    ctx.addIssue({ code: 'custom', message: 'must be a SQLite file path, sqlite:<path> or postgres://…' });
    return z.NEVER;
  }
  if (sqlitePath.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'names no SQLite file' });
    return z.NEVER;
  }
  return { kind: 'sqlite', file: sqlitePath === ':memory:' ? sqlitePath : path.resolve(sqlitePath) };
});

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  /** poolSize: connections per process at most (node-postgres' default, 10, when absent). */
  | { kind: 'postgres'; url: string; poolSize?: number };

/** Reads a database URL as DATABASE_URL takes it (a SQLite path, sqlite:<path> or postgres://…); throws ConfigError naming `name`. */
export function parseDatabaseUrl(value: string, name = 'DATABASE_URL'): DatabaseTarget {
  const parsed = databaseUrl.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${name} ${parsed.error.issues[0]?.message ?? 'is not a database URL'}`);
  return parsed.data;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
function isSecureOrLoopback(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

const claimName = z.string().trim().regex(/^[A-Za-z0-9_:.\/-]{1,100}$/, 'must be a claim name (letters, digits, _ : . / -)');

/** One entry of OIDC_GROUP_ROLES: members of `group` get `role`, and join `team` when one is named. */
export interface GroupRole {
  readonly group: string;
  readonly role: Role;
  readonly team: string | undefined;
}

// "group=role" or "group=role:Team name", separated by ";". The last "=" ends the group's name,
// so a group may contain "=" (as LDAP names do); a team's name may contain ":".
function parseGroupRoles(value: string, ctx: z.RefinementCtx): readonly GroupRole[] {
  const entries = value.split(';').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const parsed: GroupRole[] = [];
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const group = entry.slice(0, at).trim();
    const target = entry.slice(at + 1);
    const colon = target.indexOf(':');
    const role = (colon < 0 ? target : target.slice(0, colon)).trim();
    const team = colon < 0 ? undefined : target.slice(colon + 1).trim();
    if (at < 1 || !group) {
      ctx.addIssue({ code: 'custom', message: `has "${entry}", which is not group=role or group=role:team` });
    } else if (!(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: 'custom', message: `gives group "${group}" the role "${role}", which is not one of ${ROLES.join(', ')}` });
    } else if (team === '') {
      ctx.addIssue({ code: 'custom', message: `names an empty team for group "${group}"` });
    } else {
      parsed.push({ group, role: role as Role, team });
    }
  }
  if (parsed.length === 0 && entries.length === 0) ctx.addIssue({ code: 'custom', message: 'names no group' });
  return parsed;
}

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
  ),
  BASE_URL: optional(
    z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
      .transform((u) => u.replace(/\/+$/, '')),
  ),
  DATABASE_URL: z.preprocess(emptyToUndefined, databaseUrl.prefault(path.join(DB_DIR, 'pds-loop.sqlite'))),
  DATABASE_POOL_SIZE: optional(z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000')),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, message: 'must be smtp://… or smtps://…' })),
  MAIL_FROM: z.preprocess(emptyToUndefined, email.default('pds-loop@localhost')),
  MAIL_FROM_NAME: z.preprocess(emptyToUndefined, z.string().max(100).default('PDS Loop')),
  MAIL_DIR: z.preprocess(emptyToUndefined, z.string().default(path.join(VAR_DIR, 'mail'))),
  SURVEYS_DIR: z.preprocess(emptyToUndefined, z.string().default(SURVEYS_DIR)),
  MAIL_RATE: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number' }).positive('must be greater than 0').max(10000).default(10),
  ),
  MAIL_RETRY_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number' }).positive('must be greater than 0').max(86400).default(60),
  ),
  MAIL_WORKER: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  SCHEDULER_TICK_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number' }).min(0.1, 'must be at least 0.1').max(3600).default(10),
  ),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  SECRET_KEY_FILE: z.preprocess(emptyToUndefined, z.string().default(path.join(VAR_DIR, 'secret.key'))),
  ADMIN_EMAIL: optional(email),
  ADMIN_PASSWORD: optional(z.string().min(10, 'must be at least 10 characters')),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(off|loopback|\d+)$/, 'must be off, loopback or a number of proxy hops')
      .default('off'),
  ),
  ERROR_DETAILS: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  WEBHOOK_ALLOW_LOOPBACK: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  DKIM_DOMAIN: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, 'must be a domain name, like example.com'),
  ),
  DKIM_SELECTOR: optional(z.string().trim().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'must be a DNS label, like mail2026')),
  DKIM_PRIVATE_KEY: optional(z.string()),
  DKIM_PRIVATE_KEY_FILE: optional(z.string()),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  // Single sign-on over OpenID Connect (docs/sign-in.md).
  OIDC_ISSUER: optional(
    z.url({ protocol: /^https?$/, message: 'must be an https:// URL' }).refine(isSecureOrLoopback, 'must be an https:// URL (http:// only on localhost)'),
  ),
  OIDC_CLIENT_ID: optional(z.string().trim().max(500)),
  OIDC_CLIENT_SECRET: optional(z.string().max(2000)),
  OIDC_PROVIDER_NAME: z.preprocess(emptyToUndefined, z.string().trim().max(60, 'must be at most 60 characters').default('single sign-on')),
  OIDC_EMAIL_CLAIM: z.preprocess(emptyToUndefined, claimName.default('email')),
  OIDC_SCOPES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scopes separated by single spaces')
      .refine((value) => value.split(' ').includes('openid'), 'must include openid')
      .default('openid email profile'),
  ),
  OIDC_GROUP_CLAIM: optional(claimName),
  OIDC_GROUP_ROLES: optional(z.string().transform(parseGroupRoles)),
  OIDC_CREATE_USERS: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'must be on or off' }).default('off')),
  PASSWORD_SIGN_IN: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'must be on or off' }).default('on')),
  CHROMIUM_PATH: z.preprocess(emptyToUndefined, z.string().default('/usr/bin/chromium')),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly baseUrl: string;
  readonly database: DatabaseTarget;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly mailFromName: string;
  readonly mailDir: string;
  readonly mailRate: number;
  /** Folder of survey templates (*.json). */
  readonly surveysDir: string;
  readonly mailRetrySeconds: number;
  readonly runMailWorker: boolean;
  /** Seconds between two scheduler ticks of the background worker (launch, close, remind, escalate). */
  readonly schedulerTickSeconds: number;
  /** Undefined means: use the secret kept in `secretKeyFile`, created on first start. */
  readonly sessionSecret: string | undefined;
  /** Where the generated server secret is kept (mode 0600), never inside the database's folder. */
  readonly secretKeyFile: string;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly logLevel: string;
  /** Show stack traces on error pages: only when a developer turns it on (ERROR_DETAILS=on). */
  readonly showErrorDetails: boolean;
  /** Express "trust proxy": false, 'loopback' or a hop count. */
  readonly trustProxy: false | 'loopback' | number;
  /** Single sign-on over OpenID Connect; undefined when OIDC_ISSUER is not set. */
  readonly oidc: OidcConfig | undefined;
  /** Whether staff may sign in with email and password (PASSWORD_SIGN_IN). */
  readonly passwordSignIn: boolean;
  /** Webhook endpoints on loopback (http too) are allowed: development and tests only, never in production. */
  readonly webhookAllowLoopback: boolean;
  /** DKIM signing of every mail, when DKIM_DOMAIN, DKIM_SELECTOR and a key are set. */
  readonly dkim: DkimConfig | undefined;
  /** The Chromium that renders PDF reports; a missing one leaves the print views working. */
  readonly chromiumPath: string;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Shown on the sign-in button: "Sign in with <providerName>". */
  readonly providerName: string;
  /** The claim that carries the user's email address. */
  readonly emailClaim: string;
  /** Scopes asked for, separated by spaces (always with openid). */
  readonly scopes: string;
  /** The claim that lists the user's groups; undefined means roles and teams are kept in PDS Loop. */
  readonly groupClaim: string | undefined;
  /** Groups to roles and teams, in order of priority (the first matching entry gives the role). */
  readonly groupRoles: readonly GroupRole[];
  /** Whether someone unknown to PDS Loop becomes a user at their first sign-in. */
  readonly createUsers: boolean;
}

export interface DkimConfig {
  readonly domainName: string;
  readonly keySelector: string;
  /** PEM; never logged. */
  readonly privateKey: string;
}

/** DKIM from its variables: all of them or none; the key must be a private key Node can sign with. */
function dkimFrom(e: { DKIM_DOMAIN?: string; DKIM_SELECTOR?: string; DKIM_PRIVATE_KEY?: string; DKIM_PRIVATE_KEY_FILE?: string }): DkimConfig | undefined {
  const given = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY ?? e.DKIM_PRIVATE_KEY_FILE].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (e.DKIM_PRIVATE_KEY !== undefined && e.DKIM_PRIVATE_KEY_FILE !== undefined) {
    throw new ConfigError('Invalid configuration: set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both');
  }
  if (!e.DKIM_DOMAIN) throw new ConfigError('Invalid configuration: DKIM_DOMAIN must be set when DKIM is configured');
  if (!e.DKIM_SELECTOR) throw new ConfigError('Invalid configuration: DKIM_SELECTOR must be set when DKIM is configured');
  let pem: string;
  if (e.DKIM_PRIVATE_KEY_FILE !== undefined) {
    try {
      pem = fs.readFileSync(path.resolve(e.DKIM_PRIVATE_KEY_FILE), 'utf8');
    } catch {
      throw new ConfigError(`Invalid configuration: DKIM_PRIVATE_KEY_FILE cannot be read (${e.DKIM_PRIVATE_KEY_FILE})`);
    }
  } else if (e.DKIM_PRIVATE_KEY !== undefined) {
    // An environment variable often carries the PEM's line breaks as "\n".
    pem = e.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n');
  } else {
    throw new ConfigError('Invalid configuration: DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE must be set when DKIM is configured');
  }
  const name = e.DKIM_PRIVATE_KEY_FILE !== undefined ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY';
  try {
    const key = crypto.createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') throw new Error('type');
    if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) {
      throw new ConfigError(`Invalid configuration: ${name} must be an RSA key of at least 1024 bits (2048 recommended)`);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Invalid configuration: ${name} must be a PEM private key (RSA or Ed25519)`);
  }
  return { domainName: e.DKIM_DOMAIN, keySelector: e.DKIM_SELECTOR, privateKey: pem.trim() + '\n' };
}

/** What start-up should warn about: settings that work but not as people expect. */
export function configWarnings(config: Pick<Config, 'baseUrl' | 'dkim' | 'mailFrom'>): string[] {
  const warnings: string[] = [];
  if (config.baseUrl.startsWith('http:')) {
    warnings.push(`BASE_URL is ${config.baseUrl}: mailed links use http, and one-click unsubscribe (RFC 8058) needs an https BASE_URL; mail programs may not offer it.`);
  }
  return warnings;
}

export class ConfigError extends Error {}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(path.resolve(dir), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Parses the environment; throws ConfigError with one line naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      const shown = name.includes('SECRET') || name.includes('PASSWORD') || name.includes('KEY') ? '' : raw === undefined ? '' : ` (got "${raw}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const oidc = oidcConfig(e);
  const secretKeyFile = path.resolve(e.SECRET_KEY_FILE);
  // A copy of the database (or of its folder) must not carry the key that opens its links.
  const databaseDir = e.DATABASE_URL.kind === 'sqlite' && e.DATABASE_URL.file !== ':memory:' ? path.dirname(e.DATABASE_URL.file) : undefined;
  if ([DB_DIR, databaseDir].some((dir) => dir !== undefined && isInside(secretKeyFile, dir))) {
    throw new ConfigError('Invalid configuration: SECRET_KEY_FILE must be outside the database folder (a copy of the database must not carry its key)');
  }
  // A production server must not be made to post into its own machine.
  if (e.WEBHOOK_ALLOW_LOOPBACK === 'on' && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration: WEBHOOK_ALLOW_LOOPBACK must be off when NODE_ENV is production (webhooks go only to public https addresses)');
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    baseUrl: e.BASE_URL ?? `http://localhost:${e.PORT}`,
    database: e.DATABASE_URL.kind === 'postgres' && e.DATABASE_POOL_SIZE !== undefined ? { ...e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailFromName: e.MAIL_FROM_NAME,
    mailDir: path.resolve(e.MAIL_DIR),
    mailRate: e.MAIL_RATE,
    surveysDir: path.resolve(e.SURVEYS_DIR),
    mailRetrySeconds: e.MAIL_RETRY_SECONDS,
    runMailWorker: e.MAIL_WORKER === 'on',
    schedulerTickSeconds: e.SCHEDULER_TICK_SECONDS,
    sessionSecret: e.SESSION_SECRET,
    secretKeyFile,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    showErrorDetails: e.ERROR_DETAILS === 'on',
    trustProxy: e.TRUST_PROXY === 'off' ? false : e.TRUST_PROXY === 'loopback' ? 'loopback' : Number(e.TRUST_PROXY),
    oidc,
    passwordSignIn: e.PASSWORD_SIGN_IN === 'on',
    webhookAllowLoopback: e.WEBHOOK_ALLOW_LOOPBACK === 'on',
    dkim: dkimFrom(e),
    chromiumPath: path.resolve(e.CHROMIUM_PATH),
  });
}

/** The single sign-on settings, which only make sense together; throws ConfigError naming what is missing. */
function oidcConfig(e: z.infer<typeof EnvSchema>): OidcConfig | undefined {
  const problems: string[] = [];
  const needsIssuer = {
    OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
    OIDC_GROUP_CLAIM: e.OIDC_GROUP_CLAIM,
    OIDC_GROUP_ROLES: e.OIDC_GROUP_ROLES,
  };
  if (!e.OIDC_ISSUER) {
    for (const [name, value] of Object.entries(needsIssuer)) if (value !== undefined) problems.push(`${name} is set but OIDC_ISSUER is not`);
    if (e.OIDC_CREATE_USERS === 'on') problems.push('OIDC_CREATE_USERS is on but OIDC_ISSUER is not set');
    if (e.PASSWORD_SIGN_IN === 'off') problems.push('PASSWORD_SIGN_IN is off but OIDC_ISSUER is not set (nobody could sign in)');
  } else {
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
    if (!e.OIDC_CLIENT_SECRET) problems.push('OIDC_CLIENT_SECRET is required with OIDC_ISSUER');
    if (e.OIDC_GROUP_CLAIM && !e.OIDC_GROUP_ROLES) problems.push('OIDC_GROUP_ROLES is required with OIDC_GROUP_CLAIM');
    if (e.OIDC_GROUP_ROLES && !e.OIDC_GROUP_CLAIM) problems.push('OIDC_GROUP_CLAIM is required with OIDC_GROUP_ROLES');
    // Without groups every account at the provider would get in, with a role nobody chose.
    if (e.OIDC_CREATE_USERS === 'on' && !e.OIDC_GROUP_ROLES) problems.push('OIDC_CREATE_USERS=on needs OIDC_GROUP_CLAIM and OIDC_GROUP_ROLES (a new user\'s role comes from their groups)');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return undefined;
  return Object.freeze({
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    providerName: e.OIDC_PROVIDER_NAME,
    emailClaim: e.OIDC_EMAIL_CLAIM,
    scopes: e.OIDC_SCOPES,
    groupClaim: e.OIDC_GROUP_CLAIM,
    groupRoles: Object.freeze([...(e.OIDC_GROUP_ROLES ?? [])]),
    createUsers: e.OIDC_CREATE_USERS === 'on',
  });
}

/** A config for tests: in-memory database, quiet logs, no background worker. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: ':memory:', MAIL_WORKER: 'off' }),
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    ...overrides,
  });
}
