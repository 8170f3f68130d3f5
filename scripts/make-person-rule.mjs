#!/usr/bin/env node
/**
 * Writes rules/person.yaml from scripts/names/person.template.yaml: the patterns' label, title and
 * stop-word alternations are long, so they are written here as lists and turned into prefix-free
 * tries (no branch a prefix of another: the backtracking check counts overlapping branches).
 * Run: npm run build && node scripts/make-person-rule.mjs [--stdout]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The same trie the rule loader builds for dictionary files (run after `npm run build`).
import { trieRegex } from '../dist/engine/word-trie.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Form, DMV, case-note and contact-list labels (and their abbreviations) a name follows. */
const LABELS = ['name', 'full name', 'first name', 'last name', 'surname', 'given name', 'given names', 'middle name', 'maiden name', 'legal name', 'nickname', 'aka', 'alias', 'patient', 'patient name', 'client', 'client name', 'subject', 'subject name', 'suspect', 'victim', 'witness', 'informant', 'defendant', 'plaintiff', 'petitioner', 'respondent', 'complainant', 'reporting party', 'applicant', 'applicant name', 'employee', 'employee name', 'owner', 'registered owner', 'reg owner', 'driver', 'driver name', 'operator', 'passenger', 'occupant', 'contact', 'contact name', 'contact person', 'emergency contact', 'next of kin', 'spouse', 'guardian', 'parent', 'mother', 'father', 'beneficiary', 'insured', 'policyholder', 'policy holder', 'account holder', 'account name', 'cardholder', 'card holder', 'name on card', 'customer', 'customer name', 'member', 'member name', 'resident', 'tenant', 'landlord', 'student', 'student name', 'recipient', 'attn', 'attention', 'care of', 'signed', 'signed by', 'signature', 'prepared by', 'submitted by', 'reported by', 'requested by', 'approved by', 'arresting officer', 'officer', 'case agent', 'handler', 'caseworker', 'case worker', 'interviewer', 'interviewee', 'caller', 'author', 'nam', 'nm', 'fn', 'ln', 'lname', 'fname', 'subj', 'susp', 'drv', 'pt', 'pt name', 'emp', 'cust', 'nok', 'ro', 'r/o', 'c/o', 'rp'];
/**
 * More labels: lists of people, roles, a DMV return's record fields, a caption's matter. A pattern of
 * their own, as the prefilter watches a pattern only up to a size (the label patterns are near it).
 */
const MORE_LABELS = ['lnam', 'fnam', 'mnam', 'mname', 'n a m e', 'registered to', 'reg to', 'owner of record', 'passengers', 'occupants', 'kids', 'children', 'household', 'household members', 'roster', 'team', 'attendees', 'participants', 'guests', 'interpreter', 'translator', 'counsel', 'atty', 'social worker', 'sw', 'case manager', 'advocate', "landlord's agent", 'marriage of', 'estate of', 'matter of', 'custody of', 'guardianship of', 'adoption of'];
/** Keys of key=value records ("first=Baraka last=Otieno"): labels only before a colon or an equals sign. */
const KEYS = ['first', 'last', 'given', 'family', 'middle'];
/** Field names that end a name written after a label ("Name: JOHN SMITH DOB ...", "LNAM: OKORO  FNAM: ..."), AND in capitals ("X AND Y"), and months and weekdays. */
const STOPWORDS = 'DOB D.O.B SSN SEX Sex RACE Race AGE Age ADDR ADDRESS Address Addr Phone PHONE Tel TEL Email EMAIL E-mail HT WT HGT WGT EYES Eyes HAIR Hair ID DL OLN Cell CELL Mobile DOD Ph PH MRN Dept DEPT Title TITLE Date DATE FNAM LNAM MNAM FNAME LNAME MNAME LIC AKA AND Esq ESQ Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(' ');
const TITLES = 'Mr Mrs Ms Mx Dr Prof Rev Fr Sgt Cpl Pvt Lt Capt Det Ofc Insp Tpr Sra Srta Hon Atty MR MRS MS DR SGT DET OFC ATTY'.split(' ');
/** Abbreviations that follow a title in a stack ("Lt. Col.", "Sgt. Maj.", "Rev. Dr.", "Sgt. Det."). */
const STACKED = [...TITLES, ...'Col Maj Gen Adm Cmdr Supt Cpt Insp Sr Jr COL MAJ GEN'.split(' ')];
/**
 * Words after which a lone name is a person's: greetings and closings, verbs of talking to someone,
 * and family and other relations ("hey Tran,", "Thanks, Deepa", "tell Fatima", "her son Tunde").
 */
