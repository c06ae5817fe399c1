// Built-in sample threads (invented comments, invented people and companies), German and English.
// Each comment: {id, author, text}. The page analyses them with the real core; nothing here is pre-scored.

export const SAMPLES = [
  {
    key: 'de-delivery',
    lang: 'de',
    title: { de: 'Lieferverzug (DE)', en: 'Delivery delay wave (DE)' },
    comments: [
      ['Jana K.', 'Seit 3 Wochen warte ich auf meine Bestellung. Keiner antwortet auf Mails. Langsam reicht es wirklich!'],
      ['Tobias_R', 'Bei mir genauso, Paket hängt seit 12 Tagen im Lager fest. Wann kommt endlich was?'],
      ['Mehmet A.', 'Wenn bis Freitag nichts da ist, storniere ich und will mein Geld zurück. Bestellnummer 4711-2291'],
      ['Sabine Vogt', 'Unmöglicher Laden. Ich kündige mein Kundenkonto und warne alle meine Freunde 😡😡'],
      ['hannes.p', 'Ich habe jetzt einen Anwalt eingeschaltet, die Frist ist seit Wochen abgelaufen.'],
      ['Lena', 'Meins kam heute an, alles gut verpackt. Danke!'],
      ['Uwe B.', 'Hat jemand eine Telefonnummer vom Kundenservice, die tatsächlich funktioniert?'],
      ['Petra Lindner', 'Teilt das bitte alle, damit die Leute sehen, wie hier mit Kunden umgegangen wird!!!'],
    ],
  },
  {
    key: 'de-recall',
    lang: 'de',
    title: { de: 'Rückruf mit Sicherheitsmangel (DE)', en: 'Product recall, safety (DE)' },
    comments: [
      ['Familie Brandt', 'Unser Wasserkocher ist gestern heiß geworden und hat gequalmt, das Kabel ist angeschmort. Da hätte ein Feuer entstehen können!'],
      ['Kathrin S.', 'Gilt der Rückruf auch für das Modell mit der blauen Kanne? Wo finde ich die Seriennummer?'],
      ['Dirk', 'Mein Sohn hat sich an dem Gerät die Hand verbrannt. Ich erwarte eine Stellungnahme, sonst gehe ich zur Verbraucherzentrale.'],
      ['Marion Weiß', 'Danke für die schnelle Info zum Rückruf, das Austauschgerät kam nach zwei Tagen.'],
      ['Jonas', 'Warum erfährt man sowas aus der Zeitung und nicht von euch? Ziemlich enttäuschend.'],
      ['Ute K.', 'Bitte ruft mich an: 0171 2345678. Ich habe zwei Geräte gekauft und weiß nicht, was ich jetzt tun soll.'],
      ['Stefan Koch', 'Bei uns ist der Deckel geplatzt, heißes Wasser ist über die Arbeitsplatte gelaufen. Das ist lebensgefährlich!'],
      ['Nina', 'Auch unser Gerät hat Funken gesprüht, als ich es eingeschaltet habe. Ich habe richtig Angst bekommen.'],
      ['Claudia Renz', 'Das Kabel ist bei mir geschmolzen, es roch verbrannt. Wie kann so etwas verkauft werden?'],
      ['Paul W.', 'Meine Mutter hat sich an dem Wasserkocher verbrüht. Wer haftet dafür?'],
      ['Yvonne', 'Habe das Ding sofort ausgesteckt, der Boden war verkohlt. Kinder im Haus, unverantwortlich!'],
    ],
  },
  {
    key: 'de-pileon',
    lang: 'de',
    title: { de: 'Shitstorm mit Beleidigungen (DE)', en: 'Insult pile-on (DE)' },
    comments: [
      ['Rainer Z.', 'Was für eine dämliche Werbung. Ihr seid doch komplett bescheuert!'],
      ['nordlicht77', 'Ihr Vollidioten habt echt keine Ahnung von euren Kunden. Boykottiert diesen Laden!'],
      ['Melanie', 'Finde die Kampagne ehrlich gesagt auch daneben, aber beleidigen muss man niemanden.'],
      ['Kai', 'Scheiß Firma, nie wieder kaufe ich bei euch. Alle sollten hier einen Stern geben!!!'],
      ['Bernd Hofer', 'Der Marketingchef gehört gefeuert. Was für ein Idiot.'],
      ['Anna L.', 'Ich mag eure Produkte weiterhin, die Diskussion hier ist echt übertrieben.'],
    ],
  },
  {
    key: 'de-calm',
    lang: 'de',
    title: { de: 'Ruhiger Thread (DE)', en: 'Calm thread (DE)' },
    comments: [
      ['Gisela M.', 'Wie lange habt ihr am Samstag in der Filiale in Kassel geöffnet?'],
      ['Frank', 'Super Beratung gestern, vielen Dank an das Team!'],
      ['Sophie', 'Gibt es die Jacke auch in Größe M? Online finde ich sie nicht.'],
      ['Heike R.', 'Tolle Aktion zum Jubiläum, weiter so 👍'],
      ['Martin', 'Kann man bei euch auch mit Rechnung bezahlen?'],
    ],
  },
  {
    key: 'en-delivery',
    lang: 'en',
    title: { de: 'Lieferverzug (EN)', en: 'Delivery delay wave (EN)' },
    comments: [
      ['Chris M.', 'Still waiting for my order after 3 weeks. Nobody answers emails. This is unacceptable!'],
      ['Priya', 'Same here, tracking has said "in transit" for 10 days. Where is my package?'],
      ['Daniel O.', 'If it is not here by Friday I want a full refund. Order number 88213-44.'],
      ['Megan', 'Worst customer service ever. Cancelling my subscription and telling everyone I know 😡'],
      ['R. Holloway', 'I have contacted my lawyer. You are in breach of contract.'],
      ['Tom', 'Mine arrived today, well packed. Thanks!'],
      ['Aisha', 'Everyone share this so people see how this company treats its customers!!!'],
    ],
  },
  {
    key: 'en-recall',
    lang: 'en',
    title: { de: 'Rückruf mit Sicherheitsmangel (EN)', en: 'Product recall, safety (EN)' },
    comments: [
      ['Laura P.', 'Our space heater started smoking last night and the plug melted. It could have caused a fire!'],
      ['Ben', 'Does the recall include the white model? Where do I find the serial number?'],
      ['Grace', 'My daughter got burned on the casing. I expect an answer today or I will report this to the authorities.'],
      ['Sam T.', 'Thanks for the quick recall notice, the replacement came in two days.'],
      ['Olivia', 'Why do I have to read about this in the news instead of hearing it from you? Disappointing.'],
      ['Mark R.', 'Please call me on 07700 900123, I bought two of them and do not know what to do now.'],
      ['Hannah', 'Ours sparked when I switched it on. My kids were in the room, this is dangerous!'],
      ['Victor S.', 'The cable melted and the whole room smelled of burning plastic. How was this ever sold?'],
      ['Chloe', 'Mine overheated too and scorched the floor. I am scared to have it in the house.'],
      ['Ian P.', 'My elderly father burned his hand on it. Who is liable for this?'],
      ['Sara', 'Smoke came out of the vent after ten minutes. Unplugged it immediately, completely unsafe.'],
    ],
  },
  {
    key: 'en-pileon',
    lang: 'en',
    title: { de: 'Shitstorm mit Beleidigungen (EN)', en: 'Insult pile-on (EN)' },
    comments: [
      ['jay_k', 'What a stupid ad. You people are complete morons!'],
      ['Nate', 'Pathetic idiots, you have no clue about your customers. Boycott this company!'],
      ['Emily', 'I also think the campaign missed the mark, but there is no need to insult anyone.'],
      ['Rick', 'Trash company, never buying from you again. Everyone leave them a one-star review!!!'],
      ['Dana W.', 'Whoever approved this should be fired. What an idiot.'],
      ['Lucy', 'Still love your products, this whole thing is blown out of proportion.'],
    ],
  },
  {
    key: 'en-calm',
    lang: 'en',
    title: { de: 'Ruhiger Thread (EN)', en: 'Calm thread (EN)' },
    comments: [
      ['Helen', 'What are your opening hours on Saturday in the Leeds store?'],
      ['Oscar', 'Great advice yesterday, many thanks to the team!'],
      ['Mia', 'Is the jacket also available in size M? I cannot find it online.'],
      ['George', 'Lovely anniversary campaign, keep it up 👍'],
      ['Ruby', 'Can I pay by invoice?'],
    ],
  },
];

/** A sample as the page's comment list: [{id, author, text}]. */
export function sampleComments(sample) {
  return sample.comments.map(([author, text], i) => ({ id: `${sample.key}-${i + 1}`, author, text }));
}
