// How an email opens, written the way each language writes a letter. English: "Dear Ada Lovelace,"
// where the organisation says "Sie", "Hello Ada," where it says "du", and the text after it starts
// with a capital letter. German: "Guten Tag Ada Lovelace," (Sie) or "Hallo Ada," (du), and the text
// after the comma starts in lower case (DIN 5008) unless it starts with a noun.

/** The given name for an informal greeting: the first word, unless the name starts with a title. */
export function givenName(displayName: string): string {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2 || /\.$/.test(words[0])) return displayName.trim();
  return words[0];
}

export function greeting(displayName: string, de: boolean, du: boolean): string {
  const name = displayName.trim();
  if (!name) return de ? (du ? 'Hallo,' : 'Guten Tag,') : 'Hello,';
  if (de) return du ? `Hallo ${givenName(name)},` : `Guten Tag ${name},`;
  return du ? `Hello ${givenName(name)},` : `Dear ${name},`;
}

/** English text after a greeting starts with a capital letter; German text is left as written. */
export function afterGreeting(line: string, de: boolean): string {
  return de || !line ? line : line[0].toUpperCase() + line.slice(1);
}
