// Why an imported file was refused, in the page's language (the validator's English details translated into French
// too).
import { getLang } from './messages.js';

const FR_KINDS: Record<string, string> = {
  'an object': 'un objet',
  'a JSON object': 'un objet JSON',
  'a list': 'une liste',
  'a string': 'une chaîne',
  'a number': 'un nombre',
  'an integer': 'un entier',
  'a boolean': 'un booléen',
  'a finite number': 'un nombre fini',
};

/** The validator's detail (`events[0].type: expected one of …, got "boom"`) in the page's language. */
export function validatorDetail(detail: string): string {
  if (getLang() === 'en') return detail;
  const missing = /^(.+): missing$/.exec(detail);
  if (missing) return `${missing[1]} : manquant`;
  const nested = /^(.+): nested deeper than (\d+) levels$/.exec(detail);
  if (nested) return `${nested[1]} : imbriqué sur plus de ${nested[2]} niveaux`;
  const expected = /^(?:(.+): )?expected (.+), got (.+)$/.exec(detail);
  if (!expected) return detail;
  const [, path, kind, got] = expected;
  const oneOf = /^one of (.+)$/.exec(kind);
  const wanted = oneOf ? `l’une des valeurs ${oneOf[1]}` : (FR_KINDS[kind] ?? kind);
  return `${path ? `${path} : ` : ''}attendu ${wanted}, reçu ${got}`;
}

const fr = getLang;

export const importText = {
  notTrace: (detail: string) =>
    fr() === 'fr'
      ? `pas une trace swarmlab (${validatorDetail(detail)})`
      : `not a swarmlab trace (${validatorDetail(detail)})`,
  empty: () => (fr() === 'fr' ? 'le fichier est vide' : 'the file is empty'),
  badGzip: (limit: string) =>
    fr() === 'fr'
      ? `fichier gzip endommagé ou de plus de ${limit} une fois décompressé`
      : `a damaged gzip file, or over ${limit} once unzipped`,
  invalidJson: (detail: string) => (fr() === 'fr' ? `JSON invalide (${detail})` : `invalid JSON (${detail})`),
  invalidYaml: (detail: string) => (fr() === 'fr' ? `YAML invalide (${detail})` : `invalid YAML (${detail})`),
  notScenario: () =>
    fr() === 'fr'
      ? 'attendu un scénario (steps:) ou un fichier compose (services:)'
      : 'expected a scenario (steps:) or a compose file (services:)',
  overLimit: (limitMb: number) =>
    fr() === 'fr'
      ? `le fichier dépasse ${limitMb} MB ; le bac à sable importe des fichiers jusqu’à ${limitMb} MB`
      : `the file is over ${limitMb} MB; the sandbox imports files up to ${limitMb} MB`,
  badUrl: () =>
    fr() === 'fr'
      ? 'adresse invalide (attendu une URL http ou https)'
      : 'not a valid address (expected an http or https URL)',
  unreachable: (detail: string) =>
    fr() === 'fr' ? `impossible de charger la trace (${detail})` : `the trace could not be loaded (${detail})`,
  httpStatus: (status: number) =>
    fr() === 'fr' ? `le serveur a répondu HTTP ${status}` : `the server answered HTTP ${status}`,
  notTraceFile: () =>
    fr() === 'fr'
      ? 'pas une trace JSON (un scénario ou un fichier compose)'
      : 'not a JSON trace (a scenario or a compose file)',
  labelAlone: (label: string) =>
    fr() === 'fr' ? `label=${label} : aucun trace= avant lui` : `label=${label}: no trace= before it`,
  tooManyTraces: (count: number, limit: number) =>
    fr() === 'fr'
      ? `l’adresse nomme ${count} traces ; la page en ouvre ${limit} au plus (les suivantes ne sont pas ouvertes)`
      : `the address names ${count} traces; the page opens at most ${limit} (the others are not opened)`,
  tooBig: (size: string, limit: string) =>
    fr() === 'fr'
      ? `le fichier fait ${size} ; le bac à sable importe des fichiers jusqu’à ${limit}`
      : `the file is ${size}; the sandbox imports files up to ${limit}`,
};
