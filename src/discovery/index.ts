export { createDiscoveryService, type DiscoveryService } from './discovery.service.ts';
export {
  createDraftingAssistant,
  type DraftingAssistant,
  type Theme,
  type Candidate,
} from './drafting-assistant.ts';
