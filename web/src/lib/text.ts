/**
 * At most `max` UTF-16 code units of `text` (what an API's length limit counts), never ending in
 * the first half of a character written as two (an emoji, "𝐀").
 */
export function cutText(text: string, max: number): string {
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}
