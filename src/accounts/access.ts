import type { Role } from './accounts.service.ts';

/** Who is asking: a signed-in user (by session or token), or nobody. */
export interface Actor {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** How the request proved who it is: cookie-authenticated writes need a CSRF token. */
  via: 'session' | 'token';
}

export type Permission = 'edit' | 'publish' | 'manage-users';

const GRANTS: Record<Role, Permission[]> = {
  writer: ['edit'],
  editor: ['edit', 'publish'],
  admin: ['edit', 'publish', 'manage-users'],
};

/** Default deny: an actor may do only what its role grants. */
export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && GRANTS[actor.role].includes(permission);
}
