// How an email opens, written the way each language writes a letter. English: "Dear Ada Lovelace,"
// where the organisation says "Sie", "Hello Ada," where it says "du", and the text after it starts
// with a capital letter. German: "Guten Tag Ada Lovelace," (Sie) or "Hallo Ada," (du), and the text
// after the comma starts in lower case (DIN 5008) unless it starts with a noun. The words are in the
// email catalogues (`greeting.*`); English varies with the form of address too, so the informal
// greeting is the `informal` context in every catalogue.
import { emailTexts } from './email-texts';

/** The given name for an informal greeting: the first word, unless the name starts with a title. */
export function givenName(displayName: string): string {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2 || /\.$/.test(words[0])) return displayName.trim();
  return words[0];
}

export function greeting(displayName: string, de: boolean, du: boolean): string {
  const say = emailTexts({ de, du: false });
  const context = du ? 'informal' : undefined;
  const name = displayName.trim();
  if (!name) return say('greeting.someone', { context });
  return say('greeting.named', { context, name: du ? givenName(name) : name });
}

/** English text after a greeting starts with a capital letter; German text is left as written. */
export function afterGreeting(line: string, de: boolean): string {
  return de || !line ? line : line[0].toUpperCase() + line.slice(1);
}
