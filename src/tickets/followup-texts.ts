import type { Language } from '../shared/languages';

/** What a reporting contact reads, in the follow-up mail and on the "did this help?" page. */
export interface FollowupTexts {
  subject: string;
  hello: (name: string) => string;
  youSaid: string;
  weDid: string;
  question: string;
  yes: string;
  no: string;
  thanks: string;
  send: string;
  saved: string;
}

const FOLLOWUP_TEXTS: Record<Language, FollowupTexts> = {
  en: {
    subject: 'You said, we did',
    hello: (n) => (n ? `Hello ${n},` : 'Hello,'),
    youSaid: 'In our customer survey you told us:',
    weDid: 'This is what we did:',
    question: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thank you for telling us.',
    send: 'Send answer',
    saved: 'Thank you, your answer was saved.',
  },
  sv: {
    subject: 'Ni sa, vi gjorde',
    hello: (n) => (n ? `Hej ${n},` : 'Hej,'),
    youSaid: 'I vår kundundersökning berättade du:',
    weDid: 'Det här har vi gjort:',
    question: 'Hjälpte det?',
    yes: 'Ja',
    no: 'Nej',
    thanks: 'Tack för att du berättade.',
    send: 'Skicka svar',
    saved: 'Tack, ditt svar har sparats.',
  },
  da: {
    subject: 'I sagde, vi gjorde',
    hello: (n) => (n ? `Hej ${n},` : 'Hej,'),
    youSaid: 'I vores kundeundersøgelse fortalte du os:',
    weDid: 'Det her har vi gjort:',
    question: 'Hjalp det?',
    yes: 'Ja',
    no: 'Nej',
    thanks: 'Tak fordi du fortalte os det.',
    send: 'Send svar',
    saved: 'Tak, dit svar er gemt.',
  },
};

export function followupTexts(language: Language): FollowupTexts {
  return FOLLOWUP_TEXTS[language];
}