const CUES = ['told', 'tell', 'ask', 'asked', 'reach', 'call', 'called', 'text', 'texted', 'met', 'saw', 'talked to', 'spoke with', 'spoke to', 'w/', 'friend', 'neighbor', 'neighbour', 'roommate', 'coworker', 'boss'];
/**
 * Family relations: the person next to one is named ("his wife Kavitha", "Mother (Ifeoma)",
 * "Bisi (sister)"), so a name there needs no list to know it, as after a label.
 */
const RELATIONS = ['cousin', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'mother', 'father', 'mom', 'mum', 'dad', 'aunt', 'auntie', 'uncle', 'niece', 'nephew', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'grandson', 'granddaughter', 'stepson', 'stepdaughter', 'stepmother', 'stepfather', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'fiancé', 'fiancée', 'spouse', 'parents'];
/** Greetings and closings: a capitalised word between one and a comma is a name even when no list knows it ("Thanks, Deepa"). */
const GREETINGS = ['hey', 'hi', 'hello', 'dear', 'yo', 'thanks', 'thank you', 'thx', 'cheers', 'regards', 'best regards', 'kind regards', 'warm regards', 'sincerely', 'warmly', 'love', 'good morning', 'good night', 'morning', 'best', 'all the best', 'best wishes', 'love always', 'lots of love', 'much love', 'take care', 'talk soon', 'many thanks', 'with thanks', 'respectfully', 'yours', 'yours truly', 'xoxo'];
/** Verbs after which a lone name is a person's ("kwame said", "Maryam told me"). */
const SAYS = ['said', 'says', 'told', 'texted', 'called', 'asked', 'replied', 'wrote', 'emailed', 'messaged'];
const RANKS = 'Honorable|Honourable|HONORABLE|Attorney|Officer|Detective|Sergeant|Lieutenant|Captain|Corporal|Trooper|Inspector|Deputy|Agent|Special Agent|Judge|Justice|Senator|Governor|Mayor|Professor|Doctor|Father|Sister|Brother|Imam|Rabbi|Pastor|Sheikh|Colonel|Major|General|Admiral|Commander|Chief|Private|Señor|Señora|Madame|Monsieur|Herr|Frau|OFFICER|DETECTIVE|SERGEANT|DEPUTY|AGENT'.split('|');
const PARTICLES = 'de del la las los da das do dos van von der den bin binti bint ibn al el di du le y ter ten'.split(' ');

/** A label as forms write it: lower, Title, Sentence and UPPER case, words joined by a space or _. */
function casings(label) {
  const out = new Set();
  const cap = (w) => w.slice(0, 1).toUpperCase() + w.slice(1);
  for (const sep of [' ', '_']) {
    const ws = label.split(' ');
    out.add(ws.join(sep)).add(ws.join(sep).toUpperCase()).add(ws.map(cap).join(sep)).add([cap(ws[0]), ...ws.slice(1)].join(sep));
  }
  return out;
}

