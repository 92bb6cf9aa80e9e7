import type { Channel, ChannelResults, RequestOf } from '../../contract/channels';

/** One function per channel; both hosts serve this same table. Handlers may throw AppError. */
export type HandlerTable = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<ChannelResults[C]>;
};
