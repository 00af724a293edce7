// Compile-time proof that the schemas' parsed output is exactly the model types (no runtime code).
import type { Network } from '../network';
import type { NetworkFileParsed } from './network';

export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const networkMatchesModel: Equal<NetworkFileParsed, Network> = true;
