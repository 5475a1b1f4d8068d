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
 * belong to LANGUAGE_DATA.generic, not here. A word whose stem is another common word is listed
 * only inside a phrase ("billigare" stems to "bil", car; "förare" to "för"), or, where the
 * word alone matters, matches only as written (AMBIGUOUS_STEMS); one that mostly means something
 * else in a complaint is left out (Danish "knap", barely; "of course"). A fourth language adds
 * its words to each concept.
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
      en: ['late', 'lateness', 'delay', 'delays', 'delayed', 'overdue', 'behind schedule', 'postponed', 'not on time', 'too late', 'after the deadline', 'belated', 'tardy', 'running late', 'slipped', 'pushed back', 'moved back', 'rescheduled', 'missed the deadline', 'missed deadline', 'days late', 'weeks late', 'hours late', 'late again', 'never on time', 'not in time', 'later than', 'past due', 'held up', 'setback', 'slippage', 'deferred', 'behind plan', 'too slow to deliver', 'still not delivered', 'not yet delivered', 'yet to arrive', 'always late', 'weeks overdue'],
      sv: ['sen', 'sent', 'sena', 'försenad', 'försenade', 'försenat', 'försening', 'förseningar', 'fördröjning', 'fördröjd', 'uppskjuten', 'för sent', 'inte i tid', 'senare än', 'försenats', 'dröjsmål', 'förskjuten', 'förskjutits', 'framflyttad', 'senarelagd', 'skjutits upp', 'skjuts upp', 'sköts upp', 'blev sen', 'blev försenad', 'kom sent', 'levererades sent', 'dagar sent', 'veckor sent', 'aldrig i tid', 'sällan i tid', 'missade deadline', 'för sen', 'släpar efter', 'ligger efter', 'efter schemat', 'kommer aldrig i tid', 'alltid sent', 'alltid försenade', 'veckor för sent', 'dagar för sent', 'ännu inte levererat', 'fortfarande inte levererat', 'fortfarande inte kommit'],
      da: ['sen', 'sent', 'sene', 'forsinket', 'forsinkede', 'forsinkelse', 'forsinkelser', 'udskudt', 'for sent', 'ikke til tiden', 'senere end', 'udsat', 'udsættelse', 'udskydelse', 'skubbet', 'kom for sent', 'leveret for sent', 'dage for sent', 'uger for sent', 'aldrig til tiden', 'sjældent til tiden', 'overskredet', 'overskridelse', 'fristen overskredet', 'bagud', 'halter', 'efter planen', 'senere end aftalt', 'for sen', 'altid forsinket', 'altid for sent', 'stadig ikke leveret', 'endnu ikke leveret', 'stadig ikke kommet'],
    },
  },
  {
    id: 'wait',
    words: {
      en: ['wait', 'waiting', 'waited', 'queue', 'on hold', 'forever', 'ages', 'takes long', 'long time', 'slow', 'slowly', 'sluggish', 'wait time', 'waiting list', 'queued', 'hold time', 'put on hold', 'kept waiting', 'still waiting', 'took ages', 'takes ages', 'takes forever', 'took forever', 'took weeks', 'dragging', 'drags on', 'slower', 'painfully slow', 'no progress', 'stuck', 'nothing happens', 'standstill', 'backlog', 'still waiting for', 'waiting for weeks', 'for weeks', 'for months', 'weeks on end', 'taking too long', 'took too long'],
      sv: ['vänta', 'väntar', 'väntat', 'väntade', 'väntan', 'väntetid', 'kö', 'telefonkö', 'evigheter', 'dröjer', 'dröja', 'dröjde', 'lång tid', 'långsam', 'långsamt', 'långsamma', 'seg', 'segt', 'väntelista', 'köer', 'kön', 'kötid', 'telefonkön', 'står i kö', 'stod i kö', 'drar ut på tiden', 'drog ut på tiden', 'tar tid', 'tog lång tid', 'tar lång tid', 'tar evigheter', 'tog evigheter', 'trög', 'trögt', 'står still', 'stod still', 'händer ingenting', 'inget händer', 'ingenting händer', 'fastnat', 'segdraget', 'utdraget', 'väntat länge', 'dröjt', 'väntar fortfarande', 'väntat i veckor', 'väntat i flera veckor', 'i veckor', 'i månader', 'ingen fart', 'går trögt', 'tar sin tid'],
      da: ['vente', 'venter', 'ventet', 'ventede', 'ventetid', 'kø', 'telefonkø', 'evigheder', 'lang tid', 'tager tid', 'langsom', 'langsomt', 'langsomme', 'træg', 'trægt', 'venteliste', 'køen', 'køer', 'står i kø', 'stod i kø', 'trækker ud', 'trak ud', 'tager lang tid', 'tog lang tid', 'tager evigheder', 'tog evigheder', 'går i stå', 'står stille', 'stod stille', 'sker ingenting', 'der sker intet', 'intet sker', 'sidder fast', 'sad fast', 'ventet længe', 'sløv', 'sløvt', 'går langsomt', 'lang ventetid', 'venter stadig', 'ventet i ugevis', 'ventet i flere uger', 'i ugevis', 'i månedsvis', 'tager sin tid', 'går trægt'],
    },
  },
  {
    id: 'duration',
    words: {
      en: ['lead time', 'delivery time', 'turnaround', 'response time', 'weeks', 'days', 'months', 'hours', 'processing time', 'handling time', 'turnaround time', 'resolution time', 'minutes', 'fortnight', 'working days', 'business days', 'takes days', 'takes weeks', 'took days', 'took months', 'several weeks', 'several days', 'couple of weeks', 'a whole week', 'calendar days', 'delivery period', 'timeframe', 'time frame', 'timescale', 'half an hour', 'an hour'],
      sv: ['ledtid', 'leveranstid', 'svarstid', 'handläggningstid', 'veckor', 'dagar', 'månader', 'timmar', 'halvtimme', 'hanteringstid', 'behandlingstid', 'veckan', 'månad', 'minuter', 'arbetsdagar', 'dygn', 'kvart', 'flera veckor', 'flera dagar', 'ett par veckor', 'en hel vecka', 'kalenderdagar', 'leveransperiod', 'tidsram', 'en timme'],
      da: ['leveringstid', 'leveringstiden', 'svartid', 'svartiden', 'sagsbehandlingstid', 'uger', 'dage', 'måneder', 'timer', 'halv time', 'behandlingstid', 'ekspeditionstid', 'uge', 'ugen', 'minutter', 'arbejdsdage', 'døgn', 'kvarter', 'flere uger', 'flere dage', 'et par uger', 'en hel uge', 'kalenderdage', 'leveringsperiode', 'tidsramme', 'en halv time', 'en time', 'ledetid', 'gennemløbstid'],
    },
  },
  {
    id: 'promised',
    words: {
      en: ['promised', 'promise', 'agreed', 'confirmed', 'committed', 'deadline', 'due date', 'on time', 'date', 'expected', 'broke their promise', 'broken promise', 'as agreed', 'as promised', 'committed to', 'assured', 'supposed to', 'scheduled', 'planned', 'target date', 'delivery date', 'eta', 'estimated', 'on schedule', 'keep their word', 'timely'],
      sv: ['lovat', 'lovade', 'lovar', 'utlovad', 'utlovade', 'överenskommen', 'överenskommet', 'avtalad', 'avtalade', 'bekräftad', 'bekräftade', 'deadline', 'datum', 'i tid', 'förväntat', 'löfte', 'lovats', 'utlovats', 'som avtalat', 'som utlovat', 'enligt överenskommelse', 'planerad', 'beräknad', 'leveransdatum', 'leveransdag', 'måldatum', 'förväntningar', 'skulle komma', 'skulle levereras', 'brutna löften', 'garanterade', 'utsatt tid', 'tidsplan', 'hålla tiden', 'håller inte tiden', 'höll inte tiden', 'rätt tid'],
      da: ['lovet', 'lovede', 'lover', 'aftalt', 'aftalte', 'bekræftet', 'bekræftede', 'deadline', 'frist', 'fristen', 'dato', 'til tiden', 'forventet', 'løfte', 'som aftalt', 'som lovet', 'planlagt', 'forventede', 'forventning', 'leveringsdato', 'leveringsdag', 'skulle komme', 'skulle leveres', 'brudte løfter', 'garanteret', 'tidsplan', 'tidsfrist', 'holde tiden', 'holder ikke tiden', 'overholde', 'rettidig'],
    },
  },
  // Delivery
  {
    id: 'delivery',
    words: {
      en: ['delivery', 'deliveries', 'deliver', 'delivered', 'shipment', 'shipments', 'shipping', 'shipped', 'dispatch', 'dispatched', 'consignment', 'arrive', 'arrives', 'arrived', 'arrival', 'show up', 'shows up', 'turn up', 'drop off', 'handed over', 'never received', 'not received', 'never arrived', 'not arrived', 'has not arrived', 'still not arrived', 'did not arrive', "didn't arrive", 'got here', 'shipping date', 'dispatch date', 'delivery address', 'outbound', 'inbound', 'supplied'],
      sv: ['leverans', 'leveranser', 'leveransen', 'leverera', 'levererar', 'levererade', 'levererat', 'sändning', 'sändningen', 'försändelse', 'utleverans', 'anlända', 'anländer', 'anlände', 'ankomst', 'komma fram', 'kommer fram', 'kom fram', 'dyker upp', 'levererats', 'leveransadress', 'avsänd', 'avsändning', 'utkörning', 'hemleverans', 'direktleverans', 'har inte kommit', 'kom aldrig fram', 'inte kommit fram', 'aldrig kommit', 'anlänt', 'distribution', 'utkörd'],
      da: ['levering', 'leveringer', 'leveringen', 'leverance', 'leverancer', 'levere', 'leverer', 'leveret', 'leverede', 'forsendelse', 'forsendelsen', 'ankomst', 'ankommer', 'ankom', 'nå frem', 'når frem', 'kom frem', 'dukker op', 'leveringsadresse', 'afsendt', 'udbringning', 'udkørsel', 'hjemlevering', 'direkte levering', 'ikke modtaget', 'aldrig modtaget', 'ikke kommet', 'er ikke kommet', 'aldrig kommet', 'ikke nået frem', 'kom aldrig frem', 'distribution'],
    },
  },
  {
    id: 'transport',
    words: {
      en: ['truck', 'lorry', 'driver', 'carrier', 'courier', 'freight', 'forwarder', 'transport', 'transit', 'haulier', 'unloading', 'goods reception', 'van', 'shipping company', 'logistics', 'logistics provider', 'haulage', 'freight forwarder', 'shipping agent', 'loading dock', 'offloading', 'tail lift', 'forklift', 'delivery driver', 'dhl', 'fedex', 'schenker', 'postnord', 'dsv', 'gls', 'container', 'pickup', 'collection point'],
      sv: ['lastbil', 'lastbilen', 'chaufför', 'chauffören', 'transportör', 'åkare', 'åkeri', 'speditör', 'bud', 'budet', 'frakt', 'frakten', 'transport', 'transporten', 'lossning', 'godsmottagning', 'skåpbil', 'transportbolag', 'transportföretag', 'budfirma', 'budbil', 'fraktbolag', 'fraktfirma', 'fraktföretag', 'logistik', 'logistikföretag', 'logistikpartner', 'åkeriet', 'lastning', 'lossa', 'lastkaj', 'bakgavellyft', 'truck', 'gaffeltruck', 'posten', 'postnord', 'dhl', 'schenker', 'dsv', 'gls', 'container', 'upphämtning', 'inleverans'],
      da: ['lastbil', 'lastbilen', 'chauffør', 'chaufføren', 'vognmand', 'fragtmand', 'fragtfirma', 'speditør', 'bud', 'fragt', 'fragten', 'transport', 'transporten', 'aflæsning', 'varemodtagelse', 'varevogn', 'varebil', 'vognmænd', 'transportfirma', 'transportør', 'budfirma', 'budbil', 'fragtselskab', 'logistik', 'logistikfirma', 'logistikpartner', 'læsning', 'pålæsning', 'aflæsse', 'læsserampe', 'rampen', 'bagsmæk', 'truck', 'gaffeltruck', 'posten', 'postnord', 'dhl', 'schenker', 'dsv', 'gls', 'container', 'afhentning', 'afhentet', 'godsmodtagelse'],
    },
  },
  {
    id: 'tracking',
    words: {
      en: ['tracking', 'track and trace', 'track & trace', 'tracking number', 'tracking link', 'tracking information', 'trace', 'traceability', 'shipment status', 'delivery status', 'status of the order', 'whereabouts', 'shipping notification', 'dispatch notification', 'dispatch advice', 'advance shipping notice', 'delivery notification', 'delivery window', 'tracking code', 'tracking page', 'trace the shipment', 'track the shipment', 'track the order', 'track my order', 'parcel tracking', 'shipment tracking', 'order tracking', 'tracking system', 'consignment number', 'shipment number', 'waybill number', 'delivery updates', 'where the goods are', 'where our order is', 'visibility'],
      sv: ['spårning', 'spåra', 'spårbar', 'spårbarhet', 'spårningsnummer', 'spårningslänk', 'kollinummer', 'sändningsnummer', 'track and trace', 'leveransstatus', 'status på ordern', 'status på leveransen', 'leveransavisering', 'leveransavi', 'leveransbesked', 'leveransnotis', 'leveransfönster', 'var befinner sig', 'spårningskod', 'spårningsinformation', 'spåra försändelsen', 'spåra paketet', 'spåra ordern', 'paketspårning', 'godsspårning', 'orderspårning', 'fraktsedelnummer', 'leveransbeskedet', 'var godset är', 'var ordern är', 'var paketet är', 'leveransuppdatering', 'sms-avisering'],
      da: ['sporing', 'spore', 'sporede', 'sporbar', 'sporingsnummer', 'sporingslink', 'kollinummer', 'forsendelsesnummer', 'track and trace', 'leveringsstatus', 'status på ordren', 'status på leveringen', 'leveringsadvisering', 'leveringsbesked', 'leveringsnotifikation', 'afsendelsesbesked', 'leveringsvindue', 'sporingskode', 'sporingsinformation', 'spore forsendelsen', 'spore pakken', 'spore ordren', 'pakkesporing', 'forsendelsessporing', 'ordresporing', 'fragtbrevsnummer', 'hvor varerne er', 'hvor ordren er', 'hvor pakken er', 'leveringsopdatering', 'sms-advisering'],
    },
  },
  {
    id: 'packaging',
    words: {
      en: ['packaging', 'package', 'packages', 'packed', 'packing', 'box', 'boxes', 'carton', 'cartons', 'pallet', 'pallets', 'crate', 'crates', 'wrapped', 'wrapping', 'parcel', 'parcels', 'packed badly', 'poorly packed', 'badly packed', 'repacked', 'unpacked', 'shrink wrap', 'stretch film', 'bubble wrap', 'padding', 'filler', 'strapping', 'envelope', 'bag', 'sack', 'drum', 'bundle', 'not secured', 'insufficient packaging', 'inadequate packaging', 'protective packaging', 'euro pallet', 'packaging material', 'cardboard', 'plastic'],
      sv: ['förpackning', 'förpackningar', 'förpackad', 'emballage', 'paket', 'paketet', 'låda', 'lådor', 'lådorna', 'kartong', 'kartonger', 'pall', 'pallen', 'pallar', 'packad', 'packade', 'packat', 'inplastad', 'emballaget', 'emballering', 'paketering', 'packning', 'ompackad', 'eupall', 'engångspall', 'plast', 'sträckfilm', 'krympplast', 'bubbelplast', 'stoppning', 'fyllnadsmaterial', 'kuvert', 'påse', 'säck', 'bunt', 'dåligt packad', 'slarvigt packad', 'oskyddad', 'wellpapp'],
      da: ['emballage', 'emballeret', 'indpakning', 'pakke', 'pakken', 'pakker', 'pakket', 'kasse', 'kasser', 'kassen', 'karton', 'kartoner', 'palle', 'pallen', 'paller', 'indpakket', 'emballering', 'pakket ind', 'papkasse', 'europalle', 'engangspalle', 'plastik', 'strækfilm', 'krympefilm', 'bobleplast', 'fyldmateriale', 'polstring', 'kuvert', 'pose', 'sæk', 'dårligt pakket', 'dårligt emballeret', 'sjusket pakket', 'ompakket', 'bølgepap', 'pap'],
    },
  },
  {
    id: 'labels',
    words: {
      en: ['label', 'mislabelled', 'unlabelled', 'sticker', 'barcode', 'bar code', 'ean', 'ean code', 'article number', 'item number', 'part number', 'sku', 'marking', 'unmarked', 'tag', 'shipping label', 'address label', 'pallet label', 'batch number', 'lot number', 'serial number', 'expiry date', 'best before', 'ce marking', 'hazard label'],
      sv: ['etikett', 'etikettering', 'etiketterad', 'märkning', 'felmärkt', 'omärkt', 'dekal', 'klisterlapp', 'streckkod', 'ean-kod', 'ean', 'artikelnummer', 'artikelnumret', 'produktnummer', 'batchnummer', 'satsnummer', 'lotnummer', 'serienummer', 'bäst före', 'utgångsdatum', 'ce-märkning', 'ce-märkt', 'faromärkning', 'adresslapp', 'adressetikett', 'palletikett', 'kollietikett'],
      da: ['etiket', 'etiketter', 'etikettering', 'mærkning', 'mærkat', 'fejlmærket', 'umærket', 'umærkede', 'label', 'stregkode', 'ean', 'varenummer', 'varenumre', 'artikelnummer', 'produktnummer', 'batchnummer', 'lotnummer', 'serienummer', 'bedst før', 'holdbarhedsdato', 'udløbsdato', 'ce-mærkning', 'ce-mærket', 'faremærkning', 'adresselabel', 'adressemærkat', 'palleetiket', 'pallelabel'],
    },
  },
  {
    id: 'sustainability',
    words: {
      en: ['sustainability', 'unsustainable', 'environment', 'environmental', 'environmentally friendly', 'eco-friendly', 'eco', 'climate', 'carbon', 'emissions', 'carbon footprint', 'footprint', 'plastic', 'single-use', 'recycle', 'packaging waste', 'plastic waste', 'waste management', 'excess packaging', 'too much packaging', 'unnecessary packaging', 'overpackaging', 'styrofoam', 'polystyrene', 'landfill', 'disposal', 'reusable', 'reuse', 'fossil', 'esg', 'csr'],
      sv: ['hållbarhet', 'hållbar', 'hållbart', 'miljö', 'miljön', 'miljövänlig', 'miljöpåverkan', 'miljöaspekter', 'miljöarbete', 'miljöarbetet', 'miljömässig', 'klimat', 'klimatet', 'klimatpåverkan', 'klimatavtryck', 'koldioxid', 'utsläpp', 'avfall', 'avfallet', 'sopor', 'plast', 'plastförpackningar', 'engångsplast', 'återvinna', 'återvinning', 'återvinningsbar', 'återvinningsbara', 'återvunnen', 'återvunnet', 'onödig förpackning', 'för mycket förpackning', 'för mycket plast', 'överemballering', 'förpackningsavfall', 'plastavfall', 'avfallshantering', 'frigolit', 'cellplast', 'deponi', 'återanvända', 'återanvändning', 'återanvändbar', 'fossilfri', 'fossilfritt', 'förnybar', 'förnybara', 'ekologisk', 'svanenmärkt'],
      da: ['bæredygtighed', 'miljø', 'miljøvenlig', 'miljøpåvirkning', 'miljøbelastning', 'miljøhensyn', 'miljømæssig', 'klima', 'klimaaftryk', 'klimapåvirkning', 'udledning', 'affald', 'plastik', 'plast', 'plastemballage', 'engangsplast', 'genbrug', 'genanvendelse', 'unødvendig emballage', 'for meget emballage', 'for meget plastik', 'overemballering', 'emballageaffald', 'plastaffald', 'affaldshåndtering', 'flamingo', 'deponi', 'fossilfri', 'vedvarende', 'økologisk', 'svanemærket'],
    },
  },
  {
    id: 'damaged',
    words: {
      en: ['damaged', 'damage', 'broken', 'crushed', 'dented', 'smashed', 'scratched', 'scratches', 'cracked', 'shattered', 'torn', 'destroyed', 'fell off', 'wet', 'leaking', 'breakage', 'scuffed', 'scuff', 'chipped', 'bent', 'deformed', 'warped', 'punctured', 'crumpled', 'squashed', 'water damage', 'moisture', 'damp', 'soaked', 'spilled', 'ruined', 'wrecked', 'in pieces', 'arrived broken', 'transport damage', 'transit damage', 'damaged in transit', 'rusty', 'rust', 'corroded', 'stained', 'dirty', 'contaminated', 'tore', 'arrived damaged', 'came damaged', 'damaged on arrival', 'dead on arrival', 'broken on arrival', 'in bad condition', 'poor condition'],
      sv: ['skadad', 'skadat', 'skadade', 'skada', 'skador', 'trasig', 'trasigt', 'trasiga', 'sönder', 'krossad', 'krossat', 'krossade', 'buckla', 'bucklor', 'buckliga', 'repig', 'repor', 'repad', 'sprucken', 'spruckna', 'förstörd', 'förstörda', 'vält', 'vätskeskadad', 'blöt', 'läckte', 'skadan', 'skadats', 'transportskada', 'fraktskada', 'sönderslagen', 'sönderslaget', 'sönderslagna', 'söndrig', 'krossats', 'mosad', 'tilltryckt', 'intryckt', 'skrapad', 'skrapmärken', 'kantstött', 'böjd', 'böjt', 'deformerad', 'sprickor', 'sprack', 'spräckt', 'riven', 'sönderriven', 'fuktskada', 'fukt', 'vattenskada', 'genomblöt', 'läckage', 'rostig', 'smutsig', 'nedsmutsad', 'fläckig', 'förstört', 'gick i bitar', 'kom i bitar', 'kom trasig', 'sprucket', 'kom skadad', 'levererades skadad', 'skadat vid leverans', 'i dåligt skick'],
      da: ['beskadiget', 'beskadigede', 'skadet', 'skadede', 'skade', 'skader', 'ødelagt', 'ødelagte', 'i stykker', 'knust', 'knuste', 'bulet', 'bulede', 'buler', 'ridset', 'ridser', 'revnet', 'flækket', 'væltet', 'våd', 'lækket', 'transportskade', 'fragtskade', 'beskadigelse', 'smadret', 'smadrede', 'slået i stykker', 'knækket', 'knækkede', 'flækkede', 'klemt', 'ridsede', 'skrammer', 'afskallet', 'bøjet', 'bøjede', 'deformeret', 'revnede', 'sprækker', 'flænget', 'gået i stykker', 'hul', 'fugtskade', 'fugt', 'vandskade', 'gennemblødt', 'utæt', 'lækage', 'rusten', 'rustne', 'snavset', 'beskidt', 'plettet', 'ødelægges', 'kom i stykker', 'ankom i stykker', 'brækket', 'brækkede', 'kom beskadiget', 'ankom beskadiget', 'leveret beskadiget', 'i dårlig stand'],
    },
  },
  {
    id: 'wrong',
    words: {
      en: ['wrong', 'incorrect', 'error', 'errors', 'mistake', 'mistakes', 'mixed up', 'mix-up', 'inaccurate', 'another model', 'different model', 'not what we ordered', 'erroneous', 'wrong item', 'wrong product', 'wrong size', 'wrong colour', 'wrong color', 'wrong quantity', 'wrong part', 'wrong address', 'wrong version', 'not correct', 'not right', 'not as ordered', 'not what we asked for', 'different from', 'does not correspond', 'discrepancy', 'mismatch', 'deviation', 'swapped', 'substituted', 'inaccuracy', 'typo', 'miscalculated', 'blunder', 'sloppy', 'careless'],
      sv: ['fel', 'felaktig', 'felaktiga', 'felaktigt', 'misstag', 'inkorrekt', 'förväxlad', 'förväxlade', 'fel vara', 'fel artikel', 'annan modell', 'felaktigt levererad', 'fel produkt', 'fel storlek', 'fel färg', 'fel antal', 'fel modell', 'fel adress', 'fel pris', 'fel belopp', 'fel version', 'fel del', 'felleverans', 'felleveranser', 'fellevererad', 'felplock', 'felbeställning', 'felräkning', 'felräknat', 'felskrivning', 'stavfel', 'inte rätt', 'inte korrekt', 'avvikelse', 'förväxling', 'ihopblandad', 'blandat ihop', 'missar', 'slarv', 'slarvfel', 'något annat än', 'inte det vi beställt', 'inte det vi beställde'],
      da: ['forkert', 'forkerte', 'fejl', 'fejlagtig', 'fejlagtige', 'ukorrekt', 'forvekslet', 'forkert vare', 'anden model', 'fejlbehæftet', 'forkert leveret', 'fejlleveret', 'fejllevering', 'forkert produkt', 'forkert størrelse', 'forkert farve', 'forkert antal', 'forkert model', 'forkert adresse', 'forkert pris', 'forkert beløb', 'forkert version', 'fejlplukket', 'fejlbestilling', 'fejlberegnet', 'regnefejl', 'tastefejl', 'stavefejl', 'ikke korrekt', 'ikke rigtig', 'ikke det vi bestilte', 'afvigelse', 'afviger', 'forveksling', 'forvekslede', 'byttet rundt', 'sjusk', 'sjuskede', 'sjuskefejl', 'noget andet end'],
    },
  },
  {
    id: 'missing',
    words: {
      en: ['missing', 'incomplete', 'partial', 'shortage', 'short', 'lacking', 'left out', 'only half', 'fewer', 'part of the order', 'quantity', 'absent', 'omitted', 'omission', 'lost in transit', 'got lost', 'went missing', 'gone missing', 'not included', 'not in the box', 'not delivered', 'short delivery', 'short shipped', 'underdelivered', 'partial delivery', 'split delivery', 'split shipment', 'remaining items', 'rest of the order', 'items missing', 'parts missing', 'only part', 'half the order', 'incomplete order', 'not complete', 'less than ordered', 'fewer than ordered', 'shortfall'],
      sv: ['saknas', 'saknades', 'saknad', 'saknade', 'ofullständig', 'ofullständiga', 'ofullständigt', 'delleverans', 'fattades', 'fattas', 'hälften', 'halva', 'färre', 'antal', 'antalet', 'kvantitet', 'saknats', 'försvunnen', 'försvunnet', 'försvann', 'kommit bort', 'kom bort', 'ej levererad', 'inte levererat', 'delleveranser', 'dellevererad', 'restleverans', 'resten av ordern', 'resten av beställningen', 'kom inte med', 'följde inte med', 'fanns inte med', 'var inte med', 'utelämnad', 'ofullständig leverans', 'bara hälften', 'bara en del', 'för få', 'mindre än beställt', 'färre än beställt', 'mängd'],
      da: ['mangler', 'manglede', 'mangelfuld', 'mangelfulde', 'ufuldstændig', 'ufuldstændige', 'delvis', 'dellevering', 'halvdelen', 'færre', 'antal', 'antallet', 'mængde', 'mangel', 'væk', 'forsvundet', 'forsvandt', 'bortkommet', 'blevet væk', 'kom væk', 'ikke leveret', 'kom ikke med', 'var ikke med', 'fulgte ikke med', 'ikke medsendt', 'udeladt', 'delleveret', 'restlevering', 'resten af ordren', 'resten af bestillingen', 'ufuldstændig levering', 'kun halvdelen', 'kun en del', 'for få', 'mindre end bestilt', 'færre end bestilt', 'kvantitet', 'kvantiteten'],
    },
  },
  {
    id: 'order',
    words: {
      en: ['order', 'orders', 'ordered', 'ordering', 'purchase order', 'purchase', 'buy', 'bought', 'order confirmation', 'reorder', 're-order', 'placed an order', 'order number', 'procurement', 'buyer', 'order line', 'order history', 'order status', 'basket', 'cart', 'checkout', 'call-off', 'repeat order', 'standing order', 'order form', 'ordering process', 'requisition'],
      sv: ['order', 'ordern', 'orderna', 'ordrar', 'beställning', 'beställningar', 'beställningen', 'beställt', 'beställde', 'beställa', 'beställer', 'inköp', 'köpa', 'köpt', 'orderbekräftelse', 'orderbekräftelsen', 'orderläggning', 'ordernummer', 'orderrad', 'orderrader', 'orderstatus', 'orderhistorik', 'lägga order', 'lagt order', 'beställningsprocess', 'beställningsnummer', 'inköpsorder', 'inköpsavdelning', 'avrop', 'avropet', 'köpet', 'varukorg'],
      da: ['ordre', 'ordren', 'ordrer', 'bestilling', 'bestillinger', 'bestillingen', 'bestilt', 'bestilte', 'bestille', 'bestiller', 'indkøb', 'købe', 'købt', 'ordrebekræftelse', 'ordrebekræftelsen', 'ordrenummer', 'ordrelinje', 'ordrestatus', 'ordrehistorik', 'afgive ordre', 'bestillingsnummer', 'bestillingsproces', 'indkøbsordre', 'indkøbsafdeling', 'indkøbskurv', 'kurven'],
    },
  },
  {
    id: 'minimum order',
    words: {
      en: ['minimum order', 'minimum order quantity', 'minimum order value', 'minimum quantity', 'minimum purchase', 'minimum amount', 'minimum', 'moq', 'order minimum', 'small orders', 'small quantities', 'small batches', 'large quantities', 'pack size', 'package size', 'full pallets', 'full boxes', 'whole boxes', 'multiples of', 'batch size', 'lot size', 'bulk', 'split packs', 'broken case', 'small order fee'],
      sv: ['minsta order', 'minsta ordervärde', 'minsta orderstorlek', 'minsta beställning', 'minsta kvantitet', 'minsta antal', 'minimiorder', 'minimiordervärde', 'minimibeställning', 'minimikvantitet', 'minimiantal', 'minimum', 'minimigräns', 'småorder', 'småordrar', 'små order', 'små beställningar', 'små kvantiteter', 'små mängder', 'stora kvantiteter', 'förpackningsstorlek', 'förpackningsenhet', 'hela förpackningar', 'hela kartonger', 'hela pallar', 'helpall', 'orderstorlek', 'ordervärde', 'batchstorlek', 'bruten förpackning', 'brutna förpackningar', 'styckvis'],
      da: ['mindste ordre', 'mindste ordrestørrelse', 'mindste ordreværdi', 'mindste bestilling', 'mindste mængde', 'mindste antal', 'minimumsordre', 'minimumsbestilling', 'minimumsmængde', 'minimumsantal', 'minimumskøb', 'minimum', 'minimumsbeløb', 'småordre', 'små ordrer', 'små bestillinger', 'små mængder', 'store mængder', 'store partier', 'pakningsstørrelse', 'kolli', 'kollistørrelse', 'hele kolli', 'hele kasser', 'hele paller', 'helpalle', 'ordrestørrelse', 'ordreværdi', 'batchstørrelse', 'anbrud', 'anbrudsgebyr', 'brudte kolli', 'stykvis'],
    },
  },
  {
    id: 'cancel',
    words: {
      en: ['cancel', 'called off', 'cancel the order', 'order was cancelled', 'cancellation fee', 'called it off', 'withdrew the order', 'order withdrawn', 'revoked', 'annulled', 'voided', 'backed out', 'cancellation policy', 'order deleted'],
      sv: ['avbeställa', 'avbeställning', 'avbeställde', 'avbeställt', 'annullera', 'annullering', 'makulera', 'ställdes in', 'avboka', 'avbokning', 'stornera', 'häva köpet', 'avbeställningsavgift', 'annulleringsavgift', 'drog tillbaka ordern', 'dra tillbaka beställningen', 'ordern togs bort', 'återkallad', 'ångerrätt'],
      da: ['annullere', 'annullering', 'afbestille', 'afbestilling', 'afbestilt', 'aflyse', 'aflyst', 'aflysning', 'afbooke', 'slette ordren', 'ordren blev slettet', 'hæve købet', 'annulleringsgebyr', 'afbestillingsgebyr', 'trak ordren tilbage', 'trække bestillingen tilbage', 'ordren blev annulleret', 'tilbagekaldt', 'fortrudt', 'fortryde', 'fortrydelsesret', 'slettede ordren'],
    },
  },
  // Invoices and prices
  {
    id: 'invoice',
    words: {
      en: ['invoice', 'invoices', 'invoiced', 'invoicing', 'bill', 'bills', 'billed', 'billing', 'statement', 'invoice number', 'invoice date', 'paper invoice', 'invoice line', 'line items', 'account statement', 'invoicing address', 'billing address', 'vat', 'invoice copy', 'copy of the invoice', 'invoice format', 'invoice specification', 'invoicing errors', 'wrong invoice', 'pro forma', 'proforma', 'final invoice', 'partial invoice', 'collective invoice', 'monthly invoice', 'electronic invoice', 'pdf invoice', 'invoice portal'],
      sv: ['faktura', 'fakturan', 'fakturor', 'fakturorna', 'fakturera', 'fakturerar', 'fakturerade', 'fakturerat', 'fakturering', 'räkning', 'räkningen', 'räkningar', 'räkningarna', 'fakturanummer', 'fakturadatum', 'fakturaadress', 'fakturarad', 'fakturarader', 'fakturaunderlag', 'fakturaspecifikation', 'efaktura', 'pappersfaktura', 'samlingsfaktura', 'slutfaktura', 'delfaktura', 'fakturerats', 'felfakturering', 'felfakturerad', 'dubbelfakturering', 'dubbelfakturerad', 'kontoutdrag', 'moms', 'referensnummer', 'ocr', 'ocr-nummer'],
      da: ['faktura', 'fakturaen', 'fakturaer', 'fakturaerne', 'fakturere', 'fakturerer', 'faktureret', 'fakturerede', 'fakturering', 'regning', 'regningen', 'regninger', 'regningerne', 'fakturanummer', 'fakturadato', 'fakturaadresse', 'fakturalinje', 'fakturagrundlag', 'elektronisk faktura', 'ean-nummer', 'papirfaktura', 'samlefaktura', 'slutfaktura', 'acontofaktura', 'fejlfakturering', 'fejlfaktureret', 'dobbeltfakturering', 'dobbeltfaktureret', 'kontoudtog', 'moms', 'referencenummer'],
    },
  },
  {
    id: 'charge',
    words: {
      en: ['charge', 'charged', 'charges', 'debit', 'debited', 'amount', 'amounts', 'sum', 'total', 'overcharged', 'twice', 'double', 'duplicate', 'paid', 'double charged', 'charged twice', 'billed twice', 'invoiced twice', 'paid twice', 'extra charge', 'hidden charges', 'hidden fees', 'unexpected charges', 'direct debit', 'subtotal', 'outstanding balance', 'deducted', 'already paid', 'paid in full', 'charged for', 'payed'],
      sv: ['debitera', 'debiterar', 'debiterade', 'debiterad', 'debiterat', 'belopp', 'beloppet', 'beloppen', 'summa', 'summan', 'dubbelt', 'dubbla', 'två gånger', 'betalat', 'betalt', 'betalade', 'debitering', 'överdebitering', 'överdebiterad', 'dubbeldebitering', 'dubbeldebiterad', 'debiterats', 'dragit pengar', 'drog pengar', 'drogs två gånger', 'extraavgift', 'extra avgift', 'dolda avgifter', 'oväntade avgifter', 'tagit betalt', 'tar betalt', 'betalat två gånger', 'betalat dubbelt', 'redan betalt', 'redan betalat', 'totalsumma', 'totalbelopp', 'slutsumma', 'saldo', 'avdrag'],
      da: ['debitere', 'debiterer', 'debiteret', 'debiterede', 'beløb', 'beløbet', 'beløbene', 'sum', 'summen', 'dobbelt', 'to gange', 'betalt', 'betalte', 'debitering', 'overopkrævning', 'opkrævet', 'opkrævede', 'opkrævning', 'dobbeltopkrævning', 'dobbelt opkrævet', 'trukket penge', 'trak penge', 'trukket to gange', 'ekstragebyr', 'ekstra gebyr', 'skjulte gebyrer', 'uventede gebyrer', 'betalt to gange', 'betalt dobbelt', 'allerede betalt', 'totalbeløb', 'samlet beløb', 'slutbeløb', 'saldo', 'fradrag', 'overbetaling'],
    },
  },
  {
    id: 'reminder',
    words: {
      en: ['reminder', 'reminders', 'dunning', 'late fee', 'late fees', 'late payment fee', 'debt collection', 'collection agency', 'payment reminder', 'reminder fee', 'dunning letter', 'final notice', 'final demand', 'demand letter', 'overdue notice', 'collection letter', 'debt collector', 'penalty interest', 'late payment interest', 'interest charges', 'second reminder'],
      sv: ['påminnelse', 'påminnelser', 'påminnelseavgift', 'betalningspåminnelse', 'inkasso', 'inkassokrav', 'kravbrev', 'dröjsmålsränta', 'inkassobolag', 'inkassobolaget', 'inkassoföretag', 'inkassoavgift', 'inkassobrev', 'kravbrevet', 'betalningskrav', 'betalningsföreläggande', 'kronofogden', 'förseningsavgift', 'förseningsränta', 'ränta', 'räntan', 'sista påminnelse', 'påminna', 'påminde', 'påmint'],
      da: ['rykker', 'rykkeren', 'rykkergebyr', 'rykkergebyrer', 'påmindelse', 'påmindelser', 'betalingspåmindelse', 'inkasso', 'morarenter', 'rykkerbrev', 'rykkerskrivelse', 'inkassobureau', 'inkassofirma', 'inkassoselskab', 'inkassogebyr', 'inkassobrev', 'inkassovarsel', 'betalingskrav', 'renter', 'sidste rykker', 'rykket for betaling'],
    },
  },
  {
    id: 'payment',
    words: {
      en: ['payment', 'pay', 'payment terms', 'terms of payment', 'days net', 'credit terms', 'credit limit', 'payment method', 'payment options', 'prepayment', 'prepaid', 'pay in advance', 'advance payment', 'deposit', 'down payment', 'bank transfer', 'wire transfer', 'credit card', 'card payment', 'factoring', 'payment deadline', 'payment period', 'payment plan', 'cash on delivery', 'early payment discount', 'cash discount'],
      sv: ['betalning', 'betala', 'betalningsvillkor', 'betalningsvillkoren', 'betalvillkor', 'betalningstid', 'kredittid', 'kreditgräns', 'kreditlimit', 'betalsätt', 'betalningssätt', 'betalningsalternativ', 'förskottsbetalning', 'förskott', 'förbetalning', 'handpenning', 'delbetalning', 'avbetalning', 'banköverföring', 'bankgiro', 'plusgiro', 'autogiro', 'kortbetalning', 'faktureringsvillkor', 'förfallodag', 'förfallodatum', 'förfaller', 'dagar netto', 'netto', 'kassarabatt', 'factoring', 'efterkrav', 'swish'],
      da: ['betaling', 'betale', 'betalingsbetingelser', 'betalingsvilkår', 'betalingsfrist', 'kredittid', 'kreditgrænse', 'kreditmaksimum', 'betalingsmetode', 'betalingsmuligheder', 'forudbetaling', 'forudbetalt', 'depositum', 'acontobetaling', 'aconto', 'afdrag', 'ratebetaling', 'bankoverførsel', 'overførsel', 'betalingsservice', 'kortbetaling', 'forfaldsdato', 'forfald', 'netto', 'løbende måned', 'kontantrabat', 'factoring', 'efterkrav', 'mobilepay'],
    },
  },
  {
    id: 'credit',
    words: {
      en: ['credit', 'credit note', 'credited', 'refund', 'refunded', 'refunds', 'reimburse', 'reimbursement', 'compensation', 'money back', 'credit memo', 'credit invoice', 'repay', 'repaid', 'goodwill', 'pay back', 'paid back', 'chargeback', 'reversal', 'credited back', 'voucher'],
      sv: ['kredit', 'kreditera', 'krediterad', 'krediterade', 'kreditering', 'kreditnota', 'kreditfaktura', 'återbetalning', 'återbetala', 'ersättning', 'pengarna tillbaka', 'kreditnotan', 'kreditfakturan', 'krediterats', 'betala tillbaka', 'få tillbaka pengarna', 'kompensation', 'kompensera', 'goodwill', 'tillgodo', 'tillgodohavande', 'tillgodokvitto', 'återbäring'],
      da: ['kredit', 'kreditere', 'krediteret', 'kreditering', 'kreditnota', 'refusion', 'refundere', 'refunderet', 'tilbagebetaling', 'erstatning', 'pengene tilbage', 'tilbagebetalt', 'tilbagebetales', 'betale tilbage', 'betalt tilbage', 'få pengene tilbage', 'refundering', 'kompensation', 'kompensere', 'godtgørelse', 'godtgjort', 'goodwill', 'tilgodehavende', 'tilgodebevis'],
    },
  },
  {
    id: 'price',
    words: {
      en: ['price', 'prices', 'priced', 'pricing', 'price list', 'cost', 'costs', 'rate', 'rates', 'fee', 'fees', 'tariff', 'surcharge', 'price level', 'list price', 'net price', 'unit price', 'pricelist', 'price sheet', 'shipping cost', 'freight cost', 'delivery charge', 'handling fee', 'admin fee', 'administration fee', 'service fee', 'minimum charge', 'fuel surcharge', 'price difference', 'value for money', 'pricing model'],
      sv: ['pris', 'priset', 'priser', 'priserna', 'prislista', 'prislistan', 'prissättning', 'kostnad', 'kostnader', 'kostnaden', 'avgift', 'avgifter', 'taxa', 'tillägg', 'pristillägg', 'prisnivå', 'prisnivån', 'listpris', 'listpriset', 'nettopris', 'styckpris', 'enhetspris', 'prisbild', 'prisskillnad', 'prisskillnader', 'fraktkostnad', 'fraktkostnader', 'fraktavgift', 'leveransavgift', 'hanteringsavgift', 'expeditionsavgift', 'administrationsavgift', 'serviceavgift', 'småorderavgift', 'minimiavgift', 'drivmedelstillägg', 'tilläggsavgift', 'taxan', 'kosta', 'prisvärd', 'prisvärt', 'valuta för pengarna'],
      da: ['pris', 'prisen', 'priser', 'priserne', 'prisliste', 'prislisten', 'prissætning', 'omkostning', 'omkostninger', 'udgift', 'udgifter', 'gebyr', 'gebyrer', 'takst', 'tillæg', 'pristillæg', 'prisniveau', 'listepris', 'nettopris', 'stykpris', 'enhedspris', 'prisforskel', 'fragtomkostninger', 'fragtpris', 'fragtgebyr', 'leveringsgebyr', 'ekspeditionsgebyr', 'administrationsgebyr', 'servicegebyr', 'småordregebyr', 'minimumsgebyr', 'brændstoftillæg', 'koste', 'kostede', 'prisværdig', 'valuta for pengene'],
    },
  },
  {
    id: 'increase',
    words: {
      en: ['increase', 'increased', 'increases', 'raise', 'raised', 'raises', 'rise', 'rising', 'risen', 'went up', 'gone up', 'hike', 'higher', 'more expensive', 'price increase', 'price rise', 'price hike', 'goes up', 'going up', 'jumped', 'doubled', 'tripled', 'soared', 'skyrocketed', 'inflation', 'price adjustment', 'indexation', 'more and more expensive', 'keeps going up'],
      sv: ['höjning', 'höjningar', 'höjningen', 'höja', 'höjer', 'höjt', 'höjde', 'höjts', 'ökning', 'ökningen', 'öka', 'ökar', 'ökat', 'ökade', 'stiger', 'stigit', 'steg', 'högre', 'dyrare', 'prishöjning', 'prisökning', 'prisuppgång', 'ökas', 'skjutit i höjden', 'rusat', 'fördubblats', 'fördubblat', 'inflation', 'indexering', 'indexuppräkning', 'uppräkning', 'prisjustering', 'allt dyrare', 'dyrare och dyrare'],
      da: ['stigning', 'stigninger', 'stigningen', 'stige', 'stiger', 'steget', 'steg', 'forhøjelse', 'forhøjelser', 'forhøje', 'forhøjet', 'hæve', 'hævet', 'hæver', 'øge', 'øget', 'øger', 'højere', 'dyrere', 'prisstigning', 'prisforhøjelse', 'forhøjede', 'hævede', 'øgede', 'øges', 'forøgelse', 'fordoblet', 'fordoblede', 'inflation', 'indeksering', 'indeksregulering', 'prisregulering', 'prisjustering', 'dyrere og dyrere', 'stadig dyrere'],
    },
  },
  {
    id: 'expensive',
    words: {
      en: ['expensive', 'costly', 'overpriced', 'pricey', 'too much money', 'cheaper', 'competitors', 'too expensive', 'very expensive', 'exorbitant', 'steep', 'excessive', 'high price', 'rip-off', 'ripoff', 'daylight robbery', 'unaffordable', 'not competitive', 'uncompetitive', 'cheapest', 'competition', 'other suppliers', 'another supplier', 'elsewhere', 'pricier', 'costlier'],
      sv: ['dyr', 'dyrt', 'dyra', 'dyrare', 'kostsam', 'kostsamt', 'konkurrenter', 'konkurrenterna', 'för dyrt', 'för dyra', 'alldeles för dyrt', 'överprissatt', 'överpris', 'ockerpris', 'ocker', 'skyhöga', 'höga priser', 'högt pris', 'orimliga priser', 'orimligt dyrt', 'saftiga', 'inte konkurrenskraftig', 'konkurrenskraftig', 'konkurrens', 'konkurrensen', 'billigare hos', 'billigare alternativ', 'mycket billigare', 'betydligt billigare', 'andra leverantörer', 'annan leverantör', 'någon annanstans'],
      da: ['dyr', 'dyrt', 'dyre', 'dyrere', 'kostbar', 'kostbart', 'overpris', 'konkurrenter', 'konkurrenterne', 'for dyrt', 'for dyre', 'alt for dyrt', 'dyreste', 'overprissat', 'ågerpris', 'åger', 'skyhøje', 'skyhøjt', 'høje priser', 'urimelige priser', 'urimeligt dyrt', 'saftige', 'ikke konkurrencedygtig', 'konkurrencedygtig', 'konkurrence', 'billigere hos', 'billigere alternativ', 'meget billigere', 'langt billigere', 'andre leverandører', 'anden leverandør', 'et andet sted'],
    },
  },
  {
    id: 'discount',
    words: {
      en: ['discount', 'rebate', 'bonus', 'volume discount', 'quantity discount', 'loyalty discount', 'customer discount', 'agreed discount', 'special price', 'campaign price', 'promotion', 'promo', 'price reduction', 'markdown', 'cashback', 'volume rebate', 'annual bonus', 'year-end bonus', 'price concession', 'concession', 'better price', 'lower price', 'reduced price', 'sale price', 'clearance', 'coupon', 'discount code'],
      sv: ['rabatt', 'rabatterad', 'mängdrabatt', 'volymrabatt', 'kvantitetsrabatt', 'kundrabatt', 'lojalitetsrabatt', 'avtalsrabatt', 'bonus', 'specialpris', 'kampanjpris', 'kampanj', 'prisavdrag', 'prissänkning', 'sänkt pris', 'nedsatt pris', 'reapris', 'rea', 'årsbonus', 'volymbonus', 'bättre pris', 'lägre pris', 'sänka priset', 'prutat', 'prutning', 'kupong', 'rabattkod', 'rabattsats', 'rabattstruktur'],
      da: ['rabat', 'mængderabat', 'volumenrabat', 'kvantumrabat', 'kunderabat', 'loyalitetsrabat', 'aftalerabat', 'bonus', 'specialpris', 'kampagnepris', 'kampagne', 'nedslag', 'afslag i prisen', 'prisnedsættelse', 'prisreduktion', 'nedsat pris', 'udsalg', 'tilbudspris', 'årsbonus', 'bedre pris', 'lavere pris', 'sætte prisen ned', 'prutte', 'kupon', 'rabatkode', 'rabatsats', 'rabatstruktur'],
    },
  },
  // Support and contact
  {
    id: 'support',
    words: {
      en: ['support', 'helpdesk', 'help desk', 'service desk', 'customer service', 'customer support', 'hotline', 'help', 'support team', 'support staff', 'customer care', 'customer centre', 'customer center', 'call centre', 'call center', 'contact centre', 'service center', 'support line', 'technical support', 'tech support', 'aftersales', 'after-sales', 'back office', 'first line', 'helpline', 'chat', 'live chat', 'chatbot', 'assistance', 'unhelpful', 'service level', 'customer service department'],
      sv: ['support', 'supporten', 'kundtjänst', 'kundtjänsten', 'kundservice', 'kundsupport', 'helpdesk', 'hjälp', 'hjälpa', 'supportavdelning', 'kundtjänstavdelning', 'kundmottagning', 'kundcenter', 'callcenter', 'växel', 'växeln', 'teknisk support', 'eftermarknad', 'eftermarknaden', 'aftersales', 'innesälj', 'chatt', 'chattbot', 'hjälpte', 'hjälpsam', 'hjälpsamma', 'ohjälpsam', 'ohjälpsamma', 'assistans', 'servicenivå', 'servicegrad', 'service'],
      da: ['support', 'supporten', 'kundeservice', 'kundeservicen', 'kundesupport', 'helpdesk', 'hjælp', 'hjælpe', 'supportafdeling', 'kundeserviceafdeling', 'kundecenter', 'kundecentret', 'callcenter', 'omstilling', 'teknisk support', 'eftermarked', 'aftersales', 'indesalg', 'chat', 'chatbot', 'hjalp', 'hjulpet', 'hjælpsom', 'uhjælpsom', 'assistance', 'serviceniveau', 'servicegrad', 'service'],
    },
  },
  {
    id: 'answer',
    words: {
      en: ['answer', 'answers', 'answered', 'reply', 'replies', 'replied', 'respond', 'responded', 'response', 'responses', 'get back', 'gets back', 'hear back', 'feedback', 'ignored', 'unanswered', 'no answer', 'no reply', 'no response', 'never answered', 'never replied', 'never responded', 'never got back', 'never got back to us', 'did not get back', 'does not respond', 'not responding', 'unresponsive', 'acknowledge', 'follow up', 'heard nothing', 'hear nothing', 'heard back', 'no feedback', 'silence', 'radio silence', 'ghosted', 'revert', 'come back to us', 'came back to us', 'get back to us', 'got back to us', 'never hear back', 'never heard back', 'no acknowledgement', 'no follow-up', 'slow to respond', 'slow to reply', 'late reply'],
      sv: ['svar', 'svaret', 'svara', 'svarar', 'svarade', 'svarat', 'återkoppling', 'återkomma', 'återkommer', 'återkom', 'höra av', 'hör av', 'hörde av', 'ignorerade', 'obesvarade', 'besvara', 'inget svar', 'inga svar', 'får inget svar', 'svarar inte', 'svarar aldrig', 'återkopplar', 'återkom aldrig', 'återkommer aldrig', 'hör aldrig av sig', 'hörde aldrig av sig', 'hör inte av sig', 'inte hört', 'inte hört något', 'tystnad', 'följa upp', 'följde upp', 'följt upp', 'uppföljning', 'kvittera', 'respons', 'responsen', 'reagerar', 'får aldrig svar', 'fick aldrig svar', 'ingen återkoppling', 'ingen respons', 'svarar sent', 'hör inget', 'hör ingenting', 'hörde ingenting'],
      da: ['svar', 'svaret', 'svare', 'svarer', 'svarede', 'tilbagemelding', 'vende tilbage', 'vender tilbage', 'vendte tilbage', 'høre fra', 'hører fra', 'ignoreret', 'ubesvaret', 'ubesvarede', 'besvare', 'besvarede', 'intet svar', 'ingen svar', 'får ikke svar', 'fik ikke svar', 'svarer ikke', 'svarede ikke', 'svarer aldrig', 'vender aldrig tilbage', 'hører ikke fra', 'hørte ikke fra', 'hører aldrig fra', 'hørt fra', 'ikke hørt', 'ikke hørt noget', 'tavshed', 'følge op', 'fulgte op', 'opfølgning', 'kvittere', 'respons', 'responsen', 'reagerer', 'får aldrig svar', 'fik aldrig svar', 'ingen tilbagemelding', 'ingen respons', 'svarer sent', 'hører intet', 'hører ingenting', 'hørte ingenting'],
    },
  },
  {
    id: 'case',
    words: {
      en: ['ticket', 'tickets', 'case', 'cases', 'request', 'requests', 'inquiry', 'inquiries', 'enquiry', 'enquiries', 'question', 'questions', 'query', 'support ticket', 'support case', 'case number', 'ticket number', 'raised a ticket', 'escalate', 'reopened', 'open ticket', 'open case', 'case closed', 'closed the case', 'closed the ticket', 'ticket closed', 'case handling', 'case handler', 'caseworker', 'case manager', 'our case', 'service request', 'support request', 'contact form'],
      sv: ['ärende', 'ärenden', 'ärendet', 'förfrågan', 'förfrågningar', 'fråga', 'frågor', 'frågan', 'ärendena', 'ärendenummer', 'ärendehantering', 'supportärende', 'ticket', 'frågeställning', 'eskalera', 'eskalering', 'handläggning', 'handläggare', 'återöppnat', 'ärendet stängdes', 'stängde ärendet', 'öppna ärenden', 'öppet ärende', 'ärendenumret', 'serviceärende', 'kundärende', 'supportfråga', 'kontaktformulär', 'kontaktformuläret', 'vårt ärende'],
      da: ['sag', 'sager', 'sagen', 'henvendelse', 'henvendelser', 'forespørgsel', 'forespørgsler', 'spørgsmål', 'sagsnummer', 'sagsbehandling', 'sagsbehandler', 'supportsag', 'ticket', 'eskalere', 'eskalering', 'genåbnet', 'lukkede sagen', 'sagen blev lukket', 'åbne sager', 'åben sag', 'servicesag', 'kundesag', 'supporthenvendelse', 'kontaktformular', 'vores sag'],
    },
  },
  {
    id: 'phone',
    words: {
      en: ['phone', 'telephone', 'call', 'calls', 'called', 'calling', 'ring', 'voicemail', 'email', 'emails', 'mail', 'mails', 'call back', 'phone calls', 'on the phone', 'by phone', 'phone line', 'answering machine', 'voice mail', 'rang', 'hung up', 'hang up', 'put through', 'mailbox', 'inbox', 'text message', 'sms', 'callback', 'phone number', 'mobile'],
      sv: ['telefon', 'telefonen', 'ringa', 'ringer', 'ringde', 'ringt', 'samtal', 'röstbrevlåda', 'mejl', 'mejla', 'mail', 'mailet', 'epost', 'ringa tillbaka', 'ringer tillbaka', 'telefonnummer', 'telefonnumret', 'telefonsamtal', 'samtalet', 'ringer upp', 'uppringd', 'lägger på', 'la på', 'kopplas vidare', 'vidarekopplad', 'telefonsvarare', 'mobil', 'mobilnummer', 'sms', 'mejlet', 'mejladress', 'mailadress', 'epostadress', 'inkorg', 'återuppringning'],
      da: ['telefon', 'telefonen', 'ringe', 'ringer', 'ringede', 'ringet', 'opkald', 'telefonsvarer', 'mail', 'mails', 'mailen', 'ringe tilbage', 'ringer tilbage', 'telefonnummer', 'telefonopkald', 'ringet op', 'ringede op', 'lægger på', 'lagde på', 'omstillet', 'stillet om', 'viderestillet', 'mobil', 'mobilnummer', 'sms', 'mailede', 'mailadresse', 'email', 'indbakke', 'ringede tilbage'],
    },
  },
  {
    id: 'reach',
    words: {
      en: ['reach', 'reachable', 'unreachable', 'get hold of', 'get through', 'get in touch', 'contact', 'contacted', 'available', 'unavailable', 'never there', 'impossible to reach', 'hard to reach', 'cannot reach', "can't reach", 'could not reach', "couldn't reach", 'no one answers', 'nobody answers', 'nobody picks up', 'no one picks up', 'pick up the phone', 'get through to', 'accessible', 'inaccessible', 'opening hours', 'office hours', 'business hours', 'out of office', 'on holiday', 'on vacation', 'never available', 'always busy', 'line busy', 'impossible to get hold of', 'nobody answers the phone', 'no one answers the phone', 'no answer on the phone', 'called several times', 'called many times', 'tried calling', 'tried to call', 'tried to reach'],
      sv: ['nå', 'nås', 'nåbar', 'onåbar', 'få tag på', 'få tag i', 'få kontakt', 'komma i kontakt', 'kontakta', 'kontaktar', 'anträffbar', 'oanträffbar', 'går inte att nå', 'nåddes', 'nått', 'når inte', 'nådde inte', 'svår att nå', 'svårt att nå', 'omöjligt att nå', 'får inte tag', 'fick inte tag', 'fått tag', 'komma igenom', 'anträffas', 'anträffbara', 'nåbara', 'kontaktbar', 'kontaktvägar', 'kontaktuppgifter', 'öppettider', 'telefontider', 'semester', 'upptaget', 'upptagen', 'upptagna', 'ingen svarar', 'lyfter luren', 'lyfter inte luren', 'svarar inte i telefon', 'ingen som svarar', 'ingen svarar i telefon', 'svarar inte på mejl', 'ringt flera gånger', 'ringer och ringer'],
      da: ['nå', 'nås', 'få fat i', 'få fat på', 'komme igennem', 'komme i kontakt', 'få kontakt', 'kontakte', 'kontakter', 'træffe', 'træffes', 'utilgængelig', 'nåede', 'nået', 'svær at nå', 'svært at nå', 'umuligt at nå', 'umuligt at få fat i', 'får ikke fat', 'fik ikke fat', 'kommer ikke igennem', 'træffes ikke', 'kontaktede', 'kontaktmuligheder', 'kontaktoplysninger', 'åbningstider', 'telefontid', 'ferie', 'optaget', 'ingen svarer', 'ingen tager telefonen', 'tager ikke telefonen', 'tog ikke telefonen', 'ingen der svarer', 'ingen tager den', 'svarer ikke på mails', 'ringet flere gange', 'ringer og ringer'],
    },
  },
  {
    id: 'account manager',
    words: {
      en: ['contact person', 'account manager', 'key account', 'sales rep', 'salesperson', 'sales person', 'seller', 'representative', 'our contact', 'person responsible', 'key account manager', 'sales representative', 'sales team', 'sales department', 'sales staff', 'salesman', 'salesmen', 'rep', 'our rep', 'customer manager', 'relationship manager', 'area manager', 'sales manager', 'district manager', 'inside sales', 'field sales', 'point of contact', 'single point of contact', 'dedicated contact'],
      sv: ['kontaktperson', 'kontaktpersonen', 'kontakt', 'kontakten', 'säljare', 'säljaren', 'säljarna', 'kundansvarig', 'kundansvariga', 'ansvarig', 'ansvariga', 'representant', 'säljteam', 'säljteamet', 'säljavdelning', 'säljchef', 'försäljare', 'försäljning', 'utesäljare', 'kundansvar', 'kundansvaret', 'key account', 'key account manager', 'account manager', 'distriktschef', 'områdesansvarig', 'regionansvarig', 'vår kontakt', 'fast kontakt', 'fast kontaktperson', 'kontaktpunkt'],
      da: ['kontaktperson', 'kontaktpersonen', 'kontakt', 'kontakten', 'sælger', 'sælgeren', 'sælgerne', 'kundeansvarlig', 'kundeansvarlige', 'ansvarlig', 'ansvarlige', 'repræsentant', 'salgsteam', 'salgsafdeling', 'salgschef', 'salgskonsulent', 'salg', 'key account', 'key account manager', 'account manager', 'distriktschef', 'områdechef', 'regionschef', 'vores kontakt', 'fast kontakt', 'fast kontaktperson', 'konsulent', 'kundechef', 'kunderådgiver'],
    },
  },
  {
    id: 'responsibility',
    words: {
      en: ['take responsibility', 'accountability', 'blame', 'no one takes responsibility', 'nobody takes responsibility', 'passed around', 'pass the buck', 'back and forth', 'ping-pong', 'between departments', 'not our problem', 'not their problem', 'another department', 'referred', 'redirected', 'excuse', 'apology', 'apologise', 'sorry', 'ownership'],
      sv: ['ansvar', 'ansvaret', 'ansvarstagande', 'ta ansvar', 'tar ansvar', 'tog ansvar', 'tar inget ansvar', 'ingen tar ansvar', 'skylla', 'skyllde', 'skyllt', 'skyller ifrån sig', 'bollas', 'bollas runt', 'skickas runt', 'hänvisar', 'slussas', 'mellan avdelningar', 'fram och tillbaka', 'inte deras problem', 'annan avdelning', 'ursäkt', 'bortförklaring', 'be om ursäkt', 'bad om ursäkt', 'beklaga'],
      da: ['ansvar', 'tage ansvar', 'tog ansvar', 'tager ikke ansvar', 'ingen tager ansvar', 'giver skylden', 'gav skylden', 'skyde skylden', 'sendt rundt', 'kastet rundt', 'henviser', 'henviste', 'mellem afdelinger', 'frem og tilbage', 'ikke deres problem', 'anden afdeling', 'undskyldning', 'undskylde', 'beklage', 'beklagede', 'bortforklaring'],
    },
  },
  {
    id: 'flexibility',
    words: {
      en: ['flexible', 'inflexible', 'rigid', 'bureaucratic', 'accommodate', 'unaccommodating', 'willing', 'unwilling', 'willingness', 'no exceptions', 'exception', 'by the book', 'computer says no', 'adapt', 'strict rules', 'special request', 'last-minute changes', 'change the order', 'changes to the order', 'order changes', 'amend', 'modify', 'modification'],
      sv: ['flexibel', 'flexibla', 'flexibelt', 'flexibilitet', 'oflexibel', 'oflexibla', 'oflexibelt', 'stelbent', 'tillmötesgående', 'ovillig', 'undantag', 'inga undantag', 'anpassa sig', 'specialönskemål', 'önskemål', 'ändra ordern', 'ändra beställningen', 'ändring', 'orderändring'],
      da: ['fleksibel', 'fleksible', 'fleksibelt', 'fleksibilitet', 'fleksibiliteten', 'ufleksibel', 'ufleksible', 'ufleksibelt', 'rigid', 'imødekommende', 'uimødekommende', 'uvillig', 'undtagelse', 'ingen undtagelser', 'tilpasse sig', 'særønsker', 'specielle ønsker', 'ændre ordren', 'ændre bestillingen', 'ændring', 'ordreændring'],
    },
  },
  {
    id: 'staff',
    words: {
      en: ['staff', 'people', 'employee', 'employees', 'personnel', 'colleague', 'colleagues', 'team', 'person', 'staffing', 'understaffed', 'short-staffed', 'workforce', 'crew', 'workers', 'agents', 'operator', 'clerk', 'receptionist', 'manager', 'boss', 'supervisor', 'department'],
      sv: ['personal', 'personalen', 'anställda', 'anställd', 'medarbetare', 'medarbetaren', 'person', 'personer', 'folk', 'folket', 'personalbrist', 'underbemannad', 'bemanning', 'arbetare', 'kollega', 'kollegan', 'chef', 'företagsledning', 'ledningsgruppen', 'avdelning', 'team', 'teamet', 'receptionist', 'receptionen', 'människor', 'arbetskraft'],
      da: ['personale', 'personalet', 'ansatte', 'ansat', 'medarbejder', 'medarbejdere', 'medarbejderen', 'person', 'personer', 'folk', 'folkene', 'personalemangel', 'mangel på personale', 'underbemandet', 'underbemandede', 'bemanding', 'arbejdere', 'kollega', 'kolleger', 'chef', 'ledelse', 'afdeling', 'team', 'receptionist', 'receptionen', 'mennesker', 'arbejdskraft'],
    },
  },
  {
    id: 'turnover',
    words: {
      en: ['turnover', 'keeps changing', 'change all the time', 'changed', 'replaced', 'new contact', 'new person', 'new people', 'quit', 'left the company', 'start over', 'from scratch', 'staff turnover', 'high turnover', 'employee turnover', 'churn', 'always someone new', 'someone new', 'new faces', 'new contact person', 'new account manager', 'new sales rep', 'replaced again', 'has left', 'resigned', 'laid off', 'reorganisation', 'reorganization', 'restructuring', 'continuity', 'lack of continuity', 'handover', 'explain again', 'explain everything again', 'start again', 'different person every time', 'different people', 'same person'],
      sv: ['personalomsättning', 'byter', 'byta', 'bytt', 'bytte', 'byts', 'ersatt', 'ersatts', 'ny kontakt', 'ny person', 'nya personer', 'börja om', 'från början', 'byts ut', 'byttes ut', 'utbytt', 'ny säljare', 'nya säljare', 'ny kontaktperson', 'nytt ansikte', 'nya ansikten', 'någon ny', 'ny varje gång', 'olika personer', 'samma person', 'kontinuitet', 'brist på kontinuitet', 'omorganisation', 'omorganiserat', 'omorganisering', 'slutat på', 'slutat hos', 'sagt upp sig', 'sade upp sig', 'gått i pension', 'överlämning', 'förklara igen', 'förklara allt igen', 'om och om igen', 'börja om från början', 'ny person varje gång'],
      da: ['udskiftning', 'udskiftningen', 'udskiftet', 'skifter', 'skifte', 'skiftet', 'skiftede', 'erstattet', 'ny kontakt', 'ny person', 'nye personer', 'sagt op', 'forfra', 'starte forfra', 'personaleudskiftning', 'udskiftning af personale', 'udskiftning i personalet', 'skiftes ud', 'ny sælger', 'nye sælgere', 'ny kontaktperson', 'nyt ansigt', 'nye ansigter', 'ny hver gang', 'forskellige personer', 'samme person', 'kontinuitet', 'kontinuiteten', 'manglende kontinuitet', 'omorganisering', 'omstrukturering', 'reorganisering', 'stoppet i firmaet', 'stoppede i firmaet', 'har sagt op', 'sagde op', 'fratrådt', 'gået på pension', 'overlevering', 'overdragelse', 'forklare igen', 'forklare det hele igen', 'igen og igen', 'begynde forfra'],
    },
  },
  {
    id: 'manners',
    words: {
      en: ['rude', 'rudely', 'rudeness', 'unfriendly', 'impolite', 'arrogant', 'condescending', 'patronising', 'patronizing', 'dismissive', 'disrespectful', 'attitude', 'tone', 'unprofessional', 'hostile', 'grumpy', 'treated', 'treatment', 'manner', 'polite', 'friendly', 'courteous', 'respect', 'impatient', 'snappy', 'snapped', 'shouted', 'yelled', 'raised voice', 'sarcastic', 'mocking', 'brushed off', 'uninterested', 'indifferent', 'disinterested', 'behaviour', 'behavior', 'behaved', 'conduct', 'courtesy', 'kindness', 'unkind', 'pleasant', 'unpleasant', 'welcoming', 'service-minded', 'treated badly', 'treat us', 'talked down to', 'like an idiot', 'like idiots', 'not taken seriously', 'take us seriously', 'listen', 'does not listen', "doesn't listen", "don't listen", 'empathy', 'empathetic', 'aggressive', 'abrupt', 'curt', 'offhand', 'surly', 'moody', 'sour', 'rudest'],
      sv: ['otrevlig', 'otrevliga', 'otrevligt', 'ohövlig', 'ohövliga', 'oförskämd', 'oförskämda', 'arrogant', 'arroganta', 'nedlåtande', 'avvisande', 'respektlös', 'respektlösa', 'attityd', 'attityden', 'tonläge', 'oprofessionell', 'oprofessionella', 'sur', 'sura', 'bemötande', 'bemötandet', 'bemött', 'bemöter', 'artig', 'artiga', 'trevlig', 'trevliga', 'vänlig', 'vänliga', 'respekt', 'oförskämt', 'fräck', 'arrogans', 'arrogansen', 'nonchalant', 'ointresserad', 'likgiltig', 'ovänlig', 'dåligt bemötande', 'surt', 'butter', 'buttra', 'tvär', 'snäsig', 'snäste', 'aggressiv', 'höjde rösten', 'skrek', 'sarkastisk', 'spydig', 'förolämpande', 'kränkande', 'tonfall', 'tonfallet', 'otrevlig ton', 'uppförande', 'uppträdande', 'beteende', 'beteendet', 'betedde', 'oartig', 'serviceinriktad', 'servicemedveten', 'servicekänsla', 'servicekänslan', 'kundbemötande', 'lyssnar inte', 'lyssna', 'lyhörd', 'tas på allvar', 'tar oss på allvar', 'tar oss inte på allvar', 'som idioter', 'respektera', 'empati', 'dåligt behandlad', 'behandlade oss', 'kundbehandling'],
      da: ['uhøflig', 'uhøflige', 'uvenlig', 'uvenlige', 'ubehagelig', 'ubehagelige', 'arrogant', 'arrogante', 'nedladende', 'afvisende', 'respektløs', 'respektløse', 'attitude', 'holdning', 'uprofessionel', 'uprofessionelle', 'sur', 'sure', 'kundebehandling', 'høflig', 'høflige', 'venlig', 'venlige', 'flink', 'flinke', 'respekt', 'uforskammet', 'uforskammede', 'fræk', 'frækt', 'arrogance', 'nonchalant', 'uinteresseret', 'ligeglad', 'sur tone', 'sure miner', 'tvær', 'vrissen', 'aggressiv', 'hævede stemmen', 'råbte', 'sarkastisk', 'spydig', 'fornærmende', 'krænkende', 'tonefald', 'opførsel', 'opførslen', 'adfærd', 'optræden', 'servicemindet', 'servicemindede', 'servicesind', 'dårlig behandling', 'dårligt behandlet', 'behandlet dårligt', 'behandler os', 'lytter ikke', 'lytte', 'lyttede', 'tages alvorligt', 'tager os ikke alvorligt', 'som idioter', 'empati'],
    },
  },
  {
    id: 'competence',
    words: {
      en: ['knowledge', 'knowledgeable', 'competence', 'competent', 'incompetent', 'expertise', 'expert', 'experts', 'skills', 'skilled', 'advice', 'advise', 'advisor', 'qualified', 'unqualified', 'technical', 'technically', 'clueless', 'know the product', 'know their products', 'know what they are talking about', 'specialist', 'know-how', 'knowhow', 'lack of knowledge', 'inexperienced', 'untrained', 'professional', 'capable', 'incapable', 'ability', 'amateur', 'amateurish', 'no idea', 'no clue', 'know nothing', 'knew nothing', 'product knowledge', 'technical knowledge', 'expert advice', 'consultancy', 'guidance', 'wrong advice', 'bad advice', 'misinformed', 'know what they are doing', 'understand our needs', 'understand what we need', "don't understand our", 'do not understand our'],
      sv: ['kunskap', 'kunskaper', 'kunskapen', 'produktkunskap', 'okunnig', 'okunniga', 'kompetens', 'kompetensen', 'kompetent', 'inkompetent', 'expertis', 'expert', 'experter', 'förståelse', 'rådgivning', 'rådgivare', 'ge råd', 'kvalificerad', 'kvalificerade', 'teknisk', 'tekniskt', 'tekniska', 'specialist', 'vet inte', 'kunskapsbrist', 'bristande kunskap', 'okunskap', 'kunskapsnivå', 'kunskapsnivån', 'fackkunskap', 'sakkunskap', 'sakkunnig', 'inkompetens', 'okompetent', 'erfaren', 'oerfaren', 'outbildad', 'professionell', 'professionalitet', 'proffsig', 'proffs', 'amatör', 'amatörmässig', 'ingen aning', 'har ingen aning', 'kan ingenting', 'kan inte sina produkter', 'kan inte produkterna', 'kan produkterna', 'produktkännedom', 'kännedom', 'know-how', 'felaktiga råd', 'dåliga råd', 'fel råd', 'konsult', 'vägledning', 'förstår inte våra behov', 'förstår våra behov', 'vet vad de pratar om', 'vet inte vad de pratar om', 'kunnig personal', 'kunniga säljare', 'inte kunniga', 'mycket kunniga', 'tekniskt kunnig', 'teknisk kompetens', 'duktig', 'oduglig'],
      da: ['viden', 'vidende', 'kendskab', 'produktkendskab', 'kompetence', 'kompetencer', 'kompetent', 'inkompetent', 'ekspertise', 'ekspert', 'eksperter', 'forståelse', 'rådgivning', 'rådgiver', 'give råd', 'kvalificeret', 'kvalificerede', 'ukvalificeret', 'teknisk', 'tekniske', 'specialist', 'ved ikke', 'kender ikke', 'manglende viden', 'mangel på viden', 'fagkundskab', 'faglighed', 'fagkyndig', 'sagkyndig', 'sagkundskab', 'inkompetence', 'erfaren', 'erfarne', 'uerfaren', 'uerfarne', 'uuddannet', 'professionel', 'professionalisme', 'professionalitet', 'amatør', 'amatøragtig', 'ingen anelse', 'aner ikke', 'anede ikke', 'aner intet', 'kender ikke produkterne', 'kender ikke deres produkter', 'kender produkterne', 'know-how', 'knowhow', 'forkert rådgivning', 'dårlig rådgivning', 'forkerte råd', 'dårlige råd', 'sparring', 'forstår ikke vores behov', 'forstår vores behov', 'ved hvad de taler om', 'ved ikke hvad de taler om', 'teknisk viden', 'teknisk kompetence', 'dygtig', 'udygtig', 'kyndig'],
    },
  },
  {
    id: 'training',
    words: {
      en: ['training', 'workshop', 'webinar', 'onboarding', 'induction', 'education', 'e-learning', 'elearning', 'tutorial', 'demo', 'demonstration', 'training course', 'product training', 'user training', 'training session', 'introduction', 'walkthrough', 'walk-through', 'show us how', 'teach', 'taught'],
      sv: ['utbildning', 'utbilda', 'kurs', 'kurser', 'produktutbildning', 'användarutbildning', 'workshop', 'webbinarium', 'webbinarier', 'webinar', 'introduktion', 'upplärning', 'upplärd', 'lära upp', 'lärde upp', 'lära oss', 'visa hur', 'genomgång', 'demo', 'demonstration', 'handledning', 'instruktionsfilm', 'e-learning', 'onboarding', 'kompetensutveckling', 'vidareutbildning', 'oupplärd'],
      da: ['uddannelse', 'oplæring', 'oplært', 'oplære', 'træning', 'kursus', 'kurser', 'produktkursus', 'produkttræning', 'brugeruddannelse', 'workshop', 'webinar', 'introduktion', 'undervisning', 'undervise', 'lære os', 'lære op', 'lærte os', 'vise hvordan', 'viste hvordan', 'gennemgang', 'demo', 'demonstration', 'instruktionsvideo', 'e-læring', 'onboarding', 'efteruddannelse', 'kompetenceudvikling'],
    },
  },
  {
    id: 'solution',
    words: {
      en: ['solution', 'solutions', 'recommend', 'recommendation', 'suitable', 'fits our needs', 'right product', 'choose', 'choice', 'solve', 'fix', 'alternative', 'option', 'suggest', 'workaround', 'appropriate', 'fit for purpose', 'right solution', 'best solution', 'tailored', 'customised', 'customized', 'our needs', 'requirements', 'chosen'],
      sv: ['lösning', 'lösningar', 'lösningen', 'rekommendera', 'rekommendation', 'passar', 'lämplig', 'lämpliga', 'välja', 'val', 'lösa', 'löste', 'åtgärda', 'fixa', 'alternativ', 'förslag', 'förslaget', 'föreslå', 'föreslog', 'föreslagit', 'anpassad', 'anpassning', 'skräddarsydd', 'behov', 'våra behov', 'kraven', 'kravspecifikation', 'olämplig', 'rätt produkt', 'rätt lösning', 'bästa lösningen', 'tillfällig lösning', 'nödlösning'],
      da: ['løsning', 'løsninger', 'løsningen', 'anbefale', 'anbefaling', 'passer', 'egnet', 'egnede', 'vælge', 'valg', 'løse', 'løst', 'udbedre', 'udbedring', 'afhjælpe', 'afhjulpet', 'afhjælpning', 'fikse', 'fiksede', 'alternativ', 'forslag', 'foreslå', 'foreslog', 'anbefalede', 'tilpasset', 'tilpassede', 'tilpasning', 'skræddersyet', 'skræddersyede', 'behov', 'vores behov', 'krav', 'kravspecifikation', 'uegnet', 'uegnede', 'rette produkt', 'rigtige produkt', 'rette løsning', 'bedste løsning', 'midlertidig løsning', 'nødløsning'],
    },
  },
  // Product
  {
    id: 'quality',
    words: {
      en: ['quality', 'defect', 'defects', 'defective', 'faulty', 'fault', 'faults', 'flaw', 'flawed', 'breaks', 'broke down', 'breaks down', 'stops working', 'stopped working', 'fail', 'fails', 'failed', 'failure', 'malfunction', 'wears out', 'worn out', 'poor workmanship', 'does not last', 'substandard', 'poor quality', 'low quality', 'bad quality', 'quality issues', 'quality problems', 'inferior', 'cheap quality', 'cheaply made', 'flimsy', 'fragile', 'brittle', 'broken down', 'breakdown', 'does not work', 'did not work', 'not working', "doesn't work", "didn't work", "won't work", "isn't working", 'works poorly', 'defect rate', 'rework', 'non-conformity', 'nonconformity', 'out of spec', 'out of tolerance', 'tolerance', 'inconsistent', 'varying quality', 'uneven', 'deteriorated', 'worse quality', 'quality control', 'wear and tear', 'unreliable', 'reliability', 'broke', 'it broke'],
      sv: ['kvalitet', 'kvaliteten', 'kvalitetsbrist', 'kvalitetsbrister', 'defekt', 'defekta', 'bristfällig', 'bristfälliga', 'går sönder', 'gick sönder', 'slutar fungera', 'slutade fungera', 'fungerar inte', 'krånglar', 'haveri', 'havererar', 'slits', 'utsliten', 'håller inte', 'fel på', 'kvalitén', 'kvalitetsproblem', 'dålig kvalitet', 'låg kvalitet', 'sämre kvalitet', 'kvalitetsnivå', 'kvalitetskontroll', 'undermålig', 'billig kvalitet', 'billigt tillverkad', 'skör', 'ömtålig', 'klen', 'fabrikationsfel', 'tillverkningsfel', 'konstruktionsfel', 'materialfel', 'funktionsfel', 'driftstörning', 'driftstopp', 'strular', 'funkar inte', 'fungerar dåligt', 'slutar funka', 'gått sönder', 'pajar', 'slitage', 'slitna', 'slitet', 'ojämn', 'varierande kvalitet', 'opålitlig', 'tillförlitlighet', 'pålitlig', 'kassation', 'kasserade', 'toleranser', 'utanför toleransen'],
      da: ['kvalitet', 'kvaliteten', 'kvalitetsproblemer', 'defekt', 'defekte', 'mangelfuld', 'går i stykker', 'gik i stykker', 'holder op med at virke', 'virker ikke', 'fungerer ikke', 'svigter', 'havari', 'slidt', 'slides', 'holder ikke', 'fejl på', 'kvalitetsfejl', 'dårlig kvalitet', 'lav kvalitet', 'ringere kvalitet', 'kvalitetsniveau', 'kvalitetskontrol', 'billig kvalitet', 'billigt lavet', 'skrøbelig', 'spinkel', 'spinkle', 'fabrikationsfejl', 'produktionsfejl', 'konstruktionsfejl', 'materialefejl', 'funktionsfejl', 'driftsforstyrrelse', 'driftsstop', 'nedbrud', 'havareret', 'bryder sammen', 'brød sammen', 'virkede ikke', 'virker dårligt', 'fungerer dårligt', 'holder op med at fungere', 'gået i stykker', 'slitage', 'ujævn', 'svingende kvalitet', 'upålidelig', 'pålidelighed', 'kassation', 'tolerancer', 'uden for tolerance'],
    },
  },
  {
    id: 'lifetime',
    words: {
      en: ['lifetime', 'lifespan', 'durable', 'durability', 'short time', 'after a few', 'within weeks', 'life span', 'service life', 'useful life', 'does not last', 'did not last', "doesn't last", "didn't last", "don't last", 'last long', 'lasted only', 'wore out', 'wear out', 'short-lived', 'premature', 'after a short time', 'after a few weeks', 'after a few months', 'after a month', 'after a week', 'within months', 'within a year', 'longevity', 'robust', 'sturdy', 'long-lasting'],
      sv: ['livslängd', 'livslängden', 'hållbarhet', 'hållbar', 'kort tid', 'efter några', 'efter kort', 'livstid', 'tålig', 'robust', 'slitstark', 'slitstyrka', 'håller länge', 'höll inte länge', 'håller inte länge', 'kort livslängd', 'kortlivad', 'i förtid', 'efter några veckor', 'efter några månader', 'efter en månad', 'efter ett år', 'inom ett år', 'redan efter'],
      da: ['levetid', 'levetiden', 'holdbarhed', 'holdbar', 'kort tid', 'efter få', 'efter kort', 'slidstærk', 'robust', 'solid', 'holder længe', 'holdt ikke længe', 'kort levetid', 'kortlivet', 'for tidligt', 'før tid', 'efter få uger', 'efter få måneder', 'efter en måned', 'efter et år', 'inden for et år', 'allerede efter'],
    },
  },
  {
    id: 'documentation',
    words: {
      en: ['documentation', 'documents', 'document', 'manual', 'manuals', 'instructions', 'instruction', 'guide', 'user guide', 'handbook', 'datasheet', 'datasheets', 'data sheet', 'data sheets', 'certificate', 'certificates', 'specification', 'specifications', 'drawings', 'safety data sheet', 'docs', 'user manual', 'operating instructions', 'installation guide', 'installation instructions', 'assembly instructions', 'mounting instructions', 'technical documentation', 'technical data', 'product information', 'product sheet', 'spec sheet', 'specs', 'msds', 'sds', 'declaration of conformity', 'declaration', 'test report', 'cad', 'cad files', 'diagram', 'wiring diagram', 'delivery note', 'packing list', 'packing slip', 'waybill', 'bill of lading', 'customs documents', 'brochure', 'catalogue', 'catalog', 'faq', 'knowledge base', 'product description'],
      sv: ['dokumentation', 'dokumentationen', 'dokument', 'dokumenten', 'manual', 'manualer', 'manualen', 'instruktion', 'instruktioner', 'instruktionerna', 'anvisning', 'anvisningar', 'anvisningen', 'bruksanvisning', 'bruksanvisningen', 'handbok', 'handboken', 'datablad', 'databladet', 'certifikat', 'certifikaten', 'intyg', 'specifikation', 'specifikationer', 'ritningar', 'ritning', 'säkerhetsdatablad', 'dokumenterat', 'användarmanual', 'monteringsanvisning', 'installationsanvisning', 'installationsmanual', 'skötselanvisning', 'teknisk dokumentation', 'tekniska data', 'produktinformation', 'produktblad', 'produktbladet', 'spec', 'prestandadeklaration', 'försäkran om överensstämmelse', 'certifiering', 'intyget', 'testrapport', 'provningsprotokoll', 'måttritning', 'cad-filer', 'kopplingsschema', 'följesedel', 'följesedeln', 'följesedlar', 'packsedel', 'fraktsedel', 'fraktsedeln', 'tulldokument', 'broschyr', 'katalog', 'produktkatalog', 'produktbeskrivning', 'underlag', 'underlaget'],
      da: ['dokumentation', 'dokumentationen', 'dokument', 'dokumenter', 'dokumenterne', 'manual', 'manualer', 'manualen', 'instruktion', 'instruktioner', 'instruktionerne', 'vejledning', 'vejledninger', 'vejledningen', 'brugsanvisning', 'brugsanvisningen', 'håndbog', 'håndbogen', 'datablad', 'databladet', 'certifikat', 'certifikater', 'specifikation', 'specifikationer', 'tegninger', 'tegning', 'sikkerhedsdatablad', 'brugermanual', 'brugervejledning', 'monteringsvejledning', 'montagevejledning', 'installationsvejledning', 'plejevejledning', 'teknisk dokumentation', 'tekniske data', 'produktinformation', 'produktblad', 'specs', 'ydeevnedeklaration', 'overensstemmelseserklæring', 'certificering', 'attest', 'testrapport', 'målskitse', 'cad-filer', 'diagram', 'el-diagram', 'følgeseddel', 'følgesedlen', 'pakkeseddel', 'fragtbrev', 'tolddokumenter', 'brochure', 'katalog', 'produktkatalog', 'produktbeskrivelse'],
    },
  },
  {
    id: 'outdated',
    words: {
      en: ['outdated', 'out of date', 'obsolete', 'old version', 'not updated', 'does not match', 'out-dated', 'outdated information', 'old information', 'old price', 'old catalogue', 'previous version', 'latest version', 'current version', 'newest version', 'not up to date', 'up to date', 'superseded', 'no longer valid', 'expired', 'out of sync', 'contradicting', 'contradictory', 'do not match', "doesn't match", "don't match", 'wrong information', 'incorrect information', 'never updated'],
      sv: ['föråldrad', 'föråldrade', 'inaktuell', 'inaktuella', 'gammal version', 'gamla versionen', 'inte uppdaterad', 'stämmer inte', 'inaktuellt', 'gammal information', 'gamla uppgifter', 'gamla priser', 'gammalt pris', 'gammal prislista', 'tidigare version', 'senaste versionen', 'nyaste versionen', 'inte aktuell', 'ej uppdaterad', 'uppdateras inte', 'uppdateras aldrig', 'ersatt av', 'gäller inte', 'gäller inte längre', 'ogiltig', 'motstridig', 'motsäger', 'stämmer inte överens', 'överensstämmer inte', 'felaktig information', 'felaktiga uppgifter'],
      da: ['forældet', 'forældede', 'gammel version', 'gamle version', 'ikke opdateret', 'passer ikke', 'stemmer ikke', 'forældet information', 'gamle oplysninger', 'gamle priser', 'gammel pris', 'gammel prisliste', 'tidligere version', 'seneste version', 'nyeste version', 'ikke aktuel', 'opdateres ikke', 'opdateres aldrig', 'erstattet af', 'gælder ikke', 'gælder ikke længere', 'ugyldig', 'modstridende', 'modsiger', 'stemmer ikke overens', 'forkerte oplysninger', 'fejlagtige oplysninger'],
    },
  },
  {
    id: 'stock',
    words: {
      en: ['stock', 'in stock', 'out of stock', 'inventory', 'sold out', 'backorder', 'backorders', 'back order', 'backordered', 'availability', 'run out', 'ran out', 'not available', 'supply', 'stock levels', 'stock status', 'stockout', 'stock-out', 'not in stock', 'no stock', 'low stock', 'warehouse', 'warehousing', 'on backorder', 'discontinued', 'phased out', 'supply shortage', 'supply chain', 'supply problems', 'allocation', 'restock', 'replenish', 'lack of stock', 'component shortage', 'no longer available'],
      sv: ['lager', 'lagret', 'i lager', 'slut i lager', 'lagerstatus', 'slutsåld', 'slutsålda', 'slutsålt', 'restorder', 'restordrar', 'restnoterad', 'restnoterade', 'tillgänglighet', 'tillgängligheten', 'tagit slut', 'tar slut', 'inte tillgänglig', 'leveransförmåga', 'lagersaldo', 'lagersaldot', 'lagernivå', 'lagerhållning', 'lagerhållna', 'lagerförd', 'lagervara', 'lagerbrist', 'centrallager', 'centrallagret', 'slut på lager', 'är slut', 'var slut', 'slut på', 'tog slut', 'restnotering', 'bristsituation', 'komponentbrist', 'materialbrist', 'utgått', 'utgår ur sortimentet', 'ej i lager', 'inte i lager', 'påfyllning', 'leveransförmågan', 'allokering', 'kvotering', 'ransonering'],
      da: ['lager', 'lageret', 'på lager', 'ikke på lager', 'lagerstatus', 'udsolgt', 'udsolgte', 'restordre', 'restordrer', 'restnoteret', 'tilgængelighed', 'tilgængeligheden', 'ikke tilgængelig', 'løbet tør', 'leveringsevne', 'lagerbeholdning', 'lagerniveau', 'lagerført', 'lagervare', 'lagermangel', 'centrallager', 'udsolgt fra', 'restnotering', 'mangelsituation', 'komponentmangel', 'materialemangel', 'varemangel', 'forsyningsproblemer', 'forsyningssituationen', 'forsyning', 'forsyningskæde', 'udgået', 'udgåede', 'udgår', 'udgået af sortimentet', 'genopfyldning', 'allokering', 'kvotering', 'rationering', 'løbet tør for', 'er løbet tør', 'ude af lager'],
    },
  },
  {
    id: 'spare parts',
    words: {
      en: ['spare part', 'spares', 'replacement part', 'wear parts', 'consumables', 'component', 'accessories', 'parts availability', 'parts list', 'service kit', 'repair kit', 'gasket', 'original parts', 'genuine parts', 'parts department', 'parts order', 'exploded view'],
      sv: ['reservdel', 'reservdelslager', 'reservdelsförsörjning', 'slitdelar', 'förbrukningsmaterial', 'förbrukningsartiklar', 'komponent', 'tillbehör', 'tillbehöret', 'ersättningsdel', 'reservdelslista', 'reservdelslistan', 'sprängskiss', 'servicekit', 'reparationssats', 'originaldelar', 'reservdelsavdelning', 'reservdelsbeställning', 'delar till'],
      da: ['reservedel', 'reservedelslager', 'sliddele', 'forbrugsvarer', 'forbrugsmaterialer', 'komponent', 'tilbehør', 'erstatningsdel', 'reservedelsliste', 'sprængskitse', 'servicekit', 'reparationssæt', 'pakning', 'originaldele', 'originale reservedele', 'reservedelsafdeling', 'reservedelsbestilling', 'dele til'],
    },
  },
  // Ordering online
  {
    id: 'portal',
    words: {
      en: ['portal', 'website', 'web site', 'web shop', 'webshop', 'online shop', 'e-shop', 'app', 'online', 'system', 'platform', 'webpage', 'web page', 'homepage', 'web portal', 'customer portal', 'supplier portal', 'extranet', 'online ordering', 'online portal', 'online store', 'web store', 'webstore', 'mobile app', 'application', 'interface', 'user interface', 'user experience', 'navigation', 'search function', 'search results', 'menu', 'menus', 'button', 'click', 'user-friendly', 'usability', 'intuitive', 'unintuitive', 'clunky', 'edi', 'api', 'integration', 'erp', 'punchout', 'punch-out', 'browser', 'digital', 'self-service', 'ordering system', 'order portal'],
      sv: ['portal', 'portalen', 'hemsida', 'hemsidan', 'webbplats', 'webbplatsen', 'webbshop', 'webbshopen', 'webbutik', 'webbutiken', 'nätbutik', 'nätbutiken', 'sajt', 'sajten', 'app', 'appen', 'system', 'systemet', 'plattform', 'webben', 'kundportal', 'leverantörsportal', 'webbportal', 'extranät', 'webbsida', 'webbsidan', 'e-handel', 'ehandel', 'e-handeln', 'näthandel', 'onlinebutik', 'webbaserad', 'webbgränssnitt', 'gränssnitt', 'gränssnittet', 'användargränssnitt', 'mobilapp', 'applikation', 'navigering', 'navigera', 'sökfunktion', 'sökning', 'menyer', 'menyn', 'klicka', 'användarvänlig', 'edi', 'api', 'integration', 'affärssystem', 'affärssystemet', 'erp', 'webbläsare', 'digital', 'digitalt', 'självbetjäning', 'beställningsportal', 'beställningssystem', 'ordersystem', 'ordersystemet', 'onlinebeställning', 'nätet', 'internet', 'online'],
      da: ['portal', 'portalen', 'hjemmeside', 'hjemmesiden', 'webshop', 'webshoppen', 'webbutik', 'netbutik', 'netbutikken', 'app', 'appen', 'system', 'systemet', 'platform', 'platformen', 'nettet', 'kundeportal', 'leverandørportal', 'webportal', 'ekstranet', 'webside', 'netshop', 'e-handel', 'ehandel', 'nethandel', 'onlinebutik', 'webbaseret', 'brugerflade', 'grænseflade', 'brugergrænseflade', 'mobilapp', 'applikation', 'navigation', 'navigere', 'søgefunktion', 'søgning', 'menu', 'klikke', 'brugervenlig', 'edi', 'api', 'integration', 'erp', 'økonomisystem', 'browser', 'digital', 'digitalt', 'selvbetjening', 'bestillingsportal', 'bestillingssystem', 'ordresystem', 'onlinebestilling', 'internettet', 'internet', 'online'],
    },
  },
  {
    id: 'login',
    words: {
      en: ['login', 'log in', 'logged out', 'sign in', 'password', 'passwords', 'username', 'log on', 'logon', 'single sign-on', 'sso', 'locked out', 'lockout', 'credentials', 'user name', 'user id', 'forgot password', 'reset password', 'password reset', 'two-factor', 'mfa', 'authentication', 'verification code', 'no access', 'access rights', 'user access', 'permissions', 'user account', 'my account', 'customer account', 'registration', 'register', 'sign up', 'signup', 'activate'],
      sv: ['inloggning', 'inloggningen', 'logga in', 'loggas ut', 'lösenord', 'lösenordet', 'konto', 'kontot', 'användarnamn', 'inloggningsuppgifter', 'inloggad', 'utloggad', 'utelåst', 'låst ute', 'byta lösenord', 'glömt lösenord', 'nytt lösenord', 'återställa lösenord', 'användar-id', 'användarkonto', 'kundkonto', 'konton', 'behörighet', 'åtkomst', 'tvåfaktorsautentisering', 'bankid', 'bank-id', 'verifieringskod', 'engångskod', 'registrering', 'registrera', 'aktivera', 'aktivering', 'inbjudan'],
      da: ['login', 'log ind', 'logge ind', 'logget ud', 'adgangskode', 'kodeord', 'konto', 'kontoen', 'brugernavn', 'logind', 'loginoplysninger', 'loggede ind', 'låst ude', 'nyt kodeord', 'glemt kodeord', 'glemt adgangskode', 'nulstille', 'nulstilling', 'brugerkonto', 'kundekonto', 'konti', 'brugerrettigheder', 'ingen adgang', 'adgang til portalen', 'mitid', 'nemid', 'to-faktor', 'engangskode', 'bekræftelseskode', 'registrering', 'registrere', 'aktivere', 'aktivering', 'invitation'],
    },
  },
  {
    id: 'outage',
    words: {
      en: ['down', 'crash', 'crashes', 'crashed', 'offline', 'error message', 'bug', 'bugs', 'freezes', 'hangs', 'not loading', 'times out', 'unusable', 'outage', 'downtime', 'went down', 'goes down', 'was down', 'is down', 'keeps crashing', 'error code', 'glitch', 'glitchy', 'buggy', 'froze', 'frozen', 'timeout', 'does not load', "doesn't load", "won't load", 'slow to load', 'loads slowly', 'server', 'server error', 'broken link', 'dead link', 'page not found', 'disruption', 'interruption', 'instability', 'unstable', 'stability'],
      sv: ['nere', 'ligger nere', 'kraschar', 'kraschade', 'krasch', 'felmeddelande', 'felmeddelanden', 'bugg', 'buggar', 'hänger sig', 'laddar inte', 'oanvändbar', 'låg nere', 'legat nere', 'nedtid', 'driftavbrott', 'avbrott', 'störning', 'felkod', 'låser sig', 'låste sig', 'fryser', 'frös', 'laddar länge', 'laddningstid', 'timeout', 'servern', 'serverfel', 'trasig länk', 'instabil', 'instabilt', 'stabilitet', 'gick ner', 'går ner', 'ur funktion', 'ur drift'],
      da: ['nede', 'ligger ned', 'går ned', 'crasher', 'crashede', 'fejlmeddelelse', 'fejlmeddelelser', 'fryser', 'indlæser ikke', 'ubrugelig', 'lå nede', 'nedetid', 'driftsforstyrrelser', 'afbrydelse', 'gik ned', 'buggy', 'fejlkode', 'hænger fast', 'systemet hænger', 'hængte', 'frøs', 'frosset', 'fryser fast', 'loader ikke', 'indlæsning', 'timeout', 'serveren', 'serverfejl', 'døde links', 'ustabil', 'ustabilt', 'stabilitet', 'ude af drift', 'bug', 'fejlbesked'],
    },
  },
  // Information
  {
    id: 'inform',
    words: {
      en: ['inform', 'informed', 'informs', 'information', 'notify', 'notified', 'notification', 'tell', 'told', 'heads up', 'warn', 'warned', 'warning', 'let us know', 'update', 'updates', 'updated', 'announce', 'announced', 'news', 'communicate', 'communication', 'nobody told', 'no one told', 'kept informed', 'keep us informed', 'kept in the dark', 'in the dark', 'no information', 'lack of information', 'status update', 'miscommunication', 'poor communication', 'lack of communication', 'explain', 'explanation', 'transparency', 'newsletter', 'told us', 'alert'],
      sv: ['information', 'informationen', 'informera', 'informerar', 'informerade', 'informerat', 'meddela', 'meddelar', 'meddelade', 'meddelat', 'meddelande', 'besked', 'beskedet', 'säga till', 'sa till', 'sagt till', 'berätta', 'berättar', 'berättade', 'varna', 'varnade', 'varning', 'uppdatering', 'uppdateringar', 'kommunikation', 'kommunicera', 'nyheter', 'ingen sa', 'ingen berättade', 'informerats', 'ingen information', 'bristande information', 'informationsbrist', 'bristande kommunikation', 'dålig kommunikation', 'meddelats', 'aviserat', 'avisering', 'notis', 'notifiering', 'inget besked', 'förklara', 'förklaring', 'transparens', 'öppenhet', 'nyhetsbrev', 'hålla oss informerade', 'ovisshet', 'ovetande', 'statusuppdatering', 'lägesrapport', 'uppdaterar', 'underrätta', 'underrättelse', 'talade om', 'fick höra', 'fått höra'],
      da: ['information', 'informationen', 'informere', 'informerer', 'informeret', 'informerede', 'oplyse', 'oplyst', 'meddele', 'meddelte', 'meddelelse', 'besked', 'beskeden', 'sige til', 'sagde til', 'fortælle', 'fortæller', 'fortalte', 'advare', 'advarede', 'advarsel', 'opdatering', 'opdateringer', 'orientering', 'orientere', 'orienteret', 'kommunikation', 'kommunikere', 'nyheder', 'ingen fortalte', 'ingen sagde', 'ingen information', 'manglende information', 'manglende kommunikation', 'dårlig kommunikation', 'ingen besked', 'underrette', 'underretning', 'notifikation', 'advisering', 'aviseret', 'forklare', 'forklarede', 'forklaring', 'gennemsigtighed', 'åbenhed', 'nyhedsbrev', 'holde os orienteret', 'holdt orienteret', 'holde os informeret', 'uvished', 'uvidende', 'statusopdatering', 'advarsler', 'oplysninger'],
    },
  },
  {
    id: 'in advance',
    words: {
      en: ['proactive', 'proactively', 'in advance', 'beforehand', 'ahead of time', 'advance notice', 'in good time', 'find out', 'found out', 'discover', 'discovered', 'surprise', 'surprised', 'without warning', 'unannounced', 'suddenly', 'afterwards', 'too late to', 'prior notice', 'short notice', 'at short notice', 'last minute', 'at the last minute', 'advance warning', 'anticipate', 'foresee', 'reactive', 'only when we', 'only after we', 'after the fact', 'without notice', 'without informing', 'without telling', 'out of the blue', 'unexpectedly', 'by chance', 'had to find out', 'find out ourselves', 'heard it from'],
      sv: ['proaktiv', 'proaktivt', 'proaktiva', 'i förväg', 'förvarning', 'förvarna', 'i god tid', 'får veta', 'fick veta', 'upptäcka', 'upptäcker', 'upptäckte', 'överraskning', 'överraskade', 'överraskad', 'utan förvarning', 'oannonserat', 'plötsligt', 'i efterhand', 'först när', 'förvarnade', 'med kort varsel', 'kort varsel', 'varsel', 'varslat', 'i sista minuten', 'förutse', 'förutsåg', 'framförhållning', 'reaktiv', 'först efter', 'utan att meddela', 'utan att informera', 'utan att säga', 'helt plötsligt', 'oväntat', 'av en slump', 'fick reda på', 'får reda på', 'fått reda på', 'oanmäld', 'oanmält'],
      da: ['proaktiv', 'proaktivt', 'proaktive', 'på forhånd', 'i forvejen', 'forvarsel', 'varsel', 'i god tid', 'får at vide', 'fik at vide', 'finde ud af', 'fandt ud af', 'opdage', 'opdager', 'opdagede', 'overraskelse', 'overrasket', 'uden varsel', 'uanmeldt', 'pludselig', 'bagefter', 'først når', 'først da', 'med kort varsel', 'kort varsel', 'varslet', 'varslede', 'i sidste øjeblik', 'forudse', 'forudså', 'forudseenhed', 'reaktiv', 'først efter', 'efterfølgende', 'uden at informere', 'uden at sige', 'uden at give besked', 'helt uventet', 'uventet', 'uventede', 'tilfældigt', 'ved et tilfælde', 'fandt selv ud af', 'fundet ud af'],
    },
  },
  {
    id: 'unclear',
    words: {
      en: ['unclear', 'clarity', 'clarify', 'clarification', 'confusing', 'understand', 'incomprehensible', 'hard to read', 'hard to follow', 'cryptic', 'vague', 'ambiguous', 'misleading', 'messy', 'cluttered', 'overview', 'makes no sense', 'does not make sense', "doesn't make sense", 'complicated', 'complex', 'misunderstanding', 'misunderstood', 'easy to understand', 'readable', 'illegible'],
      sv: ['otydlig', 'oklar', 'oklara', 'oklart', 'klargöra', 'förtydliga', 'förvirrande', 'förvirring', 'förstå', 'förstår', 'förstod', 'förstått', 'begriplig', 'obegriplig', 'svårbegriplig', 'svårförståelig', 'svårläst', 'luddig', 'kryptisk', 'tvetydig', 'missvisande', 'vilseledande', 'överblick', 'överskådlig', 'oöverskådlig', 'översikt', 'krånglig', 'komplicerad', 'missförstånd', 'missförstod', 'missförstått', 'fattar inte', 'oläslig'],
      da: ['uklar', 'uklart', 'utydelig', 'afklare', 'afklaring', 'præcisere', 'forvirrende', 'forvirring', 'forstå', 'forstår', 'forstod', 'uforståelig', 'svært at forstå', 'svært at læse', 'rodet', 'uoverskuelig', 'overskuelig', 'overblik', 'kryptisk', 'tvetydig', 'misvisende', 'vildledende', 'kompliceret', 'indviklet', 'indviklede', 'misforståelse', 'misforstod', 'ulæselig', 'giver ingen mening', 'giver ikke mening'],
    },
  },
  {
    id: 'language',
    words: {
      en: ['language', 'translation', 'untranslated', 'mistranslated', 'native language', 'our language', 'local language', 'language barrier', 'interpreter', 'localised', 'localized', 'in english', 'only in english', 'not in english', 'in swedish', 'in danish', 'in german', 'in norwegian', 'in finnish', 'foreign language'],
      sv: ['språk', 'språket', 'språkbarriär', 'språkproblem', 'på svenska', 'på engelska', 'på danska', 'på norska', 'på finska', 'på tyska', 'engelska', 'översättning', 'översatt', 'översätta', 'oöversatt', 'felöversatt', 'felöversättning', 'maskinöversatt', 'google translate', 'modersmål', 'vårt språk', 'bara på engelska', 'endast på engelska', 'tolk', 'lokaliserad', 'svengelska'],
      da: ['sprog', 'sprogbarriere', 'sprogproblemer', 'på dansk', 'på engelsk', 'på svensk', 'på norsk', 'på tysk', 'engelsk', 'oversættelse', 'oversat', 'uoversat', 'fejloversat', 'fejloversættelse', 'maskinoversat', 'google translate', 'modersmål', 'vores sprog', 'kun på engelsk', 'tolk', 'lokaliseret'],
    },
  },
  // Quotes and contracts
  {
    id: 'quote',
    words: {
      en: ['quote', 'quotes', 'quotation', 'quotations', 'quoted', 'offer', 'offers', 'tender', 'tenders', 'bid', 'bids', 'proposal', 'proposals', 'price proposal', 'estimate', 'estimates', 'rfq', 'request for quotation', 'price quote', 'price quotation', 'quotation request', 'request a quote', 'asked for a quote', 'cost estimate', 'price estimate', 'rfp', 'rfi', 'price request', 'tender documents', 'counter offer', 'counteroffer'],
      sv: ['offert', 'offerter', 'offerten', 'offerterna', 'anbud', 'anbudet', 'prisförslag', 'prisuppgift', 'prisuppgifter', 'prisförfrågan', 'prisförfrågningar', 'kostnadsförslag', 'kostnadsberäkning', 'upphandling', 'offertförfrågan', 'offertförfrågningar', 'offertarbete', 'offerering', 'offerera', 'anbudsförfrågan', 'anbudsunderlag', 'prisförslaget', 'kostnadsförslaget', 'kostnadsuppskattning', 'prisindikation', 'erbjudande', 'motbud', 'förfrågningsunderlag', 'begära offert', 'begärde offert', 'fått offert'],
      da: ['tilbud', 'tilbuddet', 'tilbuddene', 'tilbudene', 'licitation', 'prisforslag', 'prisoverslag', 'overslag', 'prisforespørgsel', 'prisforespørgsler', 'prisoplysning', 'udbud', 'tilbudsgivning', 'tilbudsforespørgsel', 'tilbudsforespørgsler', 'give tilbud', 'afgive tilbud', 'omkostningsoverslag', 'prisindikation', 'udbudsmateriale', 'bede om tilbud', 'bad om tilbud', 'fået tilbud', 'modtilbud'],
    },
  },
  {
    id: 'contract',
    words: {
      en: ['contract', 'contractual', 'agreement', 'framework agreement', 'frame agreement', 'service agreement', 'service level agreement', 'sla', 'slas', 'terms and conditions', 'general terms', 'renewal', 'auto-renewal', 'notice period', 'termination', 'binding', 'lock-in', 'clause', 'small print', 'fine print', 'breach', 'breach of contract', 'penalty', 'liquidated damages', 'price agreement', 'agreed prices', 'contract price', 'purchasing agreement'],
      sv: ['avtal', 'avtalet', 'avtalsenlig', 'kontrakt', 'kontraktet', 'ramavtal', 'ramavtalet', 'serviceavtal', 'serviceavtalet', 'leveransavtal', 'prisavtal', 'prisavtalet', 'avtalspris', 'avtalade priser', 'sla', 'villkor', 'villkoren', 'allmänna villkor', 'avtalsvillkor', 'leveransvillkor', 'förnyelse', 'automatisk förlängning', 'uppsägning', 'uppsägningstid', 'säga upp avtalet', 'bindningstid', 'bunden', 'bindande', 'klausul', 'finstilt', 'avtalsbrott', 'brott mot avtalet', 'överenskommelse'],
      da: ['kontrakt', 'aftale', 'rammeaftale', 'serviceaftale', 'leveringsaftale', 'prisaftale', 'aftalepris', 'aftalte priser', 'sla', 'vilkår', 'betingelser', 'salgsbetingelser', 'handelsbetingelser', 'leveringsbetingelser', 'generelle betingelser', 'fornyelse', 'automatisk fornyelse', 'opsigelse', 'opsigelsesvarsel', 'opsige', 'opsagt', 'opsige aftalen', 'bindingsperiode', 'bindende', 'klausul', 'det med småt', 'kontraktbrud', 'aftalebrud', 'misligholdelse', 'bod', 'bøder', 'dagbøder', 'overenskomst'],
    },
  },
  // Returns and claims
  {
    id: 'return',
    words: {
      en: ['return', 'returns', 'returned', 'returning', 'send back', 'sending back', 'sent back', 'take back', 'rma', 'exchange', 'replacement', 'return label', 'return process', 'return policy', 'return authorization', 'return authorisation', 'rma number', 'returned goods', 'send it back', 'sent it back', 'ship back', 'reverse logistics'],
      sv: ['retur', 'returer', 'returen', 'returnera', 'returnerar', 'returnerade', 'returnerat', 'returhantering', 'skicka tillbaka', 'skickade tillbaka', 'skicka i retur', 'ta tillbaka', 'byte', 'ersättningsvara', 'returnering', 'returnerats', 'retursedel', 'returfrakt', 'returetikett', 'returadress', 'returnummer', 'returprocess', 'returrutin', 'returpolicy', 'returrätt', 'returvaror', 'returgods', 'sända tillbaka', 'lämna tillbaka', 'tog tillbaka', 'tar tillbaka', 'byta ut', 'bytt ut', 'utbyte', 'omleverans', 'ersättningsprodukt', 'ny vara'],
      da: ['retur', 'returnere', 'returnerer', 'returneret', 'returnerede', 'returnering', 'returneringer', 'sende tilbage', 'sendte tilbage', 'sende retur', 'tage tilbage', 'ombytning', 'erstatningsvare', 'returvarer', 'retursedlen', 'retursedel', 'returfragt', 'returlabel', 'returetiket', 'returadresse', 'returnummer', 'returproces', 'returprocessen', 'returpolitik', 'returgods', 'levere tilbage', 'tog tilbage', 'bytte', 'ombyttet', 'udskiftet', 'udskiftning', 'erstatningsprodukt', 'ny vare', 'omlevering', 'genlevering'],
    },
  },
  {
    id: 'claim',
    words: {
      en: ['complaint', 'complaints', 'complain', 'complained', 'claim', 'claims', 'warranty', 'guarantee', 'dispute', 'resolved', 'unresolved', 'still not resolved', 'paperwork', 'bureaucracy', 'forms', 'complaint process', 'complaint handling', 'claims process', 'warranty claim', 'guarantee claim', 'under warranty', 'covered by warranty', 'out of warranty', 'claim rejected', 'claim was rejected', 'rejected our claim', 'rejected the claim', 'refused the claim', 'grievance', 'resolution', 'unsolved', 'settled', 'settlement', 'liability', 'liable', 'red tape', 'photos', 'photographs', 'pictures', 'proof', 'evidence'],
      sv: ['reklamation', 'reklamationer', 'reklamationen', 'reklamera', 'reklamerar', 'reklamerade', 'reklamerat', 'klagomål', 'klagomålet', 'klaga', 'klagar', 'klagade', 'garanti', 'garantin', 'garantiärende', 'olöst', 'inte löst', 'pappersarbete', 'byråkrati', 'blankett', 'blanketter', 'reklamationsärende', 'reklamationshantering', 'reklamationsprocess', 'reklamationsrätt', 'reklamerats', 'garantianspråk', 'garantitid', 'inom garantin', 'utanför garantin', 'avslag', 'avslog', 'nekade', 'vägrade', 'tvist', 'lösa ärendet', 'foton', 'foto', 'bilder', 'bevis', 'avvikelserapport', 'byråkratiskt', 'formulär', 'formuläret'],
      da: ['reklamation', 'reklamationer', 'reklamationen', 'reklamere', 'reklamerer', 'reklamerede', 'reklameret', 'klage', 'klager', 'klagen', 'klagede', 'garanti', 'garantien', 'garantisag', 'uløst', 'ikke løst', 'papirarbejde', 'bureaukrati', 'blanket', 'blanketter', 'formular', 'formularer', 'reklamationssag', 'reklamationsbehandling', 'reklamationsproces', 'reklamationsprocessen', 'reklamationsret', 'klagesag', 'garantikrav', 'garantiperiode', 'under garanti', 'dækket af garantien', 'uden for garantien', 'afslag', 'afslået', 'afviste', 'nægtede', 'nægter', 'tvist', 'løse sagen', 'billeder', 'fotos', 'bevis', 'afvigelsesrapport', 'bureaukratisk', 'skema'],
    },
  },
  // Installation and service
  {
    id: 'installation',
    words: {
      en: ['installation', 'install', 'installed', 'installing', 'installer', 'commissioning', 'assembly', 'assemble', 'mounting', 'mount', 'set up', 'setup', 'fitting', 'reinstall', 'configuration', 'wiring', 'hook up', 'deploy', 'rollout', 'roll-out', 'implementation', 'go-live', 'installation date', 'installation team'],
      sv: ['installation', 'installationen', 'installera', 'installerar', 'installerade', 'installerat', 'installatör', 'driftsättning', 'driftsatt', 'montering', 'monteringen', 'montera', 'monterade', 'monterat', 'uppsättning', 'igångsättning', 'installerats', 'ominstallation', 'driftsätta', 'driftstart', 'uppstart', 'igångkörning', 'monterats', 'monteringsarbete', 'montage', 'montaget', 'inkoppling', 'koppla in', 'konfiguration', 'konfigurera', 'konfigurering', 'implementering', 'implementera', 'utrullning', 'installationsdatum', 'byggplats', 'bygget', 'uppställning', 'sätta upp', 'satte upp'],
      da: ['installation', 'installationen', 'installere', 'installerer', 'installeret', 'installerede', 'installatør', 'idriftsættelse', 'idriftsat', 'montering', 'monteringen', 'montere', 'monterede', 'monteret', 'opsætning', 'opstilling', 'geninstallation', 'opstart', 'igangsætning', 'montage', 'montagearbejde', 'tilslutte', 'konfiguration', 'konfigurere', 'implementering', 'implementere', 'indførelse', 'udrulning', 'installationsdato', 'byggeplads', 'byggepladsen', 'stille op'],
    },
  },
  {
    id: 'technician',
    words: {
      en: ['technician', 'technicians', 'engineer', 'engineers', 'fitter', 'fitters', 'mechanic', 'service technician', 'field service', 'serviceman', 'service engineer', 'field engineer', 'field technician', 'electrician', 'plumber', 'repairman', 'techs', 'subcontractor', 'contractor', 'craftsman', 'craftsmen', 'service partner', 'service staff', 'service personnel', 'service team'],
      sv: ['tekniker', 'teknikern', 'teknikerna', 'servicetekniker', 'serviceteknikern', 'montör', 'montören', 'montörerna', 'mekaniker', 'reparatör', 'installatören', 'servicemontör', 'elektriker', 'rörmokare', 'underleverantör', 'underentreprenör', 'entreprenör', 'hantverkare', 'servicepartner', 'servicepersonal', 'serviceteam', 'serviceavdelning', 'servicefirma', 'serviceingenjör', 'ingenjör', 'fälttekniker'],
      da: ['tekniker', 'teknikeren', 'teknikerne', 'servicetekniker', 'serviceteknikeren', 'montør', 'montøren', 'montørerne', 'mekaniker', 'reparatør', 'installatøren', 'servicemontør', 'elektriker', 'vvs-mand', 'blikkenslager', 'underleverandør', 'underentreprenør', 'entreprenør', 'håndværker', 'servicepartner', 'servicepersonale', 'serviceteam', 'serviceafdeling', 'servicefirma', 'serviceingeniør', 'ingeniør', 'felttekniker'],
    },
  },
  {
    id: 'service visit',
    words: {
      en: ['service visit', 'service visits', 'visit', 'visits', 'on site', 'site visit', 'maintenance', 'servicing', 'repair', 'repairs', 'repaired', 'appointment', 'booked', 'no-show', 'did not show up', 'never came', 'came out', 'come out', 'call-out', 'callout', 'onsite', 'field visit', 'scheduled visit', 'planned maintenance', 'preventive maintenance', 'service interval', 'annual service', 'inspection', 'check-up', 'repair work', 'rebooked', 'time slot', 'time window', 'never turned up', 'did not turn up', "didn't show up", "didn't turn up", 'did not come', "didn't come", 'stood us up', 'waited all day', 'return visit', 'follow-up visit', 'second visit', 'revisit'],
      sv: ['servicebesök', 'servicebesöket', 'besök', 'besöket', 'på plats', 'underhåll', 'underhållet', 'reparation', 'reparationer', 'reparera', 'reparerade', 'bokad', 'bokade', 'bokat', 'bokades', 'bokning', 'avtalad tid', 'kom aldrig', 'dök inte upp', 'platsbesök', 'ute hos oss', 'kom ut', 'komma ut', 'utryckning', 'jour', 'jourtjänst', 'serviceintervall', 'förebyggande underhåll', 'planerat underhåll', 'underhållsavtal', 'årlig service', 'inspektion', 'besiktning', 'översyn', 'lagning', 'ombokad', 'ombokning', 'tidsbokning', 'tidsfönster', 'uteblev', 'uteblivet', 'uteblivna', 'dök aldrig upp', 'väntade hela dagen', 'återbesök', 'nytt besök', 'teknikerbesök', 'montörbesök'],
      da: ['servicebesøg', 'servicebesøget', 'besøg', 'besøget', 'på stedet', 'vedligeholdelse', 'vedligehold', 'reparation', 'reparationer', 'reparere', 'repareret', 'booket', 'booking', 'aftalte tid', 'kom aldrig', 'dukkede ikke op', 'kom ikke', 'ude hos os', 'kom ud', 'udrykning', 'udkald', 'vagtordning', 'serviceinterval', 'forebyggende vedligeholdelse', 'planlagt vedligeholdelse', 'vedligeholdelsesaftale', 'årligt eftersyn', 'eftersyn', 'inspektion', 'bookede', 'ombooket', 'ombooking', 'tidsbestilling', 'tidsvindue', 'udeblev', 'udeblivelse', 'dukkede aldrig op', 'ventede hele dagen', 'genbesøg', 'nyt besøg', 'teknikerbesøg', 'montørbesøg'],
    },
  },
];

