export {
  createAccountsService,
  ROLES,
  type AccountsService,
  type NewUser,
  type Role,
} from './accounts.service.ts';
