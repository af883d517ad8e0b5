import type { OpenAPIV3_1 } from 'openapi-types';
import { renderToString } from 'preact-render-to-string';

type Operation = OpenAPIV3_1.OperationObject;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A readable page of the API, made from the same OpenAPI document that `/api/v1/openapi.json` serves. */
export function renderApiDocs(doc: OpenAPIV3_1.Document): string {
  const base = doc.servers?.[0]?.url ?? '';
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method] as Operation | undefined;
      return op ? [{ path: `${base}${path}`, method: method.toUpperCase(), op }] : [];
    }),
  );
  return `<!doctype html>${renderToString(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} ${doc.info.version}`}</title>
        <style>{`body{font:16px/1.6 system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;color:#1d1b22}
code{background:#f3eef5;padding:.1rem .3rem;border-radius:4px}section{border-top:1px solid #e7e3ec;padding:.5rem 0}
.m{font-weight:700;color:#b4235a;margin-right:.5rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top}`}</style>
      </head>
      <body>
        <h1>{doc.info.title}</h1>
        <p>{doc.info.description}</p>
        <p>
          Machine-readable: <a href={`${base}/openapi.json`}>{`${base}/openapi.json`}</a>. Errors
          are <code>application/problem+json</code> naming each field at fault. Writes need a
          session (with an <code>X-CSRF-Token</code> header) or <code>Authorization: Bearer</code>{' '}
          with an API token.
        </p>
        {operations.map(({ path, method, op }) => {
          const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
          return (
            <section id={`${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')}>
              <h2>
                <span class="m">{method}</span>
                <code>{path}</code>
              </h2>
              {op.summary && <p>{op.summary}</p>}
              {op.description && <p>{op.description}</p>}
              {params.length > 0 && (
                <table>
                  <tr>
                    <th>parameter</th>
                    <th>in</th>
                    <th>about</th>
                  </tr>
                  {params.map((p) => (
                    <tr>
                      <td>
                        <code>{p.name}</code>
                        {p.required ? ' (required)' : ''}
                      </td>
                      <td>{p.in}</td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  ))}
                </table>
              )}
              {op.requestBody && (
                <p>Takes a JSON body (see the OpenAPI document for its schema).</p>
              )}
              <p>Answers: {Object.keys(op.responses ?? {}).join(', ')}</p>
            </section>
          );
        })}
      </body>
    </html>,
  )}`;
}
