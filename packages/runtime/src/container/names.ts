import { randomBytes } from 'node:crypto';
import { invalidArgument } from '../errors.js';

/** Docker's container name grammar. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function validateName(name: string): string {
  if (!CONTAINER_NAME.test(name) || name.length > 128) {
    throw invalidArgument(
      `invalid container name "${name}": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
    );
  }
  return name.replace(/^\//, '');
}

export const newContainerId = () => randomBytes(32).toString('hex');

const ADJECTIVES = [
  'brave',
  'calm',
  'eager',
  'fancy',
  'gentle',
  'happy',
  'jolly',
  'keen',
  'lucid',
  'merry',
  'noble',
  'quiet',
  'sharp',
  'swift',
  'tidy',
  'vivid',
];
const NOUNS = [
  'anchor',
  'buoy',
  'cove',
  'dock',
  'harbor',
  'jetty',
  'keel',
  'mast',
  'pier',
  'quay',
  'reef',
  'sail',
  'skiff',
  'tide',
  'wharf',
  'yacht',
];

/** A random `adjective_noun` name; `taken` lets the caller avoid collisions. */
export function generateName(
  taken: (name: string) => boolean,
  rand: () => number = Math.random,
): string {
  for (let i = 0; ; i++) {
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)] ?? xs[0];
    const base = `${pick(ADJECTIVES)}_${pick(NOUNS)}`;
    const name = i < 10 ? base : `${base}${i}`;
    if (!taken(name)) return name;
  }
}
