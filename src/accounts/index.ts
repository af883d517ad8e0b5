export {
  createAccountsService,
  hashSecret,
  recordAudit,
  type AuditEntry,
  ROLES,
  type AccountsService,
  type LoginResult,
  type NewUser,
  type Role,
} from './accounts.service.ts';
export { can, type Actor, type Permission } from './access.ts';
export { LoginThrottle } from './login-throttle.ts';