// Ḁ-ỿ: Latin Extended Additional, where Vietnamese letters with two marks are (Nguyễn, Thị).
const U = '[A-ZÀ-ÖØ-ÞḀ-ỿĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ]';
const L = "[a-zß-öø-ÿā-žA-ZÀ-ÖØ-ÞḀ-ỿ'’]";
const REST = `(?:${L}|-(?=[A-Za-zÀ-ž]))`;
/** One name word: a capital, then letters, apostrophes and inner hyphens. */
const T = `${U}${REST}{0,24}`;
const STOP = `(?!${trieRegex(STOPWORDS)}(?![A-Za-zÀ-ž]))`;
// A particle stands before the next word, or is joined to it by a hyphen ("Samir al-Masri").
const PART = `${trieRegex(PARTICLES)}[ -]`;
/** A later word: particles, then a name word or an initial. */
const NEXT = `(?:${PART}){0,2}${STOP}${U}(?:\\.|${REST}{1,24})?`;
const NAME2 = `${T}(?:[ ]${NEXT}){1,3}`;
const NAME1 = `${T}(?:[ ]${NEXT}){0,3}`;
/** After a label, OCR and typewritten forms may leave two spaces between a name's words. */
const NAME1_WIDE = `${T}(?:[ ]{1,2}${NEXT}){0,3}`;
/** Initials before a surname: "J. R. Smith", "R.K. Sharma", "K. Nakamura". */
const INITIALLED = `(?:${U}\\.[ ]?){1,3}${T}(?:[ ]${NEXT}){0,2}`;
/** A lower-case letter, Latin with its accents. */
const LOWER_LETTER = '[a-zß-öø-ÿā-žḀ-ỿ]';
/** A name written in lower case, as chats write it ("maria lopez"): checked word by word by the validator. */
const LOWER = `${LOWER_LETTER}{2,20}`;
/** A state written in dotted capitals after a city ("Raleigh, N.C.", "Hanover, N.H."): not initials after a surname. */
const DOTTED_STATE = '(?:N\\.[CDHJMY]|S\\.[CD]|R\\.I|D\\.C|W\\.Va?)\\.';
// After the comma no initial that starts the next name of a list ("Alvarez, K. Osei, M. Kowalski"), nor a dotted state.
const LASTFIRST = `(?:${PART}){0,2}${T}(?:[ ]${T})?,[ ]{1,2}${STOP}(?!${DOTTED_STATE})(?!${U}\\.[ ]?${U}[a-zß-öø-ÿā-ž])${T}(?:[ ]${STOP}${T})?(?:[ ]${U}\\.?(?![A-Za-zÀ-ž]))?`;
const EDGE_CLASS = "[A-Za-zÀ-žḀ-ỿ0-9'’.@/_\\\\-]";
const EDGE = `(?<!${EDGE_CLASS})`;
const labels = trieRegex(LABELS.flatMap((l) => [...casings(l)]));
const labelsAndKeys = trieRegex([...LABELS, ...KEYS].flatMap((l) => [...casings(l)]));
const moreLabels = trieRegex(MORE_LABELS.flatMap((l) => [...casings(l)]));
const allLabels = trieRegex([...LABELS, ...MORE_LABELS].flatMap((l) => [...casings(l)]));
/** A cue as prose writes it: in lower case, or capitalised at a sentence's start ("Thanks", "My cousin" is "cousin"). */
const proseCasings = (cue) => [cue, cue.slice(0, 1).toUpperCase() + cue.slice(1)];
const cues = trieRegex([...GREETINGS, ...CUES].flatMap(proseCasings));
const relations = trieRegex(RELATIONS.flatMap(proseCasings));
const greetings = trieRegex(GREETINGS.flatMap(proseCasings));
const lowerCues = trieRegex([...GREETINGS, ...CUES, ...RELATIONS]);
const says = trieRegex(SAYS);
/**
 * Words a chat writes after a person's name in lower case ("oluwaseun ur late", "is tomasz coming"):
 * the validator takes only a known given name that is no English word there.
 */
