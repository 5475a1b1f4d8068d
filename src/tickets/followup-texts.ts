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
  /** The mail's footer: why the contact gets it. */
  why: string;
  send: string;
  saved: string;
  /** Asked after "No": what is still not right. */
  commentLabel: string;
  commentHint: string;
  /** The thanks after a "No", saying the answer went to the people working on it. */
  savedNo: string;
  chooseAnswer: string;
  commentTooLong: string;
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
    why: 'You receive this mail because you told us about this problem in our customer survey.',
    send: 'Send answer',
    saved: 'Thank you, your answer was saved.',
    commentLabel: 'What is still not right?',
    commentHint: 'Optional. The team working on this reads it.',
    savedNo: 'Thank you. We have passed your answer on to the team working on this.',
    chooseAnswer: 'Choose yes or no.',
    commentTooLong: 'Please keep the comment under 2000 characters.',
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
    why: 'Du får det här mejlet eftersom du berättade om problemet i vår kundundersökning.',
    send: 'Skicka svar',
    saved: 'Tack, ditt svar har sparats.',
    commentLabel: 'Vad är fortfarande inte bra?',
    commentHint: 'Frivilligt. Teamet som arbetar med detta läser det.',
    savedNo: 'Tack. Vi har lämnat ditt svar vidare till teamet som arbetar med detta.',
    chooseAnswer: 'Välj ja eller nej.',
    commentTooLong: 'Håll kommentaren under 2000 tecken.',
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
    why: 'Du modtager denne mail, fordi du fortalte os om problemet i vores kundeundersøgelse.',
    send: 'Send svar',
    saved: 'Tak, dit svar er gemt.',
    commentLabel: 'Hvad er stadig ikke i orden?',
    commentHint: 'Frivilligt. Teamet, der arbejder med det, læser det.',
    savedNo: 'Tak. Vi har givet dit svar videre til teamet, der arbejder med det.',
    chooseAnswer: 'Vælg ja eller nej.',
    commentTooLong: 'Hold venligst kommentaren under 2000 tegn.',
  },
};

export function followupTexts(language: Language): FollowupTexts {
  return FOLLOWUP_TEXTS[language];
}
