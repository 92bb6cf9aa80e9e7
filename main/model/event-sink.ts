import type { EventName, EventPayloads } from '../../contract/channels';

/** How services tell the renderer something happened; each host fans it out its own way. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
