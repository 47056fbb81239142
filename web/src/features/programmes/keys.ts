// Stable keys the API wants for criteria and review questions (lower-case letters, digits and
// _), made from the name a person typed, unique within their list.
export function keyFrom(name: string, taken: Iterable<string>, fallback = 'item'): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || fallback;
  const used = new Set(taken);
  const start = /^[a-z]/.test(base) ? base : `${fallback}_${base}`;
  let key = start;
  for (let i = 2; used.has(key); i++) key = `${start}_${i}`;
  return key;
}