const CHAT_AFTER = ['ur', 'coming', 'pls', 'plz', 'wants', 'needs', 'lol'];
const saysOrChat = trieRegex([...new Set([...SAYS, ...CHAT_AFTER])]);
/** Roles written after a name and a comma: a committee's, a court's, a household's. */
const ROLES = ['treasurer', 'secretary', 'chair', 'chairperson', 'president', 'vice president', 'director', 'coordinator', 'volunteer', 'member', 'organizer', 'petitioner', 'respondent', 'plaintiff', 'defendant', 'appellant', 'appellee', 'esq', 'age', 'aged'];
const roles = trieRegex(ROLES.flatMap((r) => [r, r.slice(0, 1).toUpperCase() + r.slice(1), r.toUpperCase()]));
const adverbs = trieRegex(['just', 'also', 'never', 'already', 'finally', 'then', 'always', 'even']);
/**
 * What a sentence says of a person right after a lone name ("Wanjiru is out sick", "Thandiwe has
 * the keys"): the validator takes only a name the lists know that is no English
 * word there ("This is", "Ruby is", "Mark has" stay quiet).
 */
const PREDICATES = ['is', 'was', 'has', 'had', 'will', "won't", 'can', "can't", 'could', 'would', 'should', 'did', "didn't", 'does', "doesn't", 'got', 'gets', 'came', 'comes', 'went', 'left', 'brought', 'dropped', 'picked', 'showed', 'shows', 'drove', 'drives', 'knows', 'knew', 'wants', 'needs', 'lives', 'moved', 'stopped'];
const predicates = trieRegex(PREDICATES);
/** What a chat writes before a lower-case name that opens a message ("lol tuan is late", "ngl tomasz was right"). */
const CHAT_OPENERS = ['lol', 'omg', 'ngl', 'ok', 'okay', 'so', 'bro', 'yo', 'btw', 'fyi', 'tbh', 'idk', 'ugh', 'wait', 'and', 'but', 'also', 'yes', 'yeah', 'no', 'nah'];
const chatOpeners = trieRegex(CHAT_OPENERS);
/** Of the predicates, those a chat writes after a lower-case name that opens a message or a clause. */
const LOWER_PREDICATES = ['is', 'was', 'has', 'will', 'u', 'did u', 'can u', 'just', 'owes', 'got', 'left', 'cant', 'been'];
const lowerPredicates = trieRegex(LOWER_PREDICATES);
/** What may stand between a cue and the name: a comma, a space, or a closing's line break. */
const AFTER_CUE = '[,!]?(?:[ ]{1,2}|\\r?\\n)';

/** Message headers a list of people follows ("To: Samira Benali; Yaw Boateng"). */
const HEADERS = ['To', 'TO', 'Cc', 'CC', 'Bcc', 'BCC', 'From', 'FROM'];
const headers = trieRegex(HEADERS);
/** An age or a phone extension after a name in a list ("Kids: Mateus (9), Inès (5)", "Roster: Tomas x310, Aigerim x311"). */
const AGE_OR_EXT = '(?:[ ]\\(\\d{1,2}\\)|[ ](?:x|ext\\.?[ ]?)\\d{2,5})';
/** What joins two people in a greeting, a header or a field ("Ananya and Vikram", "A; B", "A, B"). */
const JOINER = '(?:[ ](?:and|&)[ ]|[;,][ ]{1,2})';

/** A list item's number: 1. 2) (3) a. (b) (iv) */
const ITEM_NUMBER = '\\(?(?:\\d{1,2}|[ivx]{1,4}|[a-h])[.)]';
/**
 * What opens a line that is a record (a contact list, a signature block, a roster): a signature's
 * dash, a bullet, or a list item's number ("-- ", "* ", "1. ", "2) ").
 */
const LINE_OPENER = `(?:(?:-{1,2}|[–—•*]|${ITEM_NUMBER})[ ]{1,2})`;
/**
 * What ends the first field of such a line, after the name: the line's end, a column bar, a dash
 * between spaces, a comma, a parenthesis, a tab ("Ana Costa | Paralegal", "Do Thi Hanh - teacher").
 */
