/**
 * A generated directory of people for tests and benchmarks against a real LDAP server: a few
 * hand-made people who exercise the awkward cases (non-ASCII names, apostrophes, markup in names
 * and titles, filter characters in an id, two entries with one id, no photo), then as many
 * ordinary people as asked, some with JPEG or PNG photos. Everyone's password is `pw-<id>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { jpegFor, pngOf } from './test-photos.ts';

export interface TestPerson {
  id: string;
  displayName: string;
  password: string;
  title?: string;
  department?: string;
  company?: string;
  location?: string;
  phone?: string;
  email?: string;
  language?: string;
  /** Stored in `st` (no standard attribute holds a time zone): map it with `timeZone=st`. */
  timeZone?: string;
  photo?: Buffer;
  /** More values of `uid` after `id` (the primary one): a person known by several ids. */
  otherIds?: string[];
}

/** The people every generated directory starts with. */
const SPECIAL: TestPerson[] = [
  {
    id: 'alice',
    displayName: 'Alice Andersson',
    password: 'pw-alice',
    title: 'Engineering Manager',
    department: 'Engineering',
    company: 'Example Corp',
    location: 'Stockholm',
    phone: '+46 8 555 0101',
    email: 'alice@example.com',
    language: 'sv',
    timeZone: 'Europe/Stockholm',
    photo: jpegFor('alice', 0),
  },
  {
    id: 'zoe',
    displayName: 'Zoë Ångström',
    password: 'pw-zoe',
    email: 'zoe@example.com',
    photo: pngOf(40, 120, 200),
  },
  {
    id: 'sean.obrien',
    displayName: "Seán O'Brien",
    password: 'pw-sean.obrien',
    title: "Head of O'Reilly's <b>Sales</b>",
    email: 'sean.obrien@example.com',
  },
  {
    id: 'mallory',
    displayName: '<img src=x onerror=alert(1)>',
    password: 'pw-mallory',
    title: '<b>Bold</b> & <script>alert(1)</script>',
  },
  {
    id: 'hanako',
    displayName: '山田 花子 (Hanako Yamada)',
    password: 'pw-hanako',
    location: '東京',
    timeZone: 'Asia/Tokyo',
    photo: jpegFor('hanako', 1),
  },
  { id: 'wild*card(1)\\x', displayName: 'Wilma Wildcard', password: 'pw-wild' },
  { id: 'nora', displayName: 'Nora Nophoto', password: 'pw-nora', email: 'nora@example.com' },
];

const FIRST = ['Anna', 'Björn', 'Chloé', 'Dmitri', 'Émile', 'Fatima', 'Günter', 'Hiroshi', 'Ingrid', 'José'];
const LAST = [
  'Berg',
  'Núñez',
  "O'Connor",
  'Müller',
  'Smith',
  'Kowalski',
  'Tanaka',
  'Dubois',
  'Haddad',
  'Olsen',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Design', 'Support', 'Finance'];
const PLACES: [string, string][] = [
  ['Berlin', 'Europe/Berlin'],
  ['Madrid', 'Europe/Madrid'],
  ['Osaka', 'Asia/Tokyo'],
  ['Boston', 'America/New_York'],
];

/** The special people, then ordinary ones `p0001`, `p0002`… up to `count` people in all. */
export function generatePeople(count: number): TestPerson[] {
  const people = [...SPECIAL];
  for (let n = 1; people.length < count; n++) {
    const id = `p${String(n).padStart(4, '0')}`;
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
    const [location, timeZone] = PLACES[n % PLACES.length]!;
    const person: TestPerson = {
      id,
      displayName: `${first} ${last} ${n}`,
      password: `pw-${id}`,
      title: n % 25 === 0 ? 'Lead <b>Engineer</b>' : 'Engineer',
      department: DEPARTMENTS[n % DEPARTMENTS.length]!,
      company: 'Example Corp',
      location,
      timeZone,
      phone: `+1 555 ${String(n).padStart(4, '0')}`,
      email: `${id}@example.com`,
    };
    if (n % 3 === 0) person.photo = jpegFor(id, n);
    else if (n % 10 === 1) person.photo = pngOf((n * 37) % 256, (n * 91) % 256, (n * 53) % 256);
    people.push(person);
  }
  return people;
}

/** `{SSHA}` as OpenLDAP stores it: SHA-1 of password and salt, then the salt, in base64. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** Whether a value may be written as is (RFC 2849's SAFE-STRING, and no trailing space). */
function isSafeString(value: string): boolean {
  if (value.endsWith(' ')) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 10 || code === 13 || code > 127) return false;
    // Not SAFE-INIT-CHAR: space, colon, less-than.
    if (i === 0 && (code === 32 || code === 58 || code === 60)) return false;
  }
  return true;
}

