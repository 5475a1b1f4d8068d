/**
 * A kept thesaurus of what B2B customers complain about: each concept lists the words and short
 * phrases that say it in each language. A mention and a catalogue category that use different
 * words for one concept ("rykker", "påminnelse", "reminder"; "krossade", "smashed") share the
 * concept as a feature, across languages too. It is about complaints in general, not about one
 * catalogue: a company's own categories pick up whichever concepts their names and keywords use.
 *
 * Words are written as customers write them; the language's Snowball stemmer folds the forms, so
 * list a form only when the stemmer keeps it apart. A phrase matches its words in a row, stop
 * words included ("out of stock", "få tag på"). Words every complaint uses ("problem", "bad")
 * belong to LANGUAGE_DATA.generic, not here. A fourth language adds its words to each concept.
 */
import { stem, tokenize, type Lang } from './text-normalize';

export interface ComplaintConcept {
  id: string;
  words: Readonly<Record<Lang, readonly string[]>>;
}

export const COMPLAINT_CONCEPTS: readonly ComplaintConcept[] = [
  // Time and delay
  {
    id: 'late',
    words: {
      en: ['late', 'lateness', 'delay', 'delays', 'delayed', 'overdue', 'behind schedule', 'postponed', 'not on time', 'too late', 'after the deadline'],
      sv: ['sen', 'sent', 'sena', 'försenad', 'försenade', 'försenat', 'försening', 'förseningar', 'fördröjning', 'fördröjd', 'uppskjuten', 'för sent', 'inte i tid'],
      da: ['sen', 'sent', 'sene', 'forsinket', 'forsinkede', 'forsinkelse', 'forsinkelser', 'udskudt', 'for sent', 'ikke til tiden'],
    },
  },
  {
    id: 'wait',
    words: {
      en: ['wait', 'waiting', 'waited', 'queue', 'on hold', 'forever', 'ages', 'takes long', 'long time', 'slow', 'slowly', 'sluggish'],
      sv: ['vänta', 'väntar', 'väntat', 'väntade', 'väntan', 'väntetid', 'kö', 'telefonkö', 'evigheter', 'dröjer', 'dröja', 'dröjde', 'lång tid', 'långsam', 'långsamt', 'långsamma', 'seg', 'segt'],
      da: ['vente', 'venter', 'ventet', 'ventede', 'ventetid', 'kø', 'telefonkø', 'evigheder', 'lang tid', 'tager tid', 'langsom', 'langsomt', 'langsomme', 'træg', 'trægt'],
    },
  },
  {
    id: 'duration',
    words: {
      en: ['lead time', 'delivery time', 'turnaround', 'response time', 'weeks', 'days', 'months', 'hours'],
      sv: ['ledtid', 'leveranstid', 'svarstid', 'handläggningstid', 'veckor', 'dagar', 'månader', 'timmar', 'halvtimme'],
      da: ['leveringstid', 'leveringstiden', 'svartid', 'svartiden', 'sagsbehandlingstid', 'uger', 'dage', 'måneder', 'timer', 'halv time'],
    },
  },
  {
    id: 'promised',
    words: {
      en: ['promised', 'promise', 'agreed', 'confirmed', 'committed', 'deadline', 'due date', 'on time', 'date', 'expected'],
      sv: ['lovat', 'lovade', 'lovar', 'utlovad', 'utlovade', 'överenskommen', 'överenskommet', 'avtalad', 'avtalade', 'bekräftad', 'bekräftade', 'deadline', 'datum', 'i tid', 'förväntat'],
      da: ['lovet', 'lovede', 'lover', 'aftalt', 'aftalte', 'bekræftet', 'bekræftede', 'deadline', 'frist', 'fristen', 'dato', 'til tiden', 'forventet'],
    },
  },
  // Delivery
  {
    id: 'delivery',
    words: {
      en: ['delivery', 'deliveries', 'deliver', 'delivered', 'shipment', 'shipments', 'shipping', 'shipped', 'dispatch', 'dispatched', 'consignment', 'arrive', 'arrives', 'arrived', 'arrival', 'show up', 'shows up', 'turn up'],
      sv: ['leverans', 'leveranser', 'leveransen', 'leverera', 'levererar', 'levererade', 'levererat', 'sändning', 'sändningen', 'försändelse', 'utleverans', 'anlända', 'anländer', 'anlände', 'ankomst', 'komma fram', 'kommer fram', 'kom fram', 'dyker upp'],
      da: ['levering', 'leveringer', 'leveringen', 'leverance', 'leverancer', 'levere', 'leverer', 'leveret', 'leverede', 'forsendelse', 'forsendelsen', 'ankomst', 'ankommer', 'ankom', 'nå frem', 'når frem', 'kom frem', 'dukker op'],
    },
  },
  {
    id: 'transport',
    words: {
      en: ['truck', 'lorry', 'driver', 'carrier', 'courier', 'freight', 'forwarder', 'transport', 'transit', 'haulier', 'unloading', 'goods reception'],
      sv: ['lastbil', 'lastbilen', 'chaufför', 'chauffören', 'transportör', 'åkare', 'åkeri', 'speditör', 'bud', 'budet', 'frakt', 'frakten', 'transport', 'transporten', 'lossning', 'godsmottagning'],
      da: ['lastbil', 'lastbilen', 'chauffør', 'chaufføren', 'vognmand', 'fragtmand', 'fragtfirma', 'speditør', 'bud', 'fragt', 'fragten', 'transport', 'transporten', 'aflæsning', 'varemodtagelse'],
    },
  },
  {
    id: 'packaging',
    words: {
      en: ['packaging', 'package', 'packages', 'packed', 'packing', 'box', 'boxes', 'carton', 'cartons', 'pallet', 'pallets', 'crate', 'crates', 'wrapped', 'wrapping', 'parcel', 'parcels'],
      sv: ['förpackning', 'förpackningar', 'förpackad', 'emballage', 'paket', 'paketet', 'låda', 'lådor', 'lådorna', 'kartong', 'kartonger', 'pall', 'pallen', 'pallar', 'packad', 'packade', 'packat', 'inplastad'],
      da: ['emballage', 'emballeret', 'indpakning', 'pakke', 'pakken', 'pakker', 'pakket', 'kasse', 'kasser', 'kassen', 'karton', 'kartoner', 'palle', 'pallen', 'paller', 'indpakket'],
    },
  },
  {
    id: 'damaged',
    words: {
      en: ['damaged', 'damage', 'broken', 'crushed', 'dented', 'smashed', 'scratched', 'scratches', 'cracked', 'shattered', 'torn', 'destroyed', 'fell off', 'wet', 'leaking'],
      sv: ['skadad', 'skadat', 'skadade', 'skada', 'skador', 'trasig', 'trasigt', 'trasiga', 'sönder', 'krossad', 'krossat', 'krossade', 'buckla', 'bucklor', 'buckliga', 'repig', 'repor', 'repad', 'sprucken', 'spruckna', 'förstörd', 'förstörda', 'vält', 'vätskeskadad', 'blöt', 'läckte'],
      da: ['beskadiget', 'beskadigede', 'skadet', 'skadede', 'skade', 'skader', 'ødelagt', 'ødelagte', 'i stykker', 'knust', 'knuste', 'bulet', 'bulede', 'buler', 'ridset', 'ridser', 'revnet', 'flækket', 'væltet', 'våd', 'lækket'],
    },
  },
  {
    id: 'wrong',
    words: {
      en: ['wrong', 'incorrect', 'error', 'errors', 'mistake', 'mistakes', 'mixed up', 'mix-up', 'inaccurate', 'another model', 'different model', 'not what we ordered'],
      sv: ['fel', 'felaktig', 'felaktiga', 'felaktigt', 'misstag', 'inkorrekt', 'förväxlad', 'förväxlade', 'fel vara', 'fel artikel', 'annan modell'],
      da: ['forkert', 'forkerte', 'fejl', 'fejlagtig', 'fejlagtige', 'ukorrekt', 'forvekslet', 'forkert vare', 'anden model'],
    },
  },
  {
    id: 'missing',
    words: {
      en: ['missing', 'incomplete', 'partial', 'shortage', 'short', 'lacking', 'left out', 'only half', 'fewer', 'part of the order', 'quantity'],
      sv: ['saknas', 'saknades', 'saknad', 'saknade', 'ofullständig', 'ofullständiga', 'ofullständigt', 'delleverans', 'fattades', 'fattas', 'hälften', 'halva', 'färre', 'antal', 'antalet', 'kvantitet'],
      da: ['mangler', 'manglede', 'mangelfuld', 'mangelfulde', 'ufuldstændig', 'ufuldstændige', 'delvis', 'dellevering', 'halvdelen', 'færre', 'antal', 'antallet', 'mængde'],
    },
  },
  {
    id: 'order',
    words: {
      en: ['order', 'orders', 'ordered', 'ordering', 'purchase order', 'purchase', 'buy', 'bought', 'order confirmation'],
      sv: ['order', 'ordern', 'ordrar', 'beställning', 'beställningar', 'beställningen', 'beställt', 'beställde', 'beställa', 'beställer', 'inköp', 'köpa', 'köpt', 'orderbekräftelse', 'orderbekräftelsen'],
      da: ['ordre', 'ordren', 'ordrer', 'bestilling', 'bestillinger', 'bestillingen', 'bestilt', 'bestilte', 'bestille', 'bestiller', 'indkøb', 'købe', 'købt', 'ordrebekræftelse', 'ordrebekræftelsen'],
    },
  },
  // Invoices and prices
  {
    id: 'invoice',
    words: {
      en: ['invoice', 'invoices', 'invoiced', 'invoicing', 'bill', 'bills', 'billed', 'billing', 'statement'],
      sv: ['faktura', 'fakturan', 'fakturor', 'fakturorna', 'fakturera', 'fakturerar', 'fakturerade', 'fakturerat', 'fakturering', 'räkning', 'räkningen', 'räkningar', 'räkningarna'],
      da: ['faktura', 'fakturaen', 'fakturaer', 'fakturaerne', 'fakturere', 'fakturerer', 'faktureret', 'fakturerede', 'fakturering', 'regning', 'regningen', 'regninger', 'regningerne'],
    },
  },
  {
    id: 'charge',
    words: {
      en: ['charge', 'charged', 'charges', 'debit', 'debited', 'amount', 'amounts', 'sum', 'total', 'overcharged', 'twice', 'double', 'duplicate', 'paid'],
      sv: ['debitera', 'debiterar', 'debiterade', 'debiterad', 'debiterat', 'belopp', 'beloppet', 'beloppen', 'summa', 'summan', 'dubbelt', 'dubbla', 'två gånger', 'betalat', 'betalt', 'betalade'],
      da: ['debitere', 'debiterer', 'debiteret', 'debiterede', 'beløb', 'beløbet', 'beløbene', 'sum', 'summen', 'dobbelt', 'to gange', 'betalt', 'betalte'],
    },
  },
  {
    id: 'reminder',
    words: {
      en: ['reminder', 'reminders', 'dunning', 'late fee', 'late fees', 'late payment fee', 'debt collection', 'collection agency'],
      sv: ['påminnelse', 'påminnelser', 'påminnelseavgift', 'betalningspåminnelse', 'inkasso', 'inkassokrav', 'kravbrev', 'dröjsmålsränta'],
      da: ['rykker', 'rykkeren', 'rykkergebyr', 'rykkergebyrer', 'påmindelse', 'påmindelser', 'betalingspåmindelse', 'inkasso', 'morarenter'],
    },
  },
  {
    id: 'credit',
    words: {
      en: ['credit', 'credit note', 'credited', 'refund', 'refunded', 'refunds', 'reimburse', 'reimbursement', 'compensation', 'money back'],
      sv: ['kredit', 'kreditera', 'krediterad', 'krediterade', 'kreditering', 'kreditnota', 'kreditfaktura', 'återbetalning', 'återbetala', 'ersättning', 'pengarna tillbaka'],
      da: ['kredit', 'kreditere', 'krediteret', 'kreditering', 'kreditnota', 'refusion', 'refundere', 'refunderet', 'tilbagebetaling', 'erstatning', 'pengene tilbage'],
    },
  },
  {
    id: 'price',
    words: {
      en: ['price', 'prices', 'priced', 'pricing', 'price list', 'cost', 'costs', 'rate', 'rates', 'fee', 'fees', 'tariff', 'surcharge'],
      sv: ['pris', 'priset', 'priser', 'priserna', 'prislista', 'prislistan', 'prissättning', 'kostnad', 'kostnader', 'kostnaden', 'avgift', 'avgifter', 'taxa', 'tillägg', 'pristillägg'],
      da: ['pris', 'prisen', 'priser', 'priserne', 'prisliste', 'prislisten', 'prissætning', 'omkostning', 'omkostninger', 'udgift', 'udgifter', 'gebyr', 'gebyrer', 'takst', 'tillæg', 'pristillæg'],
    },
  },
  {
    id: 'increase',
    words: {
      en: ['increase', 'increased', 'increases', 'raise', 'raised', 'raises', 'rise', 'rising', 'risen', 'went up', 'gone up', 'hike', 'higher', 'more expensive'],
      sv: ['höjning', 'höjningar', 'höjningen', 'höja', 'höjer', 'höjt', 'höjde', 'höjts', 'ökning', 'ökningen', 'öka', 'ökar', 'ökat', 'ökade', 'stiger', 'stigit', 'steg', 'högre', 'dyrare'],
      da: ['stigning', 'stigninger', 'stigningen', 'stige', 'stiger', 'steget', 'steg', 'forhøjelse', 'forhøjelser', 'forhøje', 'forhøjet', 'hæve', 'hævet', 'hæver', 'øge', 'øget', 'øger', 'højere', 'dyrere'],
    },
  },
  {
    id: 'expensive',
    words: {
      en: ['expensive', 'costly', 'overpriced', 'pricey', 'too much money', 'cheaper', 'competitors'],
      sv: ['dyr', 'dyrt', 'dyra', 'dyrare', 'kostsam', 'kostsamt', 'överprisad', 'billigare', 'konkurrenter', 'konkurrenterna'],
      da: ['dyr', 'dyrt', 'dyre', 'dyrere', 'kostbar', 'kostbart', 'overpris', 'billigere', 'konkurrenter', 'konkurrenterne'],
    },
  },
  // Support and contact
  {
    id: 'support',
    words: {
      en: ['support', 'helpdesk', 'help desk', 'service desk', 'customer service', 'customer support', 'hotline', 'help'],
      sv: ['support', 'supporten', 'kundtjänst', 'kundtjänsten', 'kundservice', 'kundsupport', 'helpdesk', 'hjälp', 'hjälpa'],
      da: ['support', 'supporten', 'kundeservice', 'kundeservicen', 'kundesupport', 'helpdesk', 'hjælp', 'hjælpe'],
    },
  },
  {
    id: 'answer',
    words: {
      en: ['answer', 'answers', 'answered', 'reply', 'replies', 'replied', 'respond', 'responded', 'response', 'responses', 'get back', 'gets back', 'hear back', 'feedback', 'ignored', 'unanswered'],
      sv: ['svar', 'svaret', 'svara', 'svarar', 'svarade', 'svarat', 'återkoppling', 'återkomma', 'återkommer', 'återkom', 'höra av', 'hör av', 'hörde av', 'ignorerade', 'obesvarade'],
      da: ['svar', 'svaret', 'svare', 'svarer', 'svarede', 'tilbagemelding', 'vende tilbage', 'vender tilbage', 'vendte tilbage', 'høre fra', 'hører fra', 'ignoreret', 'ubesvaret', 'ubesvarede'],
    },
  },
  {
    id: 'case',
    words: {
      en: ['ticket', 'tickets', 'case', 'cases', 'request', 'requests', 'inquiry', 'inquiries', 'enquiry', 'enquiries', 'question', 'questions'],
      sv: ['ärende', 'ärenden', 'ärendet', 'förfrågan', 'förfrågningar', 'fråga', 'frågor', 'frågan'],
      da: ['sag', 'sager', 'sagen', 'henvendelse', 'henvendelser', 'forespørgsel', 'forespørgsler', 'spørgsmål'],
    },
  },
  {
    id: 'phone',
    words: {
      en: ['phone', 'telephone', 'call', 'calls', 'called', 'calling', 'ring', 'voicemail', 'email', 'emails', 'mail', 'mails', 'call back'],
      sv: ['telefon', 'telefonen', 'ringa', 'ringer', 'ringde', 'ringt', 'samtal', 'röstbrevlåda', 'mejl', 'mejla', 'mail', 'mailet', 'epost', 'ringa tillbaka', 'ringer tillbaka'],
      da: ['telefon', 'telefonen', 'ringe', 'ringer', 'ringede', 'ringet', 'opkald', 'telefonsvarer', 'mail', 'mails', 'mailen', 'ringe tilbage', 'ringer tilbage'],
    },
  },
  {
    id: 'reach',
    words: {
      en: ['reach', 'reachable', 'unreachable', 'get hold of', 'get through', 'get in touch', 'contact', 'contacted', 'available', 'unavailable', 'never there', 'impossible to reach'],
      sv: ['nå', 'nås', 'nåbar', 'onåbar', 'få tag på', 'få tag i', 'få kontakt', 'komma i kontakt', 'kontakta', 'kontaktar', 'anträffbar', 'oanträffbar', 'går inte att nå'],
      da: ['nå', 'nås', 'få fat i', 'få fat på', 'komme igennem', 'komme i kontakt', 'få kontakt', 'kontakte', 'kontakter', 'træffe', 'træffes', 'utilgængelig', 'kan ikke fanges'],
    },
  },
  {
    id: 'account manager',
    words: {
      en: ['contact person', 'account manager', 'key account', 'sales rep', 'salesperson', 'sales person', 'seller', 'representative', 'our contact', 'person responsible'],
      sv: ['kontaktperson', 'kontaktpersonen', 'kontakt', 'kontakten', 'säljare', 'säljaren', 'säljarna', 'kundansvarig', 'kundansvariga', 'ansvarig', 'ansvariga', 'representant'],
      da: ['kontaktperson', 'kontaktpersonen', 'kontakt', 'kontakten', 'sælger', 'sælgeren', 'sælgerne', 'kundeansvarlig', 'kundeansvarlige', 'ansvarlig', 'ansvarlige', 'repræsentant'],
    },
  },
  {
    id: 'staff',
    words: {
      en: ['staff', 'people', 'employee', 'employees', 'personnel', 'colleague', 'colleagues', 'team', 'person'],
      sv: ['personal', 'personalen', 'anställda', 'anställd', 'medarbetare', 'medarbetaren', 'person', 'personer', 'folk', 'folket'],
      da: ['personale', 'personalet', 'ansatte', 'ansat', 'medarbejder', 'medarbejdere', 'medarbejderen', 'person', 'personer', 'folk', 'folkene'],
    },
  },
  {
    id: 'turnover',
    words: {
      en: ['turnover', 'keeps changing', 'change all the time', 'changed', 'replaced', 'new contact', 'new person', 'new people', 'quit', 'left the company', 'start over', 'from scratch'],
      sv: ['personalomsättning', 'omsättning', 'byter', 'byta', 'bytt', 'bytte', 'byts', 'ersatt', 'ersatts', 'ny kontakt', 'ny person', 'nya personer', 'slutat', 'börja om', 'från början'],
      da: ['udskiftning', 'udskiftningen', 'udskiftet', 'skifter', 'skifte', 'skiftet', 'skiftede', 'erstattet', 'ny kontakt', 'ny person', 'nye personer', 'stoppet', 'sagt op', 'forfra', 'starte forfra'],
    },
  },
  {
    id: 'manners',
    words: {
      en: ['rude', 'rudely', 'rudeness', 'unfriendly', 'impolite', 'arrogant', 'condescending', 'patronising', 'patronizing', 'dismissive', 'disrespectful', 'attitude', 'tone', 'unprofessional', 'hostile', 'grumpy', 'treated', 'treatment', 'manner', 'polite', 'friendly', 'courteous', 'respect'],
      sv: ['otrevlig', 'otrevliga', 'otrevligt', 'ohövlig', 'ohövliga', 'oförskämd', 'oförskämda', 'arrogant', 'arroganta', 'nedlåtande', 'avvisande', 'respektlös', 'respektlösa', 'attityd', 'attityden', 'ton', 'tonen', 'tonläge', 'oprofessionell', 'oprofessionella', 'sur', 'sura', 'bemötande', 'bemötandet', 'bemött', 'bemöter', 'behandlade', 'behandlas', 'artig', 'artiga', 'trevlig', 'trevliga', 'vänlig', 'vänliga', 'respekt'],
      da: ['uhøflig', 'uhøflige', 'uvenlig', 'uvenlige', 'ubehagelig', 'ubehagelige', 'arrogant', 'arrogante', 'nedladende', 'afvisende', 'respektløs', 'respektløse', 'attitude', 'holdning', 'tone', 'tonen', 'uprofessionel', 'uprofessionelle', 'sur', 'sure', 'kundebehandling', 'behandling', 'behandlet', 'behandler', 'høflig', 'høflige', 'venlig', 'venlige', 'flink', 'flinke', 'respekt'],
    },
  },
  {
    id: 'competence',
    words: {
      en: ['knowledge', 'knowledgeable', 'competence', 'competent', 'incompetent', 'expertise', 'expert', 'experts', 'skills', 'skilled', 'understand', 'understanding', 'advice', 'advise', 'advisor', 'qualified', 'unqualified', 'technical', 'technically', 'clueless', 'know the product', 'know their products', 'know what they are talking about', 'specialist'],
      sv: ['kunskap', 'kunskaper', 'kunskapen', 'produktkunskap', 'kunnig', 'kunniga', 'okunnig', 'okunniga', 'kompetens', 'kompetensen', 'kompetent', 'inkompetent', 'expertis', 'expert', 'experter', 'förstå', 'förstår', 'förståelse', 'råd', 'rådgivning', 'rådgivare', 'ge råd', 'kvalificerad', 'kvalificerade', 'teknisk', 'tekniskt', 'tekniska', 'specialist', 'vet inte'],
      da: ['viden', 'vidende', 'kendskab', 'produktkendskab', 'kompetence', 'kompetencer', 'kompetent', 'inkompetent', 'ekspertise', 'ekspert', 'eksperter', 'forstå', 'forstår', 'forståelse', 'råd', 'rådgivning', 'rådgiver', 'give råd', 'kvalificeret', 'kvalificerede', 'ukvalificeret', 'teknisk', 'tekniske', 'specialist', 'ved ikke', 'kender ikke'],
    },
  },
  {
    id: 'solution',
    words: {
      en: ['solution', 'solutions', 'recommend', 'recommendation', 'suitable', 'fits our needs', 'right product', 'choose', 'choice'],
      sv: ['lösning', 'lösningar', 'lösningen', 'rekommendera', 'rekommendation', 'passar', 'lämplig', 'lämpliga', 'välja', 'val'],
      da: ['løsning', 'løsninger', 'løsningen', 'anbefale', 'anbefaling', 'passer', 'egnet', 'egnede', 'vælge', 'valg'],
    },
  },
  // Product
  {
    id: 'quality',
    words: {
      en: ['quality', 'defect', 'defects', 'defective', 'faulty', 'fault', 'faults', 'flaw', 'flawed', 'breaks', 'broke down', 'breaks down', 'stops working', 'stopped working', 'fail', 'fails', 'failed', 'failure', 'malfunction', 'wears out', 'worn out', 'poor workmanship', 'does not last', 'substandard'],
      sv: ['kvalitet', 'kvaliteten', 'kvalitetsbrist', 'kvalitetsbrister', 'defekt', 'defekta', 'bristfällig', 'bristfälliga', 'går sönder', 'gick sönder', 'slutar fungera', 'slutade fungera', 'fungerar inte', 'krånglar', 'haveri', 'havererar', 'slits', 'utsliten', 'håller inte', 'fel på'],
      da: ['kvalitet', 'kvaliteten', 'kvalitetsproblemer', 'defekt', 'defekte', 'mangelfuld', 'går i stykker', 'gik i stykker', 'holder op med at virke', 'virker ikke', 'fungerer ikke', 'svigter', 'havari', 'slidt', 'slides', 'holder ikke', 'fejl på'],
    },
  },
  {
    id: 'lifetime',
    words: {
      en: ['lifetime', 'lifespan', 'durable', 'durability', 'short time', 'after a few', 'within weeks'],
      sv: ['livslängd', 'livslängden', 'hållbarhet', 'hållbar', 'kort tid', 'efter några', 'efter kort'],
      da: ['levetid', 'levetiden', 'holdbarhed', 'holdbar', 'kort tid', 'efter få', 'efter kort'],
    },
  },
  {
    id: 'documentation',
    words: {
      en: ['documentation', 'documents', 'document', 'manual', 'manuals', 'instructions', 'instruction', 'guide', 'user guide', 'handbook', 'datasheet', 'datasheets', 'data sheet', 'data sheets', 'certificate', 'certificates', 'specification', 'specifications', 'drawings', 'safety data sheet'],
      sv: ['dokumentation', 'dokumentationen', 'dokument', 'dokumenten', 'manual', 'manualer', 'manualen', 'instruktion', 'instruktioner', 'instruktionerna', 'anvisning', 'anvisningar', 'anvisningen', 'bruksanvisning', 'bruksanvisningen', 'handbok', 'handboken', 'datablad', 'databladet', 'certifikat', 'certifikaten', 'intyg', 'specifikation', 'specifikationer', 'ritningar', 'ritning', 'säkerhetsdatablad'],
      da: ['dokumentation', 'dokumentationen', 'dokument', 'dokumenter', 'dokumenterne', 'manual', 'manualer', 'manualen', 'instruktion', 'instruktioner', 'instruktionerne', 'vejledning', 'vejledninger', 'vejledningen', 'brugsanvisning', 'brugsanvisningen', 'håndbog', 'håndbogen', 'datablad', 'databladet', 'certifikat', 'certifikater', 'specifikation', 'specifikationer', 'tegninger', 'tegning', 'sikkerhedsdatablad'],
    },
  },
  {
    id: 'outdated',
    words: {
      en: ['outdated', 'out of date', 'obsolete', 'old version', 'not updated', 'does not match'],
      sv: ['föråldrad', 'föråldrade', 'inaktuell', 'inaktuella', 'gammal version', 'gamla versionen', 'inte uppdaterad', 'stämmer inte'],
      da: ['forældet', 'forældede', 'gammel version', 'gamle version', 'ikke opdateret', 'passer ikke', 'stemmer ikke'],
    },
  },
  {
    id: 'stock',
    words: {
      en: ['stock', 'in stock', 'out of stock', 'inventory', 'sold out', 'backorder', 'backorders', 'back order', 'backordered', 'availability', 'run out', 'ran out', 'not available', 'supply'],
      sv: ['lager', 'lagret', 'i lager', 'slut i lager', 'lagerstatus', 'slutsåld', 'slutsålda', 'slutsålt', 'restorder', 'restordrar', 'restnoterad', 'restnoterade', 'tillgänglighet', 'tillgängligheten', 'tagit slut', 'tar slut', 'inte tillgänglig', 'leveransförmåga'],
      da: ['lager', 'lageret', 'på lager', 'ikke på lager', 'lagerstatus', 'udsolgt', 'udsolgte', 'restordre', 'restordrer', 'restnoteret', 'tilgængelighed', 'tilgængeligheden', 'ikke tilgængelig', 'løbet tør', 'leveringsevne'],
    },
  },
  // Ordering online
  {
    id: 'portal',
    words: {
      en: ['portal', 'website', 'web site', 'web shop', 'webshop', 'online shop', 'e-shop', 'site', 'app', 'online', 'system', 'platform'],
      sv: ['portal', 'portalen', 'hemsida', 'hemsidan', 'webbplats', 'webbplatsen', 'webbshop', 'webbshopen', 'webbutik', 'webbutiken', 'nätbutik', 'nätbutiken', 'sajt', 'sajten', 'app', 'appen', 'system', 'systemet', 'plattform', 'webben'],
      da: ['portal', 'portalen', 'hjemmeside', 'hjemmesiden', 'webshop', 'webshoppen', 'webbutik', 'netbutik', 'netbutikken', 'app', 'appen', 'system', 'systemet', 'platform', 'platformen', 'nettet'],
    },
  },
  {
    id: 'login',
    words: {
      en: ['login', 'log in', 'logged out', 'sign in', 'password', 'passwords', 'account', 'username'],
      sv: ['inloggning', 'inloggningen', 'logga in', 'loggas ut', 'lösenord', 'lösenordet', 'konto', 'kontot', 'användarnamn'],
      da: ['login', 'log ind', 'logge ind', 'logget ud', 'adgangskode', 'kodeord', 'konto', 'kontoen', 'brugernavn'],
    },
  },
  {
    id: 'outage',
    words: {
      en: ['down', 'crash', 'crashes', 'crashed', 'offline', 'error message', 'bug', 'bugs', 'freezes', 'hangs', 'not loading', 'times out', 'unusable'],
      sv: ['nere', 'ligger nere', 'kraschar', 'kraschade', 'krasch', 'felmeddelande', 'felmeddelanden', 'bugg', 'buggar', 'hänger sig', 'laddar inte', 'oanvändbar'],
      da: ['nede', 'ligger ned', 'går ned', 'crasher', 'crashede', 'fejlmeddelelse', 'fejlmeddelelser', 'fryser', 'hænger', 'indlæser ikke', 'ubrugelig'],
    },
  },
  // Information
  {
    id: 'inform',
    words: {
      en: ['inform', 'informed', 'informs', 'information', 'notify', 'notified', 'notification', 'tell', 'told', 'heads up', 'warn', 'warned', 'warning', 'let us know', 'update', 'updates', 'updated', 'announce', 'announced', 'news', 'communicate', 'communication', 'nobody told', 'no one told'],
      sv: ['information', 'informationen', 'informera', 'informerar', 'informerade', 'informerat', 'meddela', 'meddelar', 'meddelade', 'meddelat', 'meddelande', 'besked', 'beskedet', 'säga till', 'sa till', 'sagt till', 'berätta', 'berättar', 'berättade', 'varna', 'varnade', 'varning', 'uppdatering', 'uppdateringar', 'kommunikation', 'kommunicera', 'nyheter', 'ingen sa', 'ingen berättade'],
      da: ['information', 'informationen', 'informere', 'informerer', 'informeret', 'informerede', 'oplyse', 'oplyst', 'meddele', 'meddelte', 'meddelelse', 'besked', 'beskeden', 'sige til', 'sagde til', 'fortælle', 'fortæller', 'fortalte', 'advare', 'advarede', 'advarsel', 'opdatering', 'opdateringer', 'orientering', 'orientere', 'orienteret', 'kommunikation', 'kommunikere', 'nyheder', 'ingen fortalte', 'ingen sagde'],
    },
  },
  {
    id: 'in advance',
    words: {
      en: ['proactive', 'proactively', 'in advance', 'beforehand', 'ahead of time', 'advance notice', 'in good time', 'find out', 'found out', 'discover', 'discovered', 'surprise', 'surprised', 'without warning', 'unannounced', 'suddenly', 'afterwards', 'too late to'],
      sv: ['proaktiv', 'proaktivt', 'proaktiva', 'i förväg', 'i förtid', 'förvarning', 'förvarna', 'i god tid', 'får veta', 'fick veta', 'upptäcka', 'upptäcker', 'upptäckte', 'överraskning', 'överraskade', 'överraskad', 'utan förvarning', 'oannonserat', 'plötsligt', 'i efterhand', 'först när'],
      da: ['proaktiv', 'proaktivt', 'proaktive', 'på forhånd', 'i forvejen', 'forvarsel', 'varsel', 'i god tid', 'får at vide', 'fik at vide', 'finde ud af', 'fandt ud af', 'opdage', 'opdager', 'opdagede', 'overraskelse', 'overrasket', 'uden varsel', 'uanmeldt', 'pludselig', 'bagefter', 'først når', 'først da'],
    },
  },
  // Quotes
  {
    id: 'quote',
    words: {
      en: ['quote', 'quotes', 'quotation', 'quotations', 'quoted', 'offer', 'offers', 'tender', 'tenders', 'bid', 'bids', 'proposal', 'proposals', 'price proposal', 'estimate', 'estimates', 'rfq', 'request for quotation'],
      sv: ['offert', 'offerter', 'offerten', 'offerterna', 'anbud', 'anbudet', 'prisförslag', 'prisuppgift', 'prisuppgifter', 'prisförfrågan', 'prisförfrågningar', 'kostnadsförslag', 'kostnadsberäkning', 'upphandling'],
      da: ['tilbud', 'tilbuddet', 'tilbuddene', 'tilbudene', 'licitation', 'prisforslag', 'prisoverslag', 'overslag', 'prisforespørgsel', 'prisforespørgsler', 'prisoplysning', 'udbud', 'tilbudsgivning'],
    },
  },
  // Returns and claims
  {
    id: 'return',
    words: {
      en: ['return', 'returns', 'returned', 'returning', 'send back', 'sending back', 'sent back', 'take back', 'rma', 'exchange', 'replacement'],
      sv: ['retur', 'returer', 'returen', 'returnera', 'returnerar', 'returnerade', 'returnerat', 'returhantering', 'skicka tillbaka', 'skickade tillbaka', 'skicka i retur', 'ta tillbaka', 'byte', 'ersättningsvara'],
      da: ['retur', 'returnere', 'returnerer', 'returneret', 'returnerede', 'returnering', 'returneringer', 'sende tilbage', 'sendte tilbage', 'sende retur', 'tage tilbage', 'ombytning', 'erstatningsvare'],
    },
  },
  {
    id: 'claim',
    words: {
      en: ['complaint', 'complaints', 'complain', 'complained', 'claim', 'claims', 'warranty', 'guarantee', 'dispute', 'resolved', 'unresolved', 'still not resolved', 'paperwork', 'bureaucracy', 'forms'],
      sv: ['reklamation', 'reklamationer', 'reklamationen', 'reklamera', 'reklamerar', 'reklamerade', 'reklamerat', 'klagomål', 'klagomålet', 'klaga', 'klagar', 'klagade', 'garanti', 'garantin', 'garantiärende', 'olöst', 'inte löst', 'pappersarbete', 'byråkrati', 'blankett', 'blanketter'],
      da: ['reklamation', 'reklamationer', 'reklamationen', 'reklamere', 'reklamerer', 'reklamerede', 'reklameret', 'klage', 'klager', 'klagen', 'klagede', 'garanti', 'garantien', 'garantisag', 'uløst', 'ikke løst', 'papirarbejde', 'bureaukrati', 'blanket', 'blanketter', 'formular', 'formularer'],
    },
  },
  // Installation and service
  {
    id: 'installation',
    words: {
      en: ['installation', 'install', 'installed', 'installing', 'installer', 'commissioning', 'assembly', 'assemble', 'mounting', 'mount', 'set up', 'setup', 'fitting'],
      sv: ['installation', 'installationen', 'installera', 'installerar', 'installerade', 'installerat', 'installatör', 'driftsättning', 'driftsatt', 'montering', 'monteringen', 'montera', 'monterade', 'monterat', 'uppsättning', 'igångsättning'],
      da: ['installation', 'installationen', 'installere', 'installerer', 'installeret', 'installerede', 'installatør', 'idriftsættelse', 'idriftsat', 'montering', 'monteringen', 'montere', 'monterede', 'monteret', 'opsætning', 'opstilling'],
    },
  },
  {
    id: 'technician',
    words: {
      en: ['technician', 'technicians', 'engineer', 'engineers', 'fitter', 'fitters', 'mechanic', 'service technician', 'field service', 'serviceman'],
      sv: ['tekniker', 'teknikern', 'teknikerna', 'servicetekniker', 'serviceteknikern', 'montör', 'montören', 'montörerna', 'mekaniker', 'reparatör', 'installatören'],
      da: ['tekniker', 'teknikeren', 'teknikerne', 'servicetekniker', 'serviceteknikeren', 'montør', 'montøren', 'montørerne', 'mekaniker', 'reparatør', 'installatøren'],
    },
  },
  {
    id: 'service visit',
    words: {
      en: ['service visit', 'service visits', 'visit', 'visits', 'on site', 'site visit', 'maintenance', 'servicing', 'repair', 'repairs', 'repaired', 'appointment', 'booked', 'no-show', 'did not show up', 'never came'],
      sv: ['servicebesök', 'servicebesöket', 'besök', 'besöket', 'på plats', 'underhåll', 'underhållet', 'service', 'servicen', 'reparation', 'reparationer', 'reparera', 'reparerade', 'bokad', 'bokade', 'bokning', 'avtalad tid', 'kom aldrig', 'dök inte upp'],
      da: ['servicebesøg', 'servicebesøget', 'besøg', 'besøget', 'på stedet', 'vedligeholdelse', 'vedligehold', 'service', 'servicen', 'reparation', 'reparationer', 'reparere', 'repareret', 'booket', 'booking', 'aftalte tid', 'kom aldrig', 'dukkede ikke op', 'kom ikke'],
    },
  },
];

