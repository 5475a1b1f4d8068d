// The demo company's fixed data: everything here is fictional and deterministic.
/** The demo's data is written in the three shipped languages. */
export type Language = 'en' | 'sv' | 'da';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_TEAMS = [
  { key: 'logistics', name: 'Logistics', email: 'logistics@demo.example' },
  { key: 'finance', name: 'Finance & invoicing', email: 'finance@demo.example' },
  { key: 'support', name: 'Customer support', email: 'support@demo.example' },
  { key: 'product', name: 'Product quality', email: 'product@demo.example' },
  { key: 'sales', name: 'Sales & account management', email: 'sales@demo.example' },
] as const;
export type DemoTeamKey = (typeof DEMO_TEAMS)[number]['key'];

export const DEMO_USERS = [
  { email: 'admin@demo.example', name: 'Alva Admin', role: 'admin', team: null },
  { email: 'manager@demo.example', name: 'Maja Kvalitet', role: 'manager', team: null },
  { email: 'member@demo.example', name: 'Lars Logistik', role: 'member', team: 'logistics' },
  { email: 'finance@demo.example', name: 'Freja Faktura', role: 'member', team: 'finance' },
  { email: 'support-lead@demo.example', name: 'Sam Support', role: 'member', team: 'support' },
  { email: 'kam@demo.example', name: 'Karin Konto', role: 'kam', team: null },
  { email: 'kam2@demo.example', name: 'Mads Kundeansvarlig', role: 'kam', team: null },
] as const;

export interface DemoCategory {
  key: string;
  team: DemoTeamKey | null;
  names: Record<Language, string>;
  keywords: string[];
  description: string;
  /** How customers put it, in their own words. */
  verbatims: Record<Language, string[]>;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    key: 'late',
    team: 'logistics',
    names: { en: 'Late deliveries', sv: 'Sena leveranser', da: 'Forsinkede leverancer' },
    keywords: ['late', 'delay', 'lead time', 'försenad', 'leveranstid', 'forsinket', 'leveringstid'],
    description: 'Deliveries arrive after the promised date or lead times are too long.',
    verbatims: {
      en: ['Deliveries are often a week late', 'Lead times keep slipping without notice', 'Late delivery stopped our line twice'],
      sv: ['Leveranserna kommer ofta för sent', 'Leveranstiden håller inte', 'Försenade leveranser stoppar vår produktion'],
      da: ['Leverancerne kommer ofte for sent', 'Leveringstiden bliver ikke overholdt', 'Forsinket levering igen i denne måned'],
    },
  },
  {
    key: 'invoice',
    team: 'finance',
    names: { en: 'Invoice errors', sv: 'Fel på fakturor', da: 'Fejl i fakturaer' },
    keywords: ['invoice', 'billing', 'credit note', 'faktura', 'fakturering', 'kreditnota'],
    description: 'Invoices with wrong prices, quantities or references.',
    verbatims: {
      en: ['Invoices rarely match the order', 'Wrong prices on the invoice', 'We have to ask for credit notes every month'],
      sv: ['Fakturorna stämmer sällan med ordern', 'Fel pris på fakturan', 'Krångligt att få kreditfakturor'],
      da: ['Fakturaerne passer ikke med ordren', 'Forkerte priser på fakturaen', 'Vi skal altid bede om kreditnota'],
    },
  },
  {
    key: 'support',
    team: 'support',
    names: { en: 'Slow support response', sv: 'Långsam support', da: 'Langsom support' },
    keywords: ['support', 'response time', 'ticket', 'svarstid', 'kundtjänst', 'svartid', 'kundeservice'],
    description: 'Support takes too long to answer or to solve issues.',
    verbatims: {
      en: ['Support takes days to answer', 'Nobody answers the support phone', 'Our support tickets stay open for weeks'],
      sv: ['Supporten svarar för långsamt', 'Lång svarstid hos kundtjänst', 'Ärenden blir liggande i veckor'],
      da: ['Supporten svarer for langsomt', 'Lang svartid hos kundeservice', 'Sagerne bliver liggende i ugevis'],
    },
  },
  {
    key: 'damaged',
    team: 'logistics',
    names: { en: 'Damaged goods', sv: 'Skadat gods', da: 'Beskadigede varer' },
    keywords: ['damaged', 'broken', 'packaging', 'skadad', 'trasig', 'emballage', 'beskadiget', 'ødelagt'],
    description: 'Goods arrive damaged or poorly packed.',
    verbatims: {
      en: ['Pallets arrive damaged', 'Poor packaging, broken parts'],
      sv: ['Trasiga pallar vid leverans', 'Dåligt emballage, skadade varor'],
      da: ['Varerne ankommer beskadigede', 'Dårlig emballage, ødelagte dele'],
    },
  },
  {
    key: 'contact',
    team: 'sales',
    names: { en: 'Hard to reach our contact person', sv: 'Svårt att nå kontaktpersonen', da: 'Svært at få fat i kontaktpersonen' },
    keywords: ['contact person', 'account manager', 'reach', 'kontaktperson', 'säljare', 'sælger'],
    description: 'The account manager or contact person is hard to reach.',
    verbatims: {
      en: ['Our account manager never calls back', 'Hard to reach anyone who knows our account'],
      sv: ['Svårt att nå vår kontaktperson', 'Säljaren ringer aldrig tillbaka'],
      da: ['Svært at få fat i vores kontaktperson', 'Sælgeren ringer aldrig tilbage'],
    },
  },
  {
    key: 'quality',
    team: 'product',
    names: { en: 'Product quality varies', sv: 'Ojämn produktkvalitet', da: 'Svingende produktkvalitet' },
    keywords: ['quality', 'defect', 'kvalitet', 'defekt', 'reklamation'],
    description: 'Products vary in quality or have defects.',
    verbatims: {
      en: ['Quality varies between batches', 'Too many defects in the last deliveries'],
      sv: ['Kvaliteten varierar mellan leveranserna', 'För många defekta produkter'],
      da: ['Kvaliteten svinger mellem leverancerne', 'For mange defekte produkter'],
    },
  },
  {
    key: 'portal',
    team: null,
    names: { en: 'Ordering portal is hard to use', sv: 'Beställningsportalen är krånglig', da: 'Bestillingsportalen er besværlig' },
    keywords: ['portal', 'web shop', 'ordering', 'login', 'beställning', 'webbshop', 'bestilling'],
    description: 'The web portal for orders is slow or hard to use.',
    verbatims: {
      en: ['The ordering portal is slow and confusing', 'Cannot find order history in the portal'],
      sv: ['Beställningsportalen är krånglig', 'Webbshopen är långsam'],
      da: ['Bestillingsportalen er besværlig', 'Webshoppen er langsom'],
    },
  },
  {
    key: 'info',
    team: 'sales',
    names: { en: 'No proactive information', sv: 'Ingen proaktiv information', da: 'Ingen proaktiv information' },
    keywords: ['information', 'notify', 'heads-up', 'informera', 'besked', 'informere'],
    description: 'We are not told in advance about changes, delays or price increases.',
    verbatims: {
      en: ['Nobody tells us about delays in advance', 'Price changes come without warning'],
      sv: ['Vi får ingen information i förväg om förseningar', 'Prisändringar kommer utan förvarning'],
      da: ['Vi får ingen besked på forhånd om forsinkelser', 'Prisændringer kommer uden varsel'],
    },
  },
];

