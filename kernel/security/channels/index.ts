export {
  ChannelManager,
  type ActorOptions,
  type ChannelEvent,
  type ChannelManagerOptions,
  type ChannelState,
  type ChannelStatus,
  type RequestOptions,
} from "./manager.js";
export { type Loan } from "./loans.js";
export { encodeTerms, signTerms, verifyTerms, type ChannelTerms, type SignRole } from "./record.js";
