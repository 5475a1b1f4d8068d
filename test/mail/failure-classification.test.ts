import { classifyFailure, enhancedStatusCode, fillFields, type FailureAction, type SmtpErrorLike } from '../../src/mail/mail';

// The fields nodemailer puts on a failed send: code (ECONNECTION, EENVELOPE, EMESSAGE, …), the
// command in flight, and the server's reply with its code.
function smtpError(command: string, response: string, code = 'EENVELOPE'): SmtpErrorLike {
  return { code, command, response, responseCode: Number(response.slice(0, 3)), message: `failed: ${response}` };
}

describe('classifying a failed send by SMTP command and enhanced status code', () => {
  const table: [string, SmtpErrorLike, FailureAction][] = [
    // Only a permanent refusal of the recipient suppresses the address.
    ['5.1.1 user unknown at RCPT TO', smtpError('RCPT TO', '550 5.1.1 <x@example.com>: Recipient address rejected: User unknown'), 'suppress'],
    ['5.1.2 bad domain at RCPT TO', smtpError('RCPT TO', '550 5.1.2 Host unknown'), 'suppress'],
    ['5.1.10 null MX at RCPT TO', smtpError('RCPT TO', '556 5.1.10 Recipient address has null MX'), 'suppress'],
    ['bare 550 at RCPT TO', smtpError('RCPT TO', '550 Mailbox unavailable'), 'suppress'],
    ['bare 551 at RCPT TO', smtpError('RCPT TO', '551 User not local'), 'suppress'],
    ['bare 553 at RCPT TO', smtpError('RCPT TO', '553 Mailbox name not allowed'), 'suppress'],
    // Other refusals of a recipient are retried, never suppressed.
    ['5.7.1 relay denied at RCPT TO', smtpError('RCPT TO', '554 5.7.1 <x@example.com>: Relay access denied'), 'retry'],
    ['5.4.1 access denied at RCPT TO', smtpError('RCPT TO', '550 5.4.1 Recipient address rejected: Access denied'), 'retry'],
    ['5.2.2 mailbox full at RCPT TO', smtpError('RCPT TO', '552 5.2.2 Mailbox full'), 'retry'],
    ['bare 554 at RCPT TO', smtpError('RCPT TO', '554 Transaction failed'), 'retry'],
    ['greylisting 451 4.7.1 at RCPT TO', smtpError('RCPT TO', '451 4.7.1 Greylisted, try again later'), 'retry'],
    ['450 4.2.0 at RCPT TO', smtpError('RCPT TO', '450 4.2.0 Mailbox busy'), 'retry'],
    // The sender is refused: every mail would fail the same way.
    ['554 5.7.1 relaying temporarily denied at MAIL FROM', smtpError('MAIL FROM', '554 5.7.1 Relaying temporarily denied'), 'pause'],
    ['550 5.1.0 sender rejected at MAIL FROM', smtpError('MAIL FROM', '550 5.1.0 Sender address rejected'), 'pause'],
    ['451 4.3.0 at MAIL FROM', smtpError('MAIL FROM', '451 4.3.0 Temporary lookup failure'), 'pause'],
    ['bare 550 at MAIL FROM', smtpError('MAIL FROM', '550 Sender not allowed'), 'pause'],
    ['552 5.3.4 message too big at MAIL FROM', smtpError('MAIL FROM', '552 5.3.4 Message size exceeds fixed limit'), 'fail'],
    // Policy refusals of the message pause; other permanent refusals fail the message only.
    ['550 5.7.1 spam policy at DATA', smtpError('DATA', '550 5.7.1 Message rejected as spam', 'EMESSAGE'), 'pause'],
    ['554 5.7.26 DMARC at DATA', smtpError('DATA', '554 5.7.26 Unauthenticated email is not accepted', 'EMESSAGE'), 'pause'],
    ['450 4.7.0 rate limit at DATA', smtpError('DATA', '450 4.7.0 Too many messages, slow down', 'EMESSAGE'), 'pause'],
    ['554 5.6.0 content at DATA', smtpError('DATA', '554 5.6.0 Message content rejected', 'EMESSAGE'), 'fail'],
    ['552 5.3.4 too big at DATA', smtpError('DATA', '552 5.3.4 Message too big', 'EMESSAGE'), 'fail'],
    ['bare 550 at DATA', smtpError('DATA', '550 Mailbox unavailable', 'EMESSAGE'), 'retry'],
    ['bare 554 at DATA', smtpError('DATA', '554 Transaction failed', 'EMESSAGE'), 'retry'],
    ['451 at DATA', smtpError('DATA', '451 Try again later', 'EMESSAGE'), 'retry'],
    // The connection or the session failed: nothing to do with this mail.
    ['421 at any command', smtpError('RCPT TO', '421 4.7.0 Too many connections, closing'), 'pause'],
    ['554 greeting', smtpError('CONN', '554 No SMTP service here', 'EPROTOCOL'), 'pause'],
    ['535 authentication failed', smtpError('AUTH PLAIN', '535 5.7.8 Authentication credentials invalid', 'EAUTH'), 'pause'],
    ['refused connection', { code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'pause'],
    ['dropped connection', { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' }, 'pause'],
    ['timeout', { code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }, 'pause'],
    ['a thrown non-error', 'something odd' as unknown as SmtpErrorLike, 'pause'],
    // Refused by nodemailer before any reply: this message only.
    ['message larger than the server announced', { code: 'EMESSAGE', command: 'MAIL FROM', message: 'Message size larger than allowed 1000' }, 'fail'],
    ['an envelope nodemailer cannot send', { code: 'EENVELOPE', command: 'API', message: 'No recipients defined' }, 'fail'],
  ];

  it.each(table)('%s → %s', (_name, error, action) => {
    expect(classifyFailure(error).action).toBe(action);
  });

  it('keeps the server answer on one line as the reason, or the error code and message without an answer', () => {
    expect(classifyFailure(smtpError('MAIL FROM', '554 5.7.1 Relaying\r\ntemporarily denied')).message).toBe('554 5.7.1 Relaying temporarily denied');
    expect(classifyFailure({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }).message).toBe('ETIMEDOUT: Timeout');
  });

  it('reads the enhanced status code only where RFC 3463 puts it', () => {
    expect(enhancedStatusCode('550 5.1.1 User unknown')).toBe('5.1.1');
    expect(enhancedStatusCode('550-5.7.26 Unauthenticated')).toBe('5.7.26');
    expect(enhancedStatusCode('550 Mailbox 5.1.1 unavailable')).toBeUndefined();
    expect(enhancedStatusCode('550 User unknown')).toBeUndefined();
  });
});

describe('filling a shared mail text', () => {
  const parts = {
    subject: 'How are we doing, [[pds:customer_name]]?',
    text: 'Dear [[pds:contact_name]],\nlink [[pds-token]]',
    html: '<p>Dear [[pds:contact_name]],</p>',
    headers: { 'X-PDS-Kind': '[[pds:customer_name]]' },
  };

  it('puts values as they are in the text, escaped in the HTML, on one line in the subject and headers', () => {
    const filled = fillFields(parts, { contact_name: 'Åsa <Ö> & "Co"', customer_name: 'Acme\r\nBcc: x@evil.example' });
    expect(filled.text).toBe('Dear Åsa <Ö> & "Co",\nlink [[pds-token]]');
    expect(filled.html).toBe('<p>Dear Åsa &lt;Ö&gt; &amp; &quot;Co&quot;,</p>');
    expect(filled.subject).toBe('How are we doing, Acme Bcc: x@evil.example?');
    expect(filled.headers['X-PDS-Kind']).toBe('Acme Bcc: x@evil.example');
  });

  it('never lets a value bring in another marker, and leaves a marker without a value empty', () => {
    const filled = fillFields(parts, { contact_name: '[[pds:customer_name]]' });
    expect(filled.text).toBe('Dear [[pds:customer_name]],\nlink [[pds-token]]');
    expect(filled.subject).toBe('How are we doing, ?');
  });
});
