import { restoreKeptForm } from '../../src/auth/kept-form';

const kept = (fields: Record<string, string[]>, action = '/tickets/1/comments') => ({ page: '/tickets/1', action, fields });

describe('putting a kept form back into its page', () => {
  it('fills the form that posts where the kept one did, leaving every other byte of the page as rendered', () => {
    const html =
      '<!doctype html><p title="a > b">Before</p>' +
      '<form method="post" action="/tickets/1/status"><input name="title" value="Other form"><textarea name="body">keep</textarea></form>' +
      '<form method="post" action="/tickets/1/comments"><input type="hidden" name="_csrf" value="new"><input id="t" name="title" value="" data-hint="x > y">' +
      '<textarea id="body" name="body"></textarea></form><footer>After</footer>';
    const out = restoreKeptForm(html, kept({ title: ['Tom & "Jerry" <3'], body: ['See </p> and </textarea> here'], _csrf: ['old'] }));
    expect(out).toBe(
      '<!doctype html><p title="a > b">Before</p>' +
        '<form method="post" action="/tickets/1/status"><input name="title" value="Other form"><textarea name="body">keep</textarea></form>' +
        '<form method="post" action="/tickets/1/comments"><input type="hidden" name="_csrf" value="new"><input id="t" name="title" value="Tom &amp; &quot;Jerry&quot; &lt;3" data-hint="x > y">' +
        '<textarea id="body" name="body">See &lt;/p&gt; and &lt;/textarea&gt; here</textarea></form><footer>After</footer>',
    );
  });

  it('keeps a text area whose own text contains "</" whole', () => {
    const html = '<form method="post" action="/tickets/1/comments"><textarea name="body">a </b> c</textarea><input name="x"></form><p>tail</p>';
    expect(restoreKeptForm(html, kept({ body: ['new'], x: ['1'] }))).toBe('<form method="post" action="/tickets/1/comments"><textarea name="body">new</textarea><input name="x" value="1"></form><p>tail</p>');
  });

  it('finds an input whose attribute value contains ">" and adds its value after its last attribute', () => {
    const html = '<form method="post" action="/tickets/1/comments"><input name="due" placeholder="e.g. > 3 days" /></form>';
    expect(restoreKeptForm(html, kept({ due: ['2026-05-01'] }))).toBe('<form method="post" action="/tickets/1/comments"><input name="due" placeholder="e.g. > 3 days" value="2026-05-01" /></form>');
  });

  it('chooses menu options and boxes as kept, by value or by label, with quotes and ampersands in values', () => {
    const html =
      '<form method="post" action="/tickets/1/comments"><select name="team"><option value="1" selected>A &amp; B</option><option value="a&quot;b">Q</option></select>' +
      '<select name="size"><option>Small</option><option selected>Large &amp; wide</option></select>' +
      '<input type="checkbox" name="tags" value="x&amp;y"><input type="checkbox" name="tags" value="z" checked><input type="radio" name="r" value="1" checked><input type="radio" name="r" value="2"></form>';
    expect(restoreKeptForm(html, kept({ team: ['a"b'], size: ['Small'], tags: ['x&y'], r: ['2'] }))).toBe(
      '<form method="post" action="/tickets/1/comments"><select name="team"><option value="1">A &amp; B</option><option value="a&quot;b" selected>Q</option></select>' +
        '<select name="size"><option selected>Small</option><option>Large &amp; wide</option></select>' +
        '<input type="checkbox" name="tags" value="x&amp;y" checked><input type="checkbox" name="tags" value="z"><input type="radio" name="r" value="1"><input type="radio" name="r" value="2" checked></form>',
    );
  });

  it('leaves a page without the kept form exactly as it was', () => {
    const html = '<form method="get" action="/tickets/1/comments"><input name="q" value="s"></form><form method="post" action="/elsewhere"><input name="q"></form>';
    expect(restoreKeptForm(html, kept({ q: ['typed'] }))).toBe(html);
  });
});
