import type { Principal } from './principal.js';

/** Who acts, from where, at what time (the app's clock, injectable in tests). */
export interface Actor {
  principal: Principal;
  clientAddress: string | null;
  now: Date;
}