const FIELD_END = '(?=[ ]{0,4}(?:\\r?$|\\|)|[ ][-–—][ ]|,[ ]|[ ]\\(|\\t)';
/** The next item of a numbered list ("1. A B 2. C D"), or the end of the line. */
const ITEM_END = `(?=[ ]{1,3}${ITEM_NUMBER}[ ]|[ ]{0,4}(?:\\r?$|[|,;(]))`;

/** OCR's look-alikes of letters in a scanned form's name ("Wi11iams", "R0SA", "0kafor"): the validator reads them back. */
const OCR_SWAP = '[015|]';
const OCR_LETTER = `(?:${L}|${OCR_SWAP})`;
const OCR_WORD = `${STOP}(?:${U}|${OCR_SWAP})${OCR_LETTER}{1,24}`;
/** A word with a look-alike in it, first or after letters. */
const OCR_SWAPPED = `(?:${OCR_SWAP}${OCR_LETTER}{1,24}|${U}${L}{0,23}${OCR_SWAP}${OCR_LETTER}{0,23})`;
const OCR_GAP = '(?:,[ ]{0,2}|[ ]{1,2})';
const OCR_NAME = `(?:${OCR_WORD}${OCR_GAP}){0,2}${OCR_SWAPPED}(?:${OCR_GAP}${OCR_WORD}){0,2}`;

