export { createPlaysService, type PlaysService, type PlayOutcome } from './plays.service.ts';
