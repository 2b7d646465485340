import { createContext, useContext } from "react";

// The CSP nonce travels from the server's load context to the <Scripts> tags. In the browser it is
// empty: scripts are already allowed by then.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
