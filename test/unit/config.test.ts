import path from 'node:path';
import { configWarnings, loadConfig } from '../../src/config';
import { configErrorOf } from '../support/config-error';

describe('loadConfig', () => {
  it('starts with nothing set: port 3000, SQLite under db/, mail to files', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'sqlite', file: expect.stringMatching(/db[/\\]pds-loop\.sqlite$/) });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailRate).toBe(10);
    expect(config.mailRetrySeconds).toBe(60);
  });

  it('finds Chromium for PDF reports at /usr/bin/chromium unless CHROMIUM_PATH says elsewhere', () => {
    expect(loadConfig({}).chromiumPath).toBe('/usr/bin/chromium');
    expect(loadConfig({ CHROMIUM_PATH: 'opt/chromium/chrome' }).chromiumPath).toBe(path.resolve('opt/chromium/chrome'));
    expect(loadConfig({ CHROMIUM_PATH: '' }).chromiumPath).toBe('/usr/bin/chromium');
  });

  it('names PORT and what is wrong when it is not a number', () => {
    const message = configErrorOf({ PORT: 'abc' });
    expect(message).toMatch(/^Invalid configuration: PORT /);
    expect(message).toContain('"abc"');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('rejects a port out of range', () => {
    expect(configErrorOf({ PORT: '70000' })).toMatch(/PORT must be between 0 and 65535/);
  });

  it('names DATABASE_URL when it is malformed', () => {
    expect(configErrorOf({ DATABASE_URL: 'mysql://localhost/x' })).toMatch(/DATABASE_URL must be/);
    expect(configErrorOf({ DATABASE_URL: 'postgres://' })).toMatch(/DATABASE_URL must be postgres:/);
  });

  it('accepts a SQLite path with or without a scheme and a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:tmp/x.sqlite' }).database).toEqual({ kind: 'sqlite', file: path.resolve('tmp/x.sqlite') });
    expect(loadConfig({ DATABASE_URL: 'data/app.db' }).database).toEqual({ kind: 'sqlite', file: path.resolve('data/app.db') });
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/pds' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/pds',
    });
  });

  it('sizes the PostgreSQL pool by DATABASE_POOL_SIZE, and names a bad value', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/pds', DATABASE_POOL_SIZE: '25' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/pds',
      poolSize: 25,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/pds' }).database).not.toHaveProperty('poolSize');
    expect(configErrorOf({ DATABASE_POOL_SIZE: '0' })).toMatch(/DATABASE_POOL_SIZE must be at least 1/);
    expect(configErrorOf({ DATABASE_POOL_SIZE: 'many' })).toMatch(/DATABASE_POOL_SIZE must be a number/);
  });

  it('names every bad variable at once', () => {
    const message = configErrorOf({ BASE_URL: 'ftp://example.com', MAIL_RATE: '-1', SMTP_URL: 'http://x', MAIL_FROM: 'nope' });
    expect(message).toContain('BASE_URL must be an http:// or https:// URL');
    expect(message).toContain('MAIL_RATE must be greater than 0');
    expect(message).toContain('SMTP_URL must be smtp://');
    expect(message).toContain('MAIL_FROM must be an email address');
  });

  it('never echoes a secret value', () => {
    const message = configErrorOf({ SESSION_SECRET: 'short-secret' });
    expect(message).toContain('SESSION_SECRET must be at least 32 characters');
    expect(message).not.toContain('short-secret');
  });

  it('strips a trailing slash from BASE_URL used in mailed links', () => {
    expect(loadConfig({ BASE_URL: 'https://survey.example.com/' }).baseUrl).toBe('https://survey.example.com');
  });
});

describe('DKIM configuration', () => {
  const { privateKey } = require('node:crypto').generateKeyPairSync('rsa', { modulusLength: 2048 }) as import('node:crypto').KeyPairKeyObjectResult;
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const base = { NODE_ENV: 'test', DATABASE_URL: ':memory:' };

  it('is off without its variables and on with domain, selector and a key (line breaks given as \\n too)', () => {
    expect(loadConfig(base).dkim).toBeUndefined();
    const dkim = loadConfig({ ...base, DKIM_DOMAIN: 'Example.com', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).dkim;
    expect(dkim).toMatchObject({ domainName: 'example.com', keySelector: 'mail2026' });
    expect(dkim?.privateKey).toContain('-----BEGIN PRIVATE KEY-----\n');
  });

  it('stops start-up naming the variable when a part is missing or the key is not a key, never echoing the key', () => {
    expect(() => loadConfig({ ...base, DKIM_DOMAIN: 'example.com', DKIM_PRIVATE_KEY: pem })).toThrow('DKIM_SELECTOR must be set');
    expect(() => loadConfig({ ...base, DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not-a-key-secret-text' })).toThrow(/DKIM_PRIVATE_KEY must be a PEM private key/);
    expect(() => loadConfig({ ...base, DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not-a-key-secret-text' })).not.toThrow(/not-a-key-secret-text/);
    expect(() => loadConfig({ ...base, DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: '/nonexistent/dkim.pem' })).toThrow('DKIM_PRIVATE_KEY_FILE cannot be read');
    expect(() => loadConfig({ ...base, DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem })).toThrow(/DKIM_DOMAIN must be a domain name/);
  });

  it('warns that one-click unsubscribe needs https when BASE_URL is http', () => {
    expect(configWarnings(loadConfig({ ...base, BASE_URL: 'http://survey.example.com' })).join(' ')).toContain('RFC 8058');
    expect(configWarnings(loadConfig({ ...base, BASE_URL: 'https://survey.example.com' }))).toEqual([]);
  });
});
