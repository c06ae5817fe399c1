// A large invented thread for the demo page tests: comments put together from German and English templates
// (invented people, shops, order numbers), reproducible from a seed. About one comment in ten calls for action.

const DE = {
  authors: ['Jana', 'Tobias', 'Mehmet', 'Sabine', 'Hannes', 'Lena', 'Uwe', 'Petra', 'Gisela', 'Frank', 'Sophie',
    'Heike', 'Martin', 'Kai', 'Bernd', 'Anna', 'Dirk', 'Nina', 'Yvonne', 'Jörg', 'Ayşe', 'Lukas'],
  calm: [
    'Wie lange habt ihr am {day} in der Filiale in {city} geöffnet?',
    'Gibt es den {product} auch in {colour}?',
    'Super Beratung am {day}, vielen Dank an das Team in {city}!',
    'Kann man bei euch auch mit Rechnung bezahlen?',
    'Der {product} ist heute angekommen, alles gut verpackt. Danke!',
    'Tolle Aktion zum Jubiläum, weiter so!',
    'Habt ihr den {product} bald wieder auf Lager?',
    'Ich finde die neue Farbe {colour} wirklich schön.',
  ],
  tense: [
    'Seit {n} Tagen warte ich auf meinen {product}. Keiner antwortet auf Mails.',
    'Bestellung {order} hängt seit {n} Tagen im Lager fest. Wann kommt endlich was?',
    'Der {product} war beim Auspacken schon kaputt, ich will mein Geld zurück.',
    'Unmöglicher Kundenservice, ich kündige mein Kundenkonto.',
    'Dreimal angerufen, dreimal vertröstet. So langsam reicht es wirklich!',
  ],
  hot: [
    'Ich habe jetzt einen Anwalt eingeschaltet, Bestellung {order} ist seit Wochen überfällig.',
    'Der {product} hat gequalmt und das Kabel ist angeschmort. Da hätte ein Feuer entstehen können!',
    'Ihr Vollidioten habt echt keine Ahnung von euren Kunden. Boykottiert diesen Laden!',
    'Teilt das bitte alle, damit die Leute sehen, wie hier mit Kunden umgegangen wird!!!',
  ],
  products: ['Wasserkocher', 'Rasenmäher', 'Akkuschrauber', 'Gartenstuhl', 'Toaster', 'Wanderrucksack'],
  colours: ['Blau', 'Salbeigrün', 'Anthrazit', 'Sandbeige'],
  cities: ['Kassel', 'Erfurt', 'Bremen', 'Freiburg', 'Rostock'],
  days: ['Samstag', 'Montag', 'Freitag'],
};

const EN = {
  authors: ['Chris', 'Priya', 'Daniel', 'Megan', 'Rob', 'Tom', 'Aisha', 'Helen', 'Oscar', 'Mia', 'George', 'Ruby',
    'Jay', 'Nate', 'Emily', 'Dana', 'Lucy', 'Grace', 'Ben', 'Chloe', 'Kwame', 'Siobhan'],
  calm: [
    'What are your opening hours on {day} in the {city} store?',
    'Is the {product} also available in {colour}?',
    'Great advice on {day}, many thanks to the team in {city}!',
    'Can I pay by invoice?',
    'My {product} arrived today, well packed. Thanks!',
    'Lovely anniversary campaign, keep it up!',
    'Will the {product} be back in stock soon?',
    'The new {colour} colour looks really nice.',
  ],
  tense: [
    'Still waiting for my {product} after {n} days. Nobody answers emails.',
    'Order {order} has said "in transit" for {n} days. Where is my package?',
    'The {product} was broken when I unpacked it, I want a refund.',
    'Worst customer service ever, I am cancelling my account.',
    'Called three times, put off three times. I have had enough!',
  ],
  hot: [
    'I have contacted my lawyer, order {order} is weeks overdue. You are in breach of contract.',
    'The {product} started smoking and the plug melted. It could have caused a fire!',
    'Pathetic idiots, you have no clue about your customers. Boycott this company!',
    'Everyone share this so people see how this company treats its customers!!!',
  ],
  products: ['kettle', 'lawn mower', 'cordless drill', 'garden chair', 'toaster', 'hiking backpack'],
  colours: ['blue', 'sage green', 'charcoal', 'sand'],
  cities: ['Leeds', 'Bristol', 'York', 'Cardiff', 'Norwich'],
  days: ['Saturday', 'Monday', 'Friday'],
};

/** A small deterministic generator (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` invented comments, half German, half English: [{id, author, text}]. */
export function inventThread(n = 10000, seed = 7) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const L = r() < 0.5 ? DE : EN;
    const x = r();
    const pool = x < 0.04 ? L.hot : x < 0.2 ? L.tense : L.calm;
    const text = pick(pool)
      .replace('{product}', pick(L.products))
      .replace('{colour}', pick(L.colours))
      .replace('{city}', pick(L.cities))
      .replace('{day}', pick(L.days))
      .replace('{order}', `${40000 + Math.floor(r() * 60000)}-${10 + Math.floor(r() * 90)}`)
      .replace('{n}', String(3 + Math.floor(r() * 40)));
    // a first name and an initial: some hundred people, several comments each
    const author = `${pick(L.authors)} ${String.fromCharCode(65 + Math.floor(r() * 26))}.`;
    out.push({ id: String(i + 1), author, text });
  }
  return out;
}

/** The thread as a German spreadsheet export: `Nr.;Verfasser;Kommentartext`, quoted where needed. */
export function asGermanCsv(comments) {
  const q = (v) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['Nr.;Verfasser;Kommentartext', ...comments.map((c) => `${c.id};${q(c.author)};${q(c.text)}`)].join('\n');
}
