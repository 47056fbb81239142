// The API explorer: GraphiQL, bundled with the app (no CDN, no web fonts), its editors' workers
// served by Vite. It knows the schema from the committed schema.gql, so it works where the API
// answers no introspection (production), and sends requests as the signed-in person.
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { buildSchema, type ExecutionResult } from 'graphql';
import schemaSource from '../../../../schema.gql?raw';
import { rawRequest } from '../../lib/client';

const schema = buildSchema(schemaSource);

/**
 * GraphiQL keeps tabs, variables and history in localStorage by default; what someone types
 * there (a password in logIn, a link token) would outlive their session. This keeps it in
 * memory for as long as the page is open.
 */
const entries = new Map<string, string>();
const memoryStorage = {
  getItem: (key: string) => entries.get(key) ?? null,
  setItem: (key: string, value: string) => void entries.set(key, value),
  removeItem: (key: string) => void entries.delete(key),
  clear: () => entries.clear(),
  get length() {
    return entries.size;
  },
};

const DEFAULT_QUERY = `# Meilenstein GraphQL API — requests run as you, for the organisation you act for.
query Me {
  me {
    person { displayName email }
    organization { name kind }
    roles
  }
}
`;

export default function Explorer() {
  return (
    <div
      style={{ height: 'calc(100vh - 180px)', minHeight: 480 }}
      className="graphiql-container-wrapper"
    >
      <GraphiQL
        schema={schema}
        defaultQuery={DEFAULT_QUERY}
        storage={memoryStorage}
        isHeadersEditorEnabled={false}
        fetcher={async (params) =>
          (await rawRequest(
            params.query,
            params.variables,
            params.operationName ?? undefined,
          )) as ExecutionResult
        }
        forcedTheme="light"
      />
    </div>
  );
}