/** An LDIF line, in base64 when the value is not a safe string. */
function line(attribute: string, value: string | Buffer): string {
  if (typeof value === 'string' && isSafeString(value)) return `${attribute}: ${value}`;
  return `${attribute}:: ${Buffer.from(value).toString('base64')}`;
}

export const TEST_BASE_DN = 'dc=example,dc=com';
export const PEOPLE_DN = `ou=people,${TEST_BASE_DN}`;

/** The DN of the `index`th entry: ids may repeat (the twins), so the RDN is a number, not the id. */
export function personDn(index: number): string {
  return `employeeNumber=${index},${PEOPLE_DN}`;
}

function personEntry(person: TestPerson, index: number): string[] {
  const lines = [
    line('dn', personDn(index)),
    'objectClass: top',
    'objectClass: person',
    'objectClass: organizationalPerson',
    'objectClass: inetOrgPerson',
    line('employeeNumber', String(index)),
    line('uid', person.id),
    ...(person.otherIds ?? []).map((id) => line('uid', id)),
    line('cn', person.displayName),
    line('sn', person.displayName.split(' ').at(-1) ?? person.displayName),
    line('userPassword', ssha(person.password)),
  ];
  const optional: [string, string | Buffer | undefined][] = [
    ['title', person.title],
    ['ou', person.department],
    ['o', person.company],
    ['l', person.location],
    ['st', person.timeZone],
    ['telephoneNumber', person.phone],
    ['mail', person.email],
    ['preferredLanguage', person.language],
    ['jpegPhoto', person.photo],
  ];
  for (const [attribute, value] of optional) if (value !== undefined) lines.push(line(attribute, value));
  return lines;
}

export interface ServiceAccountEntry {
  dn: string;
  password: string;
}

/**
 * The LDIF of the base, `ou=people` with everyone, two entries sharing the id `twin`, one person
 * with two ids (`quentin`, primary, and `q.two`), and the service account.
 */
export function peopleLdif(people: readonly TestPerson[], service: ServiceAccountEntry): string {
  const twins: TestPerson[] = [
    { id: 'twin', displayName: 'Twin One', password: 'pw-twin' },
    { id: 'twin', displayName: 'Twin Two', password: 'pw-twin' },
    { id: 'quentin', otherIds: ['q.two'], displayName: 'Quentin Twoids', password: 'pw-quentin' },
  ];
  const entries: string[][] = [
    [
      `dn: ${TEST_BASE_DN}`,
      'objectClass: dcObject',
      'objectClass: organization',
      'o: Example',
      'dc: example',
    ],
    [`dn: ${PEOPLE_DN}`, 'objectClass: organizationalUnit', 'ou: people'],
    [`dn: ou=services,${TEST_BASE_DN}`, 'objectClass: organizationalUnit', 'ou: services'],
    [
      line('dn', service.dn),
      'objectClass: applicationProcess',
      'objectClass: simpleSecurityObject',
      line('cn', service.dn.split(',')[0]!.replace(/^cn=/, '')),
      line('userPassword', ssha(service.password)),
    ],
    ...[...people, ...twins].map((person, index) => personEntry(person, index + 1)),
  ];
  return `${entries.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