/**
 * Stems that a thesaurus word shares with a common word of another meaning: Swedish "order" and
 * "ord" (word), "lager" and "lagen" (the law), "bokad" and "boken" (the book); Danish "lovet"
 * (promised) and "loven" (the law), "lager" and "laget" (the team); in both, the verb "kontakta"
 * / "kontakte" (reach) and the noun "kontakt" (the account manager). A word with one of these
 * stems says a concept only in a form the thesaurus lists, alone or as a compound's part:
 * "orderbekräftelse" and "lagersaldo" still do, Danish "emballagen" (embal|lagen) does not.
 */
export const AMBIGUOUS_STEMS: Readonly<Partial<Record<Lang, readonly string[]>>> = {
  sv: ['ord', 'lag', 'bok', 'kontak'],
  da: ['lov', 'lag', 'kontak'],
};

export interface ConceptIndex {
  /** The concepts a word (or a compound's part, as written) says in the language, given its stem (see AMBIGUOUS_STEMS). */
  ofWord(word: string, stemmed: string, lang: Lang): readonly string[];
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
  // Listed forms of words with an ambiguous stem, by language and form.
  const written = new Map<string, Map<string, string[]>>();
  const phrases = new Map<string, Map<string, Phrase[]>>();
  const stems = new Set<string>();
  const ambiguousIn = new Map(Object.entries(AMBIGUOUS_STEMS).map(([lang, list]) => [lang, new Set(list)]));
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
        const forms = tokenize(entry);
        const words = forms.map((w) => stem(w, lang));
        if (words.length === 1) {
          push(byStem, words[0]!, concept.id);
          stems.add(words[0]!);
          if (ambiguousIn.get(lang)?.has(words[0]!)) {
            const byForm = written.get(lang) ?? new Map<string, string[]>();
            written.set(lang, byForm);
            push(byForm, forms[0]!, concept.id);
          }
        } else if (words.length > 1) {
          push(byFirst, words[0]!, { stems: words, concept: concept.id });
        }
      }
    }
  }
  const none: readonly string[] = [];
  return {
    ofWord: (word, stemmed, lang) =>
      ambiguousIn.get(lang)?.has(stemmed) ? (written.get(lang)?.get(word) ?? none) : (single.get(lang)?.get(stemmed) ?? none),
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
