import { cutText } from '../../lib/text';

/** The longest tag the API takes. */
export const TAG_MAX_LENGTH = 40;

/**
 * What a person typed as a tag, in the form a sprint review's learnings take (the API's strictest
 * rule; a funder's own learnings get the same form, so the tags of both meet in one facet): lower
 * case, letters and digits joined by "-" or "_", starting with a letter or digit, at most 40
 * characters ("Flyer & Plakate" → "flyer-plakate"). Empty when nothing of it can be a tag. The tags
 * input applies it as a tag is added, so a review's draft never holds a tag the API would refuse
 * (it refuses the whole draft).
 */
export function asTag(text: string): string {
  return cutText(
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[_-]+/, ''),
    TAG_MAX_LENGTH,
  ).replace(/[_-]+$/, '');
}
