const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML email bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Content id of the funder's logo, attached inline to the email that shows it. */
export const LOGO_CID = 'funder-logo@meilenstein';

export interface EmailBrand {
  /** The funder's name, shown at the top when there is no logo, and as its alternative text. */
  name: string;
  /** Whether the logo is attached inline under LOGO_CID. */
  logo: boolean;
  /** The closing line naming who sends and on whose behalf (also the text part's last line). */
  footer: string;
}

/**
 * A plain HTML email: one paragraph per line, escaped; `links` found in the text become anchors.
 * With a brand, the funder's logo (or name) heads the email and a footer says who sends it.
 */
export function emailHtml(
  language: string,
  lines: string[],
  links: string[] = [],
  brand?: EmailBrand,
): string {
  const paragraphs = lines.map((line) => {
    let html = escapeHtml(line);
    for (const link of links) {
      const escaped = escapeHtml(link);
      html = html.replace(escaped, `<a href="${escaped}">${escaped}</a>`);
    }
    return `<p>${html}</p>`;
  });
  const header = !brand
    ? ''
    : brand.logo
      ? `<p><img src="cid:${LOGO_CID}" alt="${escapeHtml(brand.name)}" style="max-height:64px;max-width:240px;border:0"></p>`
      : `<p style="font-size:18px;font-weight:bold">${escapeHtml(brand.name)}</p>`;
  const footer = brand
    ? `<hr style="border:0;border-top:1px solid #ddd"><p style="font-size:12px;color:#555">${escapeHtml(brand.footer)}</p>`
    : '';
  return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">${header}${paragraphs.join('')}${footer}</body></html>`;
}
