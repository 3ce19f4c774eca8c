import type { EventsFilterState } from '../events-filter.js';

export const eventKeys = {
  all: ['events'] as const,
  list: (f: EventsFilterState) => [...eventKeys.all, 'list', f] as const,
};
