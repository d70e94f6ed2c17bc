/**
 * The Content-Security-Policy nonce of the page being rendered on the server. Browsers hide a
 * nonce from the page once loaded, so on the client it is empty, which is what React expects.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
