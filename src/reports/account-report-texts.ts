import type { Language } from '../shared/languages';

/** What the customer reads in the account report, in their language. */
export interface AccountReportTexts {
  title: (customer: string) => string;
  intro: (campaign: string) => string;
  youToldUs: string;
  youToldUsNone: string;
  contactsMentioned: (n: number) => string;
  weDid: string;
  weDidNone: string;
  stillWorking: string;
  stillWorkingNone: string;
  status: Record<'open' | 'in_progress' | 'reopened', string>;
  resolvedOn: (date: string) => string;
  otherProblems: string;
  thanks: string;
}

const TEXTS: Record<string, AccountReportTexts> = {
  en: {
    title: (c) => `${c}: what you told us and what we did`,
    intro: (c) => `Based on your answers in our customer survey “${c}”.`,
    youToldUs: 'What you told us',
    youToldUsNone: 'Nobody at your company listed a problem in this survey.',
    contactsMentioned: (n) => (n === 1 ? 'mentioned once' : `mentioned ${n} times`),
    weDid: 'What we did',
    weDidNone: 'Nothing is finished yet.',
    stillWorking: 'What we are still working on',
    stillWorkingNone: 'Nothing is open.',
    status: { open: 'Planned', in_progress: 'In progress', reopened: 'Taken up again' },
    resolvedOn: (d) => `Done on ${d}`,
    otherProblems: 'Other things you told us',
    thanks: 'Thank you for taking part in our survey.',
  },
  sv: {
    title: (c) => `${c}: vad ni berättade och vad vi gjorde`,
    intro: (c) => `Utifrån era svar i vår kundundersökning ”${c}”.`,
    youToldUs: 'Vad ni berättade',
    youToldUsNone: 'Ingen på ert företag angav något problem i den här undersökningen.',
    contactsMentioned: (n) => (n === 1 ? 'nämnt en gång' : `nämnt ${n} gånger`),
    weDid: 'Vad vi gjorde',
    weDidNone: 'Inget är klart ännu.',
    stillWorking: 'Vad vi fortfarande arbetar med',
    stillWorkingNone: 'Inget är öppet.',
    status: { open: 'Planerat', in_progress: 'Pågår', reopened: 'Återupptaget' },
    resolvedOn: (d) => `Klart ${d}`,
    otherProblems: 'Annat ni berättade',
    thanks: 'Tack för att ni deltog i vår undersökning.',
  },
  da: {
    title: (c) => `${c}: hvad I fortalte os, og hvad vi gjorde`,
    intro: (c) => `Ud fra jeres svar i vores kundeundersøgelse “${c}”.`,
    youToldUs: 'Hvad I fortalte os',
    youToldUsNone: 'Ingen i jeres virksomhed angav et problem i denne undersøgelse.',
    contactsMentioned: (n) => (n === 1 ? 'nævnt én gang' : `nævnt ${n} gange`),
    weDid: 'Hvad vi gjorde',
    weDidNone: 'Intet er færdigt endnu.',
    stillWorking: 'Hvad vi stadig arbejder på',
    stillWorkingNone: 'Intet er åbent.',
    status: { open: 'Planlagt', in_progress: 'I gang', reopened: 'Taget op igen' },
    resolvedOn: (d) => `Færdigt ${d}`,
    otherProblems: 'Andet I fortalte os',
    thanks: 'Tak fordi I deltog i vores undersøgelse.',
  },
};

export function accountReportTexts(language: Language): AccountReportTexts {
  return TEXTS[language] ?? TEXTS.en!;
}
