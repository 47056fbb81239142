// Security headers (helmet) for every answer of the API and the web app it serves. The content
// security policy fits the web app and its API explorer (GraphiQL bundled with the app, its
// editors' workers served as files): scripts only from this origin, no inline script; inline
// styles stay allowed because Mantine and GraphiQL set style attributes. HSTS only in production
// (behind TLS). In development Apollo's own landing page at GET /graphql (an IDE loaded from its
// vendor) keeps working without the policy.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function securityHeaders(production: boolean): RequestHandler {
  const withPolicy = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONTENT_SECURITY_POLICY,
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  if (production) return withPolicy;
  const withoutPolicy = helmet({ contentSecurityPolicy: false, strictTransportSecurity: false });
  return (req, res, next) =>
    req.method === 'GET' && req.path === '/graphql'
      ? withoutPolicy(req, res, next)
      : withPolicy(req, res, next);
}
