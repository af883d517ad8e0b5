export { createDiscoveryService, type DiscoveryService, type Moved } from './discovery.service.ts';
export {
  createDraftingAssistant,
  type DraftingAssistant,
  type Theme,
  type Candidate,
} from './drafting-assistant.ts';
