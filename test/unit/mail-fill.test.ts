import { fillFields, prepareParts, TOKEN_MARKER, type MailParts } from '../../src/mail/mail';

const shared: MailParts = {
  subject: 'Survey for [[pds:customer_name]]',
  text: 'Hello [[pds:contact_name]], answer at https://x.test/s/[[pds-token]] ([[pds:unknown]]).',
  html: '<p>Hello [[pds:contact_name]]</p><a href="https://x.test/s/[[pds-token]]">answer</a>',
  headers: { 'List-Unsubscribe': '<https://x.test/u/[[pds-token]]>', 'X-PDS-Sender-Name': '[[pds:customer_name]]' },
};

describe('filling a mail text for one recipient', () => {
  it('puts the token and each value in its place, encoded for the part it goes into', () => {
    const prepared = prepareParts(shared, true);
    expect(prepared.needsToken).toBe(true);
    const filled = prepared.fill('TOKEN123', { contact_name: 'Ann <b>&\nCo', customer_name: 'Acme\r\nBcc: x@y.test' });
    expect(filled.subject).toBe('Survey for Acme Bcc: x@y.test');
    expect(filled.text).toBe('Hello Ann <b>&\nCo, answer at https://x.test/s/TOKEN123 ().');
    expect(filled.html).toBe('<p>Hello Ann &lt;b&gt;&amp;\nCo</p><a href="https://x.test/s/TOKEN123">answer</a>');
    expect(filled.headers).toEqual({ 'List-Unsubscribe': '<https://x.test/u/TOKEN123>', 'X-PDS-Sender-Name': 'Acme Bcc: x@y.test' });
  });

  it('never lets a value bring in a marker or the token', () => {
    const filled = prepareParts(shared, true).fill('TOKEN123', { contact_name: `${TOKEN_MARKER} [[pds:customer_name]]`, customer_name: 'Acme' });
    expect(filled.text).toContain(`Hello ${TOKEN_MARKER} [[pds:customer_name]], answer at https://x.test/s/TOKEN123`);
  });

  it('leaves field markers alone in a mail stored whole, and knows when no token is needed', () => {
    const whole = prepareParts({ subject: 'Hi [[pds:contact_name]]', text: 'no link', html: '', headers: {} }, false);
    expect(whole.needsToken).toBe(false);
    expect(whole.fill('', { contact_name: 'Ann' }).subject).toBe('Hi [[pds:contact_name]]');
  });

  it('fills a shared text and keeps the token marker for the worker', () => {
    const filled = fillFields(shared, { contact_name: 'Ann', customer_name: 'Acme' });
    expect(filled.text).toBe(`Hello Ann, answer at https://x.test/s/${TOKEN_MARKER} ().`);
    expect(filled.headers['List-Unsubscribe']).toBe(`<https://x.test/u/${TOKEN_MARKER}>`);
  });
});