const q = (s) => `'${s.replace(/'/g, "''")}'`;
const patterns = {
  // Records often leave the colon out (DRIVER NAME WASHINGTON, DENISE M; RO MBEKI, THANDIWE): less sure.
  LABELLED_BARE: q(`${EDGE}${labels}[ \\t]{1,4}(?<value>${LASTFIRST}|${INITIALLED}|${NAME2})`),
  // A JSON or quoted key ("first":"Nasrin", 'name': 'Ayaan Chaudhry'): the quotes around key and value.
  LABELLED: q(`${EDGE}${labelsAndKeys}(?:[ ]?#?\\d{1,2})?["']?[ \\t]{0,4}(?:[:=/][ \\t]{0,8}["']?|\\t[ \\t]{0,8})(?<value>${LASTFIRST}|${INITIALLED}|${NAME1_WIDE})`),
  // A scanned form's name with OCR's look-alikes for letters, only after a label and its colon.
  OCR_LABELLED: q(`${EDGE}${labels}[ \\t]?:[ \\t]{0,8}(?<value>${OCR_NAME})(?![A-Za-z0-9|])`),
  MORE_LABELLED_BARE: q(`${EDGE}${moreLabels}[ \\t]{1,4}(?<value>${LASTFIRST}|${INITIALLED}|${NAME2})`),
  MORE_LABELLED: q(`${EDGE}${moreLabels}[ \\t]{0,4}(?:[:=/][ \\t]{0,8}|\\t[ \\t]{0,8})(?<value>${LASTFIRST}|${INITIALLED}|${NAME1_WIDE})`),
  // Titles stack ("Lt. Col. Marcus Grant", "Rev. Dr. Samuel Osei"): the name is after the last.
  TITLED: q(`${EDGE}${trieRegex(TITLES)}\\.?[ ]{1,2}(?:${trieRegex(STACKED)}\\.?[ ]{1,2}){0,2}(?<value>${INITIALLED}|${NAME1})`),
  RANKED: q(`${EDGE}${trieRegex(RANKS)}[ ](?<value>${INITIALLED}|${NAME1})`),
  INITIALLED: q(`${EDGE}(?<value>${INITIALLED})`),
  HEADED: q(`${EDGE}${headers}[ ]?:[ \\t]{1,8}(?<value>${LASTFIRST}|${INITIALLED}|${NAME1})`),
  // The second of two people after a greeting, a header or a label: the same place vouches for both.
  // The match starts at the joiner (a rare character to start at) and the place is looked behind from
  // there, so the first name's own match is not consumed. An age or an extension may follow the first
  // ("Kids: Mateus (9), Inès (5)").
  JOINED: q(`(?:and|&|[;,])[ ]{1,2}(?<=${EDGE}(?:${greetings}${AFTER_CUE}|${headers}[ ]?:[ \\t]{1,8}|${allLabels}[ \\t]{0,4}[:=][ \\t]{0,8})${NAME1}${AGE_OR_EXT}?${JOINER})(?<value>${NAME1})`),
  GREETED: q(`${EDGE}${greetings}${AFTER_CUE}(?<value>${NAME1})(?=[ ]?[,!.;:]|[ ]{0,4}$|[ ](?:and|&)[ ])`),
  CUED: q(`${EDGE}${cues}${AFTER_CUE}(?<value>${INITIALLED}|${NAME1})`),
  RELATED: q(`${EDGE}${relations}[,:]?(?:[ ]{1,2}\\(?)(?<value>${INITIALLED}|${NAME1})`),
  // "Bisi (sister)": the pattern starts at the name's capital, as RUNNING does.
  RELATION_AFTER: q(`${EDGE}(?<value>${NAME1})[ ]\\((?:${relations})\\)`),
  // A record's line: the name fills its first field, after an optional signature dash, bullet or number.
  // Two names first: a list of people ("Halyna Melnyk, Bohdan Melnyk (parents)") is no LAST, FIRST.
  FIELD: q(`^${LINE_OPENER}?(?<value>${NAME2}|${LASTFIRST})${FIELD_END}`),
  // The later items of a numbered list on one line ("1. Miroslav Dvorak 2. Kamala Reddy").
  ITEM: q(`${EDGE}${ITEM_NUMBER}[ ](?<value>${NAME2})${ITEM_END}`),
  // A court caption's parties: "State v. Okoro", "People v. Haddad", "ADWOA MENSAH, Petitioner, v. KOFI MENSAH".
  PARTY: q(`${EDGE}(?:v|vs|V|VS)\\.[ ]{1,2}(?<value>${NAME1})`),
  // A spreadsheet row pasted as tab-separated cells, surname then given name ("Petrenko<TAB>Olha<TAB>04/11/1987").
  TABBED: q(`^(?<value>${T}\\t${T})(?=\\t)`),
  // A vCard's structured name: family name; given name (N:Okonkwo;Chiamaka;;;).
  VCARD: q(`^N:(?<value>${T}(?:[ ]${T})?;${T}(?:[ ]${T})?)(?=;|\\r?$)`),
  // A CSV or a mail header quotes a LAST, FIRST cell whole ("Lindqvist, Astrid", "Garcia Lopez, Ana").
  QUOTED: q(`"(?<value>${LASTFIRST})"`),
  // A signature after a dash at the end of a line ("Sent from my iPhone -- Marisol").
  SIGNED: q(`${EDGE}(?:--|[–—])[ ](?<value>${NAME1})[ ]{0,4}\\r?$`),
  // The verb is matched, not looked ahead to: the prefilter drops look-arounds, and a name alone
  // would end a possible match at every word.
  // An adverb may stand between ("Duc just texted", "Maryam never said").
  SAYS: q(`${EDGE}(?<value>${T})[ ](?:${adverbs}[ ])?${says}(?![A-Za-z])`),
  // A lone name with no cue before it, followed by a person's predicate. The run starts at its capital,
  // after no capitalised word (a run of two is the running-text patterns': "Lincoln Park is" is none).
  PREDICATE: q(`(?<value>${U}(?<!${EDGE_CLASS}.)(?<!${U}${REST}{0,24}[ ].)${LOWER_LETTER}${REST}{0,23})[ ](?:${adverbs}[ ])?${predicates}(?![A-Za-z'’])`),
  // A chat's lower-case name opening a message before is, was, has, will or u ("tomasz is outside"), of four
  // letters at least: code's short names (len, dev, sid) are given names too, and open lines of prose.
  LOWER_PREDICATE: q(`^(?:${chatOpeners}[,]?[ ])?(?<value>${LOWER_LETTER}{4,20})[ ]${lowerPredicates}(?![A-Za-z'’])`),
  // Or after a sentence's or a clause's punctuation ("omw. tuan is driving", ", segun is taking the bus").
  LOWER_PREDICATE_NEXT: q(`[.!?,;][ ]{1,2}(?<value>${LOWER_LETTER}{4,20})[ ]${lowerPredicates}(?![A-Za-z'’])`),
  // A chat's speaker in lower case at a line's start, before a colon and a message of two words at least
  // ("kayla: did u see it"); a key's one value ("travis: true") is none. Three letters at least, as above.
  LOWER_SPEAKER: q(`^(?<value>${LOWER_LETTER}{3,20}):[ ](?=[^\\s:]{1,20}[ ][^\\s])`),
  LOWER_CUED: q(`${EDGE}${lowerCues}[,]?[ ](?<value>${LOWER}(?:[ ]${LOWER})?)(?![A-Za-zÀ-ž])`),
  LOWER_CUED_ONE: q(`${EDGE}${lowerCues}[,]?[ ](?<value>${LOWER})(?![A-Za-zÀ-ž])`),
  LOWER_SAYS: q(`${EDGE}(?<value>${LOWER})[ ]${saysOrChat}(?![A-Za-z])`),
  LASTFIRST: q(`${EDGE}(?<value>${LASTFIRST})`),
  // DMV and NCIC returns write their name fields in capitals, often without a colon (LNAME PETROV FNAME IVAN).
  NAME_FIELD: q(`${EDGE}(?:LNAME|FNAME|MNAME|LNAM|FNAM|MNAM)[ \\t]{1,4}(?<value>${NAME1})`),
  // Both start with the capital they match (a pattern that starts with a look-behind is tried at every
  // character): the first at a word's start, the second one word later, so that in "Yesterday Maria
  // Garcia", refused whole, the name is still read.
  // In capitals a conjunction or an article is no name's first word ("X AND EFUA OSEI"): the run starts after it.
  RUNNING: q(`(?<value>${U}(?<!${EDGE_CLASS}.)(?!(?<=A)ND[ ]|(?<=O)[FR][ ]|(?<=T)HE[ ])${REST}{0,24}(?:[ ]${NEXT}){1,3})`),
  RUNNING_NEXT: q(`(?<value>${U}(?<=${U}${REST}{0,24}[ ].)${REST}{0,24}(?:[ ]${NEXT}){1,3})`),
};
/**
 * What follows a name and says whose it is (a context group, not a pattern: whichever pattern found the
 * name, this raises it): a role after a comma ("Zanele Mokoena, treasurer", "KOFI MENSAH, Respondent"),
 * an age ("Mateus (9)", "Trần Văn Nam, 52, uncle"), a phone extension, a mail header's address ("<a@b>"),
 * a spreadsheet's next cell holding a date (a date of birth).
 */
patterns.AFTER_NAME = q(`(?:,[ ](?:${roles}|${relations}|\\d{1,3},)(?![A-Za-z])|${AGE_OR_EXT}(?![0-9])|[ ]<[^\\s<>@]{1,20}@|\\t\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{2,4}(?![0-9]))`);
let yaml = readFileSync(here('names/person.template.yaml'), 'utf8').replace(/^#.*\n/, '');
for (const [k, v] of Object.entries(patterns)) yaml = yaml.replace(`@${k}@`, () => v);
if (process.argv.includes('--stdout')) process.stdout.write(yaml);
else writeFileSync(here('../rules/person.yaml'), yaml);
