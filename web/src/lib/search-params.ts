// Search parameters read from a URL a person may have typed or cut short: what a page cannot read
// is left out (or cut to size) instead of ending on the error page.
import { z } from 'zod/mini';
import { cutText } from './text';

/** The longest search text the API takes (the search box allows no more). */
export const MAX_SEARCH = 200;

/**
 * The search text from the URL, cut to MAX_SEARCH characters (never between the two halves of
 * one) and trimmed; the router reads `?q=2024` as a number, which is still a search for "2024".
 */
export const searchText = z.catch(
  z.optional(
    z.pipe(
      z.union([z.string(), z.number(), z.boolean()]),
      z.transform((value) => {
        return cutText(String(value).trim(), MAX_SEARCH).trim() || undefined;
      }),
    ),
  ),
  undefined,
);

/** A filter from the URL; one this page cannot read (a link typed by hand) is left out. */
export const lenient = <T extends z.ZodMiniType>(schema: T) =>
  z.catch(z.optional(schema), undefined);
