/**
 * The catalog's closed vocabularies. Plain constants with no imports, so the back office
 * builds its forms from the same lists the API validates against.
 */

export const ARTIST_KINDS = ['person', 'group', 'unit', 'character', 'virtual-singer'] as const;
export const WORK_KINDS = ['tv', 'movie', 'ova', 'web', 'game', 'drama', 'other'] as const;
export const CREDIT_ROLES = ['vocals', 'lyrics', 'composition', 'arrangement', 'producer'] as const;
export const TIE_IN_ROLES = ['opening', 'ending', 'insert', 'theme', 'image'] as const;
export const MEDIA_PROVIDERS = ['youtube', 'spotify', 'apple-music', 'niconico'] as const;
export const TAG_KINDS = ['mood', 'scene', 'genre', 'era', 'instrument', 'theme'] as const;

export type CreditRole = (typeof CREDIT_ROLES)[number];
export type TieInRole = (typeof TIE_IN_ROLES)[number];
