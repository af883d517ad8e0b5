export { createChangeLog } from './change-log.ts';