export const DEMO_SEGMENTS = ['Industry', 'Retail', 'Public sector'] as const;
export const DEMO_REGIONS = ['Nordics', 'DACH', 'UK & Ireland'] as const;
export const DEMO_RELATIONSHIPS = ['transactional', 'support', 'advisory', 'partnership', 'strategic', 'trusted'] as const;

/** 40 customer accounts: Swedish, Danish and English company names. */
export const DEMO_CUSTOMERS: { name: string; language: Language }[] = [
  ...[
    'Norrlands Stål AB', 'Västkustens Bygg AB', 'Malmö Marin AB', 'Göta Kanal Logistik AB', 'Uppsala Labbteknik AB',
    'Dalarnas Trävaror AB', 'Kiruna Gruvservice AB', 'Skånska Livs AB', 'Örebro Verkstad AB', 'Sundsvalls Papper AB',
    'Jönköpings Förpackning AB', 'Blekinge Energi AB', 'Luleå Hamntjänst AB', 'Stockholms Kontorsmöbler AB',
  ].map((name) => ({ name, language: 'sv' as const })),
  ...[
    'Aarhus Maskinfabrik A/S', 'Fyns Fødevarer A/S', 'Københavns Kontorservice ApS', 'Jyske Vindmøller A/S',
    'Odense Emballage A/S', 'Aalborg Cement & Beton A/S', 'Esbjerg Offshore ApS', 'Roskilde Laboratorier A/S',
    'Vejle Møbler A/S', 'Sønderjysk Transport A/S', 'Helsingør Værft ApS', 'Silkeborg Papir A/S', 'Herning Tekstil A/S',
  ].map((name) => ({ name, language: 'da' as const })),
  ...[
    'Thames Valley Engineering Ltd', 'Pennine Foods plc', 'Clyde Marine Services Ltd', 'Severn Logistics Ltd',
    'Cotswold Packaging Ltd', 'Mersey Chemicals plc', 'Highland Timber Ltd', 'Kent Office Supplies Ltd',
    'Norfolk Agritech Ltd', 'Dublin Medical Devices Ltd', 'Bristol Aerospace Parts Ltd', 'Yorkshire Steelworks plc',
    'Cornwall Energy Ltd',
  ].map((name) => ({ name, language: 'en' as const })),
];

export const FIRST_NAMES: Record<Language, string[]> = {
  sv: ['Anna', 'Erik', 'Karin', 'Johan', 'Sara', 'Mikael', 'Lena', 'Anders', 'Emma', 'Per'],
  da: ['Mette', 'Søren', 'Louise', 'Jesper', 'Camilla', 'Henrik', 'Sofie', 'Rasmus', 'Pernille', 'Anders'],
  en: ['Olivia', 'James', 'Emily', 'Thomas', 'Charlotte', 'Daniel', 'Sophie', 'Oliver', 'Hannah', 'George'],
};

export const LAST_NAMES: Record<Language, string[]> = {
  sv: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Lindberg'],
  da: ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Madsen'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Walker', 'Wright', 'Robinson', 'Hughes'],
};

/** A small deterministic pseudo-random generator (mulberry32), so the demo is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
