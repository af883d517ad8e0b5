import { beforeAll } from 'vitest';
import type { App } from '#src/app.ts';

export type Method = 'GET' | 'POST' | 'PUT';

/**
 * A writer, an editor and the first admin, each with an API token, for the enclosing
 * `describe`. `call` sends a request as one of them (by role, or any raw token).
 */
export function usePeople(app: () => App) {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    const { accounts } = app().services;
    for (const role of ['writer', 'editor'] as const) {
      await accounts.addUser({
        email: `${role}@example.org`,
        displayName: role,
        password: `${role} password 123`,
        role,
      });
      tokens[role] = await accounts.createToken(`${role}@example.org`, 'test');
    }
    tokens.admin = await accounts.createToken('admin@example.org', 'test');
  });
  const call = (method: Method, url: string, who?: string, payload?: unknown) =>
    app().http.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {},
    });
  return { tokens, call };
}