export interface ConceptIndex {
  /** The concepts a word's stem says in the language. */
  ofStem(stemmed: string, lang: Lang): readonly string[];
  /** The concepts of the phrases among a text's words (every word, stop words included). */
  ofPhrases(words: readonly string[], lang: Lang): string[];
  /** Every stem of a one-word entry, in any language: compounds may split into them. */
  stems: ReadonlySet<string>;
}

interface Phrase {
  stems: readonly string[];
  concept: string;
}

/** Indexes concepts by their words' stems in each language. */
export function conceptIndex(concepts: readonly ComplaintConcept[]): ConceptIndex {
  const single = new Map<string, Map<string, string[]>>();
  const phrases = new Map<string, Map<string, Phrase[]>>();
  const stems = new Set<string>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  for (const concept of concepts) {
    for (const [lang, entries] of Object.entries(concept.words) as [Lang, readonly string[]][]) {
      const byStem = single.get(lang) ?? new Map<string, string[]>();
      const byFirst = phrases.get(lang) ?? new Map<string, Phrase[]>();
      single.set(lang, byStem);
      phrases.set(lang, byFirst);
      for (const entry of entries) {
        const words = tokenize(entry).map((w) => stem(w, lang));
        if (words.length === 1) {
          push(byStem, words[0]!, concept.id);
          stems.add(words[0]!);
        } else if (words.length > 1) {
          push(byFirst, words[0]!, { stems: words, concept: concept.id });
        }
      }
    }
  }
  const none: readonly string[] = [];
  return {
    ofStem: (stemmed, lang) => single.get(lang)?.get(stemmed) ?? none,
    ofPhrases(words, lang) {
      const byFirst = phrases.get(lang);
      const found: string[] = [];
      if (!byFirst || byFirst.size === 0) return found;
      const stemmed = words.map((w) => stem(w, lang));
      stemmed.forEach((first, i) => {
        for (const p of byFirst.get(first) ?? []) {
          if (p.stems.every((s, j) => stemmed[i + j] === s)) found.push(p.concept);
        }
      });
      return found;
    },
    stems,
  };
}

let complaintIndex: ConceptIndex | undefined;

/** The index of COMPLAINT_CONCEPTS, built on first use. */
export function complaintConceptIndex(): ConceptIndex {
  complaintIndex ??= conceptIndex(COMPLAINT_CONCEPTS);
  return complaintIndex;
}
