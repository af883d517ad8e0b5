export { createDiscoveryService, type DiscoveryService } from './discovery.service.ts';
