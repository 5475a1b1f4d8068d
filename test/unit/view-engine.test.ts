import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ejs from 'ejs';
import { ejsViewEngine } from '../../src/shared/view-engine';

// The app's EJS engine must render exactly what EJS renders, without its per-include costs.

function viewsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-views-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function render(file: string, locals: Record<string, unknown>, engine = ejsViewEngine()): string {
  let out: string | undefined;
  let failure: Error | null = null;
  engine(file, locals, (error, html) => {
    failure = error;
    out = html;
  });
  if (failure) throw failure;
  return out!;
}

const FILES = {
  'page.ejs': "<h1><%= title %></h1>\n<%- include('parts/item', { item: 'first <b>' }) %>\n<%- include('parts/item', { item: 'second', title: 'local title' }) %>\n<% if (locals.note) { %><p><%= note %></p><% } %>",
  'parts/item.ejs': "<li><%= item %> of <%= title %><%- include('../parts/deeper') %></li>",
  'parts/deeper.ejs': '<span><%= item.length %></span>',
};

describe('the EJS view engine', () => {
  const dir = viewsDir(FILES);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renders what EJS renders: escaping, includes with their own data, nested relative includes, locals.*', async () => {
    const locals = { title: 'Tom & "Jerry"', note: '<script>', cache: true };
    const expected = await ejs.renderFile(path.join(dir, 'page.ejs'), locals);
    expect(render(path.join(dir, 'page.ejs'), locals)).toBe(expected);
    expect(expected).toContain('first &lt;b&gt; of Tom &amp; &#34;Jerry&#34;');
    expect(expected).toContain('second of local title');
  });

  it('sees an include’s data only inside that include', () => {
    const html = render(path.join(dir, 'page.ejs'), { title: 'outer', cache: true });
    expect(html).toContain('<h1>outer</h1>');
    expect(html).toContain('second of local title');
    expect(html).not.toContain('<p>');
  });

  it('compiles each file once with view cache on, and again on every render with it off', () => {
    const file = path.join(dir, 'page.ejs');
    const cached = ejsViewEngine();
    const uncached = ejsViewEngine();
    expect(render(file, { title: 'a', cache: true }, cached)).toContain('<h1>a</h1>');
    expect(render(file, { title: 'a', cache: false }, uncached)).toContain('<h1>a</h1>');
    fs.writeFileSync(file, '<h2><%= title %></h2>');
    try {
      expect(render(file, { title: 'b', cache: true }, cached)).toContain('<h1>b</h1>');
      expect(render(file, { title: 'b', cache: false }, uncached)).toBe('<h2>b</h2>');
    } finally {
      fs.writeFileSync(file, FILES['page.ejs']);
    }
  });

  it('passes a template error, with its file and line, to the callback', () => {
    const broken = viewsDir({ 'broken.ejs': 'line one\n<%= missing.value %>' });
    try {
      expect(() => render(path.join(broken, 'broken.ejs'), { cache: true })).toThrow(/broken\.ejs:2/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});
