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

/** A plain HTML email: one paragraph per line, escaped; `links` found in the text become anchors. */
export function emailHtml(language: string, lines: string[], links: string[] = []): string {
  const paragraphs = lines.map((line) => {
    let html = escapeHtml(line);
    for (const link of links) {
      const escaped = escapeHtml(link);
      html = html.replace(escaped, `<a href="${escaped}">${escaped}</a>`);
    }
    return `<p>${html}</p>`;
  });
  return `<!doctype html><html lang="${escapeHtml(language)}"><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}</body></html>`;
}
